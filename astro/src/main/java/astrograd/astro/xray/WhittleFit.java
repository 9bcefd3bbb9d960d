package astrograd.astro.xray;

/**
 * A naive maximum-likelihood fit of a Lorentzian QPO plus a constant to an averaged frac-rms periodogram, ignoring
 * dead time (the contrast of Huppenkothen &amp; Bachetti 2022). Model:
 * {@code S(f) = rms² · L(f) · sinc²(π f dt) + C}, with the Lorentzian of FWHM {@code Δ = ν₀/Q}
 * {@code L(f) = (Δ/2π) / ((f − ν₀)² + (Δ/2)²) / (1/2 + atan(2ν₀/Δ)/π)} normalised to unit area over f &gt; 0, and
 * {@code sinc²} the response of binning at dt (known, not dead time). The Whittle likelihood of M averaged
 * segments is {@code −ln ℒ = M Σ_k (ln S(f_k) + P_k/S(f_k))}; it is minimised by Nelder–Mead over
 * {@code (ln rms, ln ν₀, ln Q, ln C)} from a moment-based start, with ν₀ kept inside the frequency range and Q in
 * [0.5, 1000].
 */
public final class WhittleFit {
    /** Fitted rms, centroid, quality factor, constant and the minimised {@code −ln ℒ}. */
    public record Result(double rms, double nu0, double q, double constant, double negLogLikelihood) {
    }

    private WhittleFit() {
    }

    /** The model power at f. */
    public static double model(double f, double rms, double nu0, double q, double constant, double dt) {
        double width = nu0 / q;
        double area = 0.5 + Math.atan(2 * nu0 / width) / Math.PI;
        double lorentz = width / (2 * Math.PI) / ((f - nu0) * (f - nu0) + width * width / 4) / area;
        double x = Math.PI * f * dt;
        double sinc = x == 0 ? 1 : Math.sin(x) / x;
        return rms * rms * lorentz * sinc * sinc + constant;
    }

    /** Fits a frac-rms averaged periodogram. */
    public static Result fit(AveragedPeriodogram p) {
        if (p.norm() != PowerNorm.FRAC_RMS) {
            throw new IllegalArgumentException("WhittleFit: needs a frac-rms periodogram, got " + p.norm());
        }
        double[] f = p.freq();
        double[] pw = p.power();
        double fMin = f[0];
        double fMax = f[f.length - 1];
        double dt = p.dt();
        int m = p.segments();
        double[] start = start(f, pw);
        java.util.function.ToDoubleFunction<double[]> nll = v -> {
            double rms = Math.exp(v[0]);
            double nu0 = Math.exp(v[1]);
            double q = Math.exp(v[2]);
            double c = Math.exp(v[3]);
            if (nu0 < fMin || nu0 > fMax || q < 0.5 || q > 1000) {
                return Double.POSITIVE_INFINITY;
            }
            double s = 0;
            for (int k = 0; k < f.length; k++) {
                double model = model(f[k], rms, nu0, q, c, dt);
                s += Math.log(model) + pw[k] / model;
            }
            return m * s;
        };
        double[] step = {0.3, 0.1, 0.5, 0.1};
        NelderMead.Result best = NelderMead.minimize(nll, start, step, 4000, 1e-10);
        for (int restart = 0; restart < 2; restart++) {
            NelderMead.Result again = NelderMead.minimize(nll, best.x(), step, 4000, 1e-10);
            if (again.value() >= best.value() - 1e-9) {
                break;
            }
            best = again;
        }
        double[] v = best.x();
        return new Result(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3]), best.value());
    }

    /** Start: C the median power, ν₀ the peak of the excess smoothed over ~5 % of the range, rms² its integral. */
    private static double[] start(double[] f, double[] p) {
        double[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        double c = sorted[sorted.length / 2];
        int half = Math.max(1, f.length / 40);
        int peak = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < f.length; k++) {
            double s = 0;
            int n = 0;
            for (int j = Math.max(0, k - half); j <= Math.min(f.length - 1, k + half); j++) {
                s += p[j];
                n++;
            }
            if (s / n > best) {
                best = s / n;
                peak = k;
            }
        }
        double excess = 0;
        double df = f.length > 1 ? f[1] - f[0] : f[0];
        for (double v : p) {
            excess += Math.max(0, v - c) * df;
        }
        double rms = Math.sqrt(Math.max(excess, 1e-6));
        return new double[] {Math.log(rms), Math.log(f[peak]), Math.log(5), Math.log(Math.max(c, 1e-12))};
    }
}
