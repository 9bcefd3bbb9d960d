package astrograd.layers;

import astrograd.tensor.cpu.VectorMath;

/**
 * The elementwise part of one {@link GruSequence} step, forward and backward, on raw arrays (F32 or F64:
 * the same formulas in each precision). Rows are batch elements; the per-step slices of the batch-first
 * tensors are addressed by an offset and a row stride, the step's own buffers are contiguous blocks.
 * A step's saved block ({@code 4·N·H} values) holds {@code [r, z]} as {@code [N, 2H]}, then n and gh_n (with its
 * bias) as {@code [N, H]} each, so that the F32 sigmoid and tanh run over contiguous runs ({@link VectorMath}).
 */
final class GruSteps {
    private GruSteps() {
    }

    /**
     * One forward step. {@code gi}: the input projection at (offset, row stride); {@code gh}: {@code h W ᵀ}
     * without bias, {@code [N, 3H]}; {@code states}: the previous state at {@code prev}, the new one written
     * at {@code prev + N·H}; {@code out}: the new state's slice of the output.
     */
    record Forward(Object gi, int giOff, int giRow, Object gh, Object bias, int biasOff, Object states, int prev,
                   Object out, int outOff, int outRow, Object saved, int savedOff) {
    }

    /**
     * One backward step. {@code dy}: the output gradient's slice; {@code dh}: the gradient reaching this
     * step's state from later steps; {@code next} receives {@code ḡ z}, to which the caller adds
     * {@code ∂gh W}; {@code dgi}: slice of the input projection's gradient; {@code dgh}: {@code [N, 3H]} block.
     */
    record Backward(Object dy, int dyOff, int dyRow, Object dh, Object states, int prev, Object saved,
                    int savedOff, Object dgi, int dgiOff, int dgiRow, Object dgh, int dghOff, Object next) {
    }

    /** Rows {@code [r0, r1)} of one forward step over a batch of n. */
    static void forward(Forward f, int n, int h, int r0, int r1) {
        if (f.gi() instanceof float[]) {
            forwardF32(f, n, h, r0, r1);
        } else {
            forwardF64(f, n, h, r0, r1);
        }
    }

    /** Rows {@code [r0, r1)} of one backward step over a batch of n. */
    static void backward(Backward b, int n, int h, int r0, int r1) {
        if (b.dy() instanceof float[]) {
            backwardF32(b, n, h, r0, r1);
        } else {
            backwardF64(b, n, h, r0, r1);
        }
    }

    private static void forwardF32(Forward f, int n, int h, int r0, int r1) {
        float[] gi = (float[]) f.gi();
        float[] gh = (float[]) f.gh();
        float[] bias = (float[]) f.bias();
        float[] states = (float[]) f.states();
        float[] out = (float[]) f.out();
        float[] saved = (float[]) f.saved();
        int bo = f.biasOff();
        int rz = f.savedOff();
        int cs = rz + 2 * n * h;
        int ghs = rz + 3 * n * h;
        for (int row = r0; row < r1; row++) {
            int x = f.giOff() + row * f.giRow();
            int g = row * 3 * h;
            for (int j = 0; j < 2 * h; j++) {
                saved[rz + row * 2 * h + j] = gi[x + j] + gh[g + j] + bias[bo + j];
            }
        }
        VectorMath.sigmoid(saved, rz + r0 * 2 * h, saved, rz + r0 * 2 * h, (r1 - r0) * 2 * h);
        for (int row = r0; row < r1; row++) {
            int x = f.giOff() + row * f.giRow() + 2 * h;
            int g = row * 3 * h + 2 * h;
            for (int j = 0; j < h; j++) {
                float ghn = gh[g + j] + bias[bo + 2 * h + j];
                saved[ghs + row * h + j] = ghn;
                saved[cs + row * h + j] = gi[x + j] + saved[rz + row * 2 * h + j] * ghn;
            }
        }
        VectorMath.tanh(saved, cs + r0 * h, saved, cs + r0 * h, (r1 - r0) * h);
        for (int row = r0; row < r1; row++) {
            int p = f.prev() + row * h;
            int o = f.outOff() + row * f.outRow();
            for (int j = 0; j < h; j++) {
                float c = saved[cs + row * h + j];
                float next = c + saved[rz + row * 2 * h + h + j] * (states[p + j] - c);
                states[p + n * h + j] = next;
                out[o + j] = next;
            }
        }
    }

    private static void backwardF32(Backward b, int n, int h, int r0, int r1) {
        float[] dy = (float[]) b.dy();
        float[] dh = (float[]) b.dh();
        float[] states = (float[]) b.states();
        float[] saved = (float[]) b.saved();
        float[] dgi = (float[]) b.dgi();
        float[] dgh = (float[]) b.dgh();
        float[] next = (float[]) b.next();
        int rz = b.savedOff();
        int cs = rz + 2 * n * h;
        int ghs = rz + 3 * n * h;
        for (int row = r0; row < r1; row++) {
            int y = b.dyOff() + row * b.dyRow();
            int p = b.prev() + row * h;
            int gi = b.dgiOff() + row * b.dgiRow();
            int gh = b.dghOff() + row * 3 * h;
            for (int j = 0; j < h; j++) {
                float r = saved[rz + row * 2 * h + j];
                float z = saved[rz + row * 2 * h + h + j];
                float c = saved[cs + row * h + j];
                float u = dy[y + j] + dh[row * h + j];
                float an = u * (1 - z) * (1 - c * c);
                float az = u * (states[p + j] - c) * z * (1 - z);
                float ar = an * saved[ghs + row * h + j] * r * (1 - r);
                next[row * h + j] = u * z;
                dgi[gi + j] = ar;
                dgi[gi + h + j] = az;
                dgi[gi + 2 * h + j] = an;
                dgh[gh + j] = ar;
                dgh[gh + h + j] = az;
                dgh[gh + 2 * h + j] = an * r;
            }
        }
    }

    private static void forwardF64(Forward f, int n, int h, int r0, int r1) {
        double[] gi = (double[]) f.gi();
        double[] gh = (double[]) f.gh();
        double[] bias = (double[]) f.bias();
        double[] states = (double[]) f.states();
        double[] out = (double[]) f.out();
        double[] saved = (double[]) f.saved();
        int bo = f.biasOff();
        int rz = f.savedOff();
        int cs = rz + 2 * n * h;
        int ghs = rz + 3 * n * h;
        for (int row = r0; row < r1; row++) {
            int x = f.giOff() + row * f.giRow();
            int g = row * 3 * h;
            int p = f.prev() + row * h;
            int o = f.outOff() + row * f.outRow();
            for (int j = 0; j < h; j++) {
                double r = 1 / (1 + Math.exp(-(gi[x + j] + gh[g + j] + bias[bo + j])));
                double z = 1 / (1 + Math.exp(-(gi[x + h + j] + gh[g + h + j] + bias[bo + h + j])));
                double ghn = gh[g + 2 * h + j] + bias[bo + 2 * h + j];
                double c = Math.tanh(gi[x + 2 * h + j] + r * ghn);
                double next = c + z * (states[p + j] - c);
                states[p + n * h + j] = next;
                out[o + j] = next;
                saved[rz + row * 2 * h + j] = r;
                saved[rz + row * 2 * h + h + j] = z;
                saved[cs + row * h + j] = c;
                saved[ghs + row * h + j] = ghn;
            }
        }
    }

    private static void backwardF64(Backward b, int n, int h, int r0, int r1) {
        double[] dy = (double[]) b.dy();
        double[] dh = (double[]) b.dh();
        double[] states = (double[]) b.states();
        double[] saved = (double[]) b.saved();
        double[] dgi = (double[]) b.dgi();
        double[] dgh = (double[]) b.dgh();
        double[] next = (double[]) b.next();
        int rz = b.savedOff();
        int cs = rz + 2 * n * h;
        int ghs = rz + 3 * n * h;
        for (int row = r0; row < r1; row++) {
            int y = b.dyOff() + row * b.dyRow();
            int p = b.prev() + row * h;
            int gi = b.dgiOff() + row * b.dgiRow();
            int gh = b.dghOff() + row * 3 * h;
            for (int j = 0; j < h; j++) {
                double r = saved[rz + row * 2 * h + j];
                double z = saved[rz + row * 2 * h + h + j];
                double c = saved[cs + row * h + j];
                double u = dy[y + j] + dh[row * h + j];
                double an = u * (1 - z) * (1 - c * c);
                double az = u * (states[p + j] - c) * z * (1 - z);
                double ar = an * saved[ghs + row * h + j] * r * (1 - r);
                next[row * h + j] = u * z;
                dgi[gi + j] = ar;
                dgi[gi + h + j] = az;
                dgi[gi + 2 * h + j] = an;
                dgh[gh + j] = ar;
                dgh[gh + h + j] = az;
                dgh[gh + 2 * h + j] = an * r;
            }
        }
    }
}
