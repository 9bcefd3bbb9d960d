package astrograd.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision exp, tanh and sigmoid over arrays, vectorized with exactly rounded IEEE operations only
 * (add, multiply, divide, fused multiply-add, min/max, bit operations). The Vector API's own lanewise
 * transcendental ops are Intel's SVML once C2 has compiled a loop and {@code Math} before, so their last bits
 * depend on timing; these give the same bits compiled or interpreted, on every lane and for array tails.
 * Error against the correctly rounded result: at most 1 ulp for exp, 2 ulp for tanh and sigmoid (checked over
 * millions of arguments in the tests); NaN gives NaN, the infinities their limits.
 *
 * <p>{@code exp}: {@code k = rint(x / ln 2)}, {@code r = x − k ln 2} (two-part ln 2, |r| ≤ ln2/2), the degree 7
 * Taylor polynomial of {@code e^r} (truncation below 6e-9), scaled by {@code 2^k} as two powers of two so that
 * results reaching into the subnormal range and up to overflow are formed by one rounding each. Arguments are
 * clamped to [−104, 89] first, beyond which the result is 0 or ∞ anyway.
 * <br>{@code tanh}: for |x| &lt; 0.625, {@code x + x³ Q(x²)} with a degree 4 polynomial Q fitted for this
 * library (relative error below 9e-9 before rounding); above, {@code 1 − 2 / (e^{2|x|} + 1)}; the sign of x
 * restored last (so tanh(−0) = −0).
 * <br>{@code sigmoid}: {@code 1 / (1 + e^{−x})} for x ≥ 0 and {@code e^x / (1 + e^x)} below (which keeps the
 * subnormal results of x &lt; −88.7 instead of overflowing e^{−x}).
 *
 * <p>Every loop keeps its vector arithmetic in its own body: no vector is passed to or returned from another
 * method. C2 compiles a helper that got hot on its own into a standalone method, later refuses to inline it
 * ("already compiled into a big method"), and every vector crossing that call is then boxed on the heap (a
 * GRU step measured 3x slower). tanh and sigmoid therefore run in chunks of two passes, the exponential of
 * {@code 2|x|} or {@code −|x|} into a scratch buffer and then the finishing formula. Tails shorter than a
 * vector run through the same loop on a zero-padded copy.
 */
public final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int CHUNK = 1024;
    private static final float ROUNDER = 12582912f;    // 1.5 · 2^23: adding it rounds to an integer
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float TANH_SMALL = 0.625f;
    private static final int ALL_BITS = -1;
    private static final int ABS_BITS = 0x7fffffff;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

    private VectorMath() {
    }

    /** {@code y[yo + i] = e^{x[xo + i]}} for i in [0, n); x and y may be the same run. */
    public static void exp(float[] x, int xo, float[] y, int yo, int n) {
        expLoop(x, xo, y, yo, n, ALL_BITS, 1f, 0f);
    }

    /**
     * {@code y[yo + i] = e^{x[xo + i] − shift}} for i in [0, n), the difference rounded to float first (softmax's
     * {@code e^{x − max}}); x and y may be the same run.
     */
    public static void expShifted(float[] x, int xo, float shift, float[] y, int yo, int n) {
        expLoop(x, xo, y, yo, n, ALL_BITS, 1f, shift);
    }

    /** {@code y[yo + i] = tanh x[xo + i]} for i in [0, n); x and y may be the same run. */
    public static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        float[] e = SCRATCH.get();
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            expLoop(x, xo + from, e, 0, len, ABS_BITS, 2f, 0f);
            tanhFinish(x, xo + from, e, 0, y, yo + from, len);
        }
    }

    /** {@code y[yo + i] = σ(x[xo + i])} for i in [0, n); x and y may be the same run. */
    public static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        float[] e = SCRATCH.get();
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            expLoop(x, xo + from, e, 0, len, ABS_BITS, -1f, 0f);
            sigmoidFinish(x, xo + from, e, 0, y, yo + from, len);
        }
    }

    /** {@code y = e^{s · (x & mask) − shift}}: the mask clears the sign bit for |x| or keeps x. */
    private static void expLoop(float[] x, int xo, float[] y, int yo, int n, int mask, float scale, float shift) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v = v.reinterpretAsInts().and(mask).reinterpretAsFloats().mul(scale).sub(shift);
            FloatVector c = v.max(-104f).min(89f);
            FloatVector t = c.fma(LOG2E, ROUNDER);
            FloatVector k = t.sub(ROUNDER);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), c);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = r.fma(1 / 5040f, 1 / 720f);
            p = p.fma(r, FloatVector.broadcast(S, 1 / 120f));
            p = p.fma(r, FloatVector.broadcast(S, 1 / 24f));
            p = p.fma(r, FloatVector.broadcast(S, 1 / 6f));
            p = p.fma(r, FloatVector.broadcast(S, 0.5f));
            p = p.fma(r, FloatVector.broadcast(S, 1f));
            p = p.fma(r, FloatVector.broadcast(S, 1f));
            IntVector ki = t.reinterpretAsInts().sub(ROUNDER_BITS);
            IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
            IntVector k2 = ki.sub(k1);
            FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(s1).mul(s2).intoArray(y, yo + i);
        }
        if (i < n) {
            float[] tail = padded(x, xo + i, n - i);
            expLoop(tail, 0, tail, 0, L, mask, scale, shift);
            System.arraycopy(tail, 0, y, yo + i, n - i);
        }
    }

    /** {@code y = sign(x) · (|x| < 0.625 ? |x| + |x|³ Q(x²) : 1 − 2 / (e + 1))} with {@code e = e^{2|x|}}. */
    private static void tanhFinish(float[] x, int xo, float[] e, int eo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector ev = FloatVector.fromArray(S, e, eo + i);
            FloatVector a = v.abs();
            FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(ev.add(1f)));
            FloatVector u = a.mul(a);
            FloatVector q = u.fma(-0.0057049873f, 0.020639088f);
            q = q.fma(u, FloatVector.broadcast(S, -0.053739715f));
            q = q.fma(u, FloatVector.broadcast(S, 0.13331442f));
            q = q.fma(u, FloatVector.broadcast(S, -0.3333328f));
            FloatVector small = a.mul(u).fma(q, a);
            IntVector magnitude = large.blend(small, a.lt(TANH_SMALL)).reinterpretAsInts();
            IntVector sign = v.reinterpretAsInts().and(Integer.MIN_VALUE);
            magnitude.or(sign).reinterpretAsFloats().intoArray(y, yo + i);
        }
        if (i < n) {
            finishTail(x, xo + i, e, eo + i, y, yo + i, n - i, true);
        }
    }

    /** {@code y = x ≥ 0 ? 1 / (1 + e) : e / (1 + e)} with {@code e = e^{−|x|}}. */
    private static void sigmoidFinish(float[] x, int xo, float[] e, int eo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector ev = FloatVector.fromArray(S, e, eo + i);
            FloatVector d = ev.add(1f);
            FloatVector.broadcast(S, 1f).div(d).blend(ev.div(d), v.lt(0f)).intoArray(y, yo + i);
        }
        if (i < n) {
            finishTail(x, xo + i, e, eo + i, y, yo + i, n - i, false);
        }
    }

    private static void finishTail(float[] x, int xo, float[] e, int eo, float[] y, int yo, int count, boolean tanh) {
        float[] xt = padded(x, xo, count);
        float[] et = padded(e, eo, count);
        if (tanh) {
            tanhFinish(xt, 0, et, 0, xt, 0, L);
        } else {
            sigmoidFinish(xt, 0, et, 0, xt, 0, L);
        }
        System.arraycopy(xt, 0, y, yo, count);
    }

    /** {@code count < L} values in a zero-padded vector-length buffer. */
    private static float[] padded(float[] x, int from, int count) {
        float[] tail = new float[L];
        System.arraycopy(x, from, tail, 0, count);
        return tail;
    }
}
