package astrograd.astro.xray;

import astrograd.astro.signal.Fft;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * Light curves with a given power spectrum by Timmer &amp; König (1995, A&amp;A 300, 707), rescaled as in
 * DeadTimeSBI's {@code make_hf_qpo_simulations_avg.py}:
 * <ol>
 *   <li>{@code F_j = (a_j + i b_j) √S(f_j)}, {@code a, b ~ N(0, 1)}, on {@code f_j = j/(N dt)}, {@code j = 1 … N/2};</li>
 *   <li>{@code x = irfft(conj(F), N)};</li>
 *   <li>{@code λ = (x − x̄)/std(x) · (r dt · rms) + r dt}, clipped at 0 (expected counts per bin).</li>
 * </ol>
 * Only the shape of S matters (the standardisation replaces its normalisation). Clipping at high rms lowers the
 * realised rms a little.
 */
public final class TimmerKoenig {
    private TimmerKoenig() {
    }

    /**
     * The Lorentzian of amplitude 1: {@code S(f) = (Δ/2)² / ((Δ/2)² + (f − ν₀)²)}, {@code Δ = ν₀/Q}.
     */
    public static double lorentzian(double f, double nu0, double q) {
        double halfWidth = nu0 / q / 2;
        double d = f - nu0;
        return halfWidth * halfWidth / (halfWidth * halfWidth + d * d);
    }

    /** A zero-mean Gaussian light curve of N bins of {@code dt} with a Lorentzian spectrum (steps 1–2). */
    public static double[] lorentzianNoise(int n, double dt, double nu0, double q, Rng rng) {
        if (n < 2 || !(dt > 0) || !(nu0 > 0) || !(q > 0)) {
            throw new IllegalArgumentException("TimmerKoenig: need n >= 2, dt > 0, nu0 > 0, Q > 0 (got n " + n
                    + ", dt " + dt + ", nu0 " + nu0 + ", Q " + q + ")");
        }
        int half = n / 2;
        double[] ab = rng.randn(DType.F64, 2 * half).toDoubleArray();
        double[] re = new double[half + 1];
        double[] im = new double[half + 1];
        double df = 1.0 / (n * dt);
        for (int j = 1; j <= half; j++) {
            double amp = Math.sqrt(lorentzian(j * df, nu0, q));
            re[j] = ab[2 * (j - 1)] * amp;
            im[j] = -ab[2 * (j - 1) + 1] * amp; // the conjugate, as DeadTimeSBI
        }
        return Fft.realInverse(re, im, n);
    }

    /**
     * Expected counts per bin of a source of mean rate {@code rate} (counts/s) with a Lorentzian QPO of fractional
     * rms {@code rms} (steps 1–3).
     */
    public static double[] qpoExpectedCounts(int n, double dt, double rate, double rms, double nu0, double q,
            Rng rng) {
        if (!(rate > 0) || !(rms >= 0)) {
            throw new IllegalArgumentException("TimmerKoenig: need rate > 0 and rms >= 0, got " + rate + ", " + rms);
        }
        double[] x = lorentzianNoise(n, dt, nu0, q, rng);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / n);
        double mu = rate * dt;
        double scale = std > 0 ? mu * rms / std : 0;
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(0, (x[i] - mean) * scale + mu);
        }
        return x;
    }
}
