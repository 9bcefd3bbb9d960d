package astrograd.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops for {@code z = c ? x : y} on floats with a dense mask and x, y dense or broadcast scalars. The
 * scalar {@code c ? x : y} is a branch that random masks mispredict half the time.
 */
final class WhereF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private WhereF32() {
    }

    /**
     * Writes {@code z[zo + i] = c[co + i] ? x[xo + i*xs] : y[yo + i*ys]} for i in [0, n) and returns true when
     * the mask is dense and the value strides are 0 or 1 (not both 0); otherwise writes nothing, returns false.
     */
    static boolean run(boolean[] c, int co, int cs, float[] x, int xo, int xs, float[] y, int yo, int ys,
                       float[] z, int zo, int n) {
        if (cs != 1 || xs < 0 || xs > 1 || ys < 0 || ys > 1 || xs == 0 && ys == 0) {
            return false;
        }
        int i = 0;
        int bound = S.loopBound(n);
        if (xs == 1 && ys == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, y, yo + i).blend(FloatVector.fromArray(S, x, xo + i),
                        VectorMask.fromArray(S, c, co + i)).intoArray(z, zo + i);
            }
        } else if (xs == 1) {
            FloatVector vy = FloatVector.broadcast(S, y[yo]);
            for (; i < bound; i += S.length()) {
                vy.blend(FloatVector.fromArray(S, x, xo + i), VectorMask.fromArray(S, c, co + i)).intoArray(z, zo + i);
            }
        } else {
            FloatVector vx = FloatVector.broadcast(S, x[xo]);
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, y, yo + i).blend(vx, VectorMask.fromArray(S, c, co + i)).intoArray(z, zo + i);
            }
        }
        for (; i < n; i++) {
            z[zo + i] = c[co + i] ? x[xo + i * xs] : y[yo + i * ys];
        }
        return true;
    }
}
