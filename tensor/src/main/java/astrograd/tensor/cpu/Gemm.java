package astrograd.tensor.cpu;

/**
 * Raw-array GEMM: {@code C = A·B + (accumulate ? C : 0)} with A {@code m×k}, B {@code k×n}, C {@code m×n}.
 * Element (i, p) of A is {@code a[aOff + i*aRowStride + p*aColStride]} (so a transposed operand is just
 * swapped strides), likewise for B; C is row-major with leading dimension {@code ldc}. Arrays are not
 * modified except C. Runs on the engine pool when the product is large.
 */
public final class Gemm {
    private Gemm() {
    }

    /** Single precision. */
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[cOff + i * ldc + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    /** Double precision. */
    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRowStride, int aColStride,
                             double[] b, int bOff, int bRowStride, int bColStride,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }
}
