package astrograd.layers.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Float64 finite-difference checks of every loss (inputs kept off kinks), and non-contiguous inputs. */
class LossGradCheckTest {
    private final Rng rng = new Rng(77);

    private Tensor randn(int... shape) {
        return rng.randn(DType.F64, shape);
    }

    @Test
    void regressionLosses() {
        Tensor x = randn(3, 4);
        Tensor y = randn(3, 4);
        for (Reduction r : Reduction.values()) {
            GradCheck.assertPasses(GradCheck.check(v -> Losses.mse(v[0], v[1], r), x, y));
            GradCheck.assertPasses(GradCheck.check(v -> Losses.l1(v[0], v[1], r), x, y));
            GradCheck.assertPasses(GradCheck.check(v -> Losses.huber(v[0], v[1], 0.8, r), x, y));
        }
    }

    @Test
    void binaryCrossEntropies() {
        Tensor p = rng.uniform(DType.F64, 0.05, 0.95, 3, 4);
        Tensor t = rng.rand(DType.F64, 3, 4);
        Tensor z = randn(3, 4).mul(3);
        for (Reduction r : Reduction.values()) {
            GradCheck.assertPasses(GradCheck.check(v -> Losses.bce(v[0], v[1], r), p, t));
            GradCheck.assertPasses(GradCheck.check(v -> Losses.bceWithLogits(v[0], v[1], r), z, t));
        }
    }

    @Test
    void crossEntropy() {
        Tensor logits = randn(5, 3);
        Tensor target = Tensor.of(new long[] {2, 0, 1, 1, 2}, 5);
        Tensor w = Tensor.of(new double[] {0.2, 1.5, 3});
        for (Reduction r : Reduction.values()) {
            GradCheck.assertPasses(GradCheck.check(v -> Losses.crossEntropy(v[0], target, w, 0.1, r), logits));
            GradCheck.assertPasses(GradCheck.check(v -> Losses.crossEntropy(v[0], target, r), logits));
        }
    }

    @Test
    void gaussianNllAndKl() {
        Tensor x = randn(3, 2);
        Tensor y = randn(3, 2);
        Tensor var = rng.uniform(DType.F64, 0.3, 2, 3, 2);
        Tensor rowVar = rng.uniform(DType.F64, 0.3, 2, 3);
        for (Reduction r : Reduction.values()) {
            GradCheck.assertPasses(GradCheck.check(v -> GaussianLosses.gaussianNll(v[0], v[1], v[2], r), x, y, var));
            GradCheck.assertPasses(GradCheck.check(v -> GaussianLosses.gaussianNll(v[0], v[1], v[2], true, 1e-6, r), x, y, rowVar));
            GradCheck.assertPasses(GradCheck.check(v -> GaussianLosses.klDiagonalGaussians(v[0], v[1], v[2], v[3], r),
                    x, randn(3, 2).mul(0.5), y, randn(3, 2).mul(0.5)));
            GradCheck.assertPasses(GradCheck.check(v -> GaussianLosses.klToStandardNormal(v[0], v[1], r), x, y.mul(0.5)));
        }
    }

    @Test
    void mmdBothEstimators() {
        Tensor x = randn(5, 2);
        Tensor y = randn(4, 2).add(0.7);
        double[] bw = {0.5, 1, 3};
        GradCheck.assertPasses(GradCheck.check(v -> Mmd.mmd2(v[0], v[1], bw, false), x, y));
        GradCheck.assertPasses(GradCheck.check(v -> Mmd.mmd2(v[0], v[1], bw, true), x, y));
    }

    @Test
    void nonContiguousInputsGiveTheContiguousResult() {
        Tensor xt = randn(4, 3).transpose(0, 1);
        Tensor yt = randn(4, 3).transpose(0, 1);
        Tensor x = xt.contiguous();
        Tensor y = yt.contiguous();
        assertSame(Losses.huber(Var.constant(x), Var.constant(y), 0.5, Reduction.NONE),
                Losses.huber(Var.constant(xt), Var.constant(yt), 0.5, Reduction.NONE));
        assertSame(Losses.crossEntropy(Var.constant(x), Tensor.of(new long[] {0, 3, 1}, 3), Tensor.of(new double[] {1, 2, 3, 4}), 0.3, Reduction.NONE),
                Losses.crossEntropy(Var.constant(xt), Tensor.of(new long[] {0, 3, 1}, 3), Tensor.of(new double[] {1, 2, 3, 4}), 0.3, Reduction.NONE));
        assertSame(Mmd.mmd2(Var.constant(x), Var.constant(y), new double[] {1}, true),
                Mmd.mmd2(Var.constant(xt), Var.constant(yt), new double[] {1}, true));
        Tensor v = rng.rand(DType.F64, 4, 3).add(0.1).transpose(0, 1);
        assertSame(GaussianLosses.gaussianNll(Var.constant(x), Var.constant(y), Var.constant(v.contiguous()), Reduction.NONE),
                GaussianLosses.gaussianNll(Var.constant(xt), Var.constant(yt), Var.constant(v), Reduction.NONE));
    }

    private static void assertSame(Var expected, Var actual) {
        assertArrayEquals(expected.value().toDoubleArray(), actual.value().toDoubleArray(), 1e-14);
    }
}
