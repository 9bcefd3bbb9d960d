package astrograd.astro.flares;

/**
 * One identified flare.
 *
 * @param tpeak time of the highest flux within the flare (days, the light curve's time system)
 * @param tstart first cadence of the flare
 * @param tstop last cadence of the flare
 * @param amplitude peak flux relative to the local (normalized) baseline: {@code flux/baseline − 1}
 * @param fwhmDays full width at half maximum of the relative flux, in days
 * @param equivalentDurationS equivalent duration ∫ (flux/baseline − 1) dt over the flare, in seconds
 * @param probability mean ensemble probability over the flare's cadences
 * @param significance the amplitude in units of the light curve's noise σ
 * @param peakIndex cadence index of the peak
 */
public record Flare(double tpeak, double tstart, double tstop, double amplitude, double fwhmDays,
        double equivalentDurationS, double probability, double significance, int peakIndex) {
}
