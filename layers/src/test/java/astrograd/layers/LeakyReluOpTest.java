package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.DTypeException;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LeakyReluOpTest {
    @Test
    void sameValuesAndGradientsAsTheComposedActivation() {
        Rng rng = new Rng(1);
        Tensor x = rng.randn(DType.F32, 3, 4, 5).permute(2, 0, 1);
        Var a = Var.param(x);
        Var b = Var.param(x);
        Var ya = LeakyReluOp.apply(a, 0.1);
        Var yb = Activation.leakyRelu(0.1).forward(b);
        assertArrayEquals(yb.value().toFloatArray(), ya.value().toFloatArray());
        Tensor u = rng.randn(DType.F32, 5, 3, 4);
        ya.mul(Var.constant(u)).sum().backward();
        yb.mul(Var.constant(u)).sum().backward();
        assertArrayEquals(b.grad().toFloatArray(), a.grad().toFloatArray());
    }

    @Test
    void gradientChecksInFloat64AndRejectsIntegers() {
        Tensor x = new Rng(2).randn(DType.F64, 4, 6).add(Tensor.scalar(0.05, DType.F64));
        GradCheck.assertPasses(GradCheck.check(v -> LeakyReluOp.apply(v[0], 0.2), x));
        assertThrows(DTypeException.class, () -> LeakyReluOp.apply(Var.constant(Tensor.zeros(DType.I32, 3)), 0.1));
    }
}
