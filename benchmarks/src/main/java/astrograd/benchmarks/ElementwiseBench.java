package astrograd.benchmarks;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A chain of elementwise ops on {@code n} F32 values, {@code sigmoid(a * b + c)} with
 * {@code sigmoid(x) = 1 / (1 + exp(-x))}, written as three separate tensor ops (three passes, two
 * intermediate tensors), the way user code writes it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class ElementwiseBench {
    /** Number of elements (1M = 2^20). */
    @Param({"1048576"})
    public int n;

    public Tensor a;
    public Tensor b;
    public Tensor c;

    @Setup
    public void setUp() {
        Rng rng = new Rng(3);
        a = rng.randn(DType.F32, n);
        b = rng.randn(DType.F32, n);
        c = rng.randn(DType.F32, n);
    }

    /** {@code a.mul(b).add(c).sigmoid()}. */
    @Benchmark
    public Tensor sigmoidMulAdd() {
        return a.mul(b).add(c).sigmoid();
    }

    /**
     * The same chain inside a {@link TensorScope}, as a training loop runs it: the memory of the step's
     * tensors is recycled when the scope closes (PyTorch's caching allocator does this implicitly).
     */
    @Benchmark
    public double sigmoidMulAddScoped() {
        try (TensorScope scope = TensorScope.open()) {
            return a.mul(b).add(c).sigmoid().numel();
        }
    }
}
