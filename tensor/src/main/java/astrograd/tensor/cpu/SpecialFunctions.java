package astrograd.tensor.cpu;

/** Scalar special functions the JDK lacks, accurate to a few ulps in double precision. */
public final class SpecialFunctions {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT_PI = 0.5641895835477563;
    private static final double HALF_LOG_TWO_PI = 0.9189385332046728;
    private static final double LOG_PI = 1.1447298858494002;

    private SpecialFunctions() {
    }

    /**
     * The error function {@code erf(x) = 2/sqrt(pi) ∫_0^x e^{-t²} dt}. For |x| &lt; 2.5 the series
     * {@code 2/sqrt(pi) e^{-x²} Σ 2^n x^{2n+1} / (1·3···(2n+1))} (positive terms, no cancellation); beyond,
     * {@code 1 - erfc(x)} with erfc from its continued fraction.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax < 2.5) {
            return erfSeries(x);
        }
        if (ax > 6.5) {
            return Math.copySign(1.0, x);
        }
        return Math.copySign(1.0 - erfcContinuedFraction(ax), x);
    }

    /**
     * The complementary error function {@code erfc(x) = 1 − erf(x)} without the cancellation in the upper tail:
     * {@code 1 − erf} from the series below 2, the continued fraction above (relative accuracy of a few ulps for
     * all x ≥ 0, where erfc is small), and {@code 2 − erfc(−x)} for negative x.
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x > 27.3) {
            return 0; // e^{-x²} underflows
        }
        return x < 2 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
    }

    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** erfc(x) for x &gt;= 2.5: {@code e^{-x²}/sqrt(pi) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))}, by Lentz's method. */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k * 0.5;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return INV_SQRT_PI * Math.exp(-x * x) / f;
    }

    /**
     * {@code log |Γ(x)|}. For x &gt;= 10 Stirling's series
     * {@code (x-1/2)log x - x + log(2π)/2 + 1/(12x) - 1/(360x³) + 1/(1260x⁵) - 1/(1680x⁷) + 1/(1188x⁹)};
     * below, the recurrence {@code Γ(x) = Γ(x+n) / (x(x+1)···(x+n-1))}; for x &lt; 0.5 the reflection
     * {@code Γ(x)Γ(1-x) = π / sin(πx)}. +inf at the poles 0, -1, -2, ...
     */
    public static double lgamma(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x)) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < 0.5) {
            if (x == Math.rint(x)) {
                return Double.POSITIVE_INFINITY;
            }
            double s = Math.abs(Math.sin(Math.PI * x));
            return LOG_PI - Math.log(s) - lgamma(1 - x);
        }
        if (x == 1 || x == 2) {
            return 0;
        }
        double shift = 0;
        double prod = 1;
        double z = x;
        while (z < 10) {
            prod *= z;
            z += 1;
            if (prod > 1e250) {
                shift += Math.log(prod);
                prod = 1;
            }
        }
        shift += Math.log(prod);
        return stirling(z) - shift;
    }

    /**
     * The digamma function {@code ψ(x) = Γ'(x)/Γ(x)}: for x &gt;= 10 the asymptotic series
     * {@code log x - 1/(2x) - Σ_{k=1..7} B_2k / (2k x^2k)} (truncation error below 5e-17); below, the recurrence
     * {@code ψ(x) = ψ(x+1) - 1/x}; for x &lt; 0 the reflection {@code ψ(x) = ψ(1-x) - π / tan(π r)} with r the
     * signed distance of x to the nearest integer (tan has period π; π r keeps the digits that π x loses for
     * large |x|). At the poles
     * as PyTorch and the C++ standard: -inf at +0, +inf at -0, NaN at -1, -2, ... and at -inf.
     */
    public static double digamma(double x) {
        if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        if (x == 0) {
            return Math.copySign(Double.POSITIVE_INFINITY, -x);
        }
        if (x < 0) {
            double r = x - Math.rint(x);
            if (r == 0) {
                return Double.NaN;
            }
            return digamma(1 - x) - Math.PI / Math.tan(Math.PI * r);
        }
        double shift = 0;
        while (x < 10) {
            shift -= 1 / x;
            x += 1;
        }
        double inv2 = 1 / (x * x);
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 * (1.0 / 12)))))));
        return shift + Math.log(x) - 0.5 / x - series;
    }

    /**
     * The trigamma function {@code ψ₁(x) = Σ_{k≥0} 1/(x+k)²}. For x &gt;= 12 the asymptotic series
     * {@code 1/x + 1/(2x²) + Σ_{k=1..7} B_2k / x^(2k+1)} (truncation error below 5e-17 relative); for
     * 0 &lt; x &lt; 12 the recurrence {@code ψ₁(x) = ψ₁(x+1) + 1/x²}, its terms added from the smallest; for
     * x &lt; 0 the reflection {@code ψ₁(x) = π² / sin²(π r) - ψ₁(1-x)} with r the signed distance of x to the
     * nearest integer. +inf at the
     * poles 0, -1, -2, ... (a double pole, +inf from both sides), 0 at +inf, NaN at -inf.
     */
    public static double trigamma(double x) {
        if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        if (x <= 0) {
            double r = x - Math.rint(x);
            if (r == 0) {
                return Double.POSITIVE_INFINITY;
            }
            double s = Math.sin(Math.PI * r);
            return Math.PI * Math.PI / (s * s) - trigamma(1 - x);
        }
        int steps = x < 12 ? (int) Math.ceil(12 - x) : 0;
        double z = x + steps;
        double inv = 1 / z;
        double inv2 = inv * inv;
        double series = inv2 * inv * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 * (1.0 / 30
                - inv2 * (5.0 / 66 - inv2 * (691.0 / 2730 - inv2 * (7.0 / 6)))))));
        double sum = series + 0.5 * inv2 + inv;
        for (int k = steps - 1; k >= 0; k--) {
            double t = x + k;
            sum += 1 / (t * t);
        }
        return sum;
    }

    private static double stirling(double z) {
        double inv = 1 / z;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
        return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series;
    }
}
