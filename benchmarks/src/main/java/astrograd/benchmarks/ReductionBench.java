package astrograd.benchmarks;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
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
 * Row-wise log-sum-exp of a {@code [size, size]} F32 matrix,
 * {@code out[i] = m_i + log(sum_j exp(x[i, j] - m_i))} with {@code m_i = max_j x[i, j]}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class ReductionBench {
    private static final int[] LAST_AXIS = {-1};

    @Param({"1024"})
    public int size;

    public Tensor x;

    @Setup
    public void setUp() {
        x = new Rng(4).randn(DType.F32, size, size);
    }

    /** {@code x.logsumexp(new int[] {-1}, false)}: {@code [size, size] -> [size]}. */
    @Benchmark
    public Tensor logsumexpLastAxis() {
        return x.logsumexp(LAST_AXIS, false);
    }
}
