package astrograd.benchmarks;

import astrograd.tensor.Conv;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
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
 * Forward convolutions (cross-correlation, F32, stride 1, dilation 1, one group, with bias) through the
 * {@link Conv} façade: {@code out[n, o, i, j] = b[o] + sum_{c, u, v} w[o, c, u, v] x[n, c, i + u - p, j + v - p]}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class ConvBench {

    /**
     * The first two conv layers of a small CNN, no activation between them: x {@code [32, 3, 64, 64]},
     * conv 3→32 then 32→64, 3×3, padding 1.
     */
    @State(Scope.Benchmark)
    public static class TwoLayerInputs {
        public Tensor x;
        public Tensor w1;
        public Tensor b1;
        public Tensor w2;
        public Tensor b2;

        @Setup
        public void setUp() {
            Rng rng = new Rng(5);
            x = rng.randn(DType.F32, 32, 3, 64, 64);
            w1 = rng.randn(DType.F32, 32, 3, 3, 3);
            b1 = rng.randn(DType.F32, 32);
            w2 = rng.randn(DType.F32, 64, 32, 3, 3);
            b2 = rng.randn(DType.F32, 64);
        }
    }

    /** x {@code [64, 1, 200]}, w {@code [16, 1, 7]}, 'same' padding (3 on each side). */
    @State(Scope.Benchmark)
    public static class Conv1dInputs {
        public Tensor x;
        public Tensor w;
        public Tensor b;

        @Setup
        public void setUp() {
            Rng rng = new Rng(6);
            x = rng.randn(DType.F32, 64, 1, 200);
            w = rng.randn(DType.F32, 16, 1, 7);
            b = rng.randn(DType.F32, 16);
        }
    }

    /** {@code conv2d(conv2d(x, w1, b1), w2, b2)}: {@code [32, 3, 64, 64] -> [32, 64, 64, 64]}. */
    @Benchmark
    public Tensor conv2dTwoLayers(TwoLayerInputs in) {
        Tensor hidden = Conv.conv2d(in.x, in.w1, in.b1, 1, 1, 1, 1);
        return Conv.conv2d(hidden, in.w2, in.b2, 1, 1, 1, 1);
    }

    /** {@code conv1d(x, w, b, padding='same')}: {@code [64, 1, 200] -> [64, 16, 200]}. */
    @Benchmark
    public Tensor conv1dSame(Conv1dInputs in) {
        return Conv.conv1d(in.x, in.w, in.b, 1, Conv.Padding.SAME, 1, 1);
    }

    /** {@link #conv2dTwoLayers} inside a {@link TensorScope} (memory recycled, as in a training loop). */
    @Benchmark
    public int conv2dTwoLayersScoped(TwoLayerInputs in) {
        try (TensorScope scope = TensorScope.open()) {
            return conv2dTwoLayers(in).numel();
        }
    }

    /** {@link #conv1dSame} inside a {@link TensorScope}. */
    @Benchmark
    public int conv1dSameScoped(Conv1dInputs in) {
        try (TensorScope scope = TensorScope.open()) {
            return conv1dSame(in).numel();
        }
    }
}
