package astrograd.astro.lightcurve;

/**
 * How {@link LightCurveReader} reads a file.
 *
 * @param fluxColumn which flux of a SPOC/Kepler FITS file to use (ignored for {@code .npy})
 * @param qualityMask which quality bits drop a cadence (FITS only)
 * @param minCadences the fewest valid cadences accepted; fewer is an error
 */
public record ReadOptions(FluxColumn fluxColumn, QualityMask qualityMask, int minCadences) {
    /** The default for {@link #minCadences}. */
    public static final int DEFAULT_MIN_CADENCES = 100;

    /** The flux columns of a SPOC or Kepler light-curve file. */
    public enum FluxColumn {
        /**
         * {@code PDCSAP_FLUX}/{@code PDCSAP_FLUX_ERR}: systematics-corrected; when the file has no PDCSAP columns
         * the reader falls back to SAP.
         */
        PDCSAP("PDCSAP_FLUX", "PDCSAP_FLUX_ERR"),
        /** {@code SAP_FLUX}/{@code SAP_FLUX_ERR}: simple aperture photometry. */
        SAP("SAP_FLUX", "SAP_FLUX_ERR");

        private final String flux;
        private final String error;

        FluxColumn(String flux, String error) {
            this.flux = flux;
            this.error = error;
        }

        /** The flux column's name. */
        public String fluxName() {
            return flux;
        }

        /** The error column's name. */
        public String errorName() {
            return error;
        }
    }

    public ReadOptions {
        if (fluxColumn == null || qualityMask == null) {
            throw new IllegalArgumentException("ReadOptions: fluxColumn and qualityMask must not be null");
        }
        if (minCadences < 1) {
            throw new IllegalArgumentException("ReadOptions: minCadences must be at least 1, got " + minCadences);
        }
    }

    /** PDCSAP flux, the default quality mask, at least 100 cadences. */
    public static ReadOptions defaults() {
        return new ReadOptions(FluxColumn.PDCSAP, QualityMask.DEFAULT, DEFAULT_MIN_CADENCES);
    }

    /** A copy with another flux column. */
    public ReadOptions withFluxColumn(FluxColumn column) {
        return new ReadOptions(column, qualityMask, minCadences);
    }

    /** A copy with another quality mask. */
    public ReadOptions withQualityMask(QualityMask mask) {
        return new ReadOptions(fluxColumn, mask, minCadences);
    }

    /** A copy with another minimum number of valid cadences. */
    public ReadOptions withMinCadences(int min) {
        return new ReadOptions(fluxColumn, qualityMask, min);
    }
}
