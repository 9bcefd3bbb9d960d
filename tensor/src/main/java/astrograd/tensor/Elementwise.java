package astrograd.tensor;

import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.UnaryOp;

/**
 * Dtype rules, validation and broadcasting around the backend's elementwise primitives.
 * Floating unary ops promote integer inputs to F32; DIV, POW and ATAN2 promote integers to F32; other arithmetic
 * keeps the promoted dtype ({@link DType#promote}); arithmetic on BOOL is refused; logical ops take BOOL.
 */
final class Elementwise {
    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        String name = op.opName();
        if (op == UnaryOp.NOT) {
            if (x.dtype() != DType.BOOL) {
                throw new DTypeException(name + ": needs a BOOL tensor, got " + x.dtype() + " " + Shape.str(x.shape()));
            }
            return x.backend().unary(op, x);
        }
        if (x.dtype() == DType.BOOL) {
            throw new DTypeException(name + ": not defined for BOOL tensors; cast first with to(DType)");
        }
        Tensor in = x.dtype().isInteger() && !op.keepsIntegers() ? x.to(DType.F32) : x;
        return in.backend().unary(op, in);
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = op.opName();
        if (!a.device().equals(b.device())) {
            throw new DeviceException(name + ": operands on different devices: " + a.device() + " and " + b.device());
        }
        DType common = operandType(op, a.dtype(), b.dtype());
        boolean sameShape = java.util.Arrays.equals(a.shapeRef(), b.shapeRef());
        int[] shape = sameShape ? a.shapeRef() : Shape.broadcast(name, a.shapeRef(), b.shapeRef());
        Tensor x = a.to(common);
        Tensor y = b.to(common);
        if (!sameShape) {
            x = java.util.Arrays.equals(x.shapeRef(), shape) ? x : Views.expand(x, shape);
            y = java.util.Arrays.equals(y.shapeRef(), shape) ? y : Views.expand(y, shape);
        }
        return x.backend().binary(op, x, y);
    }

    private static DType operandType(BinaryOp op, DType a, DType b) {
        String name = op.opName();
        if (op.isLogical()) {
            if (a != DType.BOOL || b != DType.BOOL) {
                throw new DTypeException(name + ": needs BOOL operands, got " + a + " and " + b);
            }
            return DType.BOOL;
        }
        DType common = DType.promote(a, b);
        if (op.isComparison()) {
            return common;
        }
        if (common == DType.BOOL) {
            throw new DTypeException(name + ": arithmetic on BOOL operands; cast first with to(DType)");
        }
        if ((op == BinaryOp.DIV || op == BinaryOp.POW || op == BinaryOp.ATAN2) && common.isInteger()) {
            return DType.F32;
        }
        return common;
    }

    /** Op with a Python-style scalar: it takes the tensor's dtype unless a fraction needs a floating type. */
    static Tensor scalar(BinaryOp op, Tensor a, double s) {
        DType t = a.dtype();
        if (!t.isFloating() && (s != Math.rint(s) || Double.isInfinite(s) || Double.isNaN(s))) {
            t = DType.F32;
        }
        if (t == DType.BOOL && !op.isComparison()) {
            t = DType.I64;
        }
        return binary(op, a, Tensor.scalar(s, t).to(a.device()));
    }

    static Tensor clamp(Tensor x, double lo, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        }
        return scalar(BinaryOp.MINIMUM, scalar(BinaryOp.MAXIMUM, x, lo), hi);
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (cond.dtype() != DType.BOOL) {
            throw new DTypeException("where: condition must be BOOL, got " + cond.dtype());
        }
        if (!cond.device().equals(a.device()) || !a.device().equals(b.device())) {
            throw new DeviceException("where: operands on different devices: " + cond.device() + ", "
                    + a.device() + ", " + b.device());
        }
        DType common = DType.promote(a.dtype(), b.dtype());
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        return a.backend().where(cond.broadcastTo(shape), a.to(common).broadcastTo(shape),
                b.to(common).broadcastTo(shape));
    }

    static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        if (mask.dtype() != DType.BOOL) {
            throw new DTypeException("maskedFill: mask must be BOOL, got " + mask.dtype());
        }
        int[] shape = Shape.broadcast("maskedFill", x.shape(), mask.shape());
        if (!java.util.Arrays.equals(shape, x.shape())) {
            throw new ShapeException("maskedFill: mask " + Shape.str(mask.shape()) + " does not broadcast to "
                    + Shape.str(x.shape()) + " without growing it");
        }
        Tensor fill = Tensor.scalar(value, x.dtype()).to(x.device());
        return x.backend().where(mask.broadcastTo(shape), fill.broadcastTo(shape), x);
    }
}
