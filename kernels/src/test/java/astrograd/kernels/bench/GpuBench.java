package astrograd.kernels.bench;

import astrograd.kernels.CudaBackend;
import astrograd.kernels.CudaUnavailableException;
import astrograd.tensor.Backends;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.RandomKind;
import astrograd.tensor.ops.ReduceOp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The astrograd side of the device check's benchmarks, on {@code cuda:0}: SGEMM 4096³ and DGEMM 2048³ (own
 * tiled kernel), device-to-device copy bandwidth (cuMemcpyDtoD), elementwise add and full-sum reduction
 * bandwidth on 2^26 floats. Each is timed as the median of repeated runs, each run synchronized (wall clock;
 * the ops take milliseconds). Writes tab-separated rows {@code side, name, median_ms, value, unit} to the file
 * given as the first argument (and to stdout); {@code kernels/bench/torch_bench.py} writes the PyTorch rows
 * with the same names. Without a GPU it prints why and writes no rows.
 */
public final class GpuBench {
    private static final int GEMM_N = 4096;
    private static final int STREAM_N = 1 << 26;

    private GpuBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench-astrograd.tsv");
        CudaBackend b;
        try {
            b = (CudaBackend) Backends.of(Device.cuda(0));
        } catch (CudaUnavailableException e) {
            System.out.println("GpuBench: skipped, no CUDA device: " + e.getMessage());
            return;
        }
        try (PrintStream tsv = new PrintStream(Files.newOutputStream(out), true, "UTF-8")) {
            gemm(b, tsv, DType.F32, GEMM_N, "sgemm_4096");
            gemm(b, tsv, DType.F64, 2048, "dgemm_2048");
            copy(b, tsv);
            stream(b, tsv);
        }
    }

    @SuppressWarnings("try")
    private static void gemm(CudaBackend b, PrintStream tsv, DType dt, int n, String name) {
        try (TensorScope s = TensorScope.open()) {
            Tensor x = b.random(RandomKind.UNIFORM, dt, new int[] {n, n}, 1, 0);
            Tensor y = b.random(RandomKind.UNIFORM, dt, new int[] {n, n}, 2, 0);
            double ms = median(b, 10, () -> b.matmul(x, y));
            row(tsv, name, ms, 2.0 * n * n * n / (ms * 1e-3) / 1e12, "TFLOP/s");
        }
    }

    private static void copy(CudaBackend b, PrintStream tsv) {
        long bytes = 4L * STREAM_N;
        long src = b.driver().malloc(bytes);
        long dst = b.driver().malloc(bytes);
        try {
            double ms = median(b, 20, () -> {
                b.driver().copy(dst, src, bytes);
                return null;
            });
            row(tsv, "copy_d2d_256MiB", ms, 2.0 * bytes / (ms * 1e-3) / 1e9, "GB/s");
        } finally {
            b.driver().free(src);
            b.driver().free(dst);
        }
    }

    @SuppressWarnings("try")
    private static void stream(CudaBackend b, PrintStream tsv) {
        try (TensorScope s = TensorScope.open()) {
            int[] shape = {STREAM_N};
            Tensor x = b.random(RandomKind.UNIFORM, DType.F32, shape, 3, 0);
            Tensor y = b.random(RandomKind.UNIFORM, DType.F32, shape, 4, 0);
            double add = median(b, 20, () -> b.binary(BinaryOp.ADD, x, y));
            row(tsv, "add_f32_2^26", add, 3.0 * 4 * STREAM_N / (add * 1e-3) / 1e9, "GB/s");
            double sum = median(b, 20, () -> b.reduce(ReduceOp.SUM, x, new int[] {0}));
            row(tsv, "sum_f32_2^26", sum, 4.0 * STREAM_N / (sum * 1e-3) / 1e9, "GB/s");
            Tensor rows = new Tensor(x.storage(), new int[] {8192, 8192});
            double rowSum = median(b, 20, () -> b.reduce(ReduceOp.SUM, rows, new int[] {1}));
            row(tsv, "rowsum_f32_8192x8192", rowSum, 4.0 * STREAM_N / (rowSum * 1e-3) / 1e9, "GB/s");
        }
    }

    /** Median wall time in ms of {@code runs} synchronized runs after two warm-ups; results are freed each run. */
    @SuppressWarnings("try")
    private static double median(CudaBackend b, int runs, Supplier<Object> op) {
        double[] ms = new double[runs];
        for (int i = -2; i < runs; i++) {
            try (TensorScope s = TensorScope.open()) {
                b.synchronize();
                long t0 = System.nanoTime();
                op.get();
                b.synchronize();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void row(PrintStream tsv, String name, double ms, double value, String unit) {
        String line = String.format(Locale.ROOT, "astrograd\t%s\t%.4f\t%.2f\t%s", name, ms, value, unit);
        tsv.println(line);
        System.out.println(line);
    }
}
