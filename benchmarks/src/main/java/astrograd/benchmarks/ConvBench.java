package astrograd.benchmarks;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward convolutions (cross-correlation, F32, stride 1, dilation 1, one group).
 * TEMPORARY: calls the backend directly without bias until the {@code astrograd.tensor.Conv} façade lands.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBench {
    private static final ConvSpec PAD1 = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
    private static final ConvSpec SAME7 = new ConvSpec(1, 1, 0, 0, 3, 3, 1, 1, 1, 0, 0);

    /** The first two conv layers of a small CNN: x [32, 3, 64, 64], 3→32→64 channels, 3×3, padding 1. */
    @State(Scope.Benchmark)
    public static class TwoLayerInputs {
        public Tensor x;
        public Tensor w1;
        public Tensor w2;

        @Setup
        public void setUp() {
            Rng rng = new Rng(5);
            x = rng.randn(DType.F32, 32, 3, 64, 64);
            w1 = rng.randn(DType.F32, 32, 3, 3, 3);
            w2 = rng.randn(DType.F32, 64, 32, 3, 3);
        }
    }

    /** x [64, 1, 200] as [64, 1, 1, 200], w [16, 1, 1, 7], 'same' padding 3 on each side. */
    @State(Scope.Benchmark)
    public static class Conv1dInputs {
        public Tensor x;
        public Tensor w;

        @Setup
        public void setUp() {
            Rng rng = new Rng(6);
            x = rng.randn(DType.F32, 64, 1, 1, 200);
            w = rng.randn(DType.F32, 16, 1, 1, 7);
        }
    }

    @Benchmark
    public Tensor conv2dTwoLayers(TwoLayerInputs in) {
        Tensor h = in.x.backend().conv2d(in.x, in.w1, PAD1);
        return h.backend().conv2d(h, in.w2, PAD1);
    }

    @Benchmark
    public Tensor conv1dSame(Conv1dInputs in) {
        return in.x.backend().conv2d(in.x, in.w, SAME7);
    }
}
