package astrograd.astro.images;

/**
 * ZOGY proper image subtraction (Zackay, Ofek &amp; Gal-Yam 2016, ApJ 830, 27) on FFTs, for background-subtracted,
 * registered images with known PSFs and flux zero-points F_r = F_n = 1:
 * <pre>
 *   D̂ = (P̂_r N̂ − P̂_n R̂) / sqrt(σ_n² |P̂_r|² + σ_r² |P̂_n|²)       (white, unit variance)
 *   F_D = 1 / sqrt(σ_n² + σ_r²),   P̂_D = P̂_r P̂_n / (F_D sqrt(σ_n² |P̂_r|² + σ_r² |P̂_n|²))
 *   S = F_D · D ⊗ P̄_D,   S_corr = S / sqrt(V_S + V_ast),   V_S = F_D² Σ P_D²
 * </pre>
 * V_ast is the astrometric-noise variance {@code σ_ast² (|∇S_N|² + |∇S_R|²)} with
 * {@code Ŝ_N = k̂_n N̂, k̂_n = conj(P̂_n) |P̂_r|² / den²} and {@code Ŝ_R = k̂_r R̂, k̂_r = conj(P̂_r) |P̂_n|² / den²}
 * (σ_ast = 0 drops it). Source photon noise is not modelled (background-limited images). The flux of a point source
 * at a peak is {@code S / (F_D² Σ P_D²)}. The frequency-0 term of D̂ is set to zero: a constant background difference
 * is removed, as the median background estimate is biased by the sources.
 */
public final class Zogy {
    private final GaussianPsf psfReference;
    private final GaussianPsf psfScience;
    private final double astrometricSigma;

    /** @param astrometricSigma the registration error σ per axis in pixels (0: perfectly registered) */
    public Zogy(GaussianPsf psfReference, GaussianPsf psfScience, double astrometricSigma) {
        this.psfReference = psfReference;
        this.psfScience = psfScience;
        this.astrometricSigma = astrometricSigma;
    }

    /** ZOGY with the noise of each image estimated robustly (MAD) after median background subtraction. */
    public DifferenceResult difference(Image reference, Image science) {
        reference.requireSameSize("zogy", science);
        return difference(reference, science, Robust.sigma(reference.pixels()), Robust.sigma(science.pixels()));
    }

    /** ZOGY with given background noise σ_r and σ_n. */
    public DifferenceResult difference(Image reference, Image science, double sigmaR, double sigmaN) {
        reference.requireSameSize("zogy", science);
        int w = science.width();
        int h = science.height();
        Spectrum rHat = Fft2.forward(Robust.backgroundSubtracted(reference));
        Spectrum nHat = Fft2.forward(Robust.backgroundSubtracted(science));
        double[] pr = psfReference.spectrum(w, h).data();
        double[] pn = psfScience.spectrum(w, h).data();
        double fd = 1 / Math.sqrt(sigmaN * sigmaN + sigmaR * sigmaR);
        int m = w * h;
        double[] d = new double[2 * m];
        double[] s = new double[2 * m];
        double[] sn = new double[2 * m];
        double[] sr = new double[2 * m];
        double sumPd2 = 0;
        for (int i = 0; i < m; i++) {
            double a = pr[2 * i];
            double b = pn[2 * i];
            double den2 = Math.max(sigmaN * sigmaN * a * a + sigmaR * sigmaR * b * b, 1e-300);
            double den = Math.sqrt(den2);
            double pd = a * b / (fd * den);
            sumPd2 += pd * pd;
            for (int c = 0; c < 2; c++) {
                double dv = (a * nHat.data()[2 * i + c] - b * rHat.data()[2 * i + c]) / den;
                d[2 * i + c] = dv;
                s[2 * i + c] = fd * dv * pd;
                sn[2 * i + c] = b * a * a / den2 * nHat.data()[2 * i + c];
                sr[2 * i + c] = a * b * b / den2 * rHat.data()[2 * i + c];
            }
        }
        sumPd2 /= m;
        // the frequency-0 term holds only the backgrounds' difference (median subtraction is biased by sources)
        d[0] = d[1] = s[0] = s[1] = 0;
        double varS = fd * fd * sumPd2;
        Image dImg = Fft2.inverse(new Spectrum(w, h, d));
        Image sImg = Fft2.inverse(new Spectrum(w, h, s));
        double[] vast = astrometricVariance(new Spectrum(w, h, sn), new Spectrum(w, h, sr));
        double[] corr = new double[m];
        double[] flux = new double[m];
        for (int i = 0; i < m; i++) {
            corr[i] = sImg.pixels()[i] / Math.sqrt(varS + vast[i]);
            flux[i] = sImg.pixels()[i] / (fd * fd * sumPd2);
        }
        return new DifferenceResult(dImg, new Image(w, h, corr), new Image(w, h, flux), true);
    }

    private double[] astrometricVariance(Spectrum sn, Spectrum sr) {
        int m = sn.width() * sn.height();
        double[] v = new double[m];
        if (astrometricSigma == 0) {
            return v;
        }
        double s2 = astrometricSigma * astrometricSigma;
        for (Spectrum src : new Spectrum[] {sn, sr}) {
            for (int axis = 0; axis < 2; axis++) {
                double[] g = Fft2.inverse(derivative(src, axis)).pixels();
                for (int i = 0; i < m; i++) {
                    v[i] += s2 * g[i] * g[i];
                }
            }
        }
        return v;
    }

    /** The spectrum of ∂/∂x (axis 0) or ∂/∂y (axis 1): multiplication by {@code 2πi f}. */
    private static Spectrum derivative(Spectrum s, int axis) {
        int w = s.width();
        int h = s.height();
        double[] out = new double[2 * w * h];
        double[] in = s.data();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double f = 2 * Math.PI * (axis == 0 ? Fft2.frequency(u, w) : Fft2.frequency(v, h));
                int i = 2 * (v * w + u);
                out[i] = -f * in[i + 1];
                out[i + 1] = f * in[i];
            }
        }
        return new Spectrum(w, h, out);
    }
}
