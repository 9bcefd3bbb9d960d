package astrograd.astro.retrieval;

import astrograd.inference.Draws;
import astrograd.inference.demc.DemcResult;
import astrograd.inference.demc.DemcSampler;
import astrograd.inference.ensemble.Initializer;
import astrograd.inference.model.Model;
import astrograd.tensor.Rng;
import java.util.function.Function;

/**
 * HOMER-style comparison of a retrieval with an emulator against the same retrieval with the true forward model:
 * both run DE-MCz ({@link DemcSampler}, snooker 0.1, C chains started from prior draws, constrained space) on the same
 * observation with the same seed, and their 1-D marginals after burn-in are compared by the {@link Bhattacharyya}
 * coefficient over {@value #BC_BINS} common bins. The speed-up per chain is the ratio of the runs' wall-clock times
 * (the chains of a run advance in lockstep on one thread, so a run's time is a chain's time) and, separately, the
 * ratio of the mean times of one forward evaluation.
 */
public final class SurrogateRetrieval {
    /** Common histogram bins for the Bhattacharyya coefficient. */
    public static final int BC_BINS = 30;
    /** The synthetic observation's parameters: T = 1400 K, log₁₀ X = −3.5, −6, −8, log₁₀ κ_cloud = −5. */
    public static final double[] SYNTHETIC_TRUTH = {1400, -3.5, -6, -8, -5};

    private SurrogateRetrieval() {
    }

    /**
     * One DEMC retrieval.
     *
     * @param draws           stored draws after burn-in
     * @param seconds         wall-clock time of the run
     * @param evaluations     forward evaluations (proposals inside the box)
     * @param msPerEvaluation mean time of one forward evaluation (ms)
     * @param acceptance      mean acceptance fraction
     */
    public record Run(Draws draws, double seconds, long evaluations, double msPerEvaluation, double acceptance) {
    }

    /** The comparison: the two runs and the BC of each parameter's marginal. */
    public record Comparison(Run emulator, Run truth, double[] bc) {
        /** Wall-clock speed-up per chain (true-model run time / emulator run time). */
        public double runSpeedup() {
            return truth.seconds() / emulator.seconds();
        }

        /** Speed-up per log-likelihood evaluation (ms per true evaluation / ms per emulator evaluation). */
        public double evaluationSpeedup() {
            return truth.msPerEvaluation() / emulator.msPerEvaluation();
        }

        /**
         * The sampling-noise floor of the BC: per parameter, the BC between the true-model run's first and second
         * half of chains (each half has half the draws of a run, so this floor is, if anything, lower than the noise
         * of the emulator-versus-truth BC).
         */
        public double[] splitBc() {
            return Bhattacharyya.splitChains(truth.draws());
        }

        /** The smallest BC over parameters. */
        public double minBc() {
            double m = 1;
            for (double v : bc) {
                m = Math.min(m, v);
            }
            return m;
        }
    }

    /**
     * A DEMC retrieval of {@code data} with {@code forward}.
     *
     * @param chains      C (≥ 3)
     * @param generations generations in all
     * @param burnIn      generations discarded at the start
     */
    public static Run demc(ObservedSpectrum data, PriorBox prior, Function<double[], double[]> forward, int chains,
            long generations, int burnIn, long seed) {
        if (burnIn < 0 || burnIn >= generations) {
            throw new IllegalArgumentException("retrieval: burn-in must be in [0, generations), got " + burnIn + " of "
                    + generations);
        }
        SpectrumLikelihood likelihood = new SpectrumLikelihood(data, prior, forward);
        Model model = prior.modelBuilder().likelihood(likelihood).build();
        DemcSampler sampler = DemcSampler.builder(model).chains(chains).build();
        long t0 = System.nanoTime();
        DemcResult r = sampler.run(Initializer.prior(), generations, new Rng(seed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(r.draws(burnIn), seconds, likelihood.evaluations(), likelihood.msPerEvaluation(),
                r.meanAcceptance());
    }

    /** Both retrievals of {@code data} with the same settings and seed, and their marginals' BCs. */
    public static Comparison compare(ObservedSpectrum data, PriorBox prior, SpectrumEmulator emulator,
            TransmissionModel model, int chains, long generations, int burnIn, long seed) {
        Run fast = demc(data, prior, emulator::predict, chains, generations, burnIn, seed);
        Run slow = demc(data, prior, model::spectrum, chains, generations, burnIn, seed);
        double[] bc = new double[prior.dim()];
        for (int j = 0; j < bc.length; j++) {
            bc[j] = Bhattacharyya.coefficient(fast.draws().flat(j), slow.draws().flat(j), BC_BINS);
        }
        return new Comparison(fast, slow, bc);
    }
}
