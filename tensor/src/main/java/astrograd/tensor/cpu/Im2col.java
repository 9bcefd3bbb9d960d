package astrograd.tensor.cpu;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * im2col and col2im on one contiguous {@code [C, H, W]} image held in a raw array. Column row
 * {@code r = (c*kh + i)*kw + j} and column {@code l = oh*OW + ow} hold input element
 * {@code (c, oh*sh - padTop + i*dh, ow*sw - padLeft + j*dw)}, or zero where that lies in the padding
 * (PyTorch's {@code F.unfold} layout). A range of output rows {@code [oh0, oh1)} may be produced alone, so
 * large images can be processed in blocks that stay in cache.
 */
final class Im2col {
    private static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;

    private Im2col() {
    }

    /** Geometry of one image and its output grid (which, for col2im of a transposed conv, is given, not derived). */
    record Geometry(int channels, int h, int w, int kh, int kw, int sh, int sw, int padTop, int padLeft,
                    int dh, int dw, int outH, int outW) {

        int rows() {
            return channels * kh * kw;
        }

        /** First output column {@code ow} whose input column {@code ow*sw - padLeft + j*dw} is >= 0. */
        int firstValidOw(int j) {
            int shift = padLeft - j * dw;
            return shift <= 0 ? 0 : Math.min(outW, (shift + sw - 1) / sw);
        }

        /** One past the last output column whose input column is < w. */
        int endValidOw(int j) {
            int limit = w + padLeft - j * dw; // need ow*sw < limit
            return limit <= 0 ? 0 : Math.min(outW, (limit + sw - 1) / sw);
        }
    }

    /** Writes rows x columns {@code [oh0*OW, oh1*OW)} of the column matrix into {@code cols} at {@code colOff} (row stride {@code ldCols}). */
    static void im2col(float[] x, int xOff, Geometry g, int oh0, int oh1, float[] cols, int colOff, int ldCols) {
        int plane = g.h() * g.w();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int r = (c * g.kh() + i) * g.kw() + j;
                    int owLo = g.firstValidOw(j);
                    int owHi = Math.max(owLo, g.endValidOw(j));
                    int rowOff = colOff + r * ldCols;
                    for (int oh = oh0; oh < oh1; oh++) {
                        int dst = rowOff + (oh - oh0) * g.outW();
                        int ih = oh * g.sh() - g.padTop() + i * g.dh();
                        if (ih < 0 || ih >= g.h()) {
                            Arrays.fill(cols, dst, dst + g.outW(), 0f);
                            continue;
                        }
                        Arrays.fill(cols, dst, dst + owLo, 0f);
                        int src = xOff + c * plane + ih * g.w() + owLo * g.sw() - g.padLeft() + j * g.dw();
                        if (g.sw() == 1 && owHi > owLo) {
                            System.arraycopy(x, src, cols, dst + owLo, owHi - owLo);
                        } else {
                            for (int ow = owLo; ow < owHi; ow++, src += g.sw()) {
                                cols[dst + ow] = x[src];
                            }
                        }
                        Arrays.fill(cols, dst + owHi, dst + g.outW(), 0f);
                    }
                }
            }
        }
    }

    /** Double-precision {@link #im2col(float[], int, Geometry, int, int, float[], int, int)}. */
    static void im2col(double[] x, int xOff, Geometry g, int oh0, int oh1, double[] cols, int colOff, int ldCols) {
        int plane = g.h() * g.w();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int r = (c * g.kh() + i) * g.kw() + j;
                    int owLo = g.firstValidOw(j);
                    int owHi = Math.max(owLo, g.endValidOw(j));
                    int rowOff = colOff + r * ldCols;
                    for (int oh = oh0; oh < oh1; oh++) {
                        int dst = rowOff + (oh - oh0) * g.outW();
                        int ih = oh * g.sh() - g.padTop() + i * g.dh();
                        if (ih < 0 || ih >= g.h()) {
                            Arrays.fill(cols, dst, dst + g.outW(), 0d);
                            continue;
                        }
                        Arrays.fill(cols, dst, dst + owLo, 0d);
                        int src = xOff + c * plane + ih * g.w() + owLo * g.sw() - g.padLeft() + j * g.dw();
                        if (g.sw() == 1 && owHi > owLo) {
                            System.arraycopy(x, src, cols, dst + owLo, owHi - owLo);
                        } else {
                            for (int ow = owLo; ow < owHi; ow++, src += g.sw()) {
                                cols[dst + ow] = x[src];
                            }
                        }
                        Arrays.fill(cols, dst + owHi, dst + g.outW(), 0d);
                    }
                }
            }
        }
    }

    /** Adds every column entry back into the image it was taken from (the adjoint of im2col); padding entries are dropped. */
    static void col2im(float[] cols, int colOff, int ldCols, Geometry g, int oh0, int oh1, float[] img, int imgOff) {
        int plane = g.h() * g.w();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int r = (c * g.kh() + i) * g.kw() + j;
                    int owLo = g.firstValidOw(j);
                    int owHi = g.endValidOw(j);
                    int rowOff = colOff + r * ldCols;
                    for (int oh = oh0; oh < oh1; oh++) {
                        int ih = oh * g.sh() - g.padTop() + i * g.dh();
                        if (ih < 0 || ih >= g.h()) {
                            continue;
                        }
                        int src = rowOff + (oh - oh0) * g.outW();
                        int dst = imgOff + c * plane + ih * g.w() - g.padLeft() + j * g.dw();
                        if (g.sw() == 1) {
                            addRun(img, dst + owLo, cols, src + owLo, owHi - owLo);
                            continue;
                        }
                        for (int ow = owLo; ow < owHi; ow++) {
                            img[dst + ow * g.sw()] += cols[src + ow];
                        }
                    }
                }
            }
        }
    }

    /** Double-precision {@link #col2im(float[], int, int, Geometry, int, int, float[], int)}. */
    static void col2im(double[] cols, int colOff, int ldCols, Geometry g, int oh0, int oh1, double[] img, int imgOff) {
        int plane = g.h() * g.w();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int r = (c * g.kh() + i) * g.kw() + j;
                    int owLo = g.firstValidOw(j);
                    int owHi = g.endValidOw(j);
                    int rowOff = colOff + r * ldCols;
                    for (int oh = oh0; oh < oh1; oh++) {
                        int ih = oh * g.sh() - g.padTop() + i * g.dh();
                        if (ih < 0 || ih >= g.h()) {
                            continue;
                        }
                        int src = rowOff + (oh - oh0) * g.outW();
                        int dst = imgOff + c * plane + ih * g.w() - g.padLeft() + j * g.dw();
                        if (g.sw() == 1) {
                            addRun(img, dst + owLo, cols, src + owLo, owHi - owLo);
                            continue;
                        }
                        for (int ow = owLo; ow < owHi; ow++) {
                            img[dst + ow * g.sw()] += cols[src + ow];
                        }
                    }
                }
            }
        }
    }

    /** {@code img[d + t] += cols[s + t]} for t in [0, n), on vectors (each element one exactly rounded add). */
    private static void addRun(float[] img, int d, float[] cols, int s, int n) {
        int t = 0;
        for (int bound = F32.loopBound(n); t < bound; t += F32.length()) {
            FloatVector.fromArray(F32, img, d + t).add(FloatVector.fromArray(F32, cols, s + t)).intoArray(img, d + t);
        }
        for (; t < n; t++) {
            img[d + t] += cols[s + t];
        }
    }

    /** {@link #addRun(float[], int, float[], int, int)} in double precision. */
    private static void addRun(double[] img, int d, double[] cols, int s, int n) {
        int t = 0;
        for (int bound = F64.loopBound(n); t < bound; t += F64.length()) {
            DoubleVector.fromArray(F64, img, d + t).add(DoubleVector.fromArray(F64, cols, s + t)).intoArray(img, d + t);
        }
        for (; t < n; t++) {
            img[d + t] += cols[s + t];
        }
    }
}
