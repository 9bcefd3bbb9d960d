package astrograd.tensor;

import java.util.Arrays;

/**
 * Linear algebra on tensors: matrix products, batched Cholesky, triangular solves and log-determinants.
 * F32 and F64; arguments are not modified.
 */
public final class Linalg {
    private Linalg() {
    }

    /**
     * Matrix product with NumPy semantics. A 1-d left operand is treated as a row {@code [1, k]} and a 1-d
     * right operand as a column {@code [k, 1]}, the added axis removed from the result; batch axes (all
     * but the last two) broadcast. {@code [.., m, k] @ [.., k, n] -> [.., m, n]}.
     *
     * @throws ShapeException naming both shapes when the inner dimensions differ or batches do not broadcast
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        String op = "matmul";
        checkFloating(op, a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException(op + ": " + Shape.str(a.shape()) + " @ " + Shape.str(b.shape())
                    + ": operands must have rank >= 1");
        }
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(1) : b;
        int m = a2.size(-2);
        int k = a2.size(-1);
        int k2 = b2.size(-2);
        int n = b2.size(-1);
        if (k != k2) {
            throw new ShapeException(op + ": " + Shape.str(a.shape()) + " @ " + Shape.str(b.shape())
                    + ": inner dimensions differ (" + k + " vs " + k2 + ")");
        }
        int[] batchA = Arrays.copyOf(a2.shape(), a2.rank() - 2);
        int[] batchB = Arrays.copyOf(b2.shape(), b2.rank() - 2);
        int[] batch = Shape.broadcast(op, batchA, batchB);
        Tensor ea = a2.broadcastTo(Shape.concat(batch, new int[] {m, k}));
        Tensor eb = b2.broadcastTo(Shape.concat(batch, new int[] {k, n}));
        Tensor out = a.backend().matmul(ea, eb);
        if (a.rank() == 1) {
            out = out.squeeze(-2);
        }
        if (b.rank() == 1) {
            out = out.squeeze(-1);
        }
        return out;
    }

    static void checkFloating(String op, Tensor a, Tensor b) {
        if (!a.dtype().isFloating() || a.dtype() != b.dtype()) {
            throw new DTypeException(op + ": operands must both be F32 or both F64, got "
                    + a.dtype() + " and " + b.dtype());
        }
        if (!a.device().equals(b.device())) {
            throw new DeviceException(op + ": operands on different devices: " + a.device() + " and " + b.device());
        }
    }
}
