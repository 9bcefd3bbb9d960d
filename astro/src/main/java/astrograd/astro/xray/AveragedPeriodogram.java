package astrograd.astro.xray;

/**
 * A periodogram averaged over M segments of n bins of {@code dt} seconds, at the Fourier frequencies
 * {@code f_k = k/(n dt)}, {@code k = 1 … ⌈n/2⌉ − 1} (no zero frequency; no Nyquist bin, whose power has one degree of
 * freedom instead of two). Each averaged power has a standard error of {@code P/√M} for a noise process.
 *
 * @param freq frequencies in Hz
 * @param power averaged powers in {@code norm}
 * @param segments M, the segments averaged
 * @param binsPerSegment n
 * @param dt bin time in seconds
 * @param meanPhotons mean photons per segment
 * @param norm the normalisation
 * @param emptySegments segments inside the GTIs left out because they held no photon
 */
public record AveragedPeriodogram(double[] freq, double[] power, int segments, int binsPerSegment, double dt,
        double meanPhotons, PowerNorm norm, int emptySegments) {
    /** Segment duration {@code n dt}. */
    public double segmentSeconds() {
        return binsPerSegment * dt;
    }

    /** Mean count rate in the averaged segments (counts/s). */
    public double meanRate() {
        return meanPhotons / segmentSeconds();
    }

    /** The white-noise level of pure Poisson counts: 2 (Leahy), {@code 2/μ} (frac-rms), NaN for raw powers. */
    public double poissonLevel() {
        return switch (norm) {
            case LEAHY -> 2;
            case FRAC_RMS -> 2 / meanRate();
            case NONE -> Double.NaN;
        };
    }

    /** The index of the first frequency ≥ f. */
    public int indexOf(double f) {
        return Binning.firstAtOrAfter(freq, f);
    }

    /** Mean power over the frequencies in {@code [fMin, fMax]}, and how many were averaged. */
    public double[] meanPower(double fMin, double fMax) {
        double s = 0;
        int n = 0;
        for (int k = indexOf(fMin); k < freq.length && freq[k] <= fMax; k++) {
            s += power[k];
            n++;
        }
        return new double[] {n == 0 ? Double.NaN : s / n, n};
    }
}
