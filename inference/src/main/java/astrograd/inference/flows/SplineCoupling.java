package astrograd.inference.flows;

import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * A rational-quadratic spline coupling layer (Durkan et al. 2019): the first {@code c = ⌊D/2⌋} coordinates pass
 * unchanged and, with the context, condition a residual network (nflows' {@code ResidualNet}: a linear layer to
 * H units, residual blocks {@code h + W₂ relu(W₁ relu(h))}, a final linear layer) that outputs, for each of the
 * other {@code D − c} coordinates, K widths, K heights and K−1 interior derivatives of a
 * {@link RationalQuadraticSpline} on {@code [−B, B]}. As in nflows the widths and heights are divided by √H
 * before the softmax.
 * <pre>
 *   y_{1..c} = θ_{1..c},   y_{c+1..D} = g_{φ(θ_{1..c}, x)}(θ_{c+1..D}),   log|det ∂y/∂θ| = Σ_j log g'_j
 * </pre>
 */
public final class SplineCoupling extends Module {
    private final int dim;
    private final int identity;
    private final int bins;
    private final int hidden;
    private final double tailBound;
    private final ResidualNet conditioner;

    public SplineCoupling(int dim, int contextDim, int hidden, int blocks, int bins, double tailBound, DType dtype,
            Rng rng) {
        if (dim < 1 || contextDim < 0 || hidden < 1 || blocks < 0 || bins < 2) {
            throw new IllegalArgumentException("SplineCoupling: need dim >= 1, context >= 0, hidden >= 1, blocks >= 0"
                    + " and bins >= 2, got " + dim + ", " + contextDim + ", " + hidden + ", " + blocks + ", " + bins);
        }
        this.dim = dim;
        this.identity = dim / 2;
        this.bins = bins;
        this.hidden = hidden;
        this.tailBound = tailBound;
        int in = identity + contextDim;
        if (in == 0) {
            throw new IllegalArgumentException("SplineCoupling: a 1-d θ needs a context to condition on");
        }
        this.conditioner = module("conditioner",
                new ResidualNet(in, hidden, (dim - identity) * (3 * bins - 1), blocks, dtype, rng));
    }

    /** {@code y} and {@code log|det ∂y/∂θ|} {@code [N]} (or the inverse map and its log-det when inverse). */
    public RationalQuadraticSpline.Result apply(Var theta, Var context, boolean inverse) {
        int n = theta.value().size(0);
        int transformed = dim - identity;
        Var fixed = theta.narrow(1, 0, identity);
        Var moving = theta.narrow(1, identity, transformed);
        Var input = identity == 0 ? context : context == null ? fixed : Var.cat(1, fixed, context);
        Var params = conditioner.forward(input).reshape(n, transformed, 3 * bins - 1);
        double scale = 1 / Math.sqrt(hidden);
        Var widths = params.narrow(2, 0, bins).mul(scale);
        Var heights = params.narrow(2, bins, bins).mul(scale);
        Var derivatives = params.narrow(2, 2 * bins, bins - 1);
        RationalQuadraticSpline.Result r = RationalQuadraticSpline.apply(moving, widths, heights, derivatives,
                tailBound, inverse);
        Var out = identity == 0 ? r.outputs() : Var.cat(1, fixed, r.outputs());
        return new RationalQuadraticSpline.Result(out, r.logAbsDet().sum(1));
    }

    @Override
    protected String describe() {
        return dim + "-d, " + bins + " bins, tails at ±" + tailBound;
    }

    /** nflows' ResidualNet without batch norm or dropout. */
    static final class ResidualNet extends Module {
        private final Linear initial;
        private final Linear[][] blocks;
        private final Linear last;

        ResidualNet(int in, int hidden, int out, int blockCount, DType dtype, Rng rng) {
            initial = module("initial", new Linear(in, hidden, true, dtype, rng.split()));
            blocks = new Linear[blockCount][];
            for (int b = 0; b < blockCount; b++) {
                blocks[b] = new Linear[] {
                    module("block" + b + "a", new Linear(hidden, hidden, true, dtype, rng.split())),
                    module("block" + b + "b", new Linear(hidden, hidden, true, dtype, rng.split()))};
            }
            last = module("final", new Linear(hidden, out, true, dtype, rng.split()));
        }

        Var forward(Var x) {
            Var h = initial.forward(x);
            for (Linear[] block : blocks) {
                h = h.add(block[1].forward(block[0].forward(h.relu()).relu()));
            }
            return last.forward(h);
        }
    }
}
