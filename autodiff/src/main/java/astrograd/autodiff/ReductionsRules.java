package astrograd.autodiff;

import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;

/**
 * Reductions, scans and softmax: forward and vector-Jacobian product per primitive. A reduced gradient g
 * is first given back its reduced axes as size 1 ({@code gk}) and then broadcast against the input.
 * Mean and variance are composites of these and need no rule of their own; std is the variance's composite
 * under a square root whose rule is PyTorch's at a zero deviation.
 */
final class ReductionsRules {
    private ReductionsRules() {
    }

    private static Tensor keep(Tensor g, int[] xShape, int[] axes) {
        return g.reshape(Shape.reduced(xShape, axes, true));
    }

    /** d Σx = g broadcast over the reduced axes. */
    static Var sum(Var a, int[] axes, boolean keepDim) {
        Tensor x = a.value();
        int[] ax = Shape.axes("sum", axes, x.rank());
        int[] shape = x.shape();
        return Var.make("sum", x.sum(ax, keepDim), (g, i) -> keep(g, shape, ax).expand(shape), a);
    }

    static Var mean(Var a, int[] axes, boolean keepDim) {
        int[] ax = Shape.axes("mean", axes, a.value().rank());
        int n = Shape.sizeOf(a.value().shape(), ax);
        return sum(a, ax, keepDim).div(n);
    }

    /**
     * Two-pass variance as a composite: {@code Σ (x - mean)² / (n - ddof)}, taken of {@code x - p} where the
     * pivot p is the first element of each reduced slice, held constant (the variance does not depend on a
     * shift, so its gradient is unchanged): a constant slice then has deviations, variance and {@link #std}
     * of exactly 0, as PyTorch's, where {@code sum / n} alone may miss the constant by an ulp.
     */
    static Var var(Var a, int[] axes, boolean unbiased, boolean keepDim) {
        int[] ax = Shape.axes("var", axes, a.value().rank());
        int n = Shape.sizeOf(a.value().shape(), ax);
        Var shifted = n == 0 ? a : a.sub(Var.constant(pivot(a.value(), ax)));
        Var centered = shifted.sub(mean(shifted, ax, true));
        int dof = unbiased ? n - 1 : n;
        Var ss = sum(centered.square(), ax, keepDim);
        return dof > 0 ? ss.div(dof) : ss.mul(Double.NaN);
    }

    /** The first element of each slice over the axes, with those axes kept as size 1. */
    private static Tensor pivot(Tensor x, int[] axes) {
        Tensor p = x;
        for (int axis : axes) {
            p = p.narrow(axis, 0, 1);
        }
        return p;
    }

    /**
     * {@code s = sqrt(var(x))}: {@code var̄ = g / (2 s)}, and 0 where {@code s = 0} (constant data), as PyTorch's
     * std, where sqrt's own rule would give {@code 0 · ∞ = NaN} for every element of the slice.
     */
    static Var std(Var a, int[] axes, boolean unbiased, boolean keepDim) {
        Var v = var(a, axes, unbiased, keepDim);
        Tensor s = v.value().sqrt();
        return Var.make("std", s, (g, i) -> Tensor.where(s.eq(0), Tensor.scalar(0, g.dtype()).to(g.device()),
                g.div(s.mul(2))), v);
    }

    /** d max = g shared equally among the elements equal to the max. */
    static Var extreme(Var a, int[] axes, boolean keepDim, boolean max) {
        Tensor x = a.value();
        int[] ax = Shape.axes(max ? "max" : "min", axes, x.rank());
        Tensor z = max ? x.max(ax, keepDim) : x.min(ax, keepDim);
        int[] shape = x.shape();
        return Var.make(max ? "max" : "min", z, (g, i) -> {
            Tensor mask = x.eq(keep(z, shape, ax)).to(g.dtype());
            return mask.div(mask.sum(ax, true)).mul(keep(g, shape, ax));
        }, a);
    }

    /**
     * d Πx_j / dx_i = Π_{j≠i} x_j: {@code z / x} where the slice has no zero; where it has exactly one, the
     * product of the others at the zero and 0 elsewhere; where it has more, 0.
     */
    static Var prod(Var a, int[] axes, boolean keepDim) {
        Tensor x = a.value();
        int[] ax = Shape.axes("prod", axes, x.rank());
        Tensor z = x.prod(ax, keepDim);
        int[] shape = x.shape();
        return Var.make("prod", z, (g, i) -> {
            Tensor zero = x.eq(0);
            Tensor zeros = zero.to(astrograd.tensor.DType.I64).sum(ax, true);
            Tensor othersAtZero = Tensor.where(zero, Tensor.scalar(1, x.dtype()).to(x.device()), x).prod(ax, true);
            Tensor partial = Tensor.where(zeros.eq(0), keep(z, shape, ax).div(x),
                    Tensor.where(zeros.eq(1).and(zero), othersAtZero, Tensor.scalar(0, x.dtype()).to(x.device())));
            return keep(g, shape, ax).mul(partial);
        }, a);
    }

    /**
     * d logsumexp = g softmax(x) over the axes, computed as {@code exp((x - m) - log Σ exp(x - m))}: the textbook
     * {@code e^(x - z)} subtracts z rounded to the magnitude of the logits (a relative error of 3e-5 at F32 logits
     * near 1000).
     */
    static Var logsumexp(Var a, int[] axes, boolean keepDim) {
        Tensor x = a.value();
        int[] ax = Shape.axes("logsumexp", axes, x.rank());
        Tensor z = x.logsumexp(ax, keepDim);
        int[] shape = x.shape();
        return Var.make("logsumexp", z, (g, i) -> keep(g, shape, ax).mul(softmaxOver(x, ax)), a);
    }

    /** Softmax of x over the axes jointly: the fused kernel for one axis, else {@code e / Σ e} with {@code e = exp(x - max)}. */
    private static Tensor softmaxOver(Tensor x, int[] ax) {
        if (ax.length <= 1) {
            return x.softmax(ax.length == 0 ? 0 : ax[0]);
        }
        Tensor e = x.sub(x.max(ax, true)).exp();
        return e.div(e.sum(ax, true));
    }

    /** d cumsum = reversed cumulative sum of g. */
    static Var cumsum(Var a, int axis) {
        Tensor x = a.value();
        int ax = Shape.axis("cumsum", axis, x.rank());
        return Var.make("cumsum", x.cumsum(ax), (g, i) -> g.flip(ax).cumsum(ax).flip(ax), a);
    }

    /** d softmax = z (g - Σ g z). */
    static Var softmax(Var a, int axis) {
        Tensor z = a.value().softmax(axis);
        int ax = Shape.axis("softmax", axis, z.rank());
        return Var.make("softmax", z, (g, i) -> z.mul(g.sub(g.mul(z).sum(new int[] {ax}, true))), a);
    }

    /** d logSoftmax = g - e^z Σ g (z itself computed as {@code (x - m) - log Σ exp(x - m)}, accurate to F32's precision). */
    static Var logSoftmax(Var a, int axis) {
        Tensor z = a.value().logSoftmax(axis);
        int ax = Shape.axis("logSoftmax", axis, z.rank());
        return Var.make("logSoftmax", z, (g, i) -> g.sub(z.exp().mul(g.sum(new int[] {ax}, true))), a);
    }
}
