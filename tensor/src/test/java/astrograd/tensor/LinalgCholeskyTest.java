package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cholesky, triangular solves and log-determinants against float64 reference loops. */
class LinalgCholeskyTest {

    /** {@code count} SPD n-by-n matrices, row-major one after another: {@code M M^T + n I}. */
    static double[] spd(int count, int n, long seed) {
        Random r = new Random(seed);
        double[] out = new double[count * n * n];
        for (int b = 0; b < count; b++) {
            double[] m = new double[n * n];
            for (int i = 0; i < m.length; i++) {
                m[i] = r.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? n : 0;
                    for (int k = 0; k < n; k++) {
                        s += m[i * n + k] * m[j * n + k];
                    }
                    out[b * n * n + i * n + j] = s;
                }
            }
        }
        return out;
    }

    /** Checks that each L is lower with positive diagonal and {@code L L^T = A}. */
    static void assertFactors(double[] a, double[] l, int n, double tol) {
        for (int b = 0; b < a.length / (n * n); b++) {
            int o = b * n * n;
            for (int i = 0; i < n; i++) {
                assertTrue(l[o + i * n + i] > 0, "diagonal");
                for (int j = 0; j < n; j++) {
                    if (j > i) {
                        assertEquals(0.0, l[o + i * n + j], 0.0, "upper triangle of matrix " + b);
                    }
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += l[o + i * n + k] * l[o + j * n + k];
                    }
                    assertEquals(a[o + i * n + j], s, tol * (1 + Math.abs(a[o + i * n + j])), "L L^T at matrix " + b);
                }
            }
        }
    }

    @Test
    void choleskyReconstructsBatchF64() {
        int n = 7;
        double[] a = spd(8, n, 1);
        Tensor l = Linalg.cholesky(Tensor.of(a, 4, 2, n, n));
        assertArrayEquals(new int[] {4, 2, n, n}, l.shape());
        assertEquals(DType.F64, l.dtype());
        assertFactors(a, l.toDoubleArray(), n, 1e-12);
    }

    @Test
    void choleskyF32IsRoundedFromDouble() {
        int n = 6;
        double[] a = spd(3, n, 2);
        Tensor a32 = Tensor.of(a, 3, n, n).to(DType.F32);
        Tensor l32 = Linalg.cholesky(a32);
        assertEquals(DType.F32, l32.dtype());
        double[] ref = Linalg.cholesky(a32.to(DType.F64)).toDoubleArray();
        float[] got = l32.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals((float) ref[i], got[i], 0f);
        }
    }

    @Test
    void choleskyReadsOnlyTheLowerTriangle() {
        int n = 5;
        double[] a = spd(1, n, 3);
        double[] garbage = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                garbage[i * n + j] = 1e6 * (i - j);
            }
        }
        assertArrayEquals(Linalg.cholesky(Tensor.of(a, n, n)).toDoubleArray(),
                Linalg.cholesky(Tensor.of(garbage, n, n)).toDoubleArray());
    }

    @Test
    void choleskyOfNonContiguousViews() {
        int n = 4;
        double[] a = spd(6, n, 4);
        double[] ref = Linalg.cholesky(Tensor.of(a, 6, n, n)).toDoubleArray();
        // batch axis last in memory, then permuted back: [n, n, 6] -> [6, n, n]
        Tensor moved = Tensor.of(a, 6, n, n).permute(1, 2, 0).contiguous().permute(2, 0, 1);
        assertArrayEquals(ref, Linalg.cholesky(moved).toDoubleArray());
        // every other matrix of a batch of 6, and a flipped batch
        Tensor everyOther = Tensor.of(a, 6, n, n).slice(0, 1, 6, 2);
        double[] got = Linalg.cholesky(everyOther).toDoubleArray();
        for (int b = 0; b < 3; b++) {
            for (int e = 0; e < n * n; e++) {
                assertEquals(ref[(2 * b + 1) * n * n + e], got[b * n * n + e], 0.0);
            }
        }
        double[] flipped = Linalg.cholesky(Tensor.of(a, 6, n, n).flip(0)).toDoubleArray();
        assertEquals(ref[5 * n * n + n + 1], flipped[n + 1], 0.0);
        // an expanded batch reads one matrix three times
        Tensor single = Tensor.of(a, 6, n, n).select(0, 2);
        double[] expanded = Linalg.cholesky(single.unsqueeze(0).expand(3, n, n)).toDoubleArray();
        for (int b = 0; b < 3; b++) {
            for (int e = 0; e < n * n; e++) {
                assertEquals(ref[2 * n * n + e], expanded[b * n * n + e], 0.0);
            }
        }
    }

    @Test
    void largeBatchRunsInParallelWithTheSameResult() {
        int n = 3;
        int count = 5000;
        double[] a = spd(count, n, 5);
        double[] l = Linalg.cholesky(Tensor.of(a, count, n, n)).toDoubleArray();
        assertFactors(a, l, n, 1e-12);
    }

    @Test
    void notPositiveDefiniteNamesTheFirstMatrixAndPivot() {
        int n = 3;
        double[] a = new double[8 * n * n];
        for (int b = 0; b < 8; b++) {
            for (int i = 0; i < n; i++) {
                a[b * n * n + i * n + i] = 1;
            }
        }
        a[3 * n * n + 2 * n + 2] = -0.5;
        a[5 * n * n] = -1;
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> Linalg.cholesky(Tensor.of(a, 4, 2, n, n)));
        assertEquals("cholesky: matrix 3 of batch [4, 2] is not positive definite (pivot 2 is -0.5)", e.getMessage());
        assertEquals(3, e.batchIndex());

        NotPositiveDefiniteException single = assertThrows(NotPositiveDefiniteException.class,
                () -> Linalg.cholesky(Tensor.of(new double[] {1, 2, 2, 1}, 2, 2)));
        assertEquals("cholesky: the matrix is not positive definite (pivot 1 is -3.0)", single.getMessage());
        assertThrows(NotPositiveDefiniteException.class,
                () -> Linalg.cholesky(Tensor.of(new double[] {Double.NaN, 0, 0, 1}, 2, 2)));
    }

    @Test
    void choleskyValidatesShapesAndDtypes() {
        ShapeException s = assertThrows(ShapeException.class, () -> Linalg.cholesky(Tensor.zeros(DType.F64, 2, 3)));
        assertEquals("cholesky: matrix [2, 3] must be [..., n, n]", s.getMessage());
        assertThrows(ShapeException.class, () -> Linalg.cholesky(Tensor.zeros(DType.F64, 4)));
        DTypeException d = assertThrows(DTypeException.class, () -> Linalg.cholesky(Tensor.zeros(DType.I64, 2, 2)));
        assertTrue(d.getMessage().startsWith("cholesky: matrix must be F32 or F64"), d.getMessage());
        assertArrayEquals(new int[] {0, 3, 3}, Linalg.cholesky(Tensor.zeros(DType.F32, 0, 3, 3)).shape());
        assertArrayEquals(new int[] {2, 0, 0}, Linalg.cholesky(Tensor.zeros(DType.F32, 2, 0, 0)).shape());
    }

    @Test
    void logdetFromCholesky() {
        int n = 5;
        double[] a = spd(6, n, 6);
        Tensor l = Linalg.cholesky(Tensor.of(a, 2, 3, n, n));
        Tensor logdet = Linalg.logdetFromCholesky(l);
        assertArrayEquals(new int[] {2, 3}, logdet.shape());
        double[] got = logdet.toDoubleArray();
        for (int b = 0; b < 6; b++) {
            double[] m = java.util.Arrays.copyOfRange(a, b * n * n, (b + 1) * n * n);
            assertEquals(Math.log(determinant(m, n)), got[b], 1e-12 * Math.abs(got[b]) + 1e-12);
        }
        Tensor single = Linalg.logdetFromCholesky(Tensor.of(new double[] {2, 0, 5, 3}, 2, 2).to(DType.F32));
        assertEquals(0, single.rank());
        assertEquals(DType.F32, single.dtype());
        assertEquals((float) (2 * Math.log(6)), (float) single.item(), 0f);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Linalg.logdetFromCholesky(Tensor.of(new double[] {1, 0, 0, -2}, 1, 2, 2)));
        assertEquals("logdetFromCholesky: factor 0 of batch [1] has diagonal element 1 = -2.0, not a Cholesky factor",
                e.getMessage());
    }

    /** Determinant by Gaussian elimination with partial pivoting (m modified). */
    static double determinant(double[] m, int n) {
        double det = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) {
                    p = r;
                }
            }
            if (p != c) {
                for (int k = 0; k < n; k++) {
                    double t = m[c * n + k];
                    m[c * n + k] = m[p * n + k];
                    m[p * n + k] = t;
                }
                det = -det;
            }
            det *= m[c * n + c];
            for (int r = c + 1; r < n; r++) {
                double f = m[r * n + c] / m[c * n + c];
                for (int k = c; k < n; k++) {
                    m[r * n + k] -= f * m[c * n + k];
                }
            }
        }
        return det;
    }
}
