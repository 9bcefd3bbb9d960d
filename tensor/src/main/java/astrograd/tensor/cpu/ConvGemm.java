package astrograd.tensor.cpu;

/**
 * Convolutions as GEMMs over im2col columns. Forward, per image and group:
 * {@code out[g] (Og x L) = W[g] (Og x Cg*kh*kw) · cols (Cg*kh*kw x L)}, with the columns built for a block
 * of output rows at a time into a buffer reused across the images of one thread. Transposed:
 * {@code cols (Og*kh*kw x H*W) = W[g]^T · x[g] (Cg x H*W)}, then col2im into the output image. Work is
 * split over (image, group, row block) on the engine pool.
 */
final class ConvGemm {
    /** Column-buffer size (elements) a block of output rows aims for. */
    private static final int BLOCK_ELEMENTS = 1 << 17;
    /** Multiply-adds a thread should get at least before work is split. */
    private static final long MIN_FLOPS_PER_THREAD = 1 << 17;

    private ConvGemm() {
    }

    /**
     * Sizes of a grouped convolution: n images of c channels, o output channels, kernel kh x kw, and the
     * geometry of one group's input channels against the output grid.
     */
    record Plan(int n, int c, int o, int groups, Im2col.Geometry geo) {
        int cg() {
            return c / groups;
        }

        int og() {
            return o / groups;
        }

        /** Reduction length of the forward GEMM. */
        int k() {
            return geo.rows();
        }

        int outPlane() {
            return geo.outH() * geo.outW();
        }

        int inPlane() {
            return geo.h() * geo.w();
        }

        /** A 1x1 kernel, stride 1, no padding: the input itself is the column matrix. */
        boolean pointwise() {
            return geo.kh() == 1 && geo.kw() == 1 && geo.sh() == 1 && geo.sw() == 1
                    && geo.padTop() == 0 && geo.padLeft() == 0 && geo.outH() == geo.h() && geo.outW() == geo.w();
        }

        int blockRows(int rowLength, int rows) {
            long perRow = (long) rows * rowLength;
            return (int) Math.max(1, Math.min(geo.outH(), BLOCK_ELEMENTS / Math.max(1, perRow)));
        }
    }

    private static int minItems(long flopsPerItem) {
        return (int) Math.max(1, MIN_FLOPS_PER_THREAD / Math.max(1, flopsPerItem));
    }

    // ---------------------------------------------------------------- forward

    /**
     * {@code out = W · cols}, or {@code out += W · cols} when {@code accumulate} (out holding the bias); then
     * {@code relu} in place on each block when asked.
     */
    static void forward(float[] x, float[] w, float[] out, Plan p, boolean accumulate, boolean relu) {
        int blockRows = p.pointwise() ? p.geo().outH() : p.blockRows(p.geo().outW(), p.k());
        int blocks = (p.geo().outH() + blockRows - 1) / blockRows;
        int items = p.n() * p.groups() * blocks;
        long flops = (long) p.og() * p.k() * blockRows * p.geo().outW();
        EnginePool.parallelFor(items, minItems(flops), (s, e) -> {
            float[] cols = p.pointwise() ? null : new float[p.k() * blockRows * p.geo().outW()];
            for (int it = s; it < e; it++) {
                int b = it % blocks;
                int g = (it / blocks) % p.groups();
                int img = it / blocks / p.groups();
                int oh0 = b * blockRows;
                int oh1 = Math.min(p.geo().outH(), oh0 + blockRows);
                int width = (oh1 - oh0) * p.geo().outW();
                int xOff = (img * p.c() + g * p.cg()) * p.inPlane();
                int outOff = (img * p.o() + g * p.og()) * p.outPlane() + oh0 * p.geo().outW();
                int wOff = g * p.og() * p.k();
                if (p.pointwise()) {
                    Gemm.sgemm(p.og(), width, p.k(), w, wOff, p.k(), 1, x, xOff + oh0 * p.geo().outW(), p.inPlane(), 1,
                            out, outOff, p.outPlane(), accumulate);
                } else {
                    Im2col.im2col(x, xOff, p.geo(), oh0, oh1, cols, 0, width);
                    Gemm.sgemm(p.og(), width, p.k(), w, wOff, p.k(), 1, cols, 0, width, 1,
                            out, outOff, p.outPlane(), accumulate);
                }
                for (int o = 0; relu && o < p.og(); o++) { // in place, while the block is in cache
                    int row = outOff + o * p.outPlane();
                    F32Unary.relu(out, row, out, row, width);
                }
            }
        });
    }

    static void forward(double[] x, double[] w, double[] out, Plan p, boolean accumulate, boolean relu) {
        int blockRows = p.pointwise() ? p.geo().outH() : p.blockRows(p.geo().outW(), p.k());
        int blocks = (p.geo().outH() + blockRows - 1) / blockRows;
        int items = p.n() * p.groups() * blocks;
        long flops = (long) p.og() * p.k() * blockRows * p.geo().outW();
        EnginePool.parallelFor(items, minItems(flops), (s, e) -> {
            double[] cols = p.pointwise() ? null : new double[p.k() * blockRows * p.geo().outW()];
            for (int it = s; it < e; it++) {
                int b = it % blocks;
                int g = (it / blocks) % p.groups();
                int img = it / blocks / p.groups();
                int oh0 = b * blockRows;
                int oh1 = Math.min(p.geo().outH(), oh0 + blockRows);
                int width = (oh1 - oh0) * p.geo().outW();
                int xOff = (img * p.c() + g * p.cg()) * p.inPlane();
                int outOff = (img * p.o() + g * p.og()) * p.outPlane() + oh0 * p.geo().outW();
                int wOff = g * p.og() * p.k();
                if (p.pointwise()) {
                    Gemm.dgemm(p.og(), width, p.k(), w, wOff, p.k(), 1, x, xOff + oh0 * p.geo().outW(), p.inPlane(), 1,
                            out, outOff, p.outPlane(), accumulate);
                } else {
                    Im2col.im2col(x, xOff, p.geo(), oh0, oh1, cols, 0, width);
                    Gemm.dgemm(p.og(), width, p.k(), w, wOff, p.k(), 1, cols, 0, width, 1,
                            out, outOff, p.outPlane(), accumulate);
                }
                for (int o = 0; relu && o < p.og(); o++) { // in place, while the block is in cache
                    int row = outOff + o * p.outPlane();
                    F64Unary.relu(out, row, out, row, width);
                }
            }
        });
    }

    // ---------------------------------------------------------------- transposed

    /**
     * Transposed convolution. Here {@code p.c()} counts the input channels of x, {@code p.o()} the output
     * channels, and {@code p.geo()} describes the OUTPUT image (channels Og) against the input grid
     * (outH = H, outW = W): the transposed conv scatters each input position back through the kernel.
     * The result is added to {@code out} (zero, or the bias, on entry). x is read in place where its layout
     * allows ({@link ImageView}): a convolution's input gradient is this op on the upstream gradient, which
     * is a broadcast when the loss is a sum.
     */
    static void transposed(ImageView x, float[] w, float[] out, Plan p) {
        Im2col.Geometry geo = p.geo();
        int rowsK = p.og() * geo.kh() * geo.kw();
        int blockRows = p.blockRows(geo.outW(), rowsK);
        int outPlane = geo.h() * geo.w();
        long flops = (long) rowsK * p.cg() * geo.outH() * geo.outW();
        EnginePool.parallelFor(p.n() * p.groups(), minItems(flops), (s, e) -> {
            float[] cols = new float[rowsK * blockRows * geo.outW()];
            for (int it = s; it < e; it++) {
                int g = it % p.groups();
                int img = it / p.groups();
                int xOff = x.at(img, g * p.cg());
                int outOff = (img * p.o() + g * p.og()) * outPlane;
                int wOff = g * p.cg() * rowsK;
                for (int h0 = 0; h0 < geo.outH(); h0 += blockRows) {
                    int h1 = Math.min(geo.outH(), h0 + blockRows);
                    int width = (h1 - h0) * geo.outW();
                    Gemm.sgemm(rowsK, width, p.cg(), w, wOff, 1, rowsK, x.f32(),
                            xOff + h0 * geo.outW() * x.positionStride(), x.channelStride(), x.positionStride(),
                            cols, 0, width, false);
                    Im2col.col2im(cols, 0, width, geo, h0, h1, out, outOff);
                }
            }
        });
    }

    static void transposed(double[] x, double[] w, double[] out, Plan p) {
        Im2col.Geometry geo = p.geo();
        int rowsK = p.og() * geo.kh() * geo.kw();
        int blockRows = p.blockRows(geo.outW(), rowsK);
        int inPlane = geo.outH() * geo.outW();
        int outPlane = geo.h() * geo.w();
        long flops = (long) rowsK * p.cg() * inPlane;
        EnginePool.parallelFor(p.n() * p.groups(), minItems(flops), (s, e) -> {
            double[] cols = new double[rowsK * blockRows * geo.outW()];
            for (int it = s; it < e; it++) {
                int g = it % p.groups();
                int img = it / p.groups();
                int xOff = (img * p.c() + g * p.cg()) * inPlane;
                int outOff = (img * p.o() + g * p.og()) * outPlane;
                int wOff = g * p.cg() * rowsK;
                for (int h0 = 0; h0 < geo.outH(); h0 += blockRows) {
                    int h1 = Math.min(geo.outH(), h0 + blockRows);
                    int width = (h1 - h0) * geo.outW();
                    Gemm.dgemm(rowsK, width, p.cg(), w, wOff, 1, rowsK, x, xOff + h0 * geo.outW(), inPlane, 1,
                            cols, 0, width, false);
                    Im2col.col2im(cols, 0, width, geo, h0, h1, out, outOff);
                }
            }
        });
    }
}
