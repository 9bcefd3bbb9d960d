package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What the gradient table does not show for {@link Var#linear}: one node, the weight gradient in the weight's
 * layout (shape errors are {@link astrograd.tensor.Linalg#linear}'s, tested there).
 */
class LinearOpTest {
    @Test
    void isOneNodeWhoseWeightGradientIsContiguousAndEqualsTheComposite() {
        Rng rng = new Rng(5);
        Tensor x = rng.randn(DType.F32, 6, 4);
        Tensor w = rng.randn(DType.F32, 3, 4);
        Tensor b = rng.randn(DType.F32, 3);
        Var[] fused = {Var.param(x), Var.param(w), Var.param(b)};
        Var[] plain = {Var.param(x), Var.param(w), Var.param(b)};
        Var y = fused[0].linear(fused[1], fused[2]);
        assertEquals("linear", y.op());
        y.square().sum().backward();
        plain[0].matmul(plain[1].transpose(0, 1)).add(plain[2]).square().sum().backward();
        assertTrue(fused[1].grad().isContiguous(), "weight gradient in the weight's own layout");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(plain[i].grad().toDoubleArray(), fused[i].grad().toDoubleArray(), 1e-5, "input " + i);
        }
    }
}
