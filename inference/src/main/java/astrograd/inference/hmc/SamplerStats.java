package astrograd.inference.hmc;

/**
 * Per-iteration statistics of one chain's phase (warm-up or sampling), as Stan's sampler parameters: arrays of
 * one entry per iteration. The arrays are not copied: do not modify them.
 *
 * @param acceptStat mean Metropolis acceptance over the trajectory ({@code accept_stat__})
 * @param stepSize   the step size used ({@code stepsize__})
 * @param treeDepth  NUTS tree depth ({@code treedepth__}; 0 for static HMC)
 * @param nLeapfrog  leapfrog steps = gradient evaluations of the transition ({@code n_leapfrog__})
 * @param divergent  whether the transition diverged ({@code divergent__})
 * @param saturated  whether NUTS hit the maximum tree depth (static HMC: the step cap)
 * @param energy     {@code H} at the draw ({@code energy__})
 * @param logDensity {@code log π} at the draw in unconstrained space, Jacobians included ({@code lp__})
 */
public record SamplerStats(double[] acceptStat, double[] stepSize, int[] treeDepth, int[] nLeapfrog,
        boolean[] divergent, boolean[] saturated, double[] energy, double[] logDensity) {

    static SamplerStats allocate(int n) {
        return new SamplerStats(new double[n], new double[n], new int[n], new int[n], new boolean[n], new boolean[n],
                new double[n], new double[n]);
    }

    /** Iterations. */
    public int size() {
        return acceptStat.length;
    }

    /** Divergent transitions. */
    public int divergences() {
        return count(divergent);
    }

    /** Transitions that hit the maximum tree depth. */
    public int saturations() {
        return count(saturated);
    }

    /** Mean accept statistic. */
    public double meanAcceptStat() {
        double s = 0;
        for (double a : acceptStat) {
            s += a;
        }
        return s / size();
    }

    /** Leapfrog steps in all. */
    public long leapfrogSteps() {
        long s = 0;
        for (int n : nLeapfrog) {
            s += n;
        }
        return s;
    }

    /**
     * The energy Bayesian fraction of missing information (Betancourt 2016):
     * {@code E-BFMI = Σₙ (Eₙ − Eₙ₋₁)² / Σₙ (Eₙ − Ē)²}; below 0.3 the momentum resampling explores the energy
     * distribution poorly.
     *
     * @throws IllegalStateException with fewer than 2 iterations or constant energies
     */
    public double ebfmi() {
        int n = size();
        if (n < 2) {
            throw new IllegalStateException("hmc: E-BFMI needs >= 2 draws, got " + n);
        }
        double mean = 0;
        for (double e : energy) {
            mean += e;
        }
        mean /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            den += (energy[i] - mean) * (energy[i] - mean);
            if (i > 0) {
                num += (energy[i] - energy[i - 1]) * (energy[i] - energy[i - 1]);
            }
        }
        if (den == 0) {
            throw new IllegalStateException("hmc: E-BFMI is undefined for constant energies");
        }
        return num / den;
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            c += f ? 1 : 0;
        }
        return c;
    }
}
