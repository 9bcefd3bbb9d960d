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
 * Elementwise ops (elementwise.cuh, integer.cuh, special.cuh): {@code <op>_<dtype>} over strided inputs into a
 * contiguous output. Every floating op on F32 and F64; NEG, ABS, SIGN, SQUARE, RELU, ADD, SUB, MUL, MAXIMUM and
 * MINIMUM on I32 and I64 (wrapping as Java's arithmetic); comparisons and where on every dtype; NOT, AND and OR
 * on BOOL. Ops the CPU does not define for a dtype are refused with its message.
 */
final class CudaElementwise {
    private final DeviceContext ctx;

    CudaElementwise(DeviceContext ctx) {
        this.ctx = ctx;
    }

    Tensor unary(UnaryOp op, Tensor x) {
        DType dt = x.dtype();
        if (!unaryDefined(op, dt)) {
            throw new IllegalArgumentException(op.opName() + ": not defined for " + dt);
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
        if (!binaryDefined(op, dt)) {
            throw new IllegalArgumentException(op.opName() + ": not defined for " + dt);
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

    private static boolean unaryDefined(UnaryOp op, DType dt) {
        switch (dt) {
            case F32: case F64: return op != UnaryOp.NOT;
            case BOOL: return op == UnaryOp.NOT;
            default:
                return op == UnaryOp.NEG || op == UnaryOp.ABS || op == UnaryOp.SIGN || op == UnaryOp.SQUARE
                        || op == UnaryOp.RELU;
        }
    }

    private static boolean binaryDefined(BinaryOp op, DType dt) {
        if (op.isComparison()) {
            return true;
        }
        if (op.isLogical() || dt == DType.BOOL) {
            return op.isLogical() && dt == DType.BOOL;
        }
        return dt.isFloating() || op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL
                || op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM;
    }
}
