package astrograd.autodiff;

import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;

/**
 * Reductions, scans and softmax: forward and vector-Jacobian product per primitive. A reduced gradient g
 * is first given back its reduced axes as size 1 ({@code gk}) and then broadcast against the input.
 * Mean and variance are composites of these and need no rule of their own.
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

    /** Two-pass variance as a composite: {@code Σ (x - mean)² / (n - ddof)}. */
    static Var var(Var a, int[] axes, boolean unbiased, boolean keepDim) {
        int[] ax = Shape.axes("var", axes, a.value().rank());
        int n = Shape.sizeOf(a.value().shape(), ax);
        Var centered = a.sub(mean(a, ax, true));
        int dof = unbiased ? n - 1 : n;
        Var ss = sum(centered.square(), ax, keepDim);
        return dof > 0 ? ss.div(dof) : ss.mul(Double.NaN);
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

    /** Softmax of x over the axes jointly: they are moved last and merged into one axis. */
    private static Tensor softmaxOver(Tensor x, int[] ax) {
        if (ax.length <= 1) {
            return x.softmax(ax.length == 0 ? 0 : ax[0]);
        }
        int rank = x.rank();
        int kept = rank - ax.length;
        int[] perm = new int[rank];
        boolean[] reduced = new boolean[rank];
        for (int k = 0; k < ax.length; k++) {
            reduced[ax[k]] = true;
            perm[kept + k] = ax[k];
        }
        for (int d = 0, j = 0; d < rank; d++) {
            if (!reduced[d]) {
                perm[j++] = d;
            }
        }
        Tensor moved = x.permute(perm).contiguous();
        int[] merged = java.util.Arrays.copyOf(moved.shape(), kept + 1);
        merged[kept] = Shape.sizeOf(x.shape(), ax);
        int[] inverse = new int[rank];
        for (int d = 0; d < rank; d++) {
            inverse[perm[d]] = d;
        }
        return moved.reshape(merged).softmax(kept).reshape(moved.shape()).permute(inverse);
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
