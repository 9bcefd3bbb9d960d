package astrograd.inference.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.inference.flows.Mog;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The SNPE losses against independent computations, their gradients, and the failures they must report: a
 * non-positive-definite proposal posterior and NaN/Inf logits, each naming the round.
 */
class SnpeLossesTest {
    private static MixtureDensityNetwork mdn(long seed) {
        return new MixtureDensityNetwork(new MixtureDensityNetwork.Config(2, 3, 3, 8, 2), DType.F64, new Rng(seed));
    }

    @Test
    void nonAtomicLossWithThePriorAsProposalIsTheNll() {
        MixtureDensityNetwork q = mdn(1);
        Rng rng = new Rng(2);
        Var theta = Var.constant(rng.randn(DType.F64, 6, 2));
        Var x = Var.constant(rng.randn(DType.F64, 6, 3));
        Mog prior = Mog.diagonalGaussian(new double[] {0.3, -0.2}, new double[] {2.0, 0.5});
        double nonAtomic = SnpeLosses.nonAtomic(q, theta, x, prior, prior, 1).value().item();
        assertEquals(SnpeLosses.nll(q, theta, x).value().item(), nonAtomic, 1e-9);
    }

    @Test
    void nonAtomicLossIsTheProposalPosteriorOfTheMixtureAlgebra() {
        MixtureDensityNetwork q = mdn(3);
        Rng rng = new Rng(4);
        Tensor theta = rng.randn(DType.F64, 1, 2);
        Tensor x = rng.randn(DType.F64, 1, 3);
        Mog proposal = Mog.fromPrecisions(new double[] {0.2, -0.4}, new double[][] {{0.5, 0.1}, {-1, 0.3}},
                new double[][][] {{{3, 0.5}, {0.5, 2}}, {{1.5, 0}, {0, 4}}});
        Mog prior = Mog.diagonalGaussian(new double[] {0, 0}, new double[] {4, 4});
        double loss = SnpeLosses.nonAtomic(q, Var.constant(theta), Var.constant(x), proposal, prior, 1).value().item();
        Mog expected = q.mixtureAt(x).combine(new Mog[] {proposal}, new Mog[] {prior});
        double[][] t = {{theta.getDouble(0, 0), theta.getDouble(0, 1)}};
        assertEquals(-expected.logProb(t)[0], loss, 1e-9);
        double boxLoss = SnpeLosses.nonAtomic(q, Var.constant(theta), Var.constant(x), proposal, null, 1)
                .value().item();
        assertEquals(-q.mixtureAt(x).combine(new Mog[] {proposal}, new Mog[0]).logProb(t)[0], boxLoss, 1e-9);
    }

    @Test
    void nonAtomicLossGradientsPassFloat64Check() {
        MixtureDensityNetwork q = mdn(5);
        Rng rng = new Rng(6);
        Mog proposal = Mog.diagonalGaussian(new double[] {0.2, 0.1}, new double[] {0.5, 0.8});
        GradCheck.assertPasses(GradCheck.check(v -> SnpeLosses.nonAtomic(q, v[0], v[1], proposal, null, 1),
                1e-6, 1e-6, 1e-5, rng.randn(DType.F64, 3, 2), rng.randn(DType.F64, 3, 3)));
    }

    @Test
    void atomicLossMatchesItsFormulaWhenEveryRowIsAnAtom() {
        MixtureDensityNetwork q = mdn(7);
        Rng rng = new Rng(8);
        Tensor theta = rng.randn(DType.F64, 3, 2);
        Tensor x = rng.randn(DType.F64, 3, 3);
        Tensor logPrior = Tensor.of(new double[] {-1.0, -2.5, 0.3});
        double loss = SnpeLosses.atomic(q, Var.constant(theta), Var.constant(x), logPrior, 10, new Rng(9)).value()
                .item();
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double[] u = new double[3];
            for (int j = 0; j < 3; j++) {
                Tensor xi = x.narrow(0, i, 1);
                u[j] = q.logProb(Var.constant(theta.narrow(0, j, 1)), Var.constant(xi)).value().item()
                        - logPrior.getDouble(j);
            }
            double max = Math.max(u[0], Math.max(u[1], u[2]));
            double lse = max + Math.log(Math.exp(u[0] - max) + Math.exp(u[1] - max) + Math.exp(u[2] - max));
            expected -= (u[i] - lse) / 3;
        }
        assertEquals(expected, loss, 1e-10);
        GradCheck.assertPasses(GradCheck.check(v -> SnpeLosses.atomic(q, v[0], v[1], logPrior, 10, new Rng(9)),
                1e-6, 1e-6, 1e-5, theta, x));
    }

    @Test
    void notPositiveDefiniteProposalPosteriorNamesTheRound() {
        MixtureDensityNetwork q = mdn(10);
        Rng rng = new Rng(11);
        Var theta = Var.constant(rng.randn(DType.F64, 4, 2));
        Var x = Var.constant(rng.randn(DType.F64, 4, 3));
        Mog proposal = Mog.diagonalGaussian(new double[] {0, 0}, new double[] {1, 1});
        Mog narrowPrior = Mog.diagonalGaussian(new double[] {0, 0}, new double[] {1e-6, 1e-6});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SnpeLosses.nonAtomic(q, theta, x, proposal, narrowPrior, 3));
        assertTrue(e.getMessage().contains("round 3") && e.getMessage().contains("positive definite"), e.getMessage());
    }

    @Test
    void nanInTheProposalLogitsNamesTheRoundAndCause() {
        MixtureDensityNetwork q = mdn(12);
        Rng rng = new Rng(13);
        Var theta = Var.constant(rng.randn(DType.F64, 4, 2));
        Var x = Var.constant(rng.randn(DType.F64, 4, 3));
        Mog broken = Mog.fromPrecisions(new double[] {0}, new double[][] {{Double.NaN, 0}},
                new double[][][] {{{1, 0}, {0, 1}}});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SnpeLosses.nonAtomic(q, theta, x, broken, null, 2));
        assertTrue(e.getMessage().contains("round 2") && e.getMessage().contains("NaN/Inf"), e.getMessage());
    }

    @Test
    void gaussianAlgebraOfTheSnpeACorrection() {
        Mog q = Mog.diagonalGaussian(new double[] {1}, new double[] {0.5});
        Mog prior = Mog.diagonalGaussian(new double[] {0}, new double[] {1});
        Mog proposal = Mog.diagonalGaussian(new double[] {0}, new double[] {2});
        Mog corrected = q.combine(new Mog[] {prior}, new Mog[] {proposal});
        assertEquals(2.5, corrected.precisions()[0][0][0], 1e-12);
        assertEquals(0.8, corrected.means()[0][0], 1e-12);
        double mass = 0;
        for (double t = -10; t < 10; t += 1e-3) {
            mass += Math.exp(corrected.logProb(new double[][] {{t}})[0]) * 1e-3;
        }
        assertEquals(1, mass, 1e-6);
        Mog wide = Mog.diagonalGaussian(new double[] {0}, new double[] {0.1});
        assertThrows(IllegalArgumentException.class, () -> q.combine(new Mog[0], new Mog[] {wide}));
    }
}
