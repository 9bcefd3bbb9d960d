package astrograd.astro.variables;

import astrograd.tensor.Linalg;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Summary statistics of one band of a folded light curve that do not depend on the phase origin, used as
 * auxiliary inputs ({@link Features#rawAux}):
 * <ul>
 *   <li>the amplitude as {@code log10} of the 5–95 % range of the magnitudes;</li>
 *   <li>the Fourier decomposition {@code m(φ) = c₀ + Σ_{k=1..4} A_k cos(2πkφ + φ_k)}, fitted by least squares (a
 *       ridge of {@value #RIDGE} on the harmonics keeps sparse bands solvable): the amplitude ratios
 *       {@code R21 = A₂/A₁}, {@code R31 = A₃/A₁} (capped at {@value #MAX_RATIO}) and the phase differences
 *       {@code φ21 = φ₂ − 2φ₁}, {@code φ31 = φ₃ − 3φ₁} as cosine and sine (no wrap-around seam);</li>
 *   <li>the skewness of the magnitudes {@code E[(m − μ)³] / σ³} (capped at ±{@value #MAX_SKEW}).</li>
 * </ul>
 * Moving the phase origin by δ turns φ_k into {@code φ_k + 2πkδ}, which leaves A_k, φ21 and φ31 unchanged; the
 * range and the skewness ignore the phases. The ridge penalty {@code Σ a_k² + b_k²} is unchanged by that
 * rotation too, so the statistics are exactly invariant (up to rounding).
 */
public final class ShapeStatistics {
    /** Statistics per band. */
    public static final int COUNT = 8;
    /** Harmonics in the Fourier fit. */
    public static final int HARMONICS = 4;
    /** Ridge on the harmonic coefficients, relative to the number of points (mag² per point). */
    static final double RIDGE = 1e-6;
    static final double MAX_RATIO = 4;
    static final double MAX_SKEW = 10;
    /** The smallest amplitude (mag) before the logarithm. */
    static final double MIN_AMPLITUDE = 1e-3;

    private ShapeStatistics() {
    }

    /**
     * The {@value #COUNT} statistics of {@code mags} at phases {@code phases}: log10 amplitude, R21, R31, cos φ21,
     * sin φ21, cos φ31, sin φ31, skewness. With fewer points than a fit of {@value #HARMONICS} harmonics needs,
     * fewer harmonics are fitted and the ratios and phases of the missing ones are 0.
     */
    public static double[] of(double[] phases, double[] mags) {
        int n = mags.length;
        if (phases.length != n || n < 2) {
            throw new IllegalArgumentException("ShapeStatistics: need >= 2 points and equal lengths, got " + phases.length
                    + " phases and " + n + " magnitudes");
        }
        double[] out = new double[COUNT];
        out[0] = Math.log10(Math.max(percentile(mags, 0.95) - percentile(mags, 0.05), MIN_AMPLITUDE));
        int harmonics = Math.min(HARMONICS, (n - 1) / 2);
        if (harmonics >= 1) {
            double[] amp = new double[HARMONICS + 1];
            double[] phi = new double[HARMONICS + 1];
            fourier(phases, mags, harmonics, amp, phi);
            if (harmonics >= 2 && amp[1] > 0) {
                out[1] = Math.min(amp[2] / amp[1], MAX_RATIO);
                out[3] = Math.cos(phi[2] - 2 * phi[1]);
                out[4] = Math.sin(phi[2] - 2 * phi[1]);
            }
            if (harmonics >= 3 && amp[1] > 0) {
                out[2] = Math.min(amp[3] / amp[1], MAX_RATIO);
                out[5] = Math.cos(phi[3] - 3 * phi[1]);
                out[6] = Math.sin(phi[3] - 3 * phi[1]);
            }
        }
        out[7] = skewness(mags);
        return out;
    }

    /** The names of {@link #of}'s values, for reports. */
    public static String[] names() {
        return new String[] {"log10 amplitude", "R21", "R31", "cos phi21", "sin phi21", "cos phi31", "sin phi31", "skewness"};
    }

    /** Linear interpolation between order statistics, {@code q} in [0, 1]. */
    static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double x = q * (s.length - 1);
        int i = (int) Math.floor(x);
        int j = Math.min(i + 1, s.length - 1);
        return s[i] + (x - i) * (s[j] - s[i]);
    }

    static double skewness(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            double d = x - mean;
            m2 += d * d / v.length;
            m3 += d * d * d / v.length;
        }
        if (!(m2 > 1e-20)) {
            return 0;
        }
        return Math.max(-MAX_SKEW, Math.min(MAX_SKEW, m3 / Math.pow(m2, 1.5)));
    }

    /**
     * Least squares on the basis {@code 1, cos 2πkφ, sin 2πkφ} (k = 1..h) by the normal equations (Cholesky), the
     * harmonic coefficients with a ridge of {@code RIDGE · n}; writes {@code A_k = sqrt(a_k² + b_k²)} and
     * {@code φ_k = atan2(−b_k, a_k)} (so that {@code a_k cos + b_k sin = A_k cos(2πkφ + φ_k)}) into {@code amp},
     * {@code phi} at index k.
     */
    private static void fourier(double[] phases, double[] mags, int h, double[] amp, double[] phi) {
        int p = 2 * h + 1;
        double[] g = new double[p * p];
        double[] r = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < mags.length; i++) {
            row[0] = 1;
            for (int k = 1; k <= h; k++) {
                double a = 2 * Math.PI * k * phases[i];
                row[2 * k - 1] = Math.cos(a);
                row[2 * k] = Math.sin(a);
            }
            for (int u = 0; u < p; u++) {
                r[u] += row[u] * mags[i];
                for (int v = 0; v <= u; v++) {
                    g[u * p + v] += row[u] * row[v];
                }
            }
        }
        for (int u = 1; u < p; u++) {
            g[u * p + u] += RIDGE * mags.length;
        }
        // the constant column never vanishes and the ridge keeps the harmonics positive definite
        Tensor factor = Linalg.cholesky(Tensor.of(g, p, p));
        double[] c = Linalg.choleskySolve(factor, Tensor.of(r, p, 1)).toDoubleArray();
        for (int k = 1; k <= h; k++) {
            amp[k] = Math.hypot(c[2 * k - 1], c[2 * k]);
            phi[k] = Math.atan2(-c[2 * k], c[2 * k - 1]);
        }
    }
}
