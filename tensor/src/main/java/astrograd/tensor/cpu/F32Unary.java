package astrograd.tensor.cpu;

import astrograd.tensor.ops.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float elementwise unary loops over a dense run, one explicit loop per op (the Vector API op must be a JIT
 * constant). Sigmoid is {@code 1 / (1 + e^-x)}; softplus is {@code max(x, 0) + log1p(e^-|x|)}; relu keeps NaN.
 *
 * <p>No loop uses the Vector API's lanewise transcendental ops: those run Intel's SVML when C2 has
 * intrinsified them and {@code Math} in their fallback, which differ in the last bits, so a result depended on
 * whether the loop had been compiled yet (a resumed training run drifted by one ulp from an uninterrupted one,
 * and two runs of the demo trained different members). exp, tanh and sigmoid are {@link VectorMath}'s
 * (vectors of exactly rounded operations: the same bits compiled or not); log, log1p, expm1, sin, cos and
 * softplus are scalar {@code Math} calls, whose intrinsics are the same stubs in the interpreter and in
 * compiled code.
 */
final class F32Unary {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1);

    private F32Unary() {
    }

    /** {@code y[yo + i] = op(x[xo + i])} for i in [0, n). */
    static void run(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        switch (op) {
            case NEG: neg(x, xo, y, yo, n); break;
            case ABS: abs(x, xo, y, yo, n); break;
            case SQUARE: square(x, xo, y, yo, n); break;
            case RELU: relu(x, xo, y, yo, n); break;
            case EXP: VectorMath.exp(x, xo, y, yo, n); break;
            case LOG: log(x, xo, y, yo, n); break;
            case LOG1P: log1p(x, xo, y, yo, n); break;
            case EXPM1: expm1(x, xo, y, yo, n); break;
            case SQRT: sqrt(x, xo, y, yo, n); break;
            case RSQRT: rsqrt(x, xo, y, yo, n); break;
            case SIN: sin(x, xo, y, yo, n); break;
            case COS: cos(x, xo, y, yo, n); break;
            case TANH: VectorMath.tanh(x, xo, y, yo, n); break;
            case SIGMOID: VectorMath.sigmoid(x, xo, y, yo, n); break;
            case SOFTPLUS: softplus(x, xo, y, yo, n); break;
            case SIGN: sign(x, xo, y, yo, n); break;
            case ERF: erf(x, xo, y, yo, n); break;
            case LGAMMA: lgamma(x, xo, y, yo, n); break;
            case DIGAMMA: digamma(x, xo, y, yo, n); break;
            case TRIGAMMA: trigamma(x, xo, y, yo, n); break;
            default: throw new IllegalArgumentException(op.opName() + ": not a floating op");
        }
    }

    private static void neg(float[] in, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, xo + i);
            v.neg().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = -x;
        }
    }

    private static void abs(float[] in, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, xo + i);
            v.abs().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = Math.abs(x);
        }
    }

    private static void square(float[] in, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, xo + i);
            v.mul(v).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = x * x;
        }
    }

    /** {@code y = max(x, 0)}, NaN kept; y may be x itself (in place). */
    static void relu(float[] in, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, xo + i);
            v.max(ZERO).blend(v, v.test(VectorOperators.IS_NAN)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = x > 0 || x != x ? x : 0;
        }
    }

    private static void log(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) Math.log(x);
        }
    }

    private static void log1p(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) Math.log1p(x);
        }
    }

    private static void expm1(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) Math.expm1(x);
        }
    }

    private static void sqrt(float[] in, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, xo + i);
            v.sqrt().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) Math.sqrt(x);
        }
    }

    /** {@code 1 / sqrt(x)}, both rounded to float, in the tail as in the vectors ({@code (float) Math.sqrt} is float's sqrt). */
    private static void rsqrt(float[] in, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, xo + i);
            ONE.div(v.sqrt()).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = 1f / (float) Math.sqrt(x);
        }
    }

    private static void sin(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) Math.sin(x);
        }
    }

    private static void cos(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) Math.cos(x);
        }
    }

    private static void softplus(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
        }
    }

    private static void sign(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) Math.signum(x);
        }
    }

    private static void erf(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) SpecialFunctions.erf(x);
        }
    }

    private static void lgamma(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            float x = in[xo + i];
            y[yo + i] = (float) SpecialFunctions.lgamma(x);
        }
    }

    private static void digamma(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = (float) SpecialFunctions.digamma(in[xo + i]);
        }
    }

    private static void trigamma(float[] in, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = (float) SpecialFunctions.trigamma(in[xo + i]);
        }
    }
}
