package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Triangular and Cholesky solves against float64 reference products. */
class LinalgTriangularSolveTest {

    /** Triangular matrices (the other triangle filled with large garbage, which must be ignored). */
    static double[] triangular(int count, int n, boolean lower, long seed) {
        Random r = new Random(seed);
        double[] t = new double[count * n * n];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    boolean inside = lower ? j <= i : j >= i;
                    double v = i == j ? 2 + r.nextDouble() : 0.5 * r.nextGaussian();
                    t[b * n * n + i * n + j] = inside ? v : 1e9;
                }
            }
        }
        return t;
    }

    static double[] gaussian(int count, long seed) {
        Random r = new Random(seed);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** Max |op(T) X - B| over the batch, reading only T's named triangle. */
    static double residual(double[] t, double[] x, double[] b, int count, int n, int k, boolean lower, boolean trans) {
        double worst = 0;
        for (int m = 0; m < count; m++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        int row = trans ? j : i;
                        int col = trans ? i : j;
                        boolean inside = lower ? col <= row : col >= row;
                        if (inside) {
                            s += t[m * n * n + row * n + col] * x[m * n * k + j * k + c];
                        }
                    }
                    worst = Math.max(worst, Math.abs(s - b[m * n * k + i * k + c]));
                }
            }
        }
        return worst;
    }

    @Test
    void allFourVariantsSolveF64() {
        int n = 6;
        int k = 3;
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean trans : new boolean[] {false, true}) {
                double[] t = triangular(4, n, lower, 1);
                double[] b = gaussian(4 * n * k, 2);
                Tensor x = Linalg.triangularSolve(Tensor.of(t, 2, 2, n, n), Tensor.of(b, 2, 2, n, k), lower, trans);
                assertArrayEquals(new int[] {2, 2, n, k}, x.shape());
                double res = residual(t, x.toDoubleArray(), b, 4, n, k, lower, trans);
                assertTrue(res < 1e-12, "lower=" + lower + " transpose=" + trans + ": residual " + res);
            }
        }
    }

    @Test
    void f32IsSolvedInDoubleAndRounded() {
        int n = 5;
        int k = 2;
        Tensor t = Tensor.of(triangular(3, n, true, 3), 3, n, n).to(DType.F32);
        Tensor b = Tensor.of(gaussian(3 * n * k, 4), 3, n, k).to(DType.F32);
        Tensor x = Linalg.triangularSolve(t, b, true, true);
        assertEquals(DType.F32, x.dtype());
        double[] ref = Linalg.triangularSolve(t.to(DType.F64), b.to(DType.F64), true, true).toDoubleArray();
        float[] got = x.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals((float) ref[i], got[i], 0f);
        }
    }

    @Test
    void batchAxesBroadcast() {
        int n = 4;
        int k = 2;
        double[] t = triangular(2, n, true, 5);
        double[] b = gaussian(3 * n * k, 6);
        Tensor x = Linalg.triangularSolve(Tensor.of(t, 2, 1, n, n), Tensor.of(b, 3, n, k), true, false);
        assertArrayEquals(new int[] {2, 3, n, k}, x.shape());
        double[] got = x.toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double[] ti = Tensor.of(t, 2, n, n).select(0, i).toDoubleArray();
            for (int j = 0; j < 3; j++) {
                double[] bj = Tensor.of(b, 3, n, k).select(0, j).toDoubleArray();
                double[] xij = java.util.Arrays.copyOfRange(got, (i * 3 + j) * n * k, (i * 3 + j + 1) * n * k);
                assertTrue(residual(ti, xij, bj, 1, n, k, true, false) < 1e-12);
            }
        }
        // a single A against a batch of right-hand sides
        Tensor y = Linalg.triangularSolve(Tensor.of(t, 2, n, n).select(0, 1), Tensor.of(b, 3, n, k), false, true);
        assertArrayEquals(new int[] {3, n, k}, y.shape());
    }

    @Test
    void nonContiguousOperandsGiveTheSameResult() {
        int n = 5;
        int k = 3;
        double[] t = triangular(2, n, false, 7);
        double[] b = gaussian(2 * n * k, 8);
        double[] ref = Linalg.triangularSolve(Tensor.of(t, 2, n, n), Tensor.of(b, 2, n, k), false, false).toDoubleArray();
        // A stored transposed, B stored as [2, k, n]
        Tensor at = Tensor.of(t, 2, n, n).transpose(1, 2).contiguous().transpose(1, 2);
        Tensor bt = Tensor.of(b, 2, n, k).transpose(1, 2).contiguous().transpose(1, 2);
        assertTrue(!at.isContiguous() && !bt.isContiguous());
        assertArrayEquals(ref, Linalg.triangularSolve(at, bt, false, false).toDoubleArray());
        // solving with the lower triangle of the stored transpose, transposed, is the same problem
        Tensor lowerStored = Tensor.of(t, 2, n, n).transpose(1, 2).contiguous();
        double[] viaTranspose = Linalg.triangularSolve(lowerStored, Tensor.of(b, 2, n, k), true, true).toDoubleArray();
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], viaTranspose[i], 1e-12);
        }
    }

    @Test
    void choleskySolveSolvesTheSpdSystem() {
        int n = 6;
        int k = 2;
        double[] a = LinalgCholeskyTest.spd(3, n, 9);
        double[] b = gaussian(3 * n * k, 10);
        Tensor l = Linalg.cholesky(Tensor.of(a, 3, n, n));
        double[] x = Linalg.choleskySolve(l, Tensor.of(b, 3, n, k)).toDoubleArray();
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += a[m * n * n + i * n + j] * x[m * n * k + j * k + c];
                    }
                    assertEquals(b[m * n * k + i * k + c], s, 1e-11);
                }
            }
        }
    }

    @Test
    void argumentsAreValidated() {
        Tensor a = Tensor.eye(3, DType.F64);
        DTypeException d = assertThrows(DTypeException.class,
                () -> Linalg.triangularSolve(a, Tensor.zeros(DType.F32, 3, 1), true, false));
        assertTrue(d.getMessage().startsWith("triangularSolve:"), d.getMessage());
        ShapeException rows = assertThrows(ShapeException.class,
                () -> Linalg.triangularSolve(a, Tensor.zeros(DType.F64, 4, 1), true, false));
        assertEquals("triangularSolve: A [3, 3] and B [4, 1]: B must be [..., 3, k]", rows.getMessage());
        assertThrows(ShapeException.class, () -> Linalg.triangularSolve(Tensor.zeros(DType.F64, 3, 2),
                Tensor.zeros(DType.F64, 3, 1), true, false));
        ShapeException batch = assertThrows(ShapeException.class, () -> Linalg.triangularSolve(
                Tensor.zeros(DType.F64, 2, 3, 3), Tensor.zeros(DType.F64, 4, 3, 1), true, false));
        assertEquals("triangularSolve: A [2, 3, 3] and B [4, 3, 1]: batch axes [2] and [4] cannot be broadcast",
                batch.getMessage());
        double[] singular = Tensor.eye(5, DType.F64).toDoubleArray();
        singular[3 * 5 + 3] = 0;
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Linalg.triangularSolve(
                Tensor.of(singular, 1, 5, 5), Tensor.zeros(DType.F64, 1, 5, 2), true, false));
        assertEquals("triangularSolve: matrix 0 of batch [1] is singular (diagonal element 3 is 0)", e.getMessage());
    }
}
