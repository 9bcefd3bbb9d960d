package astrograd.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector loop of the fused dropout mask: a compare and a blend per vector, no branch. */
final class MaskF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private MaskF32() {
    }

    /** {@code out[o + i] = u[uo + i] < threshold ? value : 0} for i in [0, n). */
    static void belowThreshold(float[] u, int uo, float threshold, float value, float[] out, int o, int n) {
        FloatVector limit = FloatVector.broadcast(S, threshold);
        FloatVector kept = FloatVector.broadcast(S, value);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            zero.blend(kept, FloatVector.fromArray(S, u, uo + i).compare(VectorOperators.LT, limit))
                    .intoArray(out, o + i);
        }
        for (; i < n; i++) {
            out[o + i] = u[uo + i] < threshold ? value : 0;
        }
    }
}
