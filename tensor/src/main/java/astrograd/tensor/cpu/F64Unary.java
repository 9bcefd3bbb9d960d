package astrograd.tensor.cpu;

import astrograd.tensor.ops.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * double elementwise unary loops over a dense run, one explicit loop per op (the Vector API op must be a JIT
 * constant). Sigmoid is {@code 1 / (1 + e^-x)}; softplus is {@code max(x, 0) + log1p(e^-|x|)}; relu keeps NaN.
 *
 * <p>The transcendental functions (exp, log, log1p, expm1, sin, cos, tanh, and sigmoid and softplus built on
 * them) are scalar {@code Math} calls, not the Vector API's lanewise ops: those run Intel's SVML when C2 has
 * intrinsified them and {@code Math} in their fallback, which differ in the last bits, so a result depended on
 * whether the loop had been compiled yet (a resumed training run drifted by one ulp from an uninterrupted one,
 * and two runs of the demo trained different members). {@code Math}'s own intrinsics are the same stubs in the
 * interpreter and in compiled code.
 */
final class F64Unary {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final DoubleVector ZERO = DoubleVector.zero(S);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1);

    private F64Unary() {
    }

    /** {@code y[yo + i] = op(x[xo + i])} for i in [0, n). */
    static void run(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        switch (op) {
            case NEG: neg(x, xo, y, yo, n); break;
            case ABS: abs(x, xo, y, yo, n); break;
            case SQUARE: square(x, xo, y, yo, n); break;
            case RELU: relu(x, xo, y, yo, n); break;
            case EXP: exp(x, xo, y, yo, n); break;
            case LOG: log(x, xo, y, yo, n); break;
            case LOG1P: log1p(x, xo, y, yo, n); break;
            case EXPM1: expm1(x, xo, y, yo, n); break;
            case SQRT: sqrt(x, xo, y, yo, n); break;
            case RSQRT: rsqrt(x, xo, y, yo, n); break;
            case SIN: sin(x, xo, y, yo, n); break;
            case COS: cos(x, xo, y, yo, n); break;
            case TANH: tanh(x, xo, y, yo, n); break;
            case SIGMOID: sigmoid(x, xo, y, yo, n); break;
            case SOFTPLUS: softplus(x, xo, y, yo, n); break;
            case SIGN: sign(x, xo, y, yo, n); break;
            case ERF: erf(x, xo, y, yo, n); break;
            case LGAMMA: lgamma(x, xo, y, yo, n); break;
            case DIGAMMA: digamma(x, xo, y, yo, n); break;
            case TRIGAMMA: trigamma(x, xo, y, yo, n); break;
            default: throw new IllegalArgumentException(op.opName() + ": not a floating op");
        }
    }

    private static void neg(double[] in, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, in, xo + i);
            v.neg().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = -x;
        }
    }

    private static void abs(double[] in, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, in, xo + i);
            v.abs().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = Math.abs(x);
        }
    }

    private static void square(double[] in, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, in, xo + i);
            v.mul(v).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = x * x;
        }
    }

    /** {@code y = max(x, 0)}, NaN kept; y may be x itself (in place). */
    static void relu(double[] in, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, in, xo + i);
            v.max(ZERO).blend(v, v.test(VectorOperators.IS_NAN)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = x > 0 || x != x ? x : 0;
        }
    }

    private static void exp(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.exp(x);
        }
    }

    private static void log(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.log(x);
        }
    }

    private static void log1p(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.log1p(x);
        }
    }

    private static void expm1(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.expm1(x);
        }
    }

    private static void sqrt(double[] in, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, in, xo + i);
            v.sqrt().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.sqrt(x);
        }
    }

    private static void rsqrt(double[] in, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, in, xo + i);
            ONE.div(v.sqrt()).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) (1 / Math.sqrt(x));
        }
    }

    private static void sin(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.sin(x);
        }
    }

    private static void cos(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.cos(x);
        }
    }

    private static void tanh(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.tanh(x);
        }
    }

    private static void sigmoid(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) (1 / (1 + Math.exp(-x)));
        }
    }

    private static void softplus(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
        }
    }

    private static void sign(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) Math.signum(x);
        }
    }

    private static void erf(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) SpecialFunctions.erf(x);
        }
    }

    private static void lgamma(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double x = in[xo + i];
            y[yo + i] = (double) SpecialFunctions.lgamma(x);
        }
    }

    private static void digamma(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = (double) SpecialFunctions.digamma(in[xo + i]);
        }
    }

    private static void trigamma(double[] in, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = (double) SpecialFunctions.trigamma(in[xo + i]);
        }
    }
}
