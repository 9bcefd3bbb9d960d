package astrograd.tensor.cpu;

import astrograd.tensor.cpu.Pool2d.Planes;
import astrograd.tensor.ops.PoolSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling of float data whose windows are one row high and lie wholly inside the input (no padding, no
 * dilation along the row): the 1-d pools of the sequence models, {@code maxPool1d(k)} as a 1×k pool. The
 * window's maximum is updated without a branch (the general loop's branch on random data is mispredicted half
 * the time); the rule is the same, {@code v > m || isNaN(v)}. Non-overlapping windows (stride = k) run one
 * window per vector lane, their taps gathered with stride k; windows of 2 (values only) take their two taps
 * from lane permutations of two loaded vectors instead.
 */
final class MaxPoolRows {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /**
     * Lane {@code i} takes lane {@code 2i mod length} (or {@code 2i + 1}): the lower half of the result holds the
     * even (odd) lanes of the vector, and so does the upper half.
     */
    private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(F, i -> 2 * i % F.length());
    private static final VectorShuffle<Float> ODD_LANES = VectorShuffle.fromOp(F, i -> (2 * i + 1) % F.length());
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(F, -1L << (F.length() / 2));

    private MaxPoolRows() {
    }

    static boolean applies(Planes p, PoolSpec s) {
        return s.kernelH() == 1 && s.padH() == 0 && s.padW() == 0 && s.dilationW() == 1
                && (p.outW() - 1) * s.strideW() + s.kernelW() <= p.w() && (p.outH() - 1) * s.strideH() < p.h();
    }

    /** {@link Pool2d#max} for a case {@link #applies} accepts. */
    static void max(float[] x, float[] out, long[] idx, Planes p, PoolSpec s) {
        int rows = p.count() * p.outH();
        EnginePool.parallelFor(rows, Math.max(1, (1 << 14) / Math.max(1, p.outW() * s.kernelW())), (a, b) -> {
            int[] map = laneStarts(s);
            int[] scratch = map != null && idx != null ? new int[I.length()] : null;
            for (int r = a; r < b; r++) {
                int plane = r / p.outH();
                int oh = r - plane * p.outH();
                int inRow = oh * s.strideH() * p.w();
                int o = plane * p.out() + oh * p.outW();
                if (idx == null) {
                    rowValues(x, plane * p.in() + inRow, out, o, p.outW(), s, map);
                    continue;
                }
                int done = map == null ? 0
                        : indicesInLanes(x, plane * p.in(), inRow, out, idx, o, p.outW(), s.kernelW(), map, scratch);
                row(x, plane * p.in(), inRow + done * s.strideW(), out, idx, o + done, p.outW() - done, s);
            }
        });
    }

    /**
     * The {@code outW} window maxima of one input row starting at {@code x[in]}, written from {@code out[o]};
     * {@code map} is {@link #laneStarts} of the spec.
     */
    static void rowValues(float[] x, int in, float[] out, int o, int outW, PoolSpec s, int[] map) {
        int done = 0;
        if (s.kernelW() == 2 && s.strideW() == 2) {
            done = pairsInLanes(x, in, out, o, outW);
        } else if (map != null) {
            done = valuesInLanes(x, in, out, o, outW, s.kernelW(), map);
        }
        row(x, in, done * s.strideW(), out, null, o + done, outW - done, s);
    }

    /**
     * Windows of 2 with stride 2 (the common {@code maxPool(2)}): the even and odd elements of two consecutive
     * vectors of input are gathered by lane permutations within each vector and a blend of their halves, which
     * costs less than gathers from memory; returns how many outputs it wrote (whole vectors only).
     */
    private static int pairsInLanes(float[] x, int in, float[] out, int o, int outW) {
        int n = F.loopBound(outW);
        for (int j = 0; j < n; j += F.length()) {
            FloatVector lo = FloatVector.fromArray(F, x, in + 2 * j);
            FloatVector hi = FloatVector.fromArray(F, x, in + 2 * j + F.length());
            FloatVector first = lo.rearrange(EVEN_LANES).blend(hi.rearrange(EVEN_LANES), UPPER_HALF);
            FloatVector second = lo.rearrange(ODD_LANES).blend(hi.rearrange(ODD_LANES), UPPER_HALF);
            first.blend(second, second.compare(VectorOperators.GT, first).or(second.test(VectorOperators.IS_NAN)))
                    .intoArray(out, o + j);
        }
        return n;
    }

    /**
     * {@code 0, k, 2k, ...}: where each lane's window starts, for gathers; null when the windows overlap or
     * leave gaps (stride != k), which the scalar loop handles.
     */
    static int[] laneStarts(PoolSpec s) {
        if (s.strideW() != s.kernelW() || F.length() != I.length()) {
            return null;
        }
        int[] map = new int[F.length()];
        for (int j = 0; j < map.length; j++) {
            map[j] = j * s.kernelW();
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
