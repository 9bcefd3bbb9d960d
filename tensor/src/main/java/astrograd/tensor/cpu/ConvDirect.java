package astrograd.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct single-precision convolution for horizontal stride 1, vectorized along the output row. The input
 * is first copied into a zero-padded buffer {@code [N, C, H + padTop + padBottom, W + padLeft + padRight]}
 * (skipped when there is no padding), so every tap {@code t = (c*kh + i)*kw + j} of the kernel is a fixed
 * offset {@code c*Hp*Wp + i*dh*Wp + j*dw} from the row start and
 * {@code out[o, oh, ow..ow+V) += w[o, t] * xp[rowStart(oh) + offset(t) + ow ..]} needs no bounds checks.
 * Blocks of 4 output channels by 4 vectors of output positions are accumulated in registers. Pays off over
 * im2col + GEMM when {@code Cg*kh*kw} is small (few input channels), where the GEMM's reduction is too
 * short to amortize packing.
 */
final class ConvDirect {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    private ConvDirect() {
    }

    /** True when the shape suits this kernel: stride 1 along W, a row at least one vector wide, few taps. */
    static boolean suits(int strideW, int taps, int outW, int maxTaps) {
        return strideW == 1 && outW >= V && taps <= maxTaps;
    }

    /** {@code x} contiguous {@code [n, c, h, w]}, {@code w} contiguous {@code [o, c/groups, kh, kw]}. */
    static void forward(float[] x, float[] w, float[] out, ConvGemm.Plan p, int padBottom, int padRight) {
        Im2col.Geometry g = p.geo();
        int hp = g.h() + g.padTop() + padBottom;
        int wp = g.w() + g.padLeft() + padRight;
        float[] xp = padded(x, p.n() * p.c(), g, hp, wp);
        int[] tapOffsets = tapOffsets(g, hp, wp);
        int rows = p.n() * g.outH();
        long flopsPerRow = (long) p.o() * p.k() * g.outW();
        int minRows = (int) Math.max(1, (1 << 16) / Math.max(1, flopsPerRow));
        EnginePool.parallelFor(rows, minRows, (s, e) -> {
            for (int r = s; r < e; r++) {
                outputRow(xp, w, out, p, hp, wp, tapOffsets, r / g.outH(), r % g.outH());
            }
        });
    }

    private static float[] padded(float[] x, int planes, Im2col.Geometry g, int hp, int wp) {
        if (hp == g.h() && wp == g.w()) {
            return x;
        }
        float[] xp = new float[planes * hp * wp];
        EnginePool.parallelFor(planes, Math.max(1, (1 << 15) / (hp * wp)), (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                for (int ih = 0; ih < g.h(); ih++) {
                    System.arraycopy(x, (pl * g.h() + ih) * g.w(), xp, (pl * hp + ih + g.padTop()) * wp + g.padLeft(), g.w());
                }
            }
        });
        return xp;
    }

    private static int[] tapOffsets(Im2col.Geometry g, int hp, int wp) {
        int[] off = new int[g.rows()];
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    off[(c * g.kh() + i) * g.kw() + j] = c * hp * wp + i * g.dh() * wp + j * g.dw();
                }
            }
        }
        return off;
    }

    /** All output channels of output row {@code oh} of image {@code img}. */
    private static void outputRow(float[] xp, float[] w, float[] out, ConvGemm.Plan p, int hp, int wp,
                                  int[] taps, int img, int oh) {
        Im2col.Geometry g = p.geo();
        int k = p.k();
        int outW = g.outW();
        for (int grp = 0; grp < p.groups(); grp++) {
            int rowStart = (img * p.c() + grp * p.cg()) * hp * wp + oh * g.sh() * wp;
            int o = grp * p.og();
            int oEnd = o + p.og();
            for (; o < oEnd; o += 4) {
                int count = Math.min(4, oEnd - o);
                int outStart = ((img * p.o() + o) * g.outH() + oh) * outW;
                int plane = g.outH() * outW;
                int ow = 0;
                if (count == 4) {
                    for (; ow + 4 * V <= outW; ow += 4 * V) {
                        block4x4(xp, rowStart + ow, taps, w, o * k, k, out, outStart + ow, plane);
                    }
                }
                for (; ow + V <= outW; ow += V) {
                    blockNx1(xp, rowStart + ow, taps, w, o * k, k, count, out, outStart + ow, plane);
                }
                if (ow < outW) { // the last vector overlaps the previous one; it recomputes equal values
                    blockNx1(xp, rowStart + outW - V, taps, w, o * k, k, count, out, outStart + outW - V, plane);
                }
            }
        }
    }

    /** 4 output channels x 4 vectors of positions. */
    private static void block4x4(float[] xp, int in, int[] taps, float[] w, int wOff, int k,
                                 float[] out, int outOff, int plane) {
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
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
        store4(out, outOff, a00, a01, a02, a03);
        store4(out, outOff + plane, a10, a11, a12, a13);
        store4(out, outOff + 2 * plane, a20, a21, a22, a23);
        store4(out, outOff + 3 * plane, a30, a31, a32, a33);
    }

    private static void store4(float[] out, int off, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
        v0.intoArray(out, off);
        v1.intoArray(out, off + V);
        v2.intoArray(out, off + 2 * V);
        v3.intoArray(out, off + 3 * V);
    }

    /** {@code count} (1 to 4) output channels x one vector of positions. */
    private static void blockNx1(float[] xp, int in, int[] taps, float[] w, int wOff, int k, int count,
                                 float[] out, int outOff, int plane) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int w1 = wOff + Math.min(1, count - 1) * k;
        int w2 = wOff + Math.min(2, count - 1) * k;
        int w3 = wOff + Math.min(3, count - 1) * k;
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
