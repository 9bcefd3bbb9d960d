package astrograd.tensor.optable;

import astrograd.tensor.DType;
import java.util.Arrays;

/**
 * Element-wise closeness: {@code |got - expected| <= RTOL * |expected| + ATOL}, with RTOL = ATOL = 1e-5
 * for F32 and 1e-12 for F64; integer and BOOL results must match exactly. NaN matches NaN and infinities
 * must match exactly. Failures name the worst element.
 */
final class Tolerance {
    static final double F32_RTOL = 1e-5;
    static final double F32_ATOL = 1e-5;
    static final double F64_RTOL = 1e-12;
    static final double F64_ATOL = 1e-12;

    private Tolerance() {
    }

    /** Null if {@code got} matches {@code expected}, else a message naming {@code what} and the worst element. */
    static String mismatch(String what, Nd expected, Nd got) {
        if (got.dtype != expected.dtype) {
            return what + ": dtype " + got.dtype + ", expected " + expected.dtype;
        }
        if (!Arrays.equals(got.shape, expected.shape)) {
            return what + ": shape " + Arrays.toString(got.shape) + ", expected " + Arrays.toString(expected.shape);
        }
        double rtol = rtol(expected.dtype);
        double atol = atol(expected.dtype);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < got.numel(); i++) {
            double e = expected.data[i];
            double g = got.data[i];
            double excess = excess(e, g, rtol, atol);
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
        }
        if (worst < 0) {
            return null;
        }
        double e = expected.data[worst];
        double g = got.data[worst];
        return String.format("%s: worst element %s (flat %d) of shape %s: expected %s, got %s (|diff| %.3g, allowed %.3g)",
                what, Arrays.toString(Nd.unravel(worst, got.shape)), worst, Arrays.toString(got.shape),
                e, g, Math.abs(g - e), rtol * Math.abs(e) + atol);
    }

    /** How far beyond the allowed error {@code g} lies (0 if within; +inf for NaN/inf mismatches). */
    private static double excess(double e, double g, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(g)) {
            return Double.isNaN(e) && Double.isNaN(g) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(e) || Double.isInfinite(g)) {
            return e == g ? 0 : Double.POSITIVE_INFINITY;
        }
        double diff = Math.abs(g - e) - (rtol * Math.abs(e) + atol);
        return diff > 0 ? diff : 0;
    }

    static double rtol(DType dtype) {
        switch (dtype) {
            case F32: return F32_RTOL;
            case F64: return F64_RTOL;
            default: return 0;
        }
    }

    static double atol(DType dtype) {
        switch (dtype) {
            case F32: return F32_ATOL;
            case F64: return F64_ATOL;
            default: return 0;
        }
    }
}
