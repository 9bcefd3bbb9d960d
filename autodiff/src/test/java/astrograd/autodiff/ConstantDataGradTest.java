package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where a gradient formula meets 0 · ∞ on constant data, the gradient is PyTorch's 0, never NaN: std of a
 * constant slice ({@code g / (2 std)} with std = 0), in F32 and F64, including constants whose sum / n is
 * not exact (0.1 three times); PyTorch's values for such rows are the {@code std_plateaus_*} gradient
 * fixtures (F64).
 */
class ConstantDataGradTest {
    /** Rows: constant 0.1 (inexact mean by sum / n), a varying row, constant 2, constant -7.3. */
    private static final double[] ROWS = {0.1, 0.1, 0.1, 1, 2, 4, 2, 2, 2, -7.3, -7.3, -7.3};

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void stdOfConstantRowsIsZeroWithAZeroGradient(DType dtype) {
        for (boolean unbiased : new boolean[] {true, false}) {
            Var x = Var.param(Tensor.of(ROWS, 4, 3).to(dtype));
            Var s = x.std(new int[] {1}, unbiased, false);
            s.sum().backward();
            double[] std = s.value().toDoubleArray();
            double[] g = x.grad().toDoubleArray();
            double dof = unbiased ? 2 : 3;
            double varying = Math.sqrt((Math.pow(1 - 7 / 3.0, 2) + Math.pow(2 - 7 / 3.0, 2) + Math.pow(4 - 7 / 3.0, 2)) / dof);
            double tol = dtype == DType.F64 ? 1e-14 : 1e-6;
            assertArrayEquals(new double[] {0, varying, 0, 0}, std, tol * varying, "std, unbiased " + unbiased);
            for (int row : new int[] {0, 2, 3}) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(0.0, g[3 * row + k], 0.0, dtype + " gradient of constant row " + row + " (unbiased "
                            + unbiased + ")");
                }
            }
            for (int k = 0; k < 3; k++) {
                double expected = (ROWS[3 + k] - 7 / 3.0) / (dof * varying);
                assertEquals(expected, g[3 + k], tol, dtype + " gradient of the varying row");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void stdOverAllAxesOfConstantDataHasAZeroGradient(DType dtype) {
        Var x = Var.param(Tensor.full(dtype, 0.1, 3, 7));
        Var s = x.std(new int[0], true, false);
        s.backward();
        assertEquals(0.0, s.value().item(), 0.0, "std of constant data");
        assertArrayEquals(new double[21], x.grad().toDoubleArray(), 0.0, "gradient of std of constant data");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void zerothPowerHasAZeroGradientAtZero(DType dtype) {
        Var x = Var.param(Tensor.of(new double[] {0, 2, -1}, 3).to(dtype));
        x.pow(0).sum().backward();
        assertArrayEquals(new double[3], x.grad().toDoubleArray(), 0.0);
    }
}
