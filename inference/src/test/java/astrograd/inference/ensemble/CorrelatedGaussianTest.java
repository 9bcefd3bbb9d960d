package astrograd.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Autocorrelation;
import astrograd.inference.diagnostics.AutocorrelationTime;
import astrograd.inference.diagnostics.Convergence;
import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spec's 5-D correlated Gaussian, {@code Σ = R diag(s²) Rᵀ} with axis scales s = (1, 2, 5, 10, 100) and R a
 * random rotation, for every move: 4 independent ensembles of 32 walkers, 1000 burn-in and 4000 kept steps;
 * N > 50 τ, R̂ across the ensembles < 1.01, {@code |mean_i| < 0.06 σ_i} and
 * {@code |Σ̂_ij − Σ_ij| < 0.1 √(Σ_ii Σ_jj)}. (With each walker taken as a chain, R̂ < 1.01 would need about
 * 100 τ per walker: R̂² ≈ 1 + τ/(N/2).)
 */
class CorrelatedGaussianTest {
    static final double[] SCALES = {1, 2, 5, 10, 100};
    static final int BURN_IN = 1000;
    static final int KEPT = 4000;

    @Test
    void everyMoveRecoversMeanAndCovariance() {
        double[][] r = Targets.rotation(5, new Rng(77));
        double[][] sigma = Targets.covariance(r, SCALES);
        Model model = Model.of(Targets.gaussian(Targets.precision(r, SCALES)), 5);
        List<Move> moves = List.of(Move.stretch(), Move.differentialEvolution(), Move.walk(),
                Move.mixture(new double[] {0.5, 0.3, 0.2}, Move.stretch(), Move.differentialEvolution(), Move.walk()));
        double[] center = new double[5];
        double[] ball = {1, 1, 1, 1, 1};
        long seed = 500;
        for (Move move : moves) {
            EnsembleSampler sampler = EnsembleSampler.builder(model).walkers(32).move(move).build();
            EnsembleResult result = sampler.run(4, Initializer.ball(center, ball), BURN_IN + KEPT, new Rng(seed++));
            double tauMax = 0;
            for (int d = 0; d < 5; d++) {
                double[][] series = result.ensemble(0).walkerSeries(d);
                double[][] kept = new double[series.length][];
                for (int k = 0; k < series.length; k++) {
                    kept[k] = java.util.Arrays.copyOfRange(series[k], BURN_IN, BURN_IN + KEPT);
                }
                AutocorrelationTime t = Autocorrelation.integratedTime(kept, 5, 50, true);
                tauMax = Math.max(tauMax, t.tau());
            }
            Draws draws = result.draws(BURN_IN);
            // R̂ across the 4 independent ensembles, every 20th step (thinning only saves time here)
            Draws perEnsemble = result.ensembleDraws(BURN_IN, 20);
            double rhat = 0;
            for (int d = 0; d < 5; d++) {
                rhat = Math.max(rhat, Convergence.rhat(perEnsemble.parameter(d)));
            }
            double[] worst = Targets.worstMomentErrors(draws, sigma);
            System.out.printf("5-D Gaussian, %s: tau_max %.1f, R-hat %.4f, worst |mean|/sigma %.4f, worst cov error %.4f,"
                    + " acceptance %.3f%n", move, tauMax, rhat, worst[0], worst[1],
                    java.util.Arrays.stream(result.ensemble(0).acceptanceFraction()).average().orElse(0));
            assertTrue(KEPT > 50 * tauMax, move + ": " + KEPT + " steps <= 50 tau = " + 50 * tauMax);
            assertTrue(rhat < 1.01, move + ": R-hat " + rhat);
            assertTrue(worst[0] < 0.06, move + ": |mean| = " + worst[0] + " sigma");
            assertTrue(worst[1] < 0.1, move + ": covariance error " + worst[1] + " of sqrt(S_ii S_jj)");
        }
    }
}
