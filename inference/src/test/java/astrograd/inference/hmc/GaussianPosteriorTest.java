package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Convergence;
import astrograd.inference.diagnostics.Summary;
import astrograd.tensor.Rng;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * NUTS with Stan's default warm-up (1000 iterations, diagonal metric) on a 100-D independent Gaussian whose
 * standard deviations are log-spaced from 0.01 to 100: the metric must learn scales over four orders of magnitude.
 * Warm-up costs most (its first 100 iterations run at the maximum depth before the first metric update, as in
 * Stan), so two chains of 3000 draws: enough for a variance error of about 2.5 % (1σ) per coordinate.
 */
class GaussianPosteriorTest {
    @Test
    void everyMeanWithin4McseAndEveryVarianceWithin10Percent() {
        double[] scales = Targets.logSpaced(0.01, 100, 100);
        HmcResult r = HmcSampler.nuts(Targets.independentGaussian(scales)).warmup(1000).draws(3000).build()
                .run(2, new Rng(100));
        Draws d = r.draws();
        double worstZ = 0;
        double worstVar = 0;
        double minEss = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 100; i++) {
            double[][] x = d.parameter(i);
            double mean = NutsBehaviourTest.mean(d.flat(i));
            double mcse = Convergence.mcseMean(x);
            double z = Math.abs(mean) / mcse;
            double relVar = NutsBehaviourTest.variance(d.flat(i), mean) / (scales[i] * scales[i]) - 1;
            assertTrue(z < 4, "x" + i + ": mean " + mean + " is " + z + " MCSE from 0");
            assertTrue(Math.abs(relVar) < 0.10, "x" + i + ": variance off by " + relVar);
            assertTrue(Convergence.rhat(x) < 1.01, "x" + i + ": R-hat " + Convergence.rhat(x));
            worstZ = Math.max(worstZ, z);
            worstVar = Math.max(worstVar, Math.abs(relVar));
            minEss = Math.min(minEss, Convergence.essBulk(x));
        }
        assertEquals(0, r.divergences());
        assertEquals(0, r.treeDepthSaturations());
        // the adapted inverse metric follows the variances over eight orders of magnitude
        double[][] inv = r.chain(0).metric().inverseMetric();
        for (int i = 0; i < 100; i++) {
            double ratio = inv[i][i] / (scales[i] * scales[i]);
            assertTrue(ratio > 0.7 && ratio < 1.4, "x" + i + ": inverse metric / variance " + ratio);
        }
        long sampling = r.chains().stream().mapToLong(c -> c.stats().leapfrogSteps()).sum();
        System.out.printf(Locale.ROOT, "100-D Gaussian: worst |mean|/MCSE %.2f, worst variance error %.1f%%, min bulk"
                + " ESS %.0f of %d draws, ESS/gradient after warm-up %.3f, accept %.3f, step size %.3f, %d gradients"
                + " in all%n", worstZ, 100 * worstVar, minEss, 6000, minEss / sampling, r.meanAcceptStat(),
                r.chain(0).stepSize(), r.gradientEvaluations());
        assertEquals(100, Summary.of(d).rows().size());
    }
}
