package astrograd.astro.uq;

import astrograd.tensor.Rng;
import astrograd.tensor.cpu.SpecialFunctions;

/**
 * Caldeira &amp; Nord's (2021) pendulum simulator and its analytic error propagation. Per pendulum:
 * {@code g ~ U[g₀, g₁]}, {@code L ~ U[L₀, L₁]} m, nuisances {@code θ ~ U[5, 15]} and {@code m ~ U[0.02, 0.1]};
 * true period {@code T₀ = 2π √(L/g)}; a timing-noise level {@code s_T ~ U[t_min, t_max]} and ten measured periods
 * {@code T_i = T₀ (1 + s_T ε_i)}; a measured length {@code L_m = L (1 + 0.02 ε)}. Features (13):
 * {@code [θ, L_m, m, T₁ … T₁₀]}; target g. Analytic estimate and error (n = 10, std with 1/n as NumPy's):
 * <pre>
 *   ĝ = 4π² L_m / T̄²,   δT = std(T_i) · Γ((n−1)/2) / (√2 Γ(n/2)),   δg = (4π²/T̄²) √((2 L_m δT/T̄)² + δL²),  δL = 0.02 L_m
 * </pre>
 * ({@code δT} is then the bias-corrected standard error of T̄.)
 *
 * @param features {@code [n][13]}
 * @param g        true g
 * @param length   true L
 * @param noise    s_T
 * @param gHat     analytic ĝ
 * @param deltaG   analytic δg
 */
public record Pendulums(double[][] features, double[] g, double[] length, double[] noise, double[] gHat,
                        double[] deltaG) {
    /** Measured periods per pendulum. */
    public static final int PERIODS = 10;
    /** Relative length error. */
    public static final double LENGTH_ERROR = 0.02;
    private static final double FOUR_PI2 = 4 * Math.PI * Math.PI;

    /** The ranges to draw g and L from. */
    public record Ranges(double gLow, double gHigh, double lengthLow, double lengthHigh) {
        /** The training distribution: g in [5, 15], L in [0.2, 0.8] m. */
        public static final Ranges TRAINING = new Ranges(5, 15, 0.2, 0.8);
    }

    /** {@code n} pendulums with timing noise {@code s_T ~ U[tMin, tMax]} and the 2 % length error. */
    public static Pendulums simulate(int n, double tMin, double tMax, Ranges r, Rng rng) {
        return simulate(n, tMin, tMax, LENGTH_ERROR, r, rng);
    }

    /**
     * {@code n} pendulums with timing noise {@code s_T ~ U[tMin, tMax]} and relative length error {@code lengthError}
     * (the analytic δL stays {@link #LENGTH_ERROR} · L_m, the study's assumption).
     */
    public static Pendulums simulate(int n, double tMin, double tMax, double lengthError, Ranges r, Rng rng) {
        if (n < 1 || !(tMin >= 0 && tMax >= tMin) || !(r.gLow() > 0) || !(r.lengthLow() > 0)) {
            throw new IllegalArgumentException("pendulums: need n >= 1, 0 <= t_min <= t_max and positive ranges, got n "
                    + n + ", noise [" + tMin + ", " + tMax + "], " + r);
        }
        double[][] x = new double[n][3 + PERIODS];
        double[] g = new double[n];
        double[] len = new double[n];
        double[] noise = new double[n];
        double[] gHat = new double[n];
        double[] dg = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = uniform(rng, r.gLow(), r.gHigh());
            len[i] = uniform(rng, r.lengthLow(), r.lengthHigh());
            double theta = uniform(rng, 5, 15);
            double mass = uniform(rng, 0.02, 0.1);
            noise[i] = uniform(rng, tMin, tMax);
            double t0 = 2 * Math.PI * Math.sqrt(len[i] / g[i]);
            x[i][0] = theta;
            x[i][1] = len[i] * (1 + lengthError * rng.nextGaussian());
            x[i][2] = mass;
            for (int k = 0; k < PERIODS; k++) {
                x[i][3 + k] = t0 * (1 + noise[i] * rng.nextGaussian());
            }
            double[] est = analytic(x[i]);
            gHat[i] = est[0];
            dg[i] = est[1];
        }
        return new Pendulums(x, g, len, noise, gHat, dg);
    }

    /** {ĝ, δg} of one feature row (formulas in the class notes). */
    public static double[] analytic(double[] features) {
        double lm = features[1];
        double mean = 0;
        for (int k = 0; k < PERIODS; k++) {
            mean += features[3 + k] / PERIODS;
        }
        double var = 0;
        for (int k = 0; k < PERIODS; k++) {
            var += (features[3 + k] - mean) * (features[3 + k] - mean) / PERIODS;
        }
        double correction = Math.exp(SpecialFunctions.lgamma((PERIODS - 1) / 2.0) - SpecialFunctions.lgamma(PERIODS / 2.0))
                / Math.sqrt(2);
        double dt = Math.sqrt(var) * correction;
        double dl = LENGTH_ERROR * lm;
        double gHat = FOUR_PI2 * lm / (mean * mean);
        double dg = FOUR_PI2 / (mean * mean) * Math.hypot(2 * lm * dt / mean, dl);
        return new double[] {gHat, dg};
    }

    public int size() {
        return g.length;
    }

    private static double uniform(Rng rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
