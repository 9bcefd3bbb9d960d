package astrograd.tensor.cpu;

import astrograd.tensor.ops.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops for the float order comparisons ({@code a > b} is {@code b < a}, so two ops cover four),
 * dense or against a broadcast scalar, one explicit loop per case so that the comparison is a JIT constant
 * and no vector merges a load with a broadcast (see {@link F32Binary}). NaN compares false, as in the scalar
 * loop of {@link Compare}.
 */
final class CompareF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private CompareF32() {
    }

    /**
     * {@code c[co + i] = a[ao + i*as] op b[bo + i*bs]} for LT, LE, GT, GE with strides 0 or 1; false (nothing
     * written) for other ops or strides, which the caller then runs on its scalar loop.
     */
    static boolean run(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) {
        if (as > 1 || bs > 1 || as < 0 || bs < 0 || as == 0 && bs == 0) {
            return false;
        }
        switch (op) {
            case LT: lessThan(a, ao, as, b, bo, bs, c, co, n); return true;
            case GT: lessThan(b, bo, bs, a, ao, as, c, co, n); return true;
            case LE: lessEqual(a, ao, as, b, bo, bs, c, co, n); return true;
            case GE: lessEqual(b, bo, bs, a, ao, as, c, co, n); return true;
            default: return false;
        }
    }

    private static void lessThan(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.LT, FloatVector.fromArray(S, b, bo + i))
                        .intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.LT, vb).intoArray(c, co + i);
            }
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                va.compare(VectorOperators.LT, FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = a[ao + i * as] < b[bo + i * bs];
        }
    }

    private static void lessEqual(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.LE, FloatVector.fromArray(S, b, bo + i))
                        .intoArray(c, co + i);
            }
        } else if (as == 1) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.LE, vb).intoArray(c, co + i);
            }
        } else {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (; i < bound; i += S.length()) {
                va.compare(VectorOperators.LE, FloatVector.fromArray(S, b, bo + i)).intoArray(c, co + i);
            }
        }
        for (; i < n; i++) {
            c[co + i] = a[ao + i * as] <= b[bo + i * bs];
        }
    }
}
