package astrograd.autodiff;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.PadMode;
import java.util.List;

/**
 * A tensor in a differentiable computation: its value, the op that made it, and (for leaves that require
 * a gradient) the accumulated gradient. Ops mirror {@link Tensor}'s and record the graph while
 * {@link GradMode#isEnabled()} and some input requires a gradient; {@link #backward()} walks it in reverse.
 *
 * <pre>{@code
 * Var w = Var.param(rng.randn(DType.F64, 3, 2));
 * Var loss = Var.constant(x).matmul(w).tanh().square().mean();
 * loss.backward();
 * Tensor dw = w.grad();
 * }</pre>
 */
public final class Var {
    private final Tensor value;
    private final boolean requiresGrad;
    private Node node;
    private Tensor grad;
    private boolean retainGrad;
    private String freedOp;

    private Var(Tensor value, boolean requiresGrad, Node node) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
    }

    /** A leaf that requires a gradient (a parameter or an input to differentiate against). */
    public static Var param(Tensor value) {
        return new Var(value, true, null);
    }

    /** A leaf that needs no gradient. */
    public static Var constant(Tensor value) {
        return new Var(value, false, null);
    }

    /** A leaf with an explicit flag. */
    public static Var of(Tensor value, boolean requiresGrad) {
        return new Var(value, requiresGrad, null);
    }

    /**
     * The result of an op: records {@code vjp} against the inputs when grad mode is on and any input
     * requires a gradient, else a constant. This is the custom-op entry point (see {@link CustomOp}).
     */
    static Var make(String op, Tensor value, Vjp vjp, Var... inputs) {
        return records(inputs) ? new Var(value, true, new Node(op, inputs.clone(), vjp)) : constant(value);
    }

    /** True when an op on these inputs (nulls skipped) is recorded: grad mode is on and one requires a gradient. */
    static boolean records(Var... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Var in : inputs) {
            if (in != null && in.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    public Tensor value() {
        return value;
    }

    /** The accumulated gradient (null before any backward pass reached this Var). */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for Vars made by no op. */
    public boolean isLeaf() {
        return node == null;
    }

    /** Name of the op that made this Var, or null for a leaf or a Var whose graph was freed. */
    public String op() {
        return node == null ? null : node.op;
    }

    Node node() {
        return node;
    }

    int[] shape() {
        return value.shape();
    }

    /** Also keep the gradient of this non-leaf Var during the next backward passes. */
    public Var retainGrad() {
        this.retainGrad = true;
        return this;
    }

    boolean retainsGrad() {
        return retainGrad;
    }

    void accumulate(Tensor g) {
        grad = grad == null ? g : grad.add(g);
    }

    void cutGraph() {
        freedOp = node == null ? freedOp : node.op;
        node = null;
    }

    /** The op whose graph an earlier backward pass freed, or null. */
    String freedOp() {
        return freedOp;
    }

    /**
     * Replaces the accumulated gradient of a leaf (gradient clipping, custom update rules).
     *
     * @throws IllegalStateException for a non-leaf or a Var that requires no gradient
     * @throws astrograd.tensor.ShapeException if the shape or dtype differ from the value's
     */
    public void setGrad(Tensor g) {
        if (node != null || !requiresGrad) {
            throw new IllegalStateException("setGrad: only leaves that require a gradient hold one");
        }
        if (!java.util.Arrays.equals(g.shape(), value.shape()) || g.dtype() != value.dtype()) {
            throw new astrograd.tensor.ShapeException("setGrad: gradient " + g.dtype() + " "
                    + astrograd.tensor.Shape.str(g.shape()) + " does not match value " + value.dtype() + " "
                    + astrograd.tensor.Shape.str(value.shape()));
        }
        grad = g;
    }

    /** Clears the gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Clears the gradients of several Vars. */
    public static void zeroGrad(Iterable<Var> vars) {
        for (Var v : vars) {
            v.zeroGrad();
        }
    }

    /** The same value cut from the graph. */
    public Var detach() {
        return constant(value);
    }

    /** Backward from a one-element output with seed 1; frees the graph. */
    public void backward() {
        if (value.numel() != 1) {
            throw new IllegalStateException("backward: output of shape " + astrograd.tensor.Shape.str(value.shape())
                    + " is not a single element; pass a seed of its shape");
        }
        backward(Tensor.ones(value.dtype(), value.shape()), false);
    }

    /** Backward with an explicit seed of the output's shape (the gradient of the loss with respect to this Var). */
    public void backward(Tensor seed) {
        backward(seed, false);
    }

    /** Backward, keeping the graph for another pass when {@code retainGraph}. */
    public void backward(Tensor seed, boolean retainGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this Var does not require a gradient (no input of its graph does)");
        }
        if (!java.util.Arrays.equals(seed.shape(), value.shape())) {
            throw new astrograd.tensor.ShapeException("backward: seed " + astrograd.tensor.Shape.str(seed.shape())
                    + " does not match output " + astrograd.tensor.Shape.str(value.shape()));
        }
        Backward.run(this, seed.to(value.dtype()), retainGraph);
    }

    @Override
    public String toString() {
        return "Var(" + (node == null ? "leaf" : node.op) + (requiresGrad ? ", requiresGrad" : "") + ") " + value;
    }

    // ---------------------------------------------------------------- elementwise

    public Var add(Var o) { return ElementwiseRules.add(this, o); }
    public Var sub(Var o) { return ElementwiseRules.sub(this, o); }
    public Var mul(Var o) { return ElementwiseRules.mul(this, o); }
    public Var div(Var o) { return ElementwiseRules.div(this, o); }
    /**
     * {@code this ^ o}. The exponent's gradient uses the log of the base, so bases should be positive, or 0
     * with a non-negative exponent (gradient 0 there, as PyTorch's).
     */
    public Var pow(Var o) { return ElementwiseRules.pow(this, o); }
    /** Elementwise max; on ties each input gets half the gradient. */
    public Var maximum(Var o) { return ElementwiseRules.maximum(this, o); }
    public Var minimum(Var o) { return ElementwiseRules.minimum(this, o); }
    /**
     * {@code atan2(this, x)}, the angle in [-π, π] of the point (x, this), with broadcasting (see
     * {@link Tensor#atan2}); gradients {@code (x, -this) / (x² + this²)}, NaN at the origin as in PyTorch.
     */
    public Var atan2(Var x) { return ElementwiseRules.atan2(this, x); }
    public Var add(double s) { return ElementwiseRules.addScalar(this, s); }
    public Var sub(double s) { return ElementwiseRules.addScalar(this, -s); }
    public Var mul(double s) { return ElementwiseRules.mulScalar(this, s); }
    public Var div(double s) { return ElementwiseRules.mulScalar(this, 1 / s); }
    public Var pow(double s) { return ElementwiseRules.powScalar(this, s); }
    public Var maximum(double s) { return maximum(scalarLike(s)); }
    public Var minimum(double s) { return minimum(scalarLike(s)); }
    public Var neg() { return ElementwiseRules.neg(this); }
    public Var abs() { return ElementwiseRules.abs(this); }
    /** Zero gradient everywhere (its true derivative off 0). */
    public Var sign() { return ElementwiseRules.sign(this); }
    public Var exp() { return ElementwiseRules.exp(this); }
    public Var log() { return ElementwiseRules.log(this); }
    public Var log1p() { return ElementwiseRules.log1p(this); }
    public Var expm1() { return ElementwiseRules.expm1(this); }
    public Var sqrt() { return ElementwiseRules.sqrt(this); }
    public Var rsqrt() { return ElementwiseRules.rsqrt(this); }
    public Var square() { return ElementwiseRules.square(this); }
    public Var sin() { return ElementwiseRules.sin(this); }
    public Var cos() { return ElementwiseRules.cos(this); }
    public Var tanh() { return ElementwiseRules.tanh(this); }
    public Var sigmoid() { return ElementwiseRules.sigmoid(this); }
    public Var relu() { return ElementwiseRules.relu(this); }
    public Var softplus() { return ElementwiseRules.softplus(this); }
    public Var erf() { return ElementwiseRules.erf(this); }
    public Var lgamma() { return ElementwiseRules.lgamma(this); }
    /** ψ(x) (see {@link Tensor#digamma}); its gradient is the trigamma function ψ₁(x), +inf at the poles. */
    public Var digamma() { return ElementwiseRules.digamma(this); }
    /** Gradient passes where {@code lo <= x <= hi}. */
    public Var clamp(double lo, double hi) { return ElementwiseRules.clamp(this, lo, hi); }
    /** {@code cond ? a : b}; cond is a BOOL tensor (not differentiated). */
    public static Var where(Tensor cond, Var a, Var b) { return ElementwiseRules.where(cond, a, b); }
    public Var maskedFill(Tensor mask, double value) { return ElementwiseRules.maskedFill(this, mask, value); }
    /** Cast; the gradient is cast back. */
    public Var to(DType dtype) { return ElementwiseRules.cast(this, dtype); }

    private Var scalarLike(double s) {
        return constant(Tensor.scalar(s, value.dtype()).to(value.device()));
    }

    // ---------------------------------------------------------------- reductions

    public Var sum() { return ReductionsRules.sum(this, new int[0], false); }
    public Var sum(int... axes) { return ReductionsRules.sum(this, axes, false); }
    public Var sum(int[] axes, boolean keepDim) { return ReductionsRules.sum(this, axes, keepDim); }
    public Var mean() { return ReductionsRules.mean(this, new int[0], false); }
    public Var mean(int[] axes, boolean keepDim) { return ReductionsRules.mean(this, axes, keepDim); }
    public Var var(int[] axes, boolean unbiased, boolean keepDim) { return ReductionsRules.var(this, axes, unbiased, keepDim); }
    /** {@code sqrt(var)}; its gradient is 0 over a slice of constant data (std = 0), as PyTorch's. */
    public Var std(int[] axes, boolean unbiased, boolean keepDim) { return ReductionsRules.std(this, axes, unbiased, keepDim); }
    /** Max over axes; the gradient is shared equally among tied maxima. */
    public Var max(int[] axes, boolean keepDim) { return ReductionsRules.extreme(this, axes, keepDim, true); }
    public Var min(int[] axes, boolean keepDim) { return ReductionsRules.extreme(this, axes, keepDim, false); }
    /** Product over axes; the gradient is exact at zeros too (the product of the other elements). */
    public Var prod(int[] axes, boolean keepDim) { return ReductionsRules.prod(this, axes, keepDim); }
    public Var logsumexp(int[] axes, boolean keepDim) { return ReductionsRules.logsumexp(this, axes, keepDim); }
    public Var cumsum(int axis) { return ReductionsRules.cumsum(this, axis); }
    public Var softmax(int axis) { return ReductionsRules.softmax(this, axis); }
    public Var logSoftmax(int axis) { return ReductionsRules.logSoftmax(this, axis); }

    // ---------------------------------------------------------------- movement

    public Var reshape(int... shape) { return MovementRules.reshape(this, shape); }
    public Var permute(int... axes) { return MovementRules.permute(this, axes); }
    public Var transpose(int a, int b) { return MovementRules.transpose(this, a, b); }
    public Var slice(int axis, int start, int end, int step) { return MovementRules.slice(this, axis, start, end, step); }
    public Var narrow(int axis, int start, int length) { return MovementRules.narrow(this, axis, start, length); }
    public Var select(int axis, int index) { return MovementRules.select(this, axis, index); }
    public Var expand(int... shape) { return MovementRules.expand(this, shape); }
    public Var broadcastTo(int... shape) { return MovementRules.expand(this, shape); }
    public Var squeeze(int axis) { return MovementRules.reshape(this, value.squeeze(axis).shape()); }
    public Var unsqueeze(int axis) { return MovementRules.reshape(this, value.unsqueeze(axis).shape()); }
    public Var flatten() { return reshape(value.numel()); }
    public Var flatten(int start, int end) { return MovementRules.reshape(this, value.flatten(start, end).shape()); }
    public Var flip(int... axes) { return MovementRules.flip(this, axes); }
    public Var contiguous() { return MovementRules.contiguous(this); }
    public Var roll(int shift, int axis) { return MovementRules.roll(this, shift, axis); }
    /** PyTorch's convention: (before, after) pairs from the last axis. */
    public Var pad(int[] pads, PadMode mode, double value) { return MovementRules.pad(this, pads, mode, value); }
    public Var pad(int axis, int before, int after, PadMode mode, double value) { return MovementRules.padAxis(this, axis, before, after, mode, value); }
    public static Var cat(int axis, Var... parts) { return MovementRules.cat(axis, parts); }
    public static Var stack(int axis, Var... parts) { return MovementRules.stack(axis, parts); }
    /** Pieces of {@code size} along axis, the last one shorter if the length is not a multiple. */
    public List<Var> split(int size, int axis) { return MovementRules.split(this, size, axis); }
    /**
     * Pieces of the given sizes along axis (PyTorch's {@code torch.split(x, [sizes], dim)}); the sizes must be
     * non-negative and add up to the axis length. Each piece is a view with its own gradient path: the
     * input's gradient is the pieces' gradients put back in place, zeros for pieces the loss does not use.
     */
    public List<Var> split(int[] sizes, int axis) { return MovementRules.split(this, sizes, axis); }
    public List<Var> chunk(int chunks, int axis) { return MovementRules.chunk(this, chunks, axis); }

    // ---------------------------------------------------------------- indexing

    public Var gather(int axis, Tensor index) { return IndexingRules.gather(this, axis, index); }
    public Var takeAlongAxis(Tensor index, int axis) { return IndexingRules.gather(this, axis, index); }
    public Var scatterAdd(int axis, Tensor index, Var src) { return IndexingRules.scatterAdd(this, axis, index, src); }
    public Var indexSelect(int axis, Tensor index) { return IndexingRules.indexSelect(this, axis, index); }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product with NumPy semantics (see {@link Tensor#matmul}). */
    public Var matmul(Var o) { return LinearAlgebraRules.matmul(this, o); }

    /**
     * {@code this Wᵀ + b} as one op (PyTorch's {@code F.linear}): this {@code [..., in]}, weight {@code [out, in]},
     * bias {@code [out]} or null; the result is {@code [..., out]}.
     */
    public Var linear(Var weight, Var bias) { return LinearAlgebraRules.linear(this, weight, bias); }
    /** Lower Cholesky factor of this batch of SPD matrices (see {@link astrograd.tensor.Linalg#cholesky}). */
    public Var cholesky() { return LinearAlgebraRules.cholesky(this); }
    /** Solves {@code op(this) X = b} for triangular {@code this} (see {@link astrograd.tensor.Linalg#triangularSolve}). */
    public Var triangularSolve(Var b, boolean lower, boolean transposeA) { return LinearAlgebraRules.triangularSolve(this, b, lower, transposeA); }
    /** {@code 2 Σ log diag(this)} for a Cholesky factor. */
    public Var logdetFromCholesky() { return LinearAlgebraRules.logdetFromCholesky(this); }
    /** {@code A⁻¹ b} where this is the Cholesky factor of A. */
    public Var choleskySolve(Var b) { return LinearAlgebraRules.choleskySolve(this, b); }
}
