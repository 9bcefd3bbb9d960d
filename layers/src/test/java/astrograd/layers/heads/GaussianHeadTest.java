package astrograd.layers.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.layers.losses.Reduction;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianHeadTest {
    private final Rng rng = new Rng(8);

    @Test
    void precisionNllIsPlanNetsFormula() {
        // L = [[2, 0], [1, 0.5]]: Σ⁻¹ = L Lᵀ = [[4, 2], [2, 1.25]]
        Var mean = Var.constant(Tensor.of(new double[] {1, -1}, 1, 2));
        Var l = Var.constant(Tensor.of(new double[] {2, 0, 1, 0.5}, 1, 2, 2));
        PrecisionGaussian g = new PrecisionGaussian(mean, l);
        double r0 = 0.5;
        double r1 = 1.5;
        double quad = 4 * r0 * r0 + 4 * r0 * r1 + 1.25 * r1 * r1;
        double expected = 0.5 * quad - Math.log(2) - Math.log(0.5) + Math.log(2 * Math.PI);
        double nll = g.nll(Var.constant(Tensor.of(new double[] {1.5, 0.5}, 1, 2)), Reduction.SUM).value().item();
        assertEquals(expected, nll, 1e-14);
        // covariance is the inverse precision
        Tensor prec = l.value().matmul(l.value().transpose(-1, -2));
        assertArrayEquals(Tensor.eye(2, DType.F64).toDoubleArray(), g.covariance().matmul(prec).toDoubleArray(), 1e-14);
    }

    @Test
    void precisionSamplesHaveTheCovariance() {
        int n = 40000;
        Var mean = Var.constant(Tensor.of(new double[] {1, -1}, 1, 2).expand(n, 2));
        Var l = Var.constant(Tensor.of(new double[] {2, 0, 1, 0.5}, 1, 2, 2).expand(n, 2, 2));
        PrecisionGaussian g = new PrecisionGaussian(mean, l);
        Tensor s = g.sample(new Rng(7));
        Tensor c = s.sub(s.mean(new int[] {0}, true));
        double[] cov = c.transpose(0, 1).matmul(c).div(n - 1).toDoubleArray();
        // (L Lᵀ)⁻¹ = [[1.25, -2], [-2, 4]] / (4 · 1.25 − 2 · 2)
        assertArrayEquals(new double[] {1.25, -2, -2, 4}, cov, 0.12);
        assertArrayEquals(new double[] {1, -1}, s.mean(new int[] {0}, false).toDoubleArray(), 0.05);
    }

    @Test
    void diagonalSamplesAndLogProb() {
        Var mean = Var.constant(Tensor.of(new double[] {0.5, 2}, 1, 2));
        Var logVar = Var.constant(Tensor.of(new double[] {Math.log(4), Math.log(0.25)}, 1, 2));
        DiagonalGaussian g = new DiagonalGaussian(mean, logVar);
        double lp = g.logProb(Var.constant(Tensor.of(new double[] {1.5, 2.5}, 1, 2))).value().item();
        double expected = -0.5 * (1.0 / 4 + 0.25 / 0.25) - Math.log(2) - Math.log(0.5) - Math.log(2 * Math.PI);
        assertEquals(expected, lp, 1e-14);
        assertArrayEquals(new double[] {4, 0.25}, g.variance().value().toDoubleArray(), 1e-14);
        Tensor s = new DiagonalGaussian(Var.constant(mean.value().expand(20000, 2)), Var.constant(logVar.value().expand(20000, 2)))
                .sample(new Rng(6));
        assertArrayEquals(new double[] {4, 0.25}, s.var(new int[] {0}, true, false).toDoubleArray(), 0.15);
    }

    @Test
    void headsGradientCheckInFloat64() {
        Tensor y = rng.randn(DType.F64, 3, 3);
        Tensor x = rng.randn(DType.F64, 3, 4);
        FullGaussianHead full = new FullGaussianHead(4, 3, DType.F64, rng);
        GradCheck.assertPasses(GradCheck.check(v -> full.forward(v[0]).logProb(v[1]), x, y));
        for (DiagonalGaussianHead.Scale scale : DiagonalGaussianHead.Scale.values()) {
            DiagonalGaussianHead diag = new DiagonalGaussianHead(4, 3, scale, DType.F64, rng);
            GradCheck.assertPasses(GradCheck.check(v -> diag.forward(v[0]).logProb(v[1]), x, y));
        }
        Tensor l = rng.randn(DType.F64, 3, 3, 3).mul(0.3).add(Tensor.eye(3, DType.F64));
        GradCheck.assertPasses(GradCheck.check(v -> new PrecisionGaussian(v[0], v[1]).logProb(v[2]),
                rng.randn(DType.F64, 3, 3), l, y));
    }

    @Test
    void headsNamesLayoutAndModesWithoutEffect() {
        FullGaussianHead full = new FullGaussianHead(6, 4, DType.F32, rng);
        assertEquals(4 + 4 + 6, full.linear().weight().value().size(0));
        assertEquals(List.of("linear.weight", "linear.bias"), List.copyOf(full.namedParameters().keySet()));
        Var x = Var.constant(rng.randn(DType.F32, 2, 6));
        PrecisionGaussian g = full.forward(x);
        Tensor l = g.precisionTril().value();
        for (int i = 0; i < 4; i++) {
            assertTrue(l.getDouble(1, i, i) > 0);
            for (int j = i + 1; j < 4; j++) {
                assertEquals(0.0, l.getDouble(1, i, j));
            }
        }
        // heads hold no mode-dependent state: eval gives the training output
        double[] train = g.mean().value().toDoubleArray();
        full.eval();
        assertArrayEquals(train, full.forward(x).mean().value().toDoubleArray(), 0);
        DiagonalGaussianHead diag = new DiagonalGaussianHead(6, 2, DiagonalGaussianHead.Scale.SOFTPLUS, DType.F32, rng);
        assertTrue(diag.toString().contains("DiagonalGaussianHead(6 -> 2, softplus)"), diag.toString());
    }

    @Test
    void badInputsAreNamed() {
        FullGaussianHead full = new FullGaussianHead(6, 4, DType.F64, rng);
        Exception e = assertThrows(ShapeException.class, () -> full.forward(Var.constant(Tensor.zeros(DType.F64, 2, 5))));
        assertEquals("FullGaussianHead(6 -> 4): features [2, 5] must be [N, 6]", e.getMessage());
        PrecisionGaussian g = full.forward(Var.constant(Tensor.zeros(DType.F64, 2, 6)));
        e = assertThrows(ShapeException.class, () -> g.logProb(Var.constant(Tensor.zeros(DType.F64, 2, 3))));
        assertEquals("PrecisionGaussian.logProb: targets [2, 3] must be [2, 4] for distributions of mean [2, 4]", e.getMessage());
        MixtureDensity mdn = new MixtureDensity(3, 2, 2, MixtureDensity.Covariance.DIAGONAL, DType.F64, rng);
        GaussianMixture mix = mdn.forward(Var.constant(Tensor.zeros(DType.F64, 4, 3)));
        e = assertThrows(ShapeException.class, () -> mix.logProb(Var.constant(Tensor.zeros(DType.F64, 4, 1))));
        assertEquals("GaussianMixture.logProb: targets [4, 1] must be [4, 2] for distributions of mean [4, 2, 2]", e.getMessage());
        assertThrows(astrograd.tensor.DTypeException.class, () -> mix.logProb(Var.constant(Tensor.zeros(DType.F32, 4, 2))));
        assertThrows(ShapeException.class, () -> GaussianMixture.full(mix.logits(), mix.means(), mix.scales()));
        assertThrows(IllegalArgumentException.class, () -> new MixtureDensity(3, 0, 2, MixtureDensity.Covariance.FULL, DType.F64, rng));
    }
}
