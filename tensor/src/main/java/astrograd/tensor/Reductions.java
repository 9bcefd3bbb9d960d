package astrograd.tensor;

import astrograd.tensor.ops.ArgReduceOp;
import astrograd.tensor.ops.ReduceOp;

/** Reductions, scans and softmax built on the backend primitives. */
final class Reductions {
    private Reductions() {
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDim) { throw new UnsupportedOperationException(); }
    static Tensor mean(Tensor x, int[] axes, boolean keepDim) { throw new UnsupportedOperationException(); }
    static Tensor var(Tensor x, int[] axes, boolean unbiased, boolean keepDim) { throw new UnsupportedOperationException(); }
    static Tensor arg(ArgReduceOp op, Tensor x, int axis, boolean keepDim) { throw new UnsupportedOperationException(); }
    static Tensor logsumexp(Tensor x, int[] axes, boolean keepDim) { throw new UnsupportedOperationException(); }
    static Tensor cumsum(Tensor x, int axis) { throw new UnsupportedOperationException(); }
    static Tensor softmax(Tensor x, int axis, boolean log) { throw new UnsupportedOperationException(); }
}
