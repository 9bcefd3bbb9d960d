package astrograd.layers.losses;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.DTypeException;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * Regression and classification losses written from {@link Var} ops, with PyTorch's semantics
 * ({@code torch.nn.functional}) unless stated. Prediction and target must have the same shape and dtype
 * (no silent broadcasting); inputs are not modified. Gaussian likelihoods and divergences are in
 * {@link GaussianLosses}, the kernel two-sample distance in {@link Mmd}.
 */
public final class Losses {
    /** The clip ε of {@link #bce}: probabilities are clamped to {@code [ε, 1 − ε]} before the logarithm. */
    public static final double BCE_EPSILON = 1e-7;

    private Losses() {
    }

    /** Mean squared error {@code (x − y)²}, reduced. */
    public static Var mse(Var input, Var target, Reduction reduction) {
        Checks.sameShape("mse", "input", input, "target", target);
        return reduction.apply(input.sub(target).square());
    }

    /** Mean absolute error {@code |x − y|}, reduced (gradient {@code sign(x − y)}, 0 at a tie). */
    public static Var l1(Var input, Var target, Reduction reduction) {
        Checks.sameShape("l1", "input", input, "target", target);
        return reduction.apply(input.sub(target).abs());
    }

    /**
     * Huber loss with threshold δ on {@code r = x − y}: {@code r²/2} where {@code |r| < δ}, else
     * {@code δ (|r| − δ/2)}; reduced.
     */
    public static Var huber(Var input, Var target, double delta, Reduction reduction) {
        Checks.positive("huber", "delta", delta);
        Checks.sameShape("huber(delta=" + delta + ")", "input", input, "target", target);
        Var r = input.sub(target);
        Var absR = r.abs();
        Var quadratic = r.square().mul(0.5);
        Var linear = absR.sub(0.5 * delta).mul(delta);
        return reduction.apply(Var.where(absR.value().lt(delta), quadratic, linear));
    }

    /**
     * Binary cross-entropy on probabilities: {@code −[y log p + (1 − y) log(1 − p)]} with p clamped to
     * {@code [ε, 1 − ε]}, {@code ε = }{@link #BCE_EPSILON} (so a saturated p gives a finite loss and zero
     * gradient; PyTorch instead clamps each logarithm at −100). Targets may be soft, in [0, 1].
     *
     * @throws IllegalArgumentException when a probability or target lies outside [0, 1] (or is NaN)
     */
    public static Var bce(Var probs, Var target, Reduction reduction) {
        Checks.sameShape("bce", "probabilities", probs, "target", target);
        requireUnitInterval("bce", "probabilities", probs.value());
        requireUnitInterval("bce", "target", target.value());
        Var p = probs.clamp(BCE_EPSILON, 1 - BCE_EPSILON);
        Var logP = p.log();
        Var logQ = p.neg().add(1).log();
        Var perElement = target.mul(logP).add(target.neg().add(1).mul(logQ)).neg();
        return reduction.apply(perElement);
    }

    /**
     * Binary cross-entropy on logits, in the stable form
     * {@code max(x, 0) − x y + log(1 + e^−|x|) = softplus(x) − x y}; its gradient is {@code σ(x) − y},
     * exact at x = 0 too.
     */
    public static Var bceWithLogits(Var logits, Var target, Reduction reduction) {
        Checks.sameShape("bceWithLogits", "logits", logits, "target", target);
        return reduction.apply(logits.softplus().sub(logits.mul(target)));
    }

    /** Cross-entropy from logits {@code [N, C]} and class indices {@code [N]}, no weights or smoothing. */
    public static Var crossEntropy(Var logits, Tensor target, Reduction reduction) {
        return crossEntropy(logits, target, null, 0, reduction);
    }

    /**
     * Cross-entropy from logits {@code [N, C]} and class indices {@code [N]} (I32 or I64) with optional class
     * weights w {@code [C]} and label smoothing ε ∈ [0, 1], as PyTorch's {@code cross_entropy}: with
     * {@code lp = logSoftmax(x)},
     * <pre>
     *   nllᵢ    = −w[yᵢ] lp[i, yᵢ]
     *   smoothᵢ = −Σ_c w[c] lp[i, c]
     *   lossᵢ   = (1 − ε) nllᵢ + (ε / C) smoothᵢ
     * </pre>
     * MEAN divides both sums by {@code Σᵢ w[yᵢ]} (the weighted mean; N without weights), SUM adds, NONE
     * returns {@code lossᵢ} {@code [N]}. w = null means all ones.
     *
     * @throws ShapeException when shapes disagree or a class index lies outside [0, C)
     */
    public static Var crossEntropy(Var logits, Tensor target, Tensor classWeights, double labelSmoothing,
                                   Reduction reduction) {
        String op = "crossEntropy";
        checkCrossEntropy(op, logits.value(), target, classWeights, labelSmoothing);
        int n = logits.value().size(0);
        int c = logits.value().size(1);
        DType dtype = logits.value().dtype();
        Tensor w = classWeights == null ? Tensor.ones(dtype, c) : classWeights.to(dtype);
        Tensor index = target.to(DType.I64);
        Var logProbs = logits.logSoftmax(1);
        Tensor weightOfTarget = w.gather(0, index);
        Var nll = logProbs.gather(1, index.unsqueeze(1)).reshape(n).mul(Var.constant(weightOfTarget)).neg();
        Var smooth = logProbs.mul(Var.constant(w)).sum(1).neg();
        double eps = labelSmoothing;
        if (reduction == Reduction.NONE) {
            return eps == 0 ? nll : nll.mul(1 - eps).add(smooth.mul(eps / c));
        }
        Var total = eps == 0 ? nll.sum() : nll.sum().mul(1 - eps).add(smooth.sum().mul(eps / c));
        return reduction == Reduction.SUM ? total : total.div(weightOfTarget.sum().item());
    }

    private static void checkCrossEntropy(String op, Tensor logits, Tensor target, Tensor weights, double eps) {
        if (!logits.dtype().isFloating()) {
            throw new DTypeException(op + ": logits must be F32 or F64, got " + logits.dtype());
        }
        if (logits.rank() != 2 || target.rank() != 1 || target.size(0) != logits.size(0)) {
            throw new ShapeException(op + ": logits " + Shape.str(logits.shape()) + " and target "
                    + Shape.str(target.shape()) + " must be [N, C] and [N]");
        }
        if (!target.dtype().isInteger()) {
            throw new DTypeException(op + ": target must hold class indices (I32 or I64), got " + target.dtype());
        }
        int c = logits.size(1);
        if (weights != null && (weights.rank() != 1 || weights.size(0) != c)) {
            throw new ShapeException(op + ": class weights " + Shape.str(weights.shape()) + " must be [" + c + "]"
                    + " for logits " + Shape.str(logits.shape()));
        }
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException(op + ": label smoothing must lie in [0, 1], got " + eps);
        }
        long[] t = target.toLongArray();
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0 || t[i] >= c) {
                throw new ShapeException(op + ": target[" + i + "] = " + t[i] + " is not a class index in [0, "
                        + c + ") for logits " + Shape.str(logits.shape()));
            }
        }
    }

    private static void requireUnitInterval(String op, String name, Tensor t) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException(op + ": " + name + " must lie in [0, 1], element " + i + " is " + v[i]);
            }
        }
    }
}
