package astrograd.astro.images;

import java.util.List;

/**
 * One synthetic reference/science pair. All positions are in the science image's pixel frame (0-based, pixel
 * centres at integers), which is also the frame of the difference images and of {@code truth}.
 *
 * @param reference the deep reference image (sky included)
 * @param science the new image (sky included)
 * @param truth the noise-free transients convolved with the science PSF, without sky (the network's target)
 * @param transients the injected transients
 * @param variables positions of the variable stars (not transients)
 * @param psfReference the reference PSF (in the science frame, i.e. turned by the misregistration rotation)
 * @param psfScience the science PSF
 * @param noiseReference the reference's noise σ_r
 * @param noiseScience the science noise σ_n
 * @param shiftX the misregistration shift (science minus reference, pixels)
 * @param shiftY likewise along y
 * @param rotation the misregistration rotation (radians)
 */
public record SurveyPair(Image reference, Image science, Image truth, List<Transient> transients,
        List<double[]> variables, GaussianPsf psfReference, GaussianPsf psfScience, double noiseReference,
        double noiseScience, double shiftX, double shiftY, double rotation) {

    /** An injected point-source transient: position, flux, S/N in the science image, and whether on a galaxy. */
    public record Transient(double x, double y, double flux, double snr, boolean onGalaxy) {
    }

    public int size() {
        return science.width();
    }
}
