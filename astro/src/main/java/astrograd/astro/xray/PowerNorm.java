package astrograd.astro.xray;

/**
 * Periodogram normalisations (stingray {@code fourier.py}), for a segment of n bins of {@code dt}, duration
 * {@code T = n dt}, with {@code N_ph} photons, mean rate {@code μ = N_ph/T} and raw power {@code |X_k|²}:
 * <ul>
 *   <li>{@link #LEAHY}: {@code P = 2|X_k|²/N_ph}, Poisson level 2;</li>
 *   <li>{@link #FRAC_RMS}: {@code P = 2T|X_k|²/N_ph²} in (rms/mean)²/Hz, Poisson level {@code 2/μ};</li>
 *   <li>{@link #NONE}: {@code |X_k|²}.</li>
 * </ul>
 * For an average over M segments, {@code |X_k|²} is the mean raw power and {@code N_ph} the mean photons per segment.
 */
public enum PowerNorm {
    LEAHY, FRAC_RMS, NONE;

    /** The factor that turns a mean raw power into this normalisation. */
    double factor(double meanPhotons, double segmentSeconds) {
        return switch (this) {
            case LEAHY -> 2 / meanPhotons;
            case FRAC_RMS -> 2 * segmentSeconds / (meanPhotons * meanPhotons);
            case NONE -> 1;
        };
    }

    /** Parses {@code leahy}, {@code frac} / {@code frac-rms} / {@code rms}, {@code none}, ignoring case. */
    public static PowerNorm parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "leahy" -> LEAHY;
            case "frac", "frac-rms", "frac_rms", "rms" -> FRAC_RMS;
            case "none", "raw" -> NONE;
            default -> throw new IllegalArgumentException("unknown normalization '" + text
                    + "' (use leahy, frac or none)");
        };
    }
}
