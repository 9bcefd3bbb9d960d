package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;

/**
 * The CPU's per-image products of a convolution's weight gradient in F32 (see
 * {@link astrograd.tensor.Backend#convWeightProducts}): {@code out[n, g] = ȳ[n, g] · unfold(x[n])_gᵀ}.
 *
 * <p>Each image is unfolded a few output rows at a time into a column block that stays in L2, and each group's
 * product of ȳ's matching columns with the block is accumulated into the image's output (the first block starts
 * from zero). Every GEMM element is one sequential chain of fused multiply-adds over its inner index, so
 * continuing the chain block after block gives the bits of the whole-image product, without writing the batch's
 * column matrix to memory and reading it back (151 MB per step for the second layer of the conv2d benchmark).
 * ȳ is read in place where its layout allows ({@link ImageView}). Images are shared out over the engine
 * threads, each product then running on its thread; a single image's products split over the threads instead.
 */
final class ConvWeightProducts {
    /** Output positions per column block: two GEMM k-blocks. */
    private static final int BLOCK_POSITIONS = 2 * GemmF32.KC;
    /** Largest column block, in values (1 MiB): very deep inputs get one output row per block. */
    private static final int MAX_BLOCK_VALUES = 1 << 18;

    private ConvWeightProducts() {
    }

    /** The products as {@code [N, G, O/G, (C/G)·kh·kw]} for F32 x and ȳ (any layout). */
    static Tensor f32(Tensor x, Tensor upstream, int kh, int kw, ConvSpec spec) {
        int[] xs = x.shape();
        int outH = upstream.size(2);
        int outW = upstream.size(3);
        Im2col.Geometry geo = CpuConv.geometry(xs[1], xs[2], xs[3], kh, kw, spec, outH, outW);
        Shapes s = new Shapes(geo, upstream.size(1), spec.groups());
        float[] xa = (float[]) CpuConv.array(x);
        ImageView g = ImageView.of(upstream);
        CpuStorage out = CpuStorage.uninitialized(DType.F32, xs[0] * s.outputs * s.rowsPerGroup);
        EnginePool.parallelFor(xs[0], 1, (first, end) -> {
            float[] block = new float[s.blockRows * outW * geo.rows()];
            for (int img = first; img < end; img++) {
                image(img, xa, g, s, block, out.f32());
            }
        });
        return new Tensor(out, new int[] {xs[0], s.groups, s.outputsPerGroup, s.rowsPerGroup});
    }

    /** Sizes shared by every image. */
    private static final class Shapes {
        final Im2col.Geometry geo;
        final int outputs;
        final int groups;
        final int outputsPerGroup;
        final int rowsPerGroup;
        final int blockRows;

        Shapes(Im2col.Geometry geo, int outputs, int groups) {
            this.geo = geo;
            this.outputs = outputs;
            this.groups = groups;
            this.outputsPerGroup = outputs / groups;
            this.rowsPerGroup = geo.rows() / groups;
            int byPositions = (BLOCK_POSITIONS + geo.outW() - 1) / geo.outW();
            int bySize = MAX_BLOCK_VALUES / Math.max(1, geo.rows() * geo.outW());
            this.blockRows = Math.max(1, Math.min(geo.outH(), Math.min(byPositions, bySize)));
        }
    }

    /** One image's products, block of output rows by block. */
    private static void image(int img, float[] x, ImageView g, Shapes s, float[] block, float[] out) {
        Im2col.Geometry geo = s.geo;
        int perGroup = s.outputsPerGroup;
        int xOff = img * geo.channels() * geo.h() * geo.w();
        for (int oh0 = 0; oh0 < geo.outH(); oh0 += s.blockRows) {
            int oh1 = Math.min(geo.outH(), oh0 + s.blockRows);
            int width = (oh1 - oh0) * geo.outW();
            Im2col.im2col(x, xOff, geo, oh0, oh1, block, 0, width);
            for (int grp = 0; grp < s.groups; grp++) {
                int gOff = g.at(img, grp * perGroup) + oh0 * geo.outW() * g.positionStride();
                int cOff = (img * s.groups + grp) * perGroup * s.rowsPerGroup;
                GemmF32.gemm(perGroup, s.rowsPerGroup, width, g.f32(), gOff, g.channelStride(), g.positionStride(),
                        block, grp * s.rowsPerGroup * width, 1, width, out, cOff, s.rowsPerGroup, oh0 > 0, true);
            }
        }
    }
}
