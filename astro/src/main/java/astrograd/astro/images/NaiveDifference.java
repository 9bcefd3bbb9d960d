package astrograd.astro.images;

/**
 * Naive subtraction: {@code D = (N − median N) − (R − median R)}, no registration or PSF matching; detection by a
 * matched filter with the science PSF on D.
 */
public final class NaiveDifference {
    private NaiveDifference() {
    }

    public static DifferenceResult difference(Image reference, Image science, GaussianPsf psfScience) {
        reference.requireSameSize("naive", science);
        Image d = Robust.backgroundSubtracted(science).minus(Robust.backgroundSubtracted(reference));
        return MatchedFilter.result(d, psfScience);
    }
}
