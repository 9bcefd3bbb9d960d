package astrograd.tensor.cpu;

import astrograd.tensor.ops.PoolSpec;

/**
 * Max and average pooling over contiguous {@code [planes, H, W]} data, one plane at a time on the engine
 * pool. A window at output (oh, ow) covers rows {@code oh*sh - padH + i*dh} and columns
 * {@code ow*sw - padW + j*dw}; padding never wins a max and adds zeros to an average.
 */
final class Pool2d {
    private Pool2d() {
    }

    /** Input and output plane sizes. */
    record Planes(int count, int h, int w, int outH, int outW) {
        int in() {
            return h * w;
        }

        int out() {
            return outH * outW;
        }
    }

    private static int minPlanes(Planes p, PoolSpec s) {
        long work = (long) p.out() * s.kernelH() * s.kernelW();
        return (int) Math.max(1, (1 << 15) / Math.max(1, work));
    }

    // ---------------------------------------------------------------- max

    /**
     * {@code out = max over the window}, {@code idx = ih*W + iw} of the maximum (first of equal maxima;
     * a NaN wins, the last NaN, as in PyTorch); idx may be null when no indices are wanted.
     */
    static void max(float[] x, float[] out, long[] idx, Planes p, PoolSpec s) {
        if (MaxPoolRows.applies(p, s)) {
            MaxPoolRows.max(x, out, idx, p, s);
            return;
        }
        EnginePool.parallelFor(p.count(), minPlanes(p, s), (a, b) -> {
            for (int pl = a; pl < b; pl++) {
                maxPlane(x, pl * p.in(), out, idx, pl * p.out(), p, s);
            }
        });
    }

    private static void maxPlane(float[] x, int xOff, float[] out, long[] idx, int oOff, Planes p, PoolSpec s) {
        for (int oh = 0; oh < p.outH(); oh++) {
            int h0 = oh * s.strideH() - s.padH();
            int iLo = firstInside(h0, s.dilationH());
            int iHi = endInside(h0, s.dilationH(), s.kernelH(), p.h());
            for (int ow = 0; ow < p.outW(); ow++) {
                int w0 = ow * s.strideW() - s.padW();
                int jLo = firstInside(w0, s.dilationW());
                int jHi = endInside(w0, s.dilationW(), s.kernelW(), p.w());
                int best = (h0 + iLo * s.dilationH()) * p.w() + w0 + jLo * s.dilationW();
                float m = Float.NEGATIVE_INFINITY;
                for (int i = iLo; i < iHi; i++) {
                    int row = (h0 + i * s.dilationH()) * p.w() + w0;
                    for (int j = jLo; j < jHi; j++) {
                        int at = row + j * s.dilationW();
                        float v = x[xOff + at];
                        int take = v > m | v != v ? -1 : 0;
                        m = Float.intBitsToFloat(select(Float.floatToRawIntBits(m), Float.floatToRawIntBits(v), take));
                        best = select(best, at, take);
                    }
                }
                out[oOff + oh * p.outW() + ow] = m;
                if (idx != null) {
                    idx[oOff + oh * p.outW() + ow] = best;
                }
            }
        }
    }

    /**
     * {@code take == -1 ? b : a} without a branch: the max-pool update tests random data, where a branch is
     * mispredicted half the time (3.3x slower, measured). The test is {@code v > m || isNaN(v)}, PyTorch's rule.
     */
    static int select(int a, int b, int take) {
        return a ^ ((a ^ b) & take);
    }

    private static long select(long a, long b, int take) {
        return a ^ ((a ^ b) & take);
    }

    static void max(double[] x, double[] out, long[] idx, Planes p, PoolSpec s) {
        EnginePool.parallelFor(p.count(), minPlanes(p, s), (a, b) -> {
            for (int pl = a; pl < b; pl++) {
                maxPlane(x, pl * p.in(), out, idx, pl * p.out(), p, s);
            }
        });
    }

    private static void maxPlane(double[] x, int xOff, double[] out, long[] idx, int oOff, Planes p, PoolSpec s) {
        for (int oh = 0; oh < p.outH(); oh++) {
            int h0 = oh * s.strideH() - s.padH();
            int iLo = firstInside(h0, s.dilationH());
            int iHi = endInside(h0, s.dilationH(), s.kernelH(), p.h());
            for (int ow = 0; ow < p.outW(); ow++) {
                int w0 = ow * s.strideW() - s.padW();
                int jLo = firstInside(w0, s.dilationW());
                int jHi = endInside(w0, s.dilationW(), s.kernelW(), p.w());
                int best = (h0 + iLo * s.dilationH()) * p.w() + w0 + jLo * s.dilationW();
                double m = Double.NEGATIVE_INFINITY;
                for (int i = iLo; i < iHi; i++) {
                    int row = (h0 + i * s.dilationH()) * p.w() + w0;
                    for (int j = jLo; j < jHi; j++) {
                        int at = row + j * s.dilationW();
                        double v = x[xOff + at];
                        int take = v > m | v != v ? -1 : 0;
                        m = Double.longBitsToDouble(select(Double.doubleToRawLongBits(m), Double.doubleToRawLongBits(v),
                                take));
                        best = select(best, at, take);
                    }
                }
                out[oOff + oh * p.outW() + ow] = m;
                if (idx != null) {
                    idx[oOff + oh * p.outW() + ow] = best;
                }
            }
        }
    }

    // ---------------------------------------------------------------- average (dilation 1)

    /**
     * {@code out = sum over the window / divisor}, the divisor being the window's size clipped to the
     * padded input when {@code countIncludePad}, else the number of real elements it covers (PyTorch's rule).
     */
    static void avg(float[] x, float[] out, Planes p, PoolSpec s) {
        EnginePool.parallelFor(p.count(), minPlanes(p, s), (a, b) -> {
            for (int pl = a; pl < b; pl++) {
                int xOff = pl * p.in();
                int oOff = pl * p.out();
                for (int oh = 0; oh < p.outH(); oh++) {
                    for (int ow = 0; ow < p.outW(); ow++) {
                        Window win = Window.of(oh, ow, p, s);
                        float sum = 0f;
                        for (int ih = win.h0; ih < win.h1; ih++) {
                            for (int iw = win.w0, at = xOff + ih * p.w() + iw; iw < win.w1; iw++, at++) {
                                sum += x[at];
                            }
                        }
                        out[oOff + oh * p.outW() + ow] = sum / win.divisor;
                    }
                }
            }
        });
    }

    static void avg(double[] x, double[] out, Planes p, PoolSpec s) {
        EnginePool.parallelFor(p.count(), minPlanes(p, s), (a, b) -> {
            for (int pl = a; pl < b; pl++) {
                int xOff = pl * p.in();
                int oOff = pl * p.out();
                for (int oh = 0; oh < p.outH(); oh++) {
                    for (int ow = 0; ow < p.outW(); ow++) {
                        Window win = Window.of(oh, ow, p, s);
                        double sum = 0;
                        for (int ih = win.h0; ih < win.h1; ih++) {
                            for (int iw = win.w0, at = xOff + ih * p.w() + iw; iw < win.w1; iw++, at++) {
                                sum += x[at];
                            }
                        }
                        out[oOff + oh * p.outW() + ow] = sum / win.divisor;
                    }
                }
            }
        });
    }

    /** The real rows [h0, h1) and columns [w0, w1) of an average window, and its divisor. */
    private record Window(int h0, int h1, int w0, int w1, int divisor) {
        static Window of(int oh, int ow, Planes p, PoolSpec s) {
            int hs = oh * s.strideH() - s.padH();
            int ws = ow * s.strideW() - s.padW();
            int he = Math.min(hs + s.kernelH(), p.h() + s.padH());
            int we = Math.min(ws + s.kernelW(), p.w() + s.padW());
            int padded = (he - hs) * (we - ws);
            int h0 = Math.max(hs, 0);
            int w0 = Math.max(ws, 0);
            int h1 = Math.min(he, p.h());
            int w1 = Math.min(we, p.w());
            return new Window(h0, h1, w0, w1, s.countIncludePad() ? padded : (h1 - h0) * (w1 - w0));
        }
    }

    /** First kernel tap i with {@code start + i*d >= 0}. */
    private static int firstInside(int start, int d) {
        return start >= 0 ? 0 : (-start + d - 1) / d;
    }

    /** One past the last kernel tap i (< k) with {@code start + i*d < n}. */
    private static int endInside(int start, int d, int k, int n) {
        int limit = n - start; // need i*d < limit
        return limit <= 0 ? 0 : Math.min(k, (limit + d - 1) / d);
    }
}
