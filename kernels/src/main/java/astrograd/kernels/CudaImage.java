package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;

/**
 * Convolutions, pooling, unfold and fold on {@code [N, C, H, W]} (image.cuh and the GEMM), F32 and F64.
 *
 * <p>{@code conv2d} is unfold (im2col) followed by one batched product of the weights {@code [G, O/G, K]}
 * (broadcast over the batch) with the columns {@code [N, G, K, L]}, K = (C/G)·kh·kw, L the output positions;
 * the transposed convolution is the product of the transposed weights with the input, {@code [N, G, (O/G)·kh·kw,
 * H·W]}, followed by fold (col2im), whose per-pixel sums run in a fixed order. Both materialize the column
 * matrix of the whole batch; an implicit-GEMM kernel that forms the columns in shared memory is the next step.
 */
final class CudaImage {
    private final DeviceContext ctx;
    private final CudaCopy copy;
    private final CudaMatmul matmul;

    CudaImage(DeviceContext ctx, CudaCopy copy, CudaMatmul matmul) {
        this.ctx = ctx;
        this.copy = copy;
        this.matmul = matmul;
    }

    /** {@code ConvGeom} of image.cuh: 19 ints. */
    private static int[] convGeom(int n, int c, int h, int w, int kh, int kw, ConvSpec s, int oh, int ow,
                                  int xoff, int[] xs) {
        return new int[] {n, c, h, w, kh, kw, s.strideH(), s.strideW(), s.padTop(), s.padLeft(), s.dilationH(),
            s.dilationW(), oh, ow, xoff, xs[0], xs[1], xs[2], xs[3]};
    }

    Tensor unfold(Tensor x, int kh, int kw, ConvSpec spec) {
        int[] s = x.shape();
        int oh = spec.outH(s[2], kh);
        int ow = spec.outW(s[3], kw);
        String kernel = "unfold_" + floating(x, "unfold");
        Tensor cols = ctx.empty(x.dtype(), new int[] {s[0], s[1] * kh * kw, oh * ow});
        int total = cols.numel();
        if (total > 0) {
            int[] g = convGeom(s[0], s[1], s[2], s[3], kh, kw, spec, oh, ow, x.offset(), x.strides());
            ctx.launch(kernel, LaunchPlanner.linear(total), new KernelArgs().struct(g).pointer(ctx.base(x, kernel))
                    .pointer(ctx.base(cols, kernel)).i32(total));
        }
        return cols;
    }

    Tensor fold(Tensor cols, int h, int w, int kh, int kw, ConvSpec spec) {
        int[] cs = cols.shape();
        return fold(cols, cs[1] / (kh * kw), h, w, kh, kw, spec, spec.outH(h, kh), spec.outW(w, kw));
    }

    /** col2im of cols {@code [N, channels·kh·kw, oh·ow]} into {@code [N, channels, h, w]}. */
    private Tensor fold(Tensor cols, int channels, int h, int w, int kh, int kw, ConvSpec spec, int oh, int ow) {
        String kernel = "fold_" + floating(cols, "fold");
        int n = cols.size(0);
        Tensor dense = copy.contiguous(cols);
        Tensor y = ctx.empty(cols.dtype(), new int[] {n, channels, h, w});
        int total = y.numel();
        if (total > 0) {
            int[] g = convGeom(n, channels, h, w, kh, kw, spec, oh, ow, dense.offset(), new int[4]);
            ctx.launch(kernel, LaunchPlanner.linear(total), new KernelArgs().struct(g).pointer(ctx.base(dense, kernel))
                    .pointer(ctx.base(y, kernel)).i32(total));
        }
        if (dense != cols) {
            DeviceContext.free(dense);
        }
        return y;
    }

    /** unfold, then {@code [N, G, O/G, K] @ [N, G, K, L]} with the weights broadcast over N. */
    Tensor conv2d(Tensor x, Tensor w, ConvSpec spec) {
        floating(x, "conv2d");
        int[] xs = x.shape();
        int[] ws = w.shape();
        int n = xs[0];
        int groups = spec.groups();
        int og = ws[0] / groups;
        int k = ws[1] * ws[2] * ws[3];
        int oh = spec.outH(xs[2], ws[2]);
        int ow = spec.outW(xs[3], ws[3]);
        ConvSpec oneGroup = new ConvSpec(spec.strideH(), spec.strideW(), spec.padTop(), spec.padBottom(), spec.padLeft(),
                spec.padRight(), spec.dilationH(), spec.dilationW(), 1, 0, 0);
        Tensor cols = unfold(x, ws[2], ws[3], oneGroup);
        Tensor wc = copy.contiguous(w);
        Tensor a = new Tensor(wc.storage(), new int[] {n, groups, og, k}, new int[] {0, og * k, k, 1}, wc.offset());
        Tensor b = new Tensor(cols.storage(), new int[] {n, groups, k, oh * ow},
                new int[] {groups * k * oh * ow, k * oh * ow, oh * ow, 1}, 0);
        Tensor product = matmul.matmul(a, b);
        DeviceContext.free(cols);
        if (wc != w) {
            DeviceContext.free(wc);
        }
        return new Tensor(product.storage(), new int[] {n, ws[0], oh, ow});
    }

    /** {@code [N, G, (O/G)·kh·kw, Cg] @ [N, G, Cg, H·W]} with the transposed weights broadcast over N, then fold. */
    Tensor convTranspose2d(Tensor x, Tensor w, ConvSpec spec) {
        floating(x, "convTranspose2d");
        int[] xs = x.shape();
        int[] ws = w.shape();
        int n = xs[0];
        int groups = spec.groups();
        int cg = xs[1] / groups;
        int kk = ws[1] * ws[2] * ws[3];
        int hw = xs[2] * xs[3];
        int o = ws[1] * groups;
        int outH = spec.transposedOutH(xs[2], ws[2]);
        int outW = spec.transposedOutW(xs[3], ws[3]);
        Tensor wc = copy.contiguous(w);
        Tensor xc = copy.contiguous(x);
        Tensor a = new Tensor(wc.storage(), new int[] {n, groups, kk, cg}, new int[] {0, cg * kk, 1, kk}, wc.offset());
        Tensor b = new Tensor(xc.storage(), new int[] {n, groups, cg, hw},
                new int[] {xs[1] * hw, cg * hw, hw, 1}, xc.offset());
        Tensor cols = matmul.matmul(a, b);
        if (wc != w) {
            DeviceContext.free(wc);
        }
        if (xc != x) {
            DeviceContext.free(xc);
        }
        Tensor flat = new Tensor(cols.storage(), new int[] {n, o * ws[2] * ws[3], hw});
        Tensor y = fold(flat, o, outH, outW, ws[2], ws[3], spec, xs[2], xs[3]);
        DeviceContext.free(cols);
        return y;
    }

    /** {@code PoolGeom} of image.cuh: 20 ints. */
    private static int[] poolGeom(Tensor x, PoolSpec s, int oh, int ow) {
        int[] sh = x.shape();
        int[] st = x.strides();
        return new int[] {sh[0], sh[1], sh[2], sh[3], s.kernelH(), s.kernelW(), s.strideH(), s.strideW(), s.padH(),
            s.padW(), s.dilationH(), s.dilationW(), oh, ow, s.countIncludePad() ? 1 : 0, x.offset(), st[0], st[1],
            st[2], st[3]};
    }

    Tensor[] maxPool2d(Tensor x, PoolSpec spec, boolean withIndices) {
        String kernel = "max_pool_" + floating(x, "maxPool2d");
        int[] shape = {x.size(0), x.size(1), spec.outH(x.size(2)), spec.outW(x.size(3))};
        Tensor values = ctx.empty(x.dtype(), shape);
        Tensor indices = withIndices ? ctx.empty(DType.I64, shape) : null;
        int total = values.numel();
        if (total > 0) {
            ctx.launch(kernel, LaunchPlanner.linear(total), new KernelArgs().struct(poolGeom(x, spec, shape[2], shape[3]))
                    .pointer(ctx.base(x, kernel)).pointer(ctx.base(values, kernel))
                    .pointer(indices == null ? 0 : ctx.base(indices, kernel)).i32(total));
        }
        return new Tensor[] {values, indices};
    }

    Tensor avgPool2d(Tensor x, PoolSpec spec) {
        String kernel = "avg_pool_" + floating(x, "avgPool2d");
        int[] shape = {x.size(0), x.size(1), spec.outH(x.size(2)), spec.outW(x.size(3))};
        Tensor y = ctx.empty(x.dtype(), shape);
        int total = y.numel();
        if (total > 0) {
            ctx.launch(kernel, LaunchPlanner.linear(total), new KernelArgs().struct(poolGeom(x, spec, shape[2], shape[3]))
                    .pointer(ctx.base(x, kernel)).pointer(ctx.base(y, kernel)).i32(total));
        }
        return y;
    }

    private static String floating(Tensor x, String op) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": needs F32 or F64, got " + x.dtype());
        }
        return DeviceContext.suffix(x.dtype());
    }
}
