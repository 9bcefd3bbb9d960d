package astrograd.tensor;

import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.UnaryOp;

/** Dtype promotion and broadcasting around the backend's elementwise primitives. */
final class Elementwise {
    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) { throw new UnsupportedOperationException(op.opName()); }
    static Tensor binary(BinaryOp op, Tensor a, Tensor b) { throw new UnsupportedOperationException(op.opName()); }
    static Tensor scalar(BinaryOp op, Tensor a, double s) { throw new UnsupportedOperationException(op.opName()); }
    static Tensor clamp(Tensor x, double lo, double hi) { throw new UnsupportedOperationException("clamp"); }
    static Tensor where(Tensor c, Tensor a, Tensor b) { throw new UnsupportedOperationException("where"); }
    static Tensor maskedFill(Tensor x, Tensor m, double v) { throw new UnsupportedOperationException("maskedFill"); }
}
