package astrograd.tensor.cpu;

import astrograd.tensor.cpu.Pool2d.Planes;
import astrograd.tensor.ops.PoolSpec;

/**
 * Max pooling of float data whose windows are one row high and lie wholly inside the input (no padding, no
 * dilation along the row): the 1-d pools of the sequence models, {@code maxPool1d(k)} as a 1×k pool. The
 * window's maximum is updated without a branch (the general loop's branch on random data is mispredicted half
 * the time); the rule is the same, {@code v > m || isNaN(v)}.
 */
final class MaxPoolRows {
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
            for (int r = a; r < b; r++) {
                int plane = r / p.outH();
                int oh = r - plane * p.outH();
                int inRow = oh * s.strideH() * p.w();
                row(x, plane * p.in(), inRow, out, idx, plane * p.out() + oh * p.outW(), p.outW(), s);
            }
        });
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
                mBits ^= (mBits ^ Float.floatToRawIntBits(v)) & take;
                best ^= (best ^ (first + t)) & take;
            }
            out[o + ow] = Float.intBitsToFloat(mBits);
            if (idx != null) {
                idx[o + ow] = best;
            }
        }
    }
}
