package astrograd.tensor.cpu;

import astrograd.tensor.ops.PoolSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct single-precision convolution for horizontal stride 1, vectorized along the output row. The input
 * rows a block of output rows reads are first copied into a zero-padded slab {@code [C, rows, Wp]} with
 * {@code Wp = padLeft + W + padRight}, so every tap {@code t = (c*kh + i)*kw + j} of the kernel is a fixed
 * offset {@code c*rows*Wp + i*dh*Wp + j*dw} from the row start and
 * {@code out[o, oh, ow..ow+V) += w[o, t] * slab[rowStart(oh) + offset(t) + ow ..]} needs no padding tests.
 * Blocks of 4 output channels by 4 vectors of output positions are accumulated in registers, starting
 * from the bias; a ReLU, and a max pool along the row, when asked, are applied to each block of output rows right
 * after it is computed. It needs no column buffer and no packing, which is what makes it win for few input
 * channels (short reductions) and keeps it competitive up to a few hundred taps.
 */
final class ConvDirect {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Elements of the per-thread input slab (zero-padded rows of one image) a block of output rows aims for. */
    private static final int SLAB_ELEMENTS = 1 << 15;

    private ConvDirect() {
    }

    /** True when the shape suits this kernel: stride 1 along W, a row at least one vector wide, few taps. */
    static boolean suits(int strideW, int taps, int outW, int maxTaps) {
        return strideW == 1 && outW >= V && taps <= maxTaps;
    }

    /**
     * {@code x} contiguous {@code [n, c, h, w]}, {@code w} contiguous {@code [o, c/groups, kh, kw]},
     * {@code bias} {@code [o]} or null. Work is split over (image, block of output rows); each block first
     * copies the input rows it reads, zero-padded, into a small slab that stays in cache.
     */
    static void forward(float[] x, float[] w, float[] bias, float[] out, ConvGemm.Plan p, int padRight, boolean relu) {
        run(x, w, bias, out, p, padRight, relu, null);
    }

    /**
     * {@code maxPool(relu(conv))} values into {@code out [n, o, outH, pool.outW(outW)]}: each block of output
     * rows is computed into a per-thread buffer, pooled from there while in cache and then rectified (ReLU and
     * max commute bit for bit: both keep NaN and map every value {@code <= 0} to +0). The pool's windows must be
     * one row high with row stride 1 and lie inside the row ({@link MaxPoolRows#applies}).
     */
    static void forwardPooled(float[] x, float[] w, float[] bias, float[] out, ConvGemm.Plan p, int padRight,
                              PoolSpec pool) {
        run(x, w, bias, out, p, padRight, true, pool);
    }

    private static void run(float[] x, float[] w, float[] bias, float[] out, ConvGemm.Plan p, int padRight,
                            boolean relu, PoolSpec pool) {
        Im2col.Geometry g = p.geo();
        int wp = g.w() + g.padLeft() + padRight;
        int blockRows = Math.max(1, Math.min(g.outH(), SLAB_ELEMENTS / Math.max(1, p.c() * wp * g.sh())));
        int slabRows = (blockRows - 1) * g.sh() + (g.kh() - 1) * g.dh() + 1;
        int[] tapOffsets = tapOffsets(g, slabRows, wp);
        int blocks = (g.outH() + blockRows - 1) / blockRows;
        int plane = g.outH() * g.outW();
        long flopsPerBlock = (long) p.o() * p.k() * g.outW() * blockRows;
        int minItems = (int) Math.max(1, (1 << 16) / Math.max(1, flopsPerBlock));
        EnginePool.parallelFor(p.n() * blocks, minItems, (s, e) -> {
            float[] slab = new float[p.c() * slabRows * wp];
            float[] block = pool == null ? null : new float[p.o() * blockRows * g.outW()];
            int[] laneMap = pool == null ? null : MaxPoolRows.laneStarts(pool);
            for (int item = s; item < e; item++) {
                int img = item / blocks;
                int oh0 = (item % blocks) * blockRows;
                int oh1 = Math.min(g.outH(), oh0 + blockRows);
                fillSlab(x, img, p, oh0 * g.sh() - g.padTop(), slabRows, wp, slab);
                for (int oh = oh0; oh < oh1; oh++) {
                    int slabRow = (oh - oh0) * g.sh();
                    if (block == null) {
                        outputRow(slab, w, bias, out, p, slabRows, wp, tapOffsets, img * p.o() * plane + oh * g.outW(),
                                plane, slabRow);
                    } else {
                        outputRow(slab, w, bias, block, p, slabRows, wp, tapOffsets, (oh - oh0) * g.outW(),
                                blockRows * g.outW(), slabRow);
                    }
                }
                int width = g.outW();
                if (block != null) {
                    width = pool.outW(g.outW());
                    poolBlock(block, blockRows, g.outW(), out, p.o(), g.outH(), width, img, oh0, oh1, pool, laneMap);
                }
                if (relu) {
                    reluInPlace(out, p.o(), g.outH() * width, width, img, oh0, oh1);
                }
            }
        });
    }

    /** Pools rows {@code [oh0, oh1)} of every channel, held in {@code block [o, blockRows, outW]}, into out. */
    private static void poolBlock(float[] block, int blockRows, int outW, float[] out, int channels, int outH,
                                  int pooledW, int img, int oh0, int oh1, PoolSpec pool, int[] laneMap) {
        for (int c = 0; c < channels; c++) {
            for (int oh = oh0; oh < oh1; oh++) {
                MaxPoolRows.rowValues(block, (c * blockRows + oh - oh0) * outW, out,
                        ((img * channels + c) * outH + oh) * pooledW, pooledW, pool, laneMap);
            }
        }
    }

    /**
     * ReLU on rows {@code [oh0, oh1)} (each {@code width} wide) of every channel of the image, just written and
     * still in cache: one span per channel, or one for the whole image when the rows are whole planes (a 1-d
     * convolution).
     */
    private static void reluInPlace(float[] out, int channels, int plane, int width, int img, int oh0, int oh1) {
        int span = (oh1 - oh0) * width;
        if (span == plane) {
            F32Unary.relu(out, img * channels * plane, out, img * channels * plane, channels * plane);
            return;
        }
        for (int c = 0; c < channels; c++) {
            int start = (img * channels + c) * plane + oh0 * width;
            F32Unary.relu(out, start, out, start, span);
        }
    }

    /** Input rows {@code [row0, row0 + slabRows)} of every channel of the image, zero outside the input. */
    private static void fillSlab(float[] x, int img, ConvGemm.Plan p, int row0, int slabRows, int wp, float[] slab) {
        Im2col.Geometry g = p.geo();
        java.util.Arrays.fill(slab, 0f);
        int lo = Math.max(0, row0);
        int hi = Math.min(g.h(), row0 + slabRows);
        for (int c = 0; c < p.c(); c++) {
            int src = (img * p.c() + c) * g.h() * g.w();
            for (int ih = lo; ih < hi; ih++) {
                System.arraycopy(x, src + ih * g.w(), slab, (c * slabRows + ih - row0) * wp + g.padLeft(), g.w());
            }
        }
    }

    private static int[] tapOffsets(Im2col.Geometry g, int slabRows, int wp) {
        int[] off = new int[g.rows()];
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    off[(c * g.kh() + i) * g.kw() + j] = c * slabRows * wp + i * g.dh() * wp + j * g.dw();
                }
            }
        }
        return off;
    }

    /**
     * One output row of every channel: channel {@code o}'s row is written at {@code out[row0 + o * plane ..]}
     * (the output tensor, or a block buffer).
     */
    private static void outputRow(float[] slab, float[] w, float[] bias, float[] out, ConvGemm.Plan p, int slabRows,
                                  int wp, int[] taps, int row0, int plane, int slabRow) {
        int k = p.k();
        int outW = p.geo().outW();
        for (int grp = 0; grp < p.groups(); grp++) {
            int rowStart = grp * p.cg() * slabRows * wp + slabRow * wp;
            int o = grp * p.og();
            int oEnd = o + p.og();
            for (; o < oEnd; o += 4) {
                int count = Math.min(4, oEnd - o);
                int outStart = row0 + o * plane;
                int ow = 0;
                if (count == 4) {
                    for (; ow + 4 * V <= outW; ow += 4 * V) {
                        block4x4(slab, rowStart + ow, taps, w, o * k, k, bias, o, out, outStart + ow, plane);
                    }
                    // more than two vectors left: one 4x4 block ending at the row's end, overlapping outputs already
                    // written (it recomputes equal values), measured faster than three single-vector blocks
                    if (ow > 0 && outW - ow > 2 * V) {
                        block4x4(slab, rowStart + outW - 4 * V, taps, w, o * k, k, bias, o, out,
                                outStart + outW - 4 * V, plane);
                        ow = outW;
                    }
                }
                for (; ow + V <= outW; ow += V) {
                    blockNx1(slab, rowStart + ow, taps, w, o * k, k, count, bias, o, out, outStart + ow, plane);
                }
                if (ow < outW) { // the last vector overlaps the previous one; it recomputes equal values
                    blockNx1(slab, rowStart + outW - V, taps, w, o * k, k, count, bias, o, out, outStart + outW - V,
                            plane);
                }
            }
        }
    }

    /** 4 output channels x 4 vectors of positions. */
    private static void block4x4(float[] xp, int in, int[] taps, float[] w, int wOff, int k, float[] bias, int o,
                                 float[] out, int outOff, int plane) {
        FloatVector a00 = FloatVector.broadcast(S, biasOf(bias, o)), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(S, biasOf(bias, o + 1)), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(S, biasOf(bias, o + 2)), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(S, biasOf(bias, o + 3)), a31 = a30, a32 = a30, a33 = a30;
        for (int t = 0; t < k; t++) {
            int at = in + taps[t];
            FloatVector x0 = FloatVector.fromArray(S, xp, at);
            FloatVector x1 = FloatVector.fromArray(S, xp, at + V);
            FloatVector x2 = FloatVector.fromArray(S, xp, at + 2 * V);
            FloatVector x3 = FloatVector.fromArray(S, xp, at + 3 * V);
            FloatVector w0 = FloatVector.broadcast(S, w[wOff + t]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            a02 = x2.fma(w0, a02);
            a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(S, w[wOff + k + t]);
            a10 = x0.fma(w1, a10);
            a11 = x1.fma(w1, a11);
            a12 = x2.fma(w1, a12);
            a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2 * k + t]);
            a20 = x0.fma(w2, a20);
            a21 = x1.fma(w2, a21);
            a22 = x2.fma(w2, a22);
            a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(S, w[wOff + 3 * k + t]);
            a30 = x0.fma(w3, a30);
            a31 = x1.fma(w3, a31);
            a32 = x2.fma(w3, a32);
            a33 = x3.fma(w3, a33);
        }
        a00.intoArray(out, outOff);
        a01.intoArray(out, outOff + V);
        a02.intoArray(out, outOff + 2 * V);
        a03.intoArray(out, outOff + 3 * V);
        a10.intoArray(out, outOff + plane);
        a11.intoArray(out, outOff + plane + V);
        a12.intoArray(out, outOff + plane + 2 * V);
        a13.intoArray(out, outOff + plane + 3 * V);
        a20.intoArray(out, outOff + 2 * plane);
        a21.intoArray(out, outOff + 2 * plane + V);
        a22.intoArray(out, outOff + 2 * plane + 2 * V);
        a23.intoArray(out, outOff + 2 * plane + 3 * V);
        a30.intoArray(out, outOff + 3 * plane);
        a31.intoArray(out, outOff + 3 * plane + V);
        a32.intoArray(out, outOff + 3 * plane + 2 * V);
        a33.intoArray(out, outOff + 3 * plane + 3 * V);
    }

    /**
     * The bias of output channel {@code o}, 0 without one. Vectors are never passed to or returned from a helper
     * method here: when C2 leaves such a call out of line (it sometimes does, depending on the profile), every
     * vector crossing it is boxed on the heap and the kernel runs about 30 times slower.
     */
    private static float biasOf(float[] bias, int o) {
        return bias == null ? 0f : bias[o];
    }

    /** {@code count} (1 to 4) output channels x one vector of positions. */
    private static void blockNx1(float[] xp, int in, int[] taps, float[] w, int wOff, int k, int count,
                                 float[] bias, int o, float[] out, int outOff, int plane) {
        int o1 = Math.min(1, count - 1);
        int o2 = Math.min(2, count - 1);
        int o3 = Math.min(3, count - 1);
        FloatVector a0 = FloatVector.broadcast(S, biasOf(bias, o));
        FloatVector a1 = FloatVector.broadcast(S, biasOf(bias, o + o1));
        FloatVector a2 = FloatVector.broadcast(S, biasOf(bias, o + o2));
        FloatVector a3 = FloatVector.broadcast(S, biasOf(bias, o + o3));
        int w1 = wOff + o1 * k;
        int w2 = wOff + o2 * k;
        int w3 = wOff + o3 * k;
        for (int t = 0; t < k; t++) {
            FloatVector x0 = FloatVector.fromArray(S, xp, in + taps[t]);
            a0 = x0.fma(FloatVector.broadcast(S, w[wOff + t]), a0);
            a1 = x0.fma(FloatVector.broadcast(S, w[w1 + t]), a1);
            a2 = x0.fma(FloatVector.broadcast(S, w[w2 + t]), a2);
            a3 = x0.fma(FloatVector.broadcast(S, w[w3 + t]), a3);
        }
        a0.intoArray(out, outOff);
        if (count > 1) {
            a1.intoArray(out, outOff + plane);
        }
        if (count > 2) {
            a2.intoArray(out, outOff + 2 * plane);
        }
        if (count > 3) {
            a3.intoArray(out, outOff + 3 * plane);
        }
    }
}
