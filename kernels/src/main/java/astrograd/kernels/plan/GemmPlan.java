package astrograd.kernels.plan;

import astrograd.kernels.driver.Launch;
import astrograd.tensor.DType;

/**
 * The launch of {@code gemm_<dtype>} (gemm.cuh): one block of 256 threads per {@code tileM x tileN} tile of C,
 * grid {@code (ceil(n / tileN), ceil(m / tileM), min(batch, 65535))}; the kernel loops over further batches.
 * The tile sizes mirror {@code AG_GEMM_F32_TILE} and {@code AG_GEMM_F64_TILE}.
 *
 * @param tileM rows of C per block
 * @param tileN columns of C per block
 * @param launch the launch
 */
public record GemmPlan(int tileM, int tileN, Launch launch) {
    /** Threads per block of both GEMM kernels. */
    public static final int THREADS = 256;

    /** The plan for C [batch, m, n] in F32 or F64. */
    public static GemmPlan of(DType dtype, int m, int n, int batch) {
        if (m < 1 || n < 1 || batch < 1) {
            throw new IllegalArgumentException("gemm plan for an empty product " + batch + "x" + m + "x" + n);
        }
        int tm = dtype == DType.F32 ? 128 : 64;
        int tn = tm;
        int gridY = (m + tm - 1) / tm;
        if (gridY > Launch.MAX_GRID_YZ) {
            throw new UnsupportedOperationException("matmul with " + m + " rows is not yet on CUDA (at most "
                    + (long) Launch.MAX_GRID_YZ * tm + " rows for " + dtype + ")");
        }
        int gridX = (n + tn - 1) / tn;
        int gridZ = Math.min(batch, Launch.MAX_GRID_YZ);
        return new GemmPlan(tm, tn, new Launch(gridX, gridY, gridZ, THREADS, 1, 1, 0));
    }
}
