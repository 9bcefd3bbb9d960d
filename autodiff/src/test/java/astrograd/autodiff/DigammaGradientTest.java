package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Var#digamma()}: its gradient is the trigamma function (whose accuracy against mpmath and torch is
 * tested in the tensor module), in the input's dtype, and the poles give torch's values.
 */
class DigammaGradientTest {
    @Test
    void gradientIsTrigammaInTheInputDtype() {
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            Tensor x = Tensor.of(new double[] {1e-3, 0.5, 1.4616321449683622, 7.25, 99.5, -0.5, -3.75}).to(dtype);
            Tensor w = Tensor.of(new double[] {1, -2, 0.5, 3, 1, -1, 2}).to(dtype);
            Var v = Var.param(x);
            v.digamma().mul(Var.constant(w)).sum().backward();
            assertEquals(dtype, v.grad().dtype());
            assertArrayEquals(x.trigamma().mul(w).toDoubleArray(), v.grad().toDoubleArray(), 0, dtype.toString());
        }
    }

    /**
     * At +0 / -0 the value is -inf / +inf and the gradient +inf, as torch; at a negative integer the value is
     * NaN (torch too) and the gradient +inf, where torch's is about 6.6e32 (its π² / sin²(πx) with
     * sin(-π) ≈ 1.2e-16).
     */
    @Test
    void polesGiveInfiniteGradients() {
        Var v = Var.param(Tensor.of(0.0, -0.0, -1.0, -2.5));
        Var out = v.digamma();
        double[] value = out.value().toDoubleArray();
        assertEquals(Double.NEGATIVE_INFINITY, value[0]);
        assertEquals(Double.POSITIVE_INFINITY, value[1]);
        assertEquals(Double.NaN, value[2]);
        assertEquals(1.1031566406452432, value[3], 1e-15, "mpmath: 1.10315664064524319");
        out.backward(Tensor.ones(DType.F64, 4));
        double[] grad = v.grad().toDoubleArray();
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
                new double[] {grad[0], grad[1], grad[2]});
        assertEquals(9.539246644989124, grad[3], 1e-14, "mpmath: 9.53924664498912375 (torch: 9.53924664493752)");
    }
}
