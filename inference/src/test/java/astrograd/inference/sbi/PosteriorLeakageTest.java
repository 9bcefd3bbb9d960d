package astrograd.inference.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Rejection into the prior support: the acceptance rate, the leakage-corrected density, the floor. */
class PosteriorLeakageTest {
    private static Posterior posterior(VectorPrior prior, double floor) {
        MixtureDensityNetwork q = new MixtureDensityNetwork(new MixtureDensityNetwork.Config(2, 1, 1, 4, 1),
                DType.F64, new Rng(1));
        ZScore identity = new ZScore(new double[] {0, 0}, new double[] {1, 1});
        return new Posterior(q, identity, new ZScore(new double[] {0}, new double[] {1}), prior, null, floor);
    }

    @Test
    void drawsStayInsideTheSupportAndReportTheAcceptance() {
        Posterior p = posterior(VectorPrior.box(2, 0, 10), 1e-3);
        Tensor x = Tensor.of(new double[] {0.0});
        Posterior.Samples s = p.sample(2000, x, new Rng(2));
        assertTrue(s.theta().min(new int[] {0, 1}, false).item() >= 0, "draws inside the box");
        double rate = p.acceptanceRate(x);
        assertTrue(rate > 0.02 && rate < 0.98, "partial leakage expected, got " + rate);
        assertEquals(rate, s.acceptanceRate(), 0.03, "reported acceptance");
        Tensor outside = Tensor.of(new double[] {-1, 1}, 1, 2);
        assertEquals(Double.NEGATIVE_INFINITY, p.logProb(outside, x).item());
        Tensor inside = Tensor.of(new double[] {0.5, 0.5}, 1, 2);
        double raw = p.logProbUncorrected(astrograd.autodiff.Var.constant(inside), x).value().item();
        assertEquals(raw - Math.log(rate), p.logProb(inside, x).item(), 1e-9, "divided by the acceptance");
    }

    @Test
    void acceptanceBelowTheFloorFailsInsteadOfLooping() {
        Posterior p = posterior(VectorPrior.box(new double[] {50, 50}, new double[] {50.001, 50.001}), 1e-3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.sample(100, Tensor.of(new double[] {0.0}), new Rng(3)));
        assertTrue(e.getMessage().contains("leakage") && e.getMessage().contains("floor"), e.getMessage());
    }
}
