package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.NotPositiveDefiniteException;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Batched Cholesky factorization and triangular solves on the CPU. Each matrix is read through the
 * tensor's strides (transposed, sliced, expanded and flipped views need no copy) into a row-major double
 * work array, factored or solved in double, and rounded once into a new contiguous result of the input
 * dtype. Matrices of a batch are independent and run in parallel; when several fail, the one with the
 * lowest flat batch index is reported, whatever the thread count.
 */
final class CpuLinalg {
    /** Roughly the flops one thread should get before a batch is split. */
    private static final long MIN_FLOPS_PER_THREAD = 1L << 15;

    private CpuLinalg() {
    }

    /**
     * Lower factors L with {@code L L^T = A}, reading only the lower triangle of each A; the strict upper
     * triangle of L is zero.
     *
     * @throws NotPositiveDefiniteException for the first matrix whose pivot {@code a_jj - sum_k l_jk^2} is
     *         not positive (or NaN)
     */
    static Tensor cholesky(Tensor a) {
        int n = a.size(-1);
        MatrixBatch in = new MatrixBatch(a, false);
        double[] out = new double[in.count * n * n];
        int[] failedPivot = new int[in.count];
        double[] failedValue = new double[in.count];
        EnginePool.parallelFor(in.count, minMatricesPerThread((long) n * n * n / 3), (first, last) -> {
            double[] work = new double[n * n];
            for (int m = first; m < last; m++) {
                in.load(m, work);
                int pivot = factor(work, n);
                failedPivot[m] = pivot;
                if (pivot >= 0) {
                    failedValue[m] = work[pivot * n + pivot];
                } else {
                    System.arraycopy(work, 0, out, m * n * n, n * n);
                }
            }
        });
        for (int m = 0; m < in.count; m++) {
            if (failedPivot[m] >= 0) {
                throw new NotPositiveDefiniteException("cholesky: " + matrixName(m, in.batchShape)
                        + " is not positive definite (pivot " + failedPivot[m] + " is " + failedValue[m] + ")", m);
            }
        }
        return result(out, a.dtype(), a.shape());
    }

    /**
     * In-place Cholesky–Banachiewicz on a row-major n-by-n work array: on success the lower triangle holds
     * L, the upper is zeroed, and -1 is returned; otherwise the failing pivot index, whose diagonal slot
     * then holds the offending value {@code a_jj - sum_k l_jk^2}.
     */
    static int factor(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double s = a[ri + j];
                for (int k = 0; k < j; k++) {
                    s -= a[ri + k] * a[rj + k];
                }
                if (j < i) {
                    a[ri + j] = s / a[rj + j];
                } else if (s > 0) {
                    a[ri + i] = Math.sqrt(s);
                } else {
                    a[ri + i] = s;
                    return i;
                }
            }
            Arrays.fill(a, ri + i + 1, ri + n, 0.0);
        }
        return -1;
    }

    /**
     * X with {@code op(A) X = B}, op(A) = A or A^T, reading only the triangle of A that {@code lower} names.
     *
     * @throws ArithmeticException for the first matrix with an exactly zero diagonal element
     */
    static Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA) {
        int n = a.size(-1);
        int k = b.size(-1);
        // loading A transposed turns op(A) into a plain triangular matrix of the other kind
        MatrixBatch ta = new MatrixBatch(a, transposeA);
        MatrixBatch tb = new MatrixBatch(b, false);
        boolean forward = lower != transposeA;
        double[] out = new double[tb.count * n * k];
        int[] zeroDiagonal = new int[tb.count];
        EnginePool.parallelFor(tb.count, minMatricesPerThread((long) n * n * Math.max(k, 1)), (first, last) -> {
            double[] t = new double[n * n];
            double[] x = new double[n * k];
            for (int m = first; m < last; m++) {
                ta.load(m, t);
                tb.load(m, x);
                zeroDiagonal[m] = zeroDiagonal(t, n);
                if (zeroDiagonal[m] < 0) {
                    if (forward) {
                        forwardSubstitute(t, x, n, k);
                    } else {
                        backSubstitute(t, x, n, k);
                    }
                    System.arraycopy(x, 0, out, m * n * k, n * k);
                }
            }
        });
        for (int m = 0; m < tb.count; m++) {
            if (zeroDiagonal[m] >= 0) {
                throw new ArithmeticException("triangularSolve: " + matrixName(m, tb.batchShape)
                        + " is singular (diagonal element " + zeroDiagonal[m] + " is 0)");
            }
        }
        return result(out, b.dtype(), b.shape());
    }

    private static int zeroDiagonal(double[] t, int n) {
        for (int i = 0; i < n; i++) {
            if (t[i * n + i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code x <- T^-1 x} for lower-triangular T (n-by-n) and x (n-by-k), both row-major. */
    static void forwardSubstitute(double[] t, double[] x, int n, int k) {
        for (int i = 0; i < n; i++) {
            int ri = i * k;
            for (int j = 0; j < i; j++) {
                subtractScaledRow(x, ri, j * k, t[i * n + j], k);
            }
            divideRow(x, ri, t[i * n + i], k);
        }
    }

    /** {@code x <- T^-1 x} for upper-triangular T. */
    static void backSubstitute(double[] t, double[] x, int n, int k) {
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * k;
            for (int j = i + 1; j < n; j++) {
                subtractScaledRow(x, ri, j * k, t[i * n + j], k);
            }
            divideRow(x, ri, t[i * n + i], k);
        }
    }

    private static void subtractScaledRow(double[] x, int dst, int src, double f, int k) {
        if (f != 0) {
            for (int c = 0; c < k; c++) {
                x[dst + c] -= f * x[src + c];
            }
        }
    }

    private static void divideRow(double[] x, int row, double d, int k) {
        for (int c = 0; c < k; c++) {
            x[row + c] /= d;
        }
    }

    private static int minMatricesPerThread(long flopsPerMatrix) {
        return (int) Math.max(1, MIN_FLOPS_PER_THREAD / Math.max(1, flopsPerMatrix));
    }

    private static String matrixName(int m, int[] batchShape) {
        return batchShape.length == 0 ? "the matrix" : "matrix " + m + " of batch " + Shape.str(batchShape);
    }

    private static Tensor result(double[] values, DType dtype, int[] shape) {
        if (dtype == DType.F64) {
            return new Tensor(CpuStorage.adopt(DType.F64, values), shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return new Tensor(CpuStorage.adopt(DType.F32, f), shape);
    }

    /** Strided access to the matrices {@code [..., rows, cols]} of an F32 or F64 CPU tensor. */
    private static final class MatrixBatch {
        final int[] batchShape;
        final int count;
        private final int[] batchStrides;
        private final Object array;
        private final int offset;
        private final int rows;
        private final int cols;
        private final int rowStride;
        private final int colStride;

        /** With {@code transposed}, each matrix is read as its transpose. */
        MatrixBatch(Tensor t, boolean transposed) {
            int r = t.rank();
            int[] shape = t.shape();
            int[] strides = t.strides();
            batchShape = Arrays.copyOf(shape, r - 2);
            batchStrides = Arrays.copyOf(strides, r - 2);
            count = Shape.numel(batchShape);
            array = ((CpuStorage) t.storage()).array();
            offset = t.offset();
            rows = transposed ? shape[r - 1] : shape[r - 2];
            cols = transposed ? shape[r - 2] : shape[r - 1];
            rowStride = transposed ? strides[r - 1] : strides[r - 2];
            colStride = transposed ? strides[r - 2] : strides[r - 1];
        }

        /** Copies matrix m of the batch into dst, row-major rows-by-cols. */
        void load(int m, double[] dst) {
            int base = offsetOf(m);
            if (array instanceof double[]) {
                double[] src = (double[]) array;
                for (int i = 0; i < rows; i++) {
                    int o = base + i * rowStride;
                    for (int j = 0; j < cols; j++) {
                        dst[i * cols + j] = src[o + j * colStride];
                    }
                }
            } else {
                float[] src = (float[]) array;
                for (int i = 0; i < rows; i++) {
                    int o = base + i * rowStride;
                    for (int j = 0; j < cols; j++) {
                        dst[i * cols + j] = src[o + j * colStride];
                    }
                }
            }
        }

        private int offsetOf(int m) {
            int o = offset;
            for (int d = batchShape.length - 1; d >= 0; d--) {
                o += (m % batchShape[d]) * batchStrides[d];
                m /= batchShape[d];
            }
            return o;
        }
    }
}
