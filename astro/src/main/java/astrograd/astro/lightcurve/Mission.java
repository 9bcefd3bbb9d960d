package astrograd.astro.lightcurve;

/**
 * The space photometry missions whose light-curve files the reader knows. The mission decides the meaning of
 * the quality bits ({@link QualityMask}) and the time system.
 */
public enum Mission {
    /** TESS (SPOC and TESS-SPOC HLSP files): {@code QUALITY} column, times in BTJD = BJD − 2457000. */
    TESS("BTJD", 2457000.0),
    /** Kepler and K2: {@code SAP_QUALITY} column, times in BKJD = BJD − 2454833. */
    KEPLER("BKJD", 2454833.0),
    /** Not recognized (for example a {@code .npy} file): no quality presets, time system unknown. */
    UNKNOWN("unknown", Double.NaN);

    private final String timeSystem;
    private final double bjdReference;

    Mission(String timeSystem, double bjdReference) {
        this.timeSystem = timeSystem;
        this.bjdReference = bjdReference;
    }

    /** The usual name of the mission's time axis ("BTJD", "BKJD", "unknown"). */
    public String timeSystem() {
        return timeSystem;
    }

    /** The mission's barycentric Julian date reference (time = BJD − reference), NaN when unknown. */
    public double bjdReference() {
        return bjdReference;
    }

    /**
     * Recognizes a mission from a {@code TELESCOP} or {@code MISSION} header value ("TESS", "Kepler", "K2");
     * UNKNOWN when {@code telescope} is null or something else.
     */
    public static Mission fromTelescope(String telescope) {
        if (telescope == null) {
            return UNKNOWN;
        }
        String t = telescope.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.equals("TESS")) {
            return TESS;
        }
        return t.equals("KEPLER") || t.equals("K2") ? KEPLER : UNKNOWN;
    }
}
