package astrograd.astro.transients;

/**
 * Milky-Way extinction by the Cardelli, Clayton &amp; Mathis (1989, ApJ 345, 245) law, with {@code x = 1/λ} in µm⁻¹:
 * <pre>
 *   A_λ / A_V = a(x) + b(x) / R_V
 *   infrared (0.3 ≤ x &lt; 1.1):  a = 0.574 x^1.61,  b = −0.527 x^1.61
 *   optical (1.1 ≤ x ≤ 3.3), y = x − 1.82:
 *     a = 1 + 0.17699y − 0.50447y² − 0.02427y³ + 0.72085y⁴ + 0.01979y⁵ − 0.77530y⁶ + 0.32999y⁷
 *     b = 1.41338y + 2.28305y² + 1.07233y³ − 5.38434y⁴ − 0.62251y⁵ + 5.30260y⁶ − 2.09002y⁷
 * </pre>
 * and {@code A_V = R_V · E(B−V)}, R_V = 3.1 by default. Wavelengths outside 3030–33 333 Å are refused.
 */
public final class Extinction {
    public static final double DEFAULT_RV = 3.1;
    private static final double[] OPTICAL_A = {1, 0.17699, -0.50447, -0.02427, 0.72085, 0.01979, -0.77530, 0.32999};
    private static final double[] OPTICAL_B = {0, 1.41338, 2.28305, 1.07233, -5.38434, -0.62251, 5.30260, -2.09002};

    private Extinction() {
    }

    /** {@code A_λ / A_V} at {@code wavelength} Å for {@code rv}. */
    public static double ratio(double wavelength, double rv) {
        double x = 1e4 / wavelength;
        if (!(x >= 0.3 && x <= 3.3)) {
            throw new IllegalArgumentException("Extinction: CCM89 covers 3030-33333 Å, got " + wavelength + " Å");
        }
        if (x < 1.1) {
            double p = Math.pow(x, 1.61);
            return 0.574 * p - 0.527 * p / rv;
        }
        double y = x - 1.82;
        return poly(OPTICAL_A, y) + poly(OPTICAL_B, y) / rv;
    }

    /** {@code A_λ} in magnitudes for a Milky-Way {@code A_V} at {@code wavelength} Å (R_V = 3.1). */
    public static double absorption(double av, double wavelength) {
        return av * ratio(wavelength, DEFAULT_RV);
    }

    private static double poly(double[] c, double y) {
        double s = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            s = s * y + c[k];
        }
        return s;
    }
}
