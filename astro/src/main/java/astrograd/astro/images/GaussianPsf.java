package astrograd.astro.images;

/**
 * An elliptical Gaussian point-spread function of unit flux: widths {@code sigmaMajor ≥ sigmaMinor} (pixels) along
 * axes rotated by {@code angle} (radians, counter-clockwise from +x). Its covariance is
 * {@code Σ = R(angle) diag(σ_major², σ_minor²) R(angle)ᵀ}; its Fourier transform at frequency k (cycles per pixel)
 * is {@code exp(−2π² kᵀ Σ k)}. Images rendered through {@link #spectrum} are band-limited: the PSF sampled at the
 * pixel grid is the inverse transform of that spectrum, exact for the periodic image.
 */
public record GaussianPsf(double sigmaMajor, double sigmaMinor, double angle) {
    public GaussianPsf {
        if (!(sigmaMinor > 0) || !(sigmaMajor >= sigmaMinor)) {
            throw new IllegalArgumentException("GaussianPsf: widths " + sigmaMajor + ", " + sigmaMinor
                    + " must satisfy sigmaMajor >= sigmaMinor > 0");
        }
    }

    /** A round PSF. */
    public static GaussianPsf round(double sigma) {
        return new GaussianPsf(sigma, sigma, 0);
    }

    /** {@code Σ_xx, Σ_xy, Σ_yy}. */
    public double[] covariance() {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double a = sigmaMajor * sigmaMajor;
        double b = sigmaMinor * sigmaMinor;
        return new double[] {a * c * c + b * s * s, (a - b) * c * s, a * s * s + b * c * c};
    }

    /** Ellipticity {@code 1 − σ_minor/σ_major}. */
    public double ellipticity() {
        return 1 - sigmaMinor / sigmaMajor;
    }

    /** The geometric-mean width {@code sqrt(σ_major σ_minor)}. */
    public double sigma() {
        return Math.sqrt(sigmaMajor * sigmaMinor);
    }

    /** The noise-equivalent area {@code 1 / Σ P² = 4π σ_major σ_minor} (pixels). */
    public double noiseEquivalentArea() {
        return 4 * Math.PI * sigmaMajor * sigmaMinor;
    }

    /** This PSF turned by {@code radians}. */
    public GaussianPsf rotated(double radians) {
        return new GaussianPsf(sigmaMajor, sigmaMinor, angle + radians);
    }

    /** The transform {@code exp(−2π² kᵀΣk)} at frequency (kx, ky) in cycles per pixel. */
    public double transform(double kx, double ky) {
        double[] c = covariance();
        return Math.exp(-2 * Math.PI * Math.PI * (c[0] * kx * kx + 2 * c[1] * kx * ky + c[2] * ky * ky));
    }

    /** The (real) spectrum on a {@code width × height} grid. */
    public Spectrum spectrum(int width, int height) {
        double[] c = covariance();
        double[] d = new double[2 * width * height];
        double f = -2 * Math.PI * Math.PI;
        for (int v = 0; v < height; v++) {
            double ky = Fft2.frequency(v, height);
            for (int u = 0; u < width; u++) {
                double kx = Fft2.frequency(u, width);
                d[2 * (v * width + u)] = Math.exp(f * (c[0] * kx * kx + 2 * c[1] * kx * ky + c[2] * ky * ky));
            }
        }
        return new Spectrum(width, height, d);
    }

    /** The band-limited PSF image, origin-centred and wrapped, summing to 1. */
    public Image image(int width, int height) {
        return Fft2.inverse(spectrum(width, height));
    }
}
