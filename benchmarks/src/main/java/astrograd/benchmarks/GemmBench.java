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
 * Dense matrix products {@code C = A @ B} of square matrices, {@code size}³ multiply-adds, i.e.
 * {@code 2 * size³} flops per call: SGEMM (F32, sizes 256 and 1024) and DGEMM (F64, size 512).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class GemmBench {

    /** F32 operands {@code [size, size]}. */
    @State(Scope.Benchmark)
    public static class SgemmInputs {
        @Param({"256", "1024"})
        public int size;

        public Tensor a;
        public Tensor b;

        @Setup
        public void setUp() {
            Rng rng = new Rng(1);
            a = rng.randn(DType.F32, size, size);
            b = rng.randn(DType.F32, size, size);
        }
    }

    /** F64 operands {@code [size, size]}. */
    @State(Scope.Benchmark)
    public static class DgemmInputs {
        @Param({"512"})
        public int size;

        public Tensor a;
        public Tensor b;

        @Setup
        public void setUp() {
            Rng rng = new Rng(2);
            a = rng.randn(DType.F64, size, size);
            b = rng.randn(DType.F64, size, size);
        }
    }

    /** F32 {@code a.matmul(b)}. */
    @Benchmark
    public Tensor sgemm(SgemmInputs in) {
        return in.a.matmul(in.b);
    }

    /** F64 {@code a.matmul(b)}. */
    @Benchmark
    public Tensor dgemm(DgemmInputs in) {
        return in.a.matmul(in.b);
    }
}
