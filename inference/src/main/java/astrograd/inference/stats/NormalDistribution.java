package astrograd.inference.stats;

/**
 * The standard normal distribution in double precision: {@code erfc}, the CDF {@code Φ} and its inverse,
 * accurate to a few ulps in both tails (no {@code 1 − Φ} cancellation).
 */
public final class NormalDistribution {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Below this argument erf's everywhere-positive series is used, above it erfc's continued fraction. */
    private static final double SERIES_LIMIT = 2.0;

    private NormalDistribution() {
    }

    /** Standard normal density {@code φ(x) = e^{−x²/2} / √(2π)}. */
    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** {@code Φ(x) = erfc(−x/√2) / 2}. */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / SQRT2);
    }

    /**
     * The complementary error function {@code erfc(x) = 2/√π ∫ₓ^∞ e^{−t²} dt}. For {@code |x| < 2} it is
     * {@code 1 − erf(x)} with {@code erf(x) = 2/√π e^{−x²} Σₙ 2ⁿ x^{2n+1} / (1·3···(2n+1))} (all terms positive);
     * above, the continued fraction {@code erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))}.
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        return x < SERIES_LIMIT ? 1 - erfSeries(x) : erfcContinuedFraction(x);
    }

    /** The error function {@code erf(x) = 1 − erfc(x)}. */
    public static double erf(double x) {
        if (Math.abs(x) < SERIES_LIMIT) {
            return x < 0 ? -erfSeries(-x) : erfSeries(x);
        }
        return 1 - erfc(x);
    }

    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 * INV_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** Modified Lentz evaluation of the continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + …))). */
    private static double erfcContinuedFraction(double x) {
        if (x > 27.3) {
            return 0;
        }
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) * INV_SQRT_PI / f;
    }

    /**
     * The quantile function {@code Φ⁻¹(p)}: Abramowitz &amp; Stegun 26.2.23 as a start (error &lt; 4.5·10⁻⁴), then
     * Halley steps {@code x ← x − u/(1 + x u/2)} with {@code u = (Φ(x) − q)/φ(x)} on the smaller tail
     * {@code q = min(p, 1 − p)}. Returns ∓∞ at p = 0 and 1.
     *
     * @throws IllegalArgumentException when p is NaN or outside [0, 1]
     */
    public static double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile: probability must be in [0, 1], got " + p);
        }
        if (p == 0 || p == 1) {
            return p == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double q = Math.min(p, 1 - p);
        double t = Math.sqrt(-2 * Math.log(q));
        double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328))
                / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
        for (int i = 0; i < 3; i++) {
            double u = (cdf(x) - q) / pdf(x);
            double step = u / (1 + 0.5 * x * u);
            x -= step;
            if (Math.abs(step) < 1e-15 * Math.abs(x)) {
                break;
            }
        }
        return p < 0.5 ? x : -x;
    }
}
