package astrograd.inference.diagnostics;

/**
 * An integrated autocorrelation time estimate.
 *
 * @param tau     τ in steps (+∞ when every walker is constant)
 * @param window  the summation window M
 * @param steps   series length N
 * @param walkers number of series averaged
 * @param warning null when {@code N >= tol·τ}; otherwise why the estimate is not to be trusted
 */
public record AutocorrelationTime(double tau, int window, int steps, int walkers, String warning) {
    /** True when no warning was raised. */
    public boolean reliable() {
        return warning == null;
    }

    /** Effective sample size {@code N·W/τ} (0 for a constant chain). */
    public double effectiveSamples() {
        return Double.isInfinite(tau) ? 0 : steps * (double) walkers / tau;
    }
}
