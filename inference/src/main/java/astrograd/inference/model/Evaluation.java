package astrograd.inference.model;

/**
 * Log-densities (and optionally gradients) of a batch of points. Non-finite values never appear: a row whose
 * log-density, or any gradient component, was NaN or ±∞ reads {@code −∞} with a zero gradient, and is counted in
 * {@link #nonFinite()} (a row that is exactly −∞, e.g. outside a prior's support, is not counted).
 *
 * @param logDensity    {@code [W]}, finite or −∞
 * @param gradient      {@code [W][D]}, or null when not asked for
 * @param nonFiniteRows {@code [W]}: true where the row's value or gradient was NaN or infinite (other than a plain −∞)
 */
public record Evaluation(double[] logDensity, double[][] gradient, boolean[] nonFiniteRows) {
    /** Number of points. */
    public int size() {
        return logDensity.length;
    }

    /** Rows whose value or gradient was NaN or infinite (other than a plain −∞). */
    public int nonFinite() {
        int n = 0;
        for (boolean bad : nonFiniteRows) {
            n += bad ? 1 : 0;
        }
        return n;
    }
}
