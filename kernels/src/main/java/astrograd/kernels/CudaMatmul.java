package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.GemmPlan;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.BinaryOp;

/**
 * Batched matrix products with the engine's tiled GEMM (gemm.cuh), F32 and F64. The kernel takes any row and
 * column strides and one batch stride per operand; batch axes that do not merge into one stride (a rare
 * layout) are first copied to contiguous memory.
 */
final class CudaMatmul {
    private final DeviceContext ctx;
    private final CudaCopy copy;
    private final CudaElementwise elementwise;

    CudaMatmul(DeviceContext ctx, CudaCopy copy, CudaElementwise elementwise) {
        this.ctx = ctx;
        this.copy = copy;
        this.elementwise = elementwise;
    }

    Tensor matmul(Tensor a, Tensor b) {
        DType dt = a.dtype();
        if (!dt.isFloating()) {
            throw DeviceContext.notYet("matmul of " + dt);
        }
        int r = a.rank();
        int m = a.size(r - 2);
        int k = a.size(r - 1);
        int n = b.size(r - 1);
        int[] batchShape = java.util.Arrays.copyOf(a.shape(), r - 2);
        int[] outShape = java.util.Arrays.copyOf(batchShape, r);
        outShape[r - 2] = m;
        outShape[r - 1] = n;
        Tensor c = ctx.empty(dt, outShape);
        int batch = c.numel() / Math.max(1, m * n);
        if (c.numel() == 0) {
            return c;
        }
        StridedLayout[] batches = LayoutPacker.joint(batchShape, new int[][] {
            java.util.Arrays.copyOf(a.strides(), r - 2), java.util.Arrays.copyOf(b.strides(), r - 2)}, new int[] {0, 0});
        boolean merged = batches[0].rank() == 1;
        Tensor ac = merged ? a : copy.contiguous(a);
        Tensor bc = merged ? b : copy.contiguous(b);
        int batchA = merged ? batches[0].strides()[0] : m * k;
        int batchB = merged ? batches[1].strides()[0] : k * n;
        int[] args = {m, n, k, batch,
            ac.offset(), ac.strides()[r - 2], ac.strides()[r - 1], batch == 1 ? 0 : batchA,
            bc.offset(), bc.strides()[r - 2], bc.strides()[r - 1], batch == 1 ? 0 : batchB};
        GemmPlan plan = GemmPlan.of(dt, m, n, batch);
        String kernel = "gemm_" + DeviceContext.suffix(dt);
        ctx.launch(kernel, plan.launch(), new KernelArgs().struct(args)
                .pointer(ctx.base(ac, kernel)).pointer(ctx.base(bc, kernel)).pointer(ctx.base(c, kernel)));
        if (ac != a) {
            DeviceContext.free(ac);
        }
        if (bc != b) {
            DeviceContext.free(bc);
        }
        return c;
    }

    /** {@code x Wᵀ + b}: the product, then the bias added as a broadcast view (stride 0 over rows). */
    Tensor linear(Tensor x, Tensor w, Tensor bias) {
        Tensor wt = new Tensor(w.storage(), new int[] {w.size(1), w.size(0)},
                new int[] {w.strides()[1], w.strides()[0]}, w.offset());
        Tensor product = matmul(x, wt);
        Tensor rows = new Tensor(bias.storage(), product.shape().clone(), new int[] {0, bias.strides()[0]}, bias.offset());
        Tensor y = elementwise.binary(BinaryOp.ADD, product, rows);
        DeviceContext.free(product);
        return y;
    }
}
