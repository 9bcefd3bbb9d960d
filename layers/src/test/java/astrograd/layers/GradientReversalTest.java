package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradientReversalTest {
    private final Rng rng = new Rng(11);

    @Test
    void identityForwardAndReversedScaledGradient() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            GradientReversal gr = new GradientReversal(0.5);
            Tensor xv = rng.randn(dtype, 3, 4);
            Tensor w = rng.randn(dtype, 3, 4);
            Var x = Var.param(xv);
            Var y = gr.forward(x);
            assertArrayEquals(xv.toDoubleArray(), y.value().toDoubleArray());
            y.mul(Var.constant(w)).sum().backward();
            assertArrayEquals(w.mul(-0.5).toDoubleArray(), x.grad().toDoubleArray(), 1e-6);
        }
    }

    @Test
    void lambdaIsSettableBetweenSteps() {
        GradientReversal gr = new GradientReversal(1);
        Var x = Var.param(rng.randn(DType.F64, 5));
        gr.setLambda(2.5);
        gr.forward(x).sum().backward();
        assertArrayEquals(Tensor.full(DType.F64, -2.5, 5).toDoubleArray(), x.grad().toDoubleArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> gr.setLambda(Double.NaN));
    }

    @Test
    void withLambdaMinusOneItPassesAnOrdinaryGradientCheck() {
        GradientReversal gr = new GradientReversal(-1);
        Tensor x = rng.randn(DType.F64, 2, 3);
        GradCheck.assertPasses(GradCheck.check(v -> gr.forward(v[0].tanh()).square(), x));
    }
}
