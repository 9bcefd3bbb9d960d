package astrograd.tensor.cpu;

import astrograd.tensor.ops.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float elementwise binary loops, one explicit loop per op so that the Vector API op is a JIT constant.
 * Operand strides are 1 (a run of elements) or 0 (a broadcast scalar); the result is written densely.
 * Each op has separate loops for dense/dense, dense/scalar and scalar/dense operands, the scalar's vector
 * made once before its loop: a vector that is a load on one path and a broadcast on another would merge two
 * vector boxes, which C2 cannot always keep in registers (it then falls back to scalar emulation).
 * MAXIMUM/MINIMUM propagate NaN as PyTorch does.
 */
final class F32Binary {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private F32Binary() {
    }

    /** {@code c[co + i] = op(a[ao + i*as], b[bo + i*bs])} for i in [0, n), strides 0 or 1. */
    static void run(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        switch (op) {
            case ADD: add(a, ao, as, b, bo, bs, c, co, n); break;
            case SUB: sub(a, ao, as, b, bo, bs, c, co, n); break;
            case MUL: mul(a, ao, as, b, bo, bs, c, co, n); break;
            case DIV: div(a, ao, as, b, bo, bs, c, co, n); break;
            case MAXIMUM: maximum(a, ao, as, b, bo, bs, c, co, n); break;
            case MINIMUM: minimum(a, ao, as, b, bo, bs, c, co, n); break;
            case POW: pow(a, ao, as, b, bo, bs, c, co, n); break;
            case ATAN2: atan2(a, ao, as, b, bo, bs, c, co, n); break;
            default: throw new IllegalArgumentException(op.opName() + ": not an arithmetic op");
        }
    }

    private static void add(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.add(vb).intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                va.add(vb).intoArray(c, co + i);
            }
        } else if (bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.add(vb).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = a[ao + i * as] + b[bo + i * bs];
        }
    }

    private static void sub(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.sub(vb).intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                va.sub(vb).intoArray(c, co + i);
            }
        } else if (bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.sub(vb).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = a[ao + i * as] - b[bo + i * bs];
        }
    }

    private static void mul(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.mul(vb).intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                va.mul(vb).intoArray(c, co + i);
            }
        } else if (bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.mul(vb).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = a[ao + i * as] * b[bo + i * bs];
        }
    }

    private static void div(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.div(vb).intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                va.div(vb).intoArray(c, co + i);
            }
        } else if (bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.div(vb).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = a[ao + i * as] / b[bo + i * bs];
        }
    }

    private static void maximum(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.max(vb).blend(va.add(vb), va.test(VectorOperators.IS_NAN).or(vb.test(VectorOperators.IS_NAN))).intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                va.max(vb).blend(va.add(vb), va.test(VectorOperators.IS_NAN).or(vb.test(VectorOperators.IS_NAN))).intoArray(c, co + i);
            }
        } else if (bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.max(vb).blend(va.add(vb), va.test(VectorOperators.IS_NAN).or(vb.test(VectorOperators.IS_NAN))).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = Math.max(a[ao + i * as], b[bo + i * bs]);
        }
    }

    private static void minimum(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.min(vb).blend(va.add(vb), va.test(VectorOperators.IS_NAN).or(vb.test(VectorOperators.IS_NAN))).intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector va = FloatVector.fromArray(S, a, ao + i);
                va.min(vb).blend(va.add(vb), va.test(VectorOperators.IS_NAN).or(vb.test(VectorOperators.IS_NAN))).intoArray(c, co + i);
            }
        } else if (bs == 1) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                FloatVector vb = FloatVector.fromArray(S, b, bo + i);
                va.min(vb).blend(va.add(vb), va.test(VectorOperators.IS_NAN).or(vb.test(VectorOperators.IS_NAN))).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = Math.min(a[ao + i * as], b[bo + i * bs]);
        }
    }

    /**
     * Scalar {@code Math.pow}: the Vector API's POW is a different implementation when intrinsified than in
     * its fallback, so results would depend on the JIT's state (see {@link F32Unary}).
     */
    private static void pow(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        for (int i = 0; i < n; i++) {
            c[co + i] = (float) Math.pow(a[ao + i * as], b[bo + i * bs]);
        }
    }

    /** Scalar {@code StrictMath.atan2(a, b)} (fdlibm's, the same bits on every machine and JIT state). */
    private static void atan2(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        for (int i = 0; i < n; i++) {
            c[co + i] = (float) StrictMath.atan2(a[ao + i * as], b[bo + i * bs]);
        }
    }
}
