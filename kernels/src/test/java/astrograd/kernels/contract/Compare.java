package astrograd.kernels.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.tensor.Backend;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Result comparison against the CPU reference: integers and BOOL exactly; F32 within 1e-5 and F64 within 1e-12,
 * relative to {@code |expected| + scale}, where scale is 1 for elementwise results and the sum of the absolute
 * terms for sums and products of matrices (their rounding error grows with those, not with the result).
 * NaN must meet NaN and infinities must be equal.
 */
final class Compare {
    static final double F32_TOLERANCE = 1e-5;
    static final double F64_TOLERANCE = 1e-12;

    private Compare() {
    }

    static double tolerance(DType dt) {
        return dt == DType.F32 ? F32_TOLERANCE : F64_TOLERANCE;
    }

    /** Shape, dtype and values of {@code got} (on {@code dev}) against {@code expected} (on the CPU). */
    static void close(String what, Tensor expected, Backend dev, Tensor got, double[] scale) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        assertEquals(expected.dtype(), got.dtype(), what + ": dtype");
        Object e = expected.backend().download(expected);
        Object g = dev.download(got);
        DType dt = expected.dtype();
        if (!dt.isFloating()) {
            exact(what, e, g);
            return;
        }
        double[] ev = doubles(e);
        double[] gv = doubles(g);
        double tol = tolerance(dt);
        for (int i = 0; i < ev.length; i++) {
            double s = scale == null ? 1 : scale[i];
            boolean ok = Double.isNaN(ev[i]) ? Double.isNaN(gv[i])
                    : Double.isInfinite(ev[i]) ? ev[i] == gv[i]
                    : Math.abs(gv[i] - ev[i]) <= tol * (Math.abs(ev[i]) + s);
            if (!ok) {
                fail(what + ": element " + i + " of " + ev.length + " is " + gv[i] + ", expected " + ev[i]
                        + " (tolerance " + tol + " x (|expected| + " + s + "))");
            }
        }
    }

    /** Bit-for-bit equality of two host arrays. */
    static void exact(String what, Object expected, Object got) {
        boolean same;
        if (expected instanceof float[]) {
            same = Arrays.equals((float[]) expected, (float[]) got);
        } else if (expected instanceof double[]) {
            same = Arrays.equals((double[]) expected, (double[]) got);
        } else if (expected instanceof int[]) {
            same = Arrays.equals((int[]) expected, (int[]) got);
        } else if (expected instanceof long[]) {
            same = Arrays.equals((long[]) expected, (long[]) got);
        } else {
            same = Arrays.equals((boolean[]) expected, (boolean[]) got);
        }
        if (!same) {
            fail(what + ": not bit-identical\n expected " + head(expected) + "\n got      " + head(got));
        }
    }

    static double[] doubles(Object a) {
        if (a instanceof double[]) {
            return (double[]) a;
        }
        float[] f = (float[]) a;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static String head(Object a) {
        String s;
        if (a instanceof float[]) {
            s = Arrays.toString((float[]) a);
        } else if (a instanceof double[]) {
            s = Arrays.toString((double[]) a);
        } else if (a instanceof int[]) {
            s = Arrays.toString((int[]) a);
        } else if (a instanceof long[]) {
            s = Arrays.toString((long[]) a);
        } else {
            s = Arrays.toString((boolean[]) a);
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
