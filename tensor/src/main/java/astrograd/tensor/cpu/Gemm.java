package astrograd.tensor.cpu;

/**
 * Raw-array GEMM: {@code C = A·B + (accumulate ? C : 0)} with A {@code m×k}, B {@code k×n}, C {@code m×n}.
 * Element (i, p) of A is {@code a[aOff + i*aRowStride + p*aColStride]} (so a transposed operand is just
 * swapped strides; any stride, including 0 and negative, is allowed), likewise for B; C is row-major with
 * leading dimension {@code ldc}. Arrays are not modified except C, which must not overlap A or B. Runs on
 * the engine pool when the product is large.
 *
 * <p>Each element is computed as one sequential chain of fused multiply-adds
 * {@code c = fma(A[i][p], B[p][j], c)} for p = 0..k-1, starting from C or zero, so the result does not depend
 * on the thread count, the blocking or timing. Cache-blocked with packed panels and a vector micro-kernel;
 * see {@link GemmF32}.
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * Single precision.
     *
     * @throws IllegalArgumentException if a size is negative, an operand reaches outside its array, or C
     *                                  overlaps A or B
     */
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        check("sgemm", m, n, k, a, a == null ? 0 : a.length, aOff, aRowStride, aColStride,
                b, b == null ? 0 : b.length, bOff, bRowStride, bColStride, c, c == null ? 0 : c.length, cOff, ldc);
        GemmF32.gemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate, true);
    }

    /**
     * Double precision.
     *
     * @throws IllegalArgumentException if a size is negative, an operand reaches outside its array, or C
     *                                  overlaps A or B
     */
    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRowStride, int aColStride,
                             double[] b, int bOff, int bRowStride, int bColStride,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        check("dgemm", m, n, k, a, a == null ? 0 : a.length, aOff, aRowStride, aColStride,
                b, b == null ? 0 : b.length, bOff, bRowStride, bColStride, c, c == null ? 0 : c.length, cOff, ldc);
        GemmF64.gemm(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate, true);
    }

    private static void check(String op, int m, int n, int k,
                              Object a, int aLen, int aOff, int ars, int acs,
                              Object b, int bLen, int bOff, int brs, int bcs,
                              Object c, int cLen, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (c == null) {
            throw new IllegalArgumentException(op + ": C is null");
        }
        if (ldc < n && m > 1) {
            throw new IllegalArgumentException(op + ": ldc " + ldc + " < n " + n + " for C [" + m + ", " + n + "]");
        }
        long[] cRange = range(op, "C", m, n, cOff, ldc, 1, cLen);
        if (k == 0) {
            return;
        }
        if (a == null || b == null) {
            throw new IllegalArgumentException(op + ": " + (a == null ? "A" : "B") + " is null");
        }
        long[] aRange = range(op, "A", m, k, aOff, ars, acs, aLen);
        long[] bRange = range(op, "B", k, n, bOff, brs, bcs, bLen);
        if ((c == a && overlaps(cRange, aRange)) || (c == b && overlaps(cRange, bRange))) {
            throw new IllegalArgumentException(op + ": C [" + m + ", " + n + "] overlaps "
                    + (c == a && overlaps(cRange, aRange) ? "A" : "B") + " in the same array");
        }
    }

    /** Lowest and highest index touched by a {@code rows × cols} strided operand; fails outside [0, len). */
    private static long[] range(String op, String name, int rows, int cols, int off, int rs, int cs, int len) {
        long r = (long) (rows - 1) * rs;
        long q = (long) (cols - 1) * cs;
        long lo = off + Math.min(0, r) + Math.min(0, q);
        long hi = off + Math.max(0, r) + Math.max(0, q);
        if (lo < 0 || hi >= len) {
            throw new IllegalArgumentException(op + ": " + name + " [" + rows + ", " + cols + "] at offset " + off
                    + " with strides (" + rs + ", " + cs + ") reaches indices [" + lo + ", " + hi
                    + "] outside its array of length " + len);
        }
        return new long[] {lo, hi};
    }

    private static boolean overlaps(long[] x, long[] y) {
        return x[0] <= y[1] && y[0] <= x[1];
    }
}
