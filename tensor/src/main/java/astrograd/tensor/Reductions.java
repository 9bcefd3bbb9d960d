package astrograd.tensor;

import astrograd.tensor.ops.ArgReduceOp;
import astrograd.tensor.ops.ReduceOp;

/**
 * Reductions, scans and softmax: validation, axis normalization and keepDim around the backend
 * primitives, and the composites (mean, var) built from them.
 */
final class Reductions {
    private Reductions() {
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        String name = op.opName();
        int[] ax = Shape.axes(name, axes, x.rank());
        if ((op == ReduceOp.MAX || op == ReduceOp.MIN) && Shape.sizeOf(x.shape(), ax) == 0) {
            throw new ShapeException(name + ": cannot reduce an empty selection of shape " + Shape.str(x.shape())
                    + " over axes " + java.util.Arrays.toString(ax));
        }
        Tensor r = x.backend().reduce(op, x, ax);
        return keepDim ? r : r.reshape(Shape.reduced(x.shape(), ax, false));
    }

    static Tensor mean(Tensor x, int[] axes, boolean keepDim) {
        int[] ax = Shape.axes("mean", axes, x.rank());
        Tensor in = x.dtype().isFloating() ? x : x.to(DType.F32);
        int n = Shape.sizeOf(x.shape(), ax);
        return reduce(ReduceOp.SUM, in, ax, keepDim).div(n);
    }

    /** Two-pass variance: {@code Σ (x - mean)² / (n - 1 if unbiased else n)}; NaN when the divisor is not positive. */
    static Tensor var(Tensor x, int[] axes, boolean unbiased, boolean keepDim) {
        int[] ax = Shape.axes("var", axes, x.rank());
        Tensor in = x.dtype().isFloating() ? x : x.to(DType.F32);
        int n = Shape.sizeOf(x.shape(), ax);
        Tensor centered = in.sub(mean(in, ax, true));
        Tensor ss = reduce(ReduceOp.SUM, centered.square(), ax, keepDim);
        int dof = unbiased ? n - 1 : n;
        return dof > 0 ? ss.div(dof) : ss.mul(Double.NaN);
    }

    static Tensor arg(ArgReduceOp op, Tensor x, int axis, boolean keepDim) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        if (x.rank() == 0) {
            return Tensor.scalar(0, DType.I64).to(x.device());
        }
        int a = Shape.axis(name, axis, x.rank());
        if (x.shape()[a] == 0) {
            throw new ShapeException(name + ": axis " + axis + " of shape " + Shape.str(x.shape()) + " is empty");
        }
        if (x.dtype() == DType.BOOL) {
            x = x.to(DType.I64);
        }
        Tensor r = x.backend().argReduce(op, x, a);
        return keepDim ? r : r.squeeze(a);
    }

    /** {@code m + log Σ exp(x - m)} over the axes; one axis goes to the fused backend kernel. */
    static Tensor logsumexp(Tensor x, int[] axes, boolean keepDim) {
        requireFloating("logsumexp", x);
        int[] ax = Shape.axes("logsumexp", axes, x.rank());
        if (x.rank() == 0) {
            return x;
        }
        Tensor r;
        if (ax.length == 1) {
            r = x.backend().logsumexp(x, ax[0]);
        } else {
            Tensor m = reduce(ReduceOp.MAX, x, ax, true);
            Tensor shift = Tensor.where(m.abs().eq(Double.POSITIVE_INFINITY), Tensor.scalar(0, m.dtype()).to(m.device()), m);
            r = x.sub(shift).exp().sum(ax, true).log().add(shift);
        }
        return keepDim ? r : r.reshape(Shape.reduced(x.shape(), ax, false));
    }

    static Tensor cumsum(Tensor x, int axis) {
        if (x.rank() == 0) {
            return x.reshape(1).cumsum(0).reshape();
        }
        return x.backend().cumsum(x, Shape.axis("cumsum", axis, x.rank()));
    }

    static Tensor softmax(Tensor x, int axis, boolean log) {
        String name = log ? "logSoftmax" : "softmax";
        requireFloating(name, x);
        if (x.rank() == 0) {
            return log ? x.mul(0) : x.mul(0).add(1);
        }
        return x.backend().softmax(x, Shape.axis(name, axis, x.rank()), log);
    }

    private static void requireFloating(String op, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new DTypeException(op + ": needs F32 or F64, got " + x.dtype());
        }
    }

}
