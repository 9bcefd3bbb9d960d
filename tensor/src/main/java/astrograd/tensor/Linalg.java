package astrograd.tensor;

import java.util.Arrays;

/**
 * Linear algebra on tensors: matrix products (and the linear layer's {@code x Wᵀ + b}), batched Cholesky,
 * triangular solves and log-determinants.
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
        int[] batch = broadcastBatch(op, Shape.str(a.shape()) + " @ " + Shape.str(b.shape()), batchA, batchB);
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

    /**
     * The linear layer's product {@code x Wᵀ + b} (PyTorch's {@code F.linear}): x {@code [..., in]} (a 1-d x is
     * one row), W {@code [out, in]}, b {@code [out]} or null; the result is {@code [..., out]}. On the CPU each
     * output element is one chain of fused multiply-adds starting from its bias, in one pass.
     *
     * @throws ShapeException naming the three shapes when they do not fit
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        String op = "linear";
        checkFloating(op, x, w);
        if (w.rank() != 2 || x.rank() < 1 || x.size(-1) != w.size(1)
                || (b != null && (b.rank() != 1 || b.size(0) != w.size(0)))) {
            throw new ShapeException(op + ": input " + Shape.str(x.shape()) + ", weight " + Shape.str(w.shape())
                    + (b == null ? "" : ", bias " + Shape.str(b.shape())) + ": expected [..., in], [out, in] and [out]");
        }
        if (b == null) {
            return matmul(x, w.transpose(0, 1));
        }
        checkFloating(op, x, b);
        int[] outShape = x.shape().clone();
        outShape[outShape.length - 1] = w.size(0);
        Tensor rows = x.reshape(-1, w.size(1));
        return x.backend().linear(rows, w, b).reshape(outShape);
    }

    /**
     * Lower Cholesky factors: for each SPD matrix A of the batch {@code [..., n, n]}, the lower-triangular
     * L with positive diagonal and {@code L L^T = A}. Only the lower triangle of A is read. F32 is
     * factored in double and rounded once.
     *
     * @throws NotPositiveDefiniteException naming the first failing matrix of the batch and its pivot
     */
    public static Tensor cholesky(Tensor a) {
        checkSquareBatch("cholesky", a, "matrix");
        return a.backend().cholesky(a);
    }

    /**
     * X with {@code op(A) X = B}, where A {@code [..., n, n]} is lower (or upper) triangular and op(A) is A
     * or, with {@code transposeA}, A^T; B is {@code [..., n, k]}. Only the named triangle of A is read.
     * Batch axes broadcast. Computed in double and rounded once.
     *
     * @throws ArithmeticException naming the matrix when a diagonal element of A is exactly zero
     */
    public static Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA) {
        String op = "triangularSolve";
        checkFloating(op, a, b);
        checkSquareBatch(op, a, "A");
        if (b.rank() < 2 || b.size(-2) != a.size(-1)) {
            throw new ShapeException(op + ": A " + Shape.str(a.shape()) + " and B " + Shape.str(b.shape())
                    + ": B must be [..., " + a.size(-1) + ", k]");
        }
        int n = a.size(-1);
        int k = b.size(-1);
        int[] batch = broadcastBatch(op, "A " + Shape.str(a.shape()) + " and B " + Shape.str(b.shape()),
                batchShape(a), batchShape(b));
        Tensor ea = a.broadcastTo(Shape.concat(batch, new int[] {n, n}));
        Tensor eb = b.broadcastTo(Shape.concat(batch, new int[] {n, k}));
        return a.backend().triangularSolve(ea, eb, lower, transposeA);
    }

    /**
     * X with {@code A X = B} for {@code A = L L^T} given its lower Cholesky factor L {@code [..., n, n]}:
     * {@code L^T \ (L \ B)}, two triangular solves. Batch axes broadcast.
     */
    public static Tensor choleskySolve(Tensor l, Tensor b) {
        Tensor y = triangularSolve(l, b, true, false);
        return triangularSolve(l, y, true, true);
    }

    /**
     * {@code log det A = 2 * sum_i log L_ii} for each factor L {@code [..., n, n]} of {@code A = L L^T};
     * shape {@code [...]}, dtype of L. Summed in double in the order i = 0, 1, ..., n-1.
     *
     * @throws ArithmeticException when a diagonal element is negative or NaN (L is not a Cholesky factor)
     */
    public static Tensor logdetFromCholesky(Tensor l) {
        String op = "logdetFromCholesky";
        checkSquareBatch(op, l, "factor");
        int n = l.size(-1);
        int[] batch = batchShape(l);
        double[] diag = diagonal(l).toDoubleArray();
        double[] out = new double[Shape.numel(batch)];
        for (int m = 0; m < out.length; m++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = diag[m * n + i];
                if (!(d >= 0)) {
                    throw new ArithmeticException(op + ": factor " + m + " of batch " + Shape.str(batch)
                            + " has diagonal element " + i + " = " + d + ", not a Cholesky factor");
                }
                s += Math.log(d);
            }
            out[m] = 2 * s;
        }
        return Tensor.of(out, batch).to(l.dtype()).to(l.device());
    }

    /** The diagonals of the matrices {@code [..., n, n]} as a view {@code [..., n]}. */
    static Tensor diagonal(Tensor m) {
        int r = m.rank();
        int[] strides = m.strides();
        int[] viewStrides = Arrays.copyOf(strides, r - 1);
        viewStrides[r - 2] = strides[r - 2] + strides[r - 1];
        return new Tensor(m.storage(), Arrays.copyOf(m.shape(), r - 1), viewStrides, m.offset());
    }

    private static int[] batchShape(Tensor t) {
        return Arrays.copyOf(t.shape(), t.rank() - 2);
    }

    private static void checkSquareBatch(String op, Tensor a, String what) {
        if (!a.dtype().isFloating()) {
            throw new DTypeException(op + ": " + what + " must be F32 or F64, got " + a.dtype());
        }
        if (a.rank() < 2 || a.size(-1) != a.size(-2)) {
            throw new ShapeException(op + ": " + what + " " + Shape.str(a.shape()) + " must be [..., n, n]");
        }
    }

    /** Broadcasts batch axes; the error names both full operand shapes (given as {@code operands}). */
    private static int[] broadcastBatch(String op, String operands, int[] batchA, int[] batchB) {
        try {
            return Shape.broadcast(op, batchA, batchB);
        } catch (ShapeException e) {
            throw new ShapeException(op + ": " + operands + ": batch axes " + Shape.str(batchA) + " and " + Shape.str(batchB) + " cannot be broadcast");
        }
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
