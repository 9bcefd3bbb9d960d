package astrograd.astro.images;

/**
 * Point-source detection statistic of a difference image D with (approximately) white noise: the PSF
 * cross-correlation {@code D ⊗ P̄} divided by its robust (MAD) σ.
 */
public final class MatchedFilter {
    private MatchedFilter() {
    }

    /** {@code (D ⊗ P̄) / σ_MAD(D ⊗ P̄)}; the Gaussian PSF is symmetric, so P̄ = P. */
    public static Image significance(Image difference, GaussianPsf psf) {
        Spectrum p = psf.spectrum(difference.width(), difference.height());
        Image filtered = Fft2.inverse(Fft2.forward(difference).timesConjugate(p));
        double sigma = Robust.sigma(filtered.pixels());
        return filtered.affine(1 / sigma, -Robust.median(filtered.pixels()) / sigma);
    }

    /** A difference image with its matched-filter significance, flux by aperture sums on the difference. */
    public static DifferenceResult result(Image difference, GaussianPsf psfScience) {
        return new DifferenceResult(difference, significance(difference, psfScience), difference, false);
    }
}
