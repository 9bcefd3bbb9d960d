package astrograd.tensor.cpu;

import astrograd.tensor.cpu.Pool2d.Planes;
import astrograd.tensor.ops.PoolSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling of float data whose windows are one row high and lie wholly inside the input (no padding, no
 * dilation along the row): the 1-d pools of the sequence models, {@code maxPool1d(k)} as a 1×k pool. The
 * window's maximum is updated without a branch (the general loop's branch on random data is mispredicted half
 * the time); the rule is the same, {@code v > m || isNaN(v)}. Non-overlapping windows (stride = k) run one
 * window per vector lane, their taps gathered with stride k.
 */
final class MaxPoolRows {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private MaxPoolRows() {
    }

    static boolean applies(Planes p, PoolSpec s) {
        return s.kernelH() == 1 && s.padH() == 0 && s.padW() == 0 && s.dilationW() == 1
                && (p.outW() - 1) * s.strideW() + s.kernelW() <= p.w() && (p.outH() - 1) * s.strideH() < p.h();
    }

    /** {@link Pool2d#max} for a case {@link #applies} accepts. */
    static void max(float[] x, float[] out, long[] idx, Planes p, PoolSpec s) {
        int rows = p.count() * p.outH();
        boolean lanes = s.strideW() == s.kernelW() && F.length() == I.length();
        EnginePool.parallelFor(rows, Math.max(1, (1 << 14) / Math.max(1, p.outW() * s.kernelW())), (a, b) -> {
            int[] map = lanes ? laneStarts(s.kernelW()) : null;
            int[] scratch = lanes && idx != null ? new int[I.length()] : null;
            for (int r = a; r < b; r++) {
                int plane = r / p.outH();
                int oh = r - plane * p.outH();
                int inRow = oh * s.strideH() * p.w();
                int o = plane * p.out() + oh * p.outW();
                int done = 0;
                if (lanes && idx == null) {
                    done = valuesInLanes(x, plane * p.in() + inRow, out, o, p.outW(), s.kernelW(), map);
                } else if (lanes) {
                    done = indicesInLanes(x, plane * p.in(), inRow, out, idx, o, p.outW(), s.kernelW(), map, scratch);
                }
                row(x, plane * p.in(), inRow + done * s.strideW(), out, idx, o + done, p.outW() - done, s);
            }
        });
    }

    /** {@code 0, k, 2k, ...}: where each lane's window starts, for gathers. */
    private static int[] laneStarts(int k) {
        int[] map = new int[F.length()];
        for (int j = 0; j < map.length; j++) {
            map[j] = j * k;
        }
        return map;
    }

    /**
     * Non-overlapping windows of k, one window per lane (tap t of every lane gathered at once); returns how many
     * outputs of the row it wrote (whole vectors only).
     */
    private static int valuesInLanes(float[] x, int in, float[] out, int o, int outW, int k, int[] map) {
        int n = F.loopBound(outW);
        for (int j = 0; j < n; j += F.length()) {
            int first = in + j * k;
            FloatVector m = FloatVector.fromArray(F, x, first, map, 0);
            for (int t = 1; t < k; t++) {
                FloatVector v = FloatVector.fromArray(F, x, first + t, map, 0);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN)));
            }
            m.intoArray(out, o + j);
        }
        return n;
    }

    /** As {@link #valuesInLanes}, also recording each window's argmax (flat index in the plane). */
    private static int indicesInLanes(float[] x, int planeOff, int inRow, float[] out, long[] idx, int o, int outW,
                                      int k, int[] map, int[] scratch) {
        int n = F.loopBound(outW);
        IntVector laneStart = IntVector.fromArray(I, map, 0);
        for (int j = 0; j < n; j += F.length()) {
            int first = inRow + j * k;
            FloatVector m = FloatVector.fromArray(F, x, planeOff + first, map, 0);
            IntVector best = laneStart.add(first);
            for (int t = 1; t < k; t++) {
                FloatVector v = FloatVector.fromArray(F, x, planeOff + first + t, map, 0);
                VectorMask<Float> take = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
                m = m.blend(v, take);
                best = best.blend(laneStart.add(first + t), take.cast(I));
            }
            m.intoArray(out, o + j);
            best.intoArray(scratch, 0);
            for (int lane = 0; lane < scratch.length; lane++) {
                idx[o + j + lane] = scratch[lane];
            }
        }
        return n;
    }

    private static void row(float[] x, int planeOff, int inRow, float[] out, long[] idx, int o, int outW,
                            PoolSpec s) {
        int k = s.kernelW();
        int stride = s.strideW();
        for (int ow = 0; ow < outW; ow++) {
            int first = inRow + ow * stride;
            int mBits = Float.floatToRawIntBits(x[planeOff + first]);
            int best = first;
            for (int t = 1; t < k; t++) {
                float v = x[planeOff + first + t];
                int take = v > Float.intBitsToFloat(mBits) | v != v ? -1 : 0;
                mBits = Pool2d.select(mBits, Float.floatToRawIntBits(v), take);
                best = Pool2d.select(best, first + t, take);
            }
            out[o + ow] = Float.intBitsToFloat(mBits);
            if (idx != null) {
                idx[o + ow] = best;
            }
        }
    }
}
