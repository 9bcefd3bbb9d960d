package astrograd.layers.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Parameter;
import astrograd.layers.Sequential;
import astrograd.layers.losses.Reduction;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixtureDensityTest {
    private static final int STEPS = 600;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private static Var c(double[] v, int... shape) {
        return Var.constant(Tensor.of(v, shape));
    }

    /** Two rows; K = 2, D = 2; weights (0.3, 0.7) and (0.5, 0.5). */
    private static final double[] LOGITS = {Math.log(0.3), Math.log(0.7), 0.2, 0.2};
    private static final double[] MEANS = {0, 0, 2, -1, 1, 1, -1, 0.5};
    private static final double[] TARGETS = {0.5, -0.2, 0.3, 1.7};

    @Test
    void diagonalLogLikelihoodEqualsTheClosedForm() {
        double[] scales = {1, 0.5, 2, 1.5, 0.8, 1.2, 0.7, 0.9};
        GaussianMixture mix = GaussianMixture.diagonal(c(LOGITS, 2, 2), c(MEANS, 2, 2, 2), c(scales, 2, 2, 2));
        double[] logp = mix.logProb(c(TARGETS, 2, 2)).value().toDoubleArray();
        for (int n = 0; n < 2; n++) {
            double z = Math.exp(LOGITS[2 * n]) + Math.exp(LOGITS[2 * n + 1]);
            double p = 0;
            for (int k = 0; k < 2; k++) {
                double density = 1;
                for (int d = 0; d < 2; d++) {
                    int i = n * 4 + k * 2 + d;
                    double r = (TARGETS[n * 2 + d] - MEANS[i]) / scales[i];
                    density *= Math.exp(-0.5 * r * r) / (Math.sqrt(2 * Math.PI) * scales[i]);
                }
                p += Math.exp(LOGITS[2 * n + k]) / z * density;
            }
            assertEquals(Math.log(p), logp[n], 1e-13);
        }
    }

    @Test
    void fullLogLikelihoodEqualsTheClosedForm() {
        double[] tril = {1, 0, 0.5, 2, /**/ 0.7, 0, -0.3, 0.9, /**/ 1.5, 0, 0.2, 0.4, /**/ 0.6, 0, 0.6, 1.1};
        GaussianMixture mix = GaussianMixture.full(c(LOGITS, 2, 2), c(MEANS, 2, 2, 2), c(tril, 2, 2, 2, 2));
        double[] logp = mix.logProb(c(TARGETS, 2, 2)).value().toDoubleArray();
        for (int n = 0; n < 2; n++) {
            double z = Math.exp(LOGITS[2 * n]) + Math.exp(LOGITS[2 * n + 1]);
            double p = 0;
            for (int k = 0; k < 2; k++) {
                int o = (n * 2 + k) * 4;
                double l00 = tril[o];
                double l10 = tril[o + 2];
                double l11 = tril[o + 3];
                // Σ = L Lᵀ = [[a, b], [b, e]]
                double a = l00 * l00;
                double b = l10 * l00;
                double e = l10 * l10 + l11 * l11;
                double det = a * e - b * b;
                double r0 = TARGETS[n * 2] - MEANS[(n * 2 + k) * 2];
                double r1 = TARGETS[n * 2 + 1] - MEANS[(n * 2 + k) * 2 + 1];
                double maha = (e * r0 * r0 - 2 * b * r0 * r1 + a * r1 * r1) / det;
                p += Math.exp(LOGITS[2 * n + k]) / z * Math.exp(-0.5 * maha) / (2 * Math.PI * Math.sqrt(det));
            }
            assertEquals(Math.log(p), logp[n], 1e-13);
        }
    }

    @Test
    void singleComponentReducesToOneGaussian() {
        GaussianMixture mix = GaussianMixture.diagonal(c(new double[] {3.0}, 1, 1), c(new double[] {1, 2}, 1, 1, 2),
                c(new double[] {2, 0.5}, 1, 1, 2));
        double lp = mix.logProb(c(new double[] {0, 2.5}, 1, 2)).value().item();
        double expected = -0.5 * (0.25 + 1) - Math.log(2) - Math.log(0.5) - LOG_2PI;
        assertEquals(expected, lp, 1e-14);
    }

    /** means (0,0),(2,0); covariances I and diag(1,4); equal weights → mean (1,0), covariance diag(2, 2.5). */
    @Test
    void mixtureMeanAndCovarianceByTheLawOfTotalVariance() {
        Var logits = c(new double[] {0, 0}, 1, 2);
        Var means = c(new double[] {0, 0, 2, 0}, 1, 2, 2);
        GaussianMixture diag = GaussianMixture.diagonal(logits, means, c(new double[] {1, 1, 1, 2}, 1, 2, 2));
        GaussianMixture full = GaussianMixture.full(logits, means, c(new double[] {1, 0, 0, 1, 1, 0, 0, 2}, 1, 2, 2, 2));
        for (GaussianMixture mix : List.of(diag, full)) {
            assertArrayEquals(new double[] {1, 0}, mix.mean().value().toDoubleArray(), 1e-14);
            assertArrayEquals(new double[] {2, 0, 0, 2.5}, mix.covariance().value().toDoubleArray(), 1e-14);
        }
    }

    @Test
    void samplesHaveTheMixtureMomentsAndComeFromTheRng() {
        int n = 40000;
        Tensor logits = Tensor.of(new double[] {0, 0}, 1, 2).expand(n, 2);
        Tensor means = Tensor.of(new double[] {0, 0, 2, 0}, 1, 2, 2).expand(n, 2, 2);
        Tensor tril = Tensor.of(new double[] {1, 0, 0.5, 1, 1, 0, 0, 2}, 1, 2, 2, 2).expand(n, 2, 2, 2);
        GaussianMixture mix = GaussianMixture.full(Var.constant(logits), Var.constant(means), Var.constant(tril));
        Tensor draws = mix.sample(new Rng(3));
        assertArrayEquals(draws.toDoubleArray(), mix.sample(new Rng(3)).toDoubleArray(), 0);
        double[] m = draws.mean(new int[] {0}, false).toDoubleArray();
        Tensor centred = draws.sub(draws.mean(new int[] {0}, true));
        double[] cov = centred.transpose(0, 1).matmul(centred).div(n - 1).toDoubleArray();
        GaussianMixture one = GaussianMixture.full(Var.constant(logits.narrow(0, 0, 1)),
                Var.constant(means.narrow(0, 0, 1)), Var.constant(tril.narrow(0, 0, 1)));
        double[] expectedCov = one.covariance().value().toDoubleArray();
        assertArrayEquals(one.mean().value().toDoubleArray(), m, 0.04);
        assertArrayEquals(expectedCov, cov, 0.08);
        // diagonal sampling too
        GaussianMixture diag = GaussianMixture.diagonal(Var.constant(logits), Var.constant(means),
                Var.constant(Tensor.of(new double[] {1, 1, 1, 2}, 1, 2, 2).expand(n, 2, 2)));
        Tensor d = diag.sample(new Rng(4));
        Tensor dc = d.sub(d.mean(new int[] {0}, true));
        assertArrayEquals(new double[] {2, 0, 0, 2.5}, dc.transpose(0, 1).matmul(dc).div(n - 1).toDoubleArray(), 0.08);
    }

    @Test
    void gradientsCheckInFloat64() {
        Rng rng = new Rng(21);
        Tensor logits = rng.randn(DType.F64, 3, 2);
        Tensor means = rng.randn(DType.F64, 3, 2, 3);
        Tensor tril = rng.randn(DType.F64, 3, 2, 3, 3).mul(0.3).add(Tensor.eye(3, DType.F64).mul(1.5));
        Tensor y = rng.randn(DType.F64, 3, 3);
        GradCheck.assertPasses(GradCheck.check(v -> GaussianMixture.full(v[0], v[1], v[2]).logProb(v[3]),
                logits, means, tril, y));
        Tensor scales = rng.rand(DType.F64, 3, 2, 3).add(0.5);
        GradCheck.assertPasses(GradCheck.check(v -> GaussianMixture.diagonal(v[0], v[1], v[2]).logProb(v[3]),
                logits, means, scales, y));
        GradCheck.assertPasses(GradCheck.check(v -> GaussianMixture.full(v[0], v[1], v[2]).covariance(),
                logits, means, tril));
        for (MixtureDensity.Covariance cov : MixtureDensity.Covariance.values()) {
            MixtureDensity head = new MixtureDensity(4, 2, 3, cov, DType.F64, rng);
            Tensor x = rng.randn(DType.F64, 3, 4);
            GradCheck.assertPasses(GradCheck.check(v -> head.forward(v[0]).logProb(v[1]), x, y));
        }
    }

    @Test
    void headLayoutAndNames() {
        MixtureDensity full = new MixtureDensity(8, 3, 2, MixtureDensity.Covariance.FULL, DType.F32, new Rng(1));
        assertEquals(3 * (1 + 4 + 1), full.linear().weight().value().size(0));
        assertEquals(List.of("linear.weight", "linear.bias"), List.copyOf(full.namedParameters().keySet()));
        assertTrue(full.toString().contains("MixtureDensity(8 -> 3 x 2-d, full)"), full.toString());
        GaussianMixture mix = full.forward(Var.constant(new Rng(2).randn(DType.F32, 5, 8)));
        Tensor l = mix.scaleTril().value();
        assertArrayEquals(new int[] {5, 3, 2, 2}, l.shape());
        assertEquals(0.0, l.getDouble(1, 2, 0, 1));
        assertTrue(l.getDouble(1, 2, 0, 0) > 0 && l.getDouble(1, 2, 1, 1) > 0);
        assertEquals(DType.F32, mix.logProb(Var.constant(Tensor.zeros(5, 2))).value().dtype());
    }

    /**
     * y = ±x + N(0, 0.05²) (each sign with probability ½): a 2-component MDN (Linear 1→32, tanh, head) trained
     * 600 full-batch Adam steps learns components at −x and +x with weights near ½ and scales near 0.05, which
     * a single Gaussian (mean 0) cannot. (Seen: modes within 0.007 of ±x, weights 0.48–0.51, scales 0.045–0.055.)
     */
    @Test
    void twoComponentMdnRecoversTheModesOfABimodalConditional() {
        Rng rng = new Rng(2024);
        int n = 1000;
        Tensor x = rng.uniform(DType.F32, -1, 1, n, 1);
        Tensor sign = rng.bernoulli(0.5, n, 1).to(DType.F32).mul(2).sub(1);
        Tensor y = x.mul(sign).add(rng.randn(DType.F32, n, 1).mul(0.05f));
        Sequential body = new Sequential(new Linear(1, 32, rng), Activation.tanh());
        MixtureDensity head = new MixtureDensity(32, 2, 1, MixtureDensity.Covariance.DIAGONAL, DType.F32, rng);
        List<Parameter> params = new ArrayList<>(body.parameters());
        params.addAll(head.parameters());
        Adam adam = new Adam(params, 0.01);
        for (int step = 0; step < STEPS; step++) {
            Var loss = head.forward(body.forward(Var.constant(x))).nll(Var.constant(y), Reduction.MEAN);
            loss.backward();
            adam.step();
        }
        double[] probe = {-0.8, -0.5, 0.5, 0.8};
        GaussianMixture mix = head.forward(body.forward(Var.constant(Tensor.of(new float[] {-0.8f, -0.5f, 0.5f, 0.8f}, 4, 1))));
        double[] means = mix.means().value().toDoubleArray();
        double[] weights = mix.weights().value().toDoubleArray();
        double[] scales = mix.scales().value().toDoubleArray();
        for (int i = 0; i < probe.length; i++) {
            double lo = Math.min(means[2 * i], means[2 * i + 1]);
            double hi = Math.max(means[2 * i], means[2 * i + 1]);
            String at = "at x = " + probe[i] + ": means " + lo + ", " + hi + ", weights " + weights[2 * i] + ", scales "
                    + scales[2 * i] + ", " + scales[2 * i + 1];
            assertEquals(-Math.abs(probe[i]), lo, 0.05, at);
            assertEquals(Math.abs(probe[i]), hi, 0.05, at);
            assertTrue(weights[2 * i] > 0.35 && weights[2 * i] < 0.65, at);
            for (double s : new double[] {scales[2 * i], scales[2 * i + 1]}) {
                assertTrue(s > 0.03 && s < 0.08, at + " (noise scale 0.05)");
            }
        }
    }

    /** Minimal Adam (β = 0.9, 0.999, ε = 1e-8) for the test; the library's optimizers live elsewhere. */
    private static final class Adam {
        private final List<Parameter> params;
        private final double lr;
        private final Tensor[] m;
        private final Tensor[] v;
        private int t;

        Adam(List<Parameter> params, double lr) {
            this.params = params;
            this.lr = lr;
            this.m = new Tensor[params.size()];
            this.v = new Tensor[params.size()];
        }

        void step() {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                Tensor g = p.grad();
                m[i] = m[i] == null ? g.mul(0.1) : m[i].mul(0.9).add(g.mul(0.1));
                v[i] = v[i] == null ? g.square().mul(0.001) : v[i].mul(0.999).add(g.square().mul(0.001));
                Tensor update = m[i].div(c1).div(v[i].div(c2).sqrt().add(1e-8)).mul(lr);
                p.set(p.value().sub(update));
            }
        }
    }
}
