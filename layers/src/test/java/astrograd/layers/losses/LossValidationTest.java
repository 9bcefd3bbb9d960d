package astrograd.layers.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.DTypeException;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad inputs fail before computing, with messages naming the loss and the shapes. */
class LossValidationTest {
    private static Var zeros(int... shape) {
        return Var.constant(Tensor.zeros(DType.F64, shape));
    }

    private static Var of(double... v) {
        return Var.constant(Tensor.of(v));
    }

    @Test
    void shapeMismatches() {
        Exception e = assertThrows(ShapeException.class, () -> Losses.mse(zeros(2, 3), zeros(2, 4), Reduction.MEAN));
        assertEquals("mse: input [2, 3] and target [2, 4] must have the same shape", e.getMessage());
        assertThrows(ShapeException.class, () -> Losses.l1(zeros(3), zeros(3, 1), Reduction.SUM));
        assertThrows(ShapeException.class, () -> Losses.bceWithLogits(zeros(3), zeros(4), Reduction.SUM));
        e = assertThrows(ShapeException.class, () -> GaussianLosses.gaussianNll(zeros(4, 3), zeros(4, 3), zeros(3), Reduction.MEAN));
        assertEquals("gaussianNll: variance [3] must be [4, 3], [4] or end in 1 for input [4, 3]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> Mmd.mmd2(zeros(5, 2), zeros(4, 3), new double[] {1}, false));
        assertEquals("mmd2: samples x [5, 2] and y [4, 3] must be [N, D] and [M, D]", e.getMessage());
        assertThrows(ShapeException.class, () -> Mmd.mmd2(zeros(1, 2), zeros(4, 2), new double[] {1}, true));
        assertThrows(ShapeException.class, () -> GaussianLosses.klDiagonalGaussians(zeros(2, 3), zeros(2, 3), zeros(2, 2), zeros(2, 3), Reduction.SUM));
        assertThrows(DTypeException.class, () -> Losses.mse(zeros(2), Var.constant(Tensor.zeros(DType.F32, 2)), Reduction.SUM));
    }

    @Test
    void crossEntropyTargets() {
        Var logits = zeros(3, 4);
        Exception e = assertThrows(ShapeException.class,
                () -> Losses.crossEntropy(logits, Tensor.of(new long[] {0, 4, 1}, 3), Reduction.MEAN));
        assertEquals("crossEntropy: target[1] = 4 is not a class index in [0, 4) for logits [3, 4]", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> Losses.crossEntropy(logits, Tensor.of(new long[] {0, -1, 1}, 3), Reduction.MEAN));
        assertTrue(e.getMessage().contains("target[1] = -1"), e.getMessage());
        assertThrows(ShapeException.class, () -> Losses.crossEntropy(logits, Tensor.of(new long[] {0, 1}, 2), Reduction.MEAN));
        assertThrows(DTypeException.class, () -> Losses.crossEntropy(logits, Tensor.of(new double[] {0, 1, 2}), Reduction.MEAN));
        e = assertThrows(ShapeException.class,
                () -> Losses.crossEntropy(logits, Tensor.of(new long[] {0, 1, 1}, 3), Tensor.ones(DType.F64, 3), 0, Reduction.MEAN));
        assertEquals("crossEntropy: class weights [3] must be [4] for logits [3, 4]", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(logits, Tensor.of(new long[] {0, 1, 1}, 3), null, 1.5, Reduction.MEAN));
    }

    @Test
    void outOfDomainValues() {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> GaussianLosses.gaussianNll(of(1, 2), of(0, 0), of(0.5, -0.1), Reduction.MEAN));
        assertEquals("gaussianNll: variance must be >= 0, element 1 is -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianLosses.gaussianNll(of(1), of(0), of(Double.NaN), Reduction.MEAN));
        e = assertThrows(IllegalArgumentException.class, () -> Losses.bce(of(0.5, 1.2), of(0, 1), Reduction.MEAN));
        assertEquals("bce: probabilities must lie in [0, 1], element 1 is 1.2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.bce(of(0.5), of(-1), Reduction.MEAN));
        assertThrows(IllegalArgumentException.class, () -> Losses.huber(of(1), of(0), 0, Reduction.MEAN));
        assertThrows(IllegalArgumentException.class, () -> Mmd.mmd2(zeros(3, 2), zeros(3, 2), new double[] {1, -2}, false));
    }

    @Test
    void bceClipsSaturatedProbabilitiesToAFiniteLoss() {
        Var p = Var.param(Tensor.of(new double[] {0, 1}));
        Var loss = Losses.bce(p, of(1, 0), Reduction.SUM);
        assertEquals(-2 * Math.log(Losses.BCE_EPSILON), loss.value().item(), 1e-9);
        loss.backward();
        assertEquals(0.0, p.grad().abs().sum().item());
    }

    @Test
    void reductionsAgree() {
        Var x = of(1, 2, 3, 4);
        Var y = of(0, 0, 0, 1);
        double none = Losses.mse(x, y, Reduction.NONE).value().sum().item();
        assertEquals(none, Losses.mse(x, y, Reduction.SUM).value().item(), 1e-14);
        assertEquals(none / 4, Losses.mse(x, y, Reduction.MEAN).value().item(), 1e-14);
        // unweighted cross-entropy with smoothing: weighted mean over ones is the plain mean
        Var logits = Var.constant(Tensor.of(new double[] {1, 2, 0.5, -1, 0, 3}, 2, 3));
        Tensor t = Tensor.of(new long[] {1, 2}, 2);
        assertEquals(Losses.crossEntropy(logits, t, null, 0.1, Reduction.NONE).value().mean().item(),
                Losses.crossEntropy(logits, t, Tensor.ones(DType.F64, 3), 0.1, Reduction.MEAN).value().item(), 1e-14);
    }
}
