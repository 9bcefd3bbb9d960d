package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.UnaryOp;

/**
 * Elementwise ops (elementwise.cuh): {@code <op>_<dtype>} over strided inputs into a contiguous output. F32 and
 * F64 for the floating ops and comparisons, BOOL for NOT, AND and OR; integer arithmetic, digamma and trigamma
 * are not yet on CUDA.
 */
final class CudaElementwise {
    private final DeviceContext ctx;

    CudaElementwise(DeviceContext ctx) {
        this.ctx = ctx;
    }

    Tensor unary(UnaryOp op, Tensor x) {
        DType dt = x.dtype();
        boolean ok = op == UnaryOp.NOT ? dt == DType.BOOL
                : dt.isFloating() && op != UnaryOp.DIGAMMA && op != UnaryOp.TRIGAMMA;
        if (!ok) {
            throw DeviceContext.notYet("unary " + op.opName() + " of " + dt);
        }
        Tensor y = ctx.empty(dt, x.shape());
        int n = x.numel();
        if (n > 0) {
            StridedLayout l = LayoutPacker.of(x.shape(), x.strides(), x.offset());
            ctx.launch(op.opName() + "_" + DeviceContext.suffix(dt), LaunchPlanner.linear(n), new KernelArgs()
                    .struct(l.pack()).pointer(ctx.base(x, op.opName())).pointer(ctx.base(y, op.opName())).i32(n));
        }
        return y;
    }

    Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        DType dt = a.dtype();
        boolean ok = op.isLogical() ? dt == DType.BOOL : dt.isFloating();
        if (!ok) {
            throw DeviceContext.notYet("binary " + op.opName() + " of " + dt);
        }
        DType out = op.isComparison() ? DType.BOOL : dt;
        Tensor y = ctx.empty(out, a.shape());
        int n = a.numel();
        if (n > 0) {
            StridedLayout[] l = LayoutPacker.joint(a.shape(), new int[][] {a.strides(), b.strides()},
                    new int[] {a.offset(), b.offset()});
            ctx.launch(op.opName() + "_" + DeviceContext.suffix(dt), LaunchPlanner.linear(n), new KernelArgs()
                    .struct(l[0].pack()).pointer(ctx.base(a, op.opName()))
                    .struct(l[1].pack()).pointer(ctx.base(b, op.opName()))
                    .pointer(ctx.base(y, op.opName())).i32(n));
        }
        return y;
    }

    Tensor where(Tensor cond, Tensor a, Tensor b) {
        DType dt = a.dtype();
        if (!dt.isFloating()) {
            throw DeviceContext.notYet("where of " + dt);
        }
        Tensor y = ctx.empty(dt, a.shape());
        int n = a.numel();
        if (n > 0) {
            StridedLayout[] l = LayoutPacker.joint(a.shape(), new int[][] {cond.strides(), a.strides(), b.strides()},
                    new int[] {cond.offset(), a.offset(), b.offset()});
            ctx.launch("where_" + DeviceContext.suffix(dt), LaunchPlanner.linear(n), new KernelArgs()
                    .struct(l[0].pack()).pointer(ctx.base(cond, "where"))
                    .struct(l[1].pack()).pointer(ctx.base(a, "where"))
                    .struct(l[2].pack()).pointer(ctx.base(b, "where"))
                    .pointer(ctx.base(y, "where")).i32(n));
        }
        return y;
    }
}
