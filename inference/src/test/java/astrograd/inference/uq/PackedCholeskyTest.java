package astrograd.inference.uq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PackedCholeskyTest {
    private static final int D = 5;
    private static final int BATCH = 64;

    @Test
    void diagonalSitsAtTheEndOfEachPackedRow() {
        assertArrayEquals(new int[] {0, 2, 5, 9, 14}, PackedCholesky.diagonalPositions(5));
        assertEquals(15, PackedCholesky.packedSize(5));
        assertEquals(5, PackedCholesky.dimension(15));
        assertEquals(7, PackedCholesky.position(3, 1));
        assertThrows(ShapeException.class, () -> PackedCholesky.dimension(14));
    }

    @Test
    void trilPlacesEveryPackedEntry() {
        double[] raw = new double[15];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i + 1;
        }
        double[] l = PackedCholesky.tril(Var.constant(Tensor.of(raw, 1, 15)), PackedCholesky.Diagonal.EXP_CLAMPED)
                .value().toDoubleArray();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double expected = j > i ? 0 : i == j ? Math.exp(raw[PackedCholesky.position(i, i)])
                        : raw[PackedCholesky.position(i, j)];
                assertEquals(expected, l[i * D + j], 1e-12 * Math.abs(expected), "(" + i + ", " + j + ")");
            }
        }
    }

    /** The NLL against Λ = L Lᵀ built by hand, slogdet by LU with pivoting and the quadratic form (y−μ)ᵀΛ(y−μ). */
    @ParameterizedTest
    @EnumSource(PackedCholesky.Diagonal.class)
    void nllEqualsExplicitSlogdetAndQuadraticForm(PackedCholesky.Diagonal diagonal) {
        Rng rng = new Rng(20);
        Tensor mean = rng.randn(DType.F64, BATCH, D);
        Tensor y = rng.randn(DType.F64, BATCH, D);
        Tensor packed = rng.normal(DType.F64, 0, 0.7, BATCH, 15);
        double[] nll = PackedCholesky.nll(Var.constant(mean), Var.constant(packed), Var.constant(y), diagonal).value()
                .toDoubleArray();
        double[] m = mean.toDoubleArray();
        double[] t = y.toDoubleArray();
        double[] p = packed.toDoubleArray();
        for (int n = 0; n < BATCH; n++) {
            double[][] l = new double[D][D];
            for (int i = 0; i < D; i++) {
                for (int j = 0; j <= i; j++) {
                    double raw = p[n * 15 + PackedCholesky.position(i, j)];
                    l[i][j] = i != j ? raw : diagonal == PackedCholesky.Diagonal.EXP_CLAMPED ? Math.exp(raw)
                            : Math.log1p(Math.exp(raw)) + 1e-4;
                }
            }
            double[][] lambda = new double[D][D];
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    for (int k = 0; k < D; k++) {
                        lambda[i][j] += l[i][k] * l[j][k];
                    }
                }
            }
            double quadratic = 0;
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    quadratic += (t[n * D + i] - m[n * D + i]) * lambda[i][j] * (t[n * D + j] - m[n * D + j]);
                }
            }
            double expected = 0.5 * quadratic - 0.5 * slogdet(lambda) + 0.5 * D * Math.log(2 * Math.PI);
            assertEquals(expected, nll[n], 1e-10 * Math.abs(expected), "row " + n);
        }
    }

    @ParameterizedTest
    @EnumSource(PackedCholesky.Diagonal.class)
    void gradientsPassTheFloat64Check(PackedCholesky.Diagonal diagonal) {
        Rng rng = new Rng(21);
        GradCheck.Report r = GradCheck.check(v -> PackedCholesky.nll(v[0], v[1], v[2], diagonal),
                rng.randn(DType.F64, 6, D), rng.normal(DType.F64, 0, 0.7, 6, 15), rng.randn(DType.F64, 6, D));
        GradCheck.assertPasses(r);
    }

    @Test
    void badShapesAreRefusedWithTheShapes() {
        Var mean = Var.constant(Tensor.zeros(DType.F64, 4, 5));
        Var packed = Var.constant(Tensor.zeros(DType.F64, 4, 14));
        ShapeException e = assertThrows(ShapeException.class,
                () -> PackedCholesky.gaussian(mean, packed, PackedCholesky.Diagonal.SOFTPLUS));
        assertTrue(e.getMessage().contains("[4, 14]"), e.getMessage());
    }

    /** log |det A| by Gaussian elimination with partial pivoting (independent of any Cholesky). */
    static double slogdet(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][];
        for (int i = 0; i < d; i++) {
            m[i] = a[i].clone();
        }
        double log = 0;
        for (int c = 0; c < d; c++) {
            int pivot = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            log += Math.log(Math.abs(m[c][c]));
            for (int r = c + 1; r < d; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < d; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        return log;
    }
}
