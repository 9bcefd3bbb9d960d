package astrograd.inference.demc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Convergence;
import astrograd.inference.ensemble.Initializer;
import astrograd.inference.ensemble.Targets;
import astrograd.inference.model.Model;
import astrograd.inference.stats.NormalDistribution;
import astrograd.inference.stats.Ranks;
import astrograd.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * DEMC on Gaussians. emcee's 1-D test (every chain's acceptance in (0.1, 0.9), |mean| < 0.08, |std − 1| < 0.05,
 * KS < 0.05) and the spec's 5-D rotated Gaussian (axis scales 1, 2, 5, 10, 100): 10 chains (so γ = 0.7526),
 * R̂ across the chains < 1.01 (rank-normalized split-R̂ and mc3's Gelman–Rubin), acceptance in [0.1, 0.5],
 * {@code |mean_i| < 0.06 σ_i} and {@code |Σ̂_ij − Σ_ij| < 0.1 √(Σ_ii Σ_jj)}, for DE-MCz with snooker (the spec's run:
 * 10⁵ generations, burn-in 10⁴) and for DE-MC (20 000 generations).
 */
class DemcGaussianTest {
    static final double[] SCALES = {1, 2, 5, 10, 100};

    @Test
    void standardNormalInOneDimension() {
        Model model = Model.of(Targets.standardNormal(), "x");
        for (boolean archive : new boolean[] {true, false}) {
            DemcSampler s = DemcSampler.builder(model).chains(16).archive(archive).build();
            DemcResult r = s.run(Initializer.ball(new double[] {0}, new double[] {1}), 3000, new Rng(2024));
            for (double f : r.acceptanceFraction()) {
                assertTrue(f > 0.1 && f < 0.9, s + ": a chain's acceptance is " + f);
            }
            double[] x = r.draws(500).flat(0);
            double mean = Arrays.stream(x).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length);
            double ks = Ranks.ksStatistic(x, NormalDistribution::cdf);
            System.out.printf("DEMC 1-D N(0,1), archive %b: mean %.4f, sd %.4f, KS %.4f, acceptance %.3f%n", archive,
                    mean, sd, ks, r.meanAcceptance());
            assertTrue(Math.abs(mean) < 0.08, "mean " + mean);
            assertTrue(Math.abs(sd - 1) < 0.05, "sd " + sd);
            assertTrue(ks < 0.05, "KS " + ks);
            assertEquals(0, r.nonFinite());
        }
    }

    @Test
    void rotatedFiveDimensionalGaussian() {
        double[][] rot = Targets.rotation(5, new Rng(77));
        double[][] sigma = Targets.covariance(rot, SCALES);
        Model model = Model.of(Targets.gaussian(Targets.precision(rot, SCALES)), 5);
        Initializer init = Initializer.ball(new double[5], new double[] {1, 1, 1, 1, 1});
        int[][] settings = {{10, 1, 100_000, 10_000}, {20, 0, 20_000, 4_000}};
        for (int[] set : settings) {
            boolean archive = set[1] == 1;
            DemcSampler s = DemcSampler.builder(model).chains(set[0]).archive(archive).build();
            long t0 = System.nanoTime();
            DemcResult r = s.run(init, set[2], new Rng(31 + set[0]));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Draws d = r.draws(set[3]);
            double rhat = 0;
            double gr = 0;
            for (int j = 0; j < 5; j++) {
                rhat = Math.max(rhat, Convergence.rhat(d.parameter(j)));
            }
            for (double g : r.gelmanRubin(set[3])) {
                gr = Math.max(gr, g);
            }
            double[] worst = Targets.worstMomentErrors(d, sigma);
            long[] snooker = r.snookerCounts();
            System.out.printf("DEMC 5-D rotated Gaussian, %d chains, archive %b: R-hat %.4f, GR %.4f, |mean|/sigma "
                    + "%.4f, cov error %.4f, acceptance %.3f, snooker %d/%d, archive %d, %.1f s%n", set[0], archive,
                    rhat, gr, worst[0], worst[1], r.meanAcceptance(), snooker[1], snooker[0], r.archiveSize(),
                    seconds);
            assertTrue(rhat < 1.01, s + ": R-hat " + rhat);
            assertTrue(gr < 1.01, s + ": Gelman-Rubin " + gr);
            assertTrue(r.meanAcceptance() >= 0.1 && r.meanAcceptance() <= 0.5, "acceptance " + r.meanAcceptance());
            assertTrue(worst[0] < 0.06, s + ": |mean| = " + worst[0] + " sigma");
            assertTrue(worst[1] < 0.1, s + ": covariance error " + worst[1] + " of sqrt(S_ii S_jj)");
        }
    }
}
