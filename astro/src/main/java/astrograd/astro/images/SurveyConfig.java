package astrograd.astro.images;

/**
 * The synthetic survey-pair generator's settings (spec §5(e)); defaults are the spec's 256 × 256 scenes. Star and
 * galaxy counts are per 256 × 256 and scale with the image area; transient and variable counts are per image.
 * Fluxes are given as signal-to-noise ratios in the science image, {@code S/N = F / (σ_n sqrt(4π σ_major σ_minor))}
 * (the optimal PSF-fit S/N of a point source on a background of noise σ_n).
 *
 * @param size image side (pixels)
 * @param starsMin fewest stars per 256² (uniform count between min and max)
 * @param starsMax most stars per 256²
 * @param starSnrMin faintest star S/N; star S/N follow {@code N(>S) ∝ S^(−starIndex)} up to starSnrMax
 * @param starIndex the power-law index of the cumulative counts (1.5: Euclidean)
 * @param galaxiesMin fewest Sérsic galaxies per 256²
 * @param galaxiesMax most galaxies per 256²
 * @param galaxySnrMin the galaxies' integrated S/N, log-uniform between min and max
 * @param sersicMin smallest Sérsic index n (uniform)
 * @param sersicMax largest Sérsic index
 * @param radiusMin smallest effective radius (pixels, log-uniform)
 * @param radiusMax largest effective radius
 * @param skyRef the reference image's constant sky
 * @param skySci the science image's constant sky
 * @param psfRefMin the reference (round) PSF width σ_r ~ U(min, max)
 * @param psfSciMin the science PSF's geometric-mean width σ_n ~ U(min, max)
 * @param maxEllipticity science PSF ellipticity {@code 1 − b/a} ~ U(0, max)
 * @param maxShift sub-pixel misregistration per axis ~ U(−max, max) pixels
 * @param maxRotationDeg rotation ~ U(−max, max) degrees about the image centre
 * @param noiseSci the science image's Gaussian noise σ_n
 * @param depthRatio the reference noise {@code σ_r = depthRatio · σ_n} (deep reference: 0.5)
 * @param transientsMin fewest injected transients per image
 * @param transientSnrMin transient S/N, log-uniform between min and max
 * @param onGalaxyFraction the chance that a transient sits on a galaxy (within one R_e of its centre)
 * @param variablesMin fewest variable stars (flux changed by ±variableAmplitude; not transients)
 */
public record SurveyConfig(int size, double starsMin, double starsMax, double starSnrMin, double starSnrMax,
        double starIndex, double galaxiesMin, double galaxiesMax, double galaxySnrMin, double galaxySnrMax,
        double sersicMin, double sersicMax, double radiusMin, double radiusMax, double skyRef, double skySci,
        double psfRefMin, double psfRefMax, double psfSciMin, double psfSciMax, double maxEllipticity,
        double maxShift, double maxRotationDeg, double noiseSci, double depthRatio, int transientsMin,
        int transientsMax, double transientSnrMin, double transientSnrMax, double onGalaxyFraction, int variablesMin,
        int variablesMax, double variableAmplitude) {

    public SurveyConfig {
        if (size < 16) {
            throw new IllegalArgumentException("SurveyConfig: size " + size + " must be at least 16");
        }
        if (transientsMin < 0 || transientsMax < transientsMin || variablesMin < 0 || variablesMax < variablesMin) {
            throw new IllegalArgumentException("SurveyConfig: transient/variable counts must satisfy 0 <= min <= max");
        }
        if (!(noiseSci > 0) || !(depthRatio > 0)) {
            throw new IllegalArgumentException("SurveyConfig: noise " + noiseSci + " and depth ratio " + depthRatio
                    + " must be positive");
        }
    }

    /** The spec's 256 × 256 survey pairs. */
    public static SurveyConfig defaults() {
        return new SurveyConfig(256, 30, 150, 5, 1000, 1.5, 5, 20, 20, 400, 0.5, 4, 2, 15, 100, 120, 1.0, 1.8, 1.2,
                2.6, 0.3, 0.7, 0.2, 1.0, 0.5, 0, 3, 5, 50, 0.5, 0, 2, 0.2);
    }

    /** The same scenes at another image size (star and galaxy densities kept). */
    public SurveyConfig withSize(int side) {
        return new SurveyConfig(side, starsMin, starsMax, starSnrMin, starSnrMax, starIndex, galaxiesMin, galaxiesMax,
                galaxySnrMin, galaxySnrMax, sersicMin, sersicMax, radiusMin, radiusMax, skyRef, skySci, psfRefMin,
                psfRefMax, psfSciMin, psfSciMax, maxEllipticity, maxShift, maxRotationDeg, noiseSci, depthRatio,
                transientsMin, transientsMax, transientSnrMin, transientSnrMax, onGalaxyFraction, variablesMin,
                variablesMax, variableAmplitude);
    }

    /** The same scenes with misregistration up to {@code shift} pixels and {@code rotationDeg} degrees. */
    public SurveyConfig withMisregistration(double shift, double rotationDeg) {
        return new SurveyConfig(size, starsMin, starsMax, starSnrMin, starSnrMax, starIndex, galaxiesMin, galaxiesMax,
                galaxySnrMin, galaxySnrMax, sersicMin, sersicMax, radiusMin, radiusMax, skyRef, skySci, psfRefMin,
                psfRefMax, psfSciMin, psfSciMax, maxEllipticity, shift, rotationDeg, noiseSci, depthRatio,
                transientsMin, transientsMax, transientSnrMin, transientSnrMax, onGalaxyFraction, variablesMin,
                variablesMax, variableAmplitude);
    }

    /** The same scenes with {@code min..max} transients and {@code vMin..vMax} variable stars per image. */
    public SurveyConfig withCounts(int min, int max, int vMin, int vMax) {
        return new SurveyConfig(size, starsMin, starsMax, starSnrMin, starSnrMax, starIndex, galaxiesMin, galaxiesMax,
                galaxySnrMin, galaxySnrMax, sersicMin, sersicMax, radiusMin, radiusMax, skyRef, skySci, psfRefMin,
                psfRefMax, psfSciMin, psfSciMax, maxEllipticity, maxShift, maxRotationDeg, noiseSci, depthRatio, min,
                max, transientSnrMin, transientSnrMax, onGalaxyFraction, vMin, vMax, variableAmplitude);
    }
}
