package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * Heteroscedastic regression head: one {@link Linear} {@code F → 2D} (submodule {@code linear}) whose first
 * D outputs are the mean μ and last D outputs a raw scale r, read as
 * <ul>
 * <li>{@link Scale#LOG_VARIANCE}: {@code log σ² = r};</li>
 * <li>{@link Scale#SOFTPLUS}: {@code σ = softplus(r)}, so {@code log σ² = 2 log softplus(r)}.</li>
 * </ul>
 * The forward pass returns a {@link DiagonalGaussian}; its {@code nll} is the training loss.
 */
public final class DiagonalGaussianHead extends Module {
    /** How the raw scale outputs become a variance. */
    public enum Scale {
        LOG_VARIANCE, SOFTPLUS
    }

    private final int features;
    private final int dim;
    private final Scale scale;
    private final Linear linear;

    public DiagonalGaussianHead(int features, int dim, Scale scale, DType dtype, Rng rng) {
        Heads.checkPositive("DiagonalGaussianHead", "features", features);
        Heads.checkPositive("DiagonalGaussianHead", "dim", dim);
        this.features = features;
        this.dim = dim;
        this.scale = scale;
        this.linear = module("linear", new Linear(features, 2 * dim, true, dtype, rng.split()));
    }

    public Linear linear() {
        return linear;
    }

    /** The predictive Gaussians of features {@code [N, F]}. */
    public DiagonalGaussian forward(Var x) {
        Heads.checkFeatures("DiagonalGaussianHead(" + describe() + ")", features, x.value());
        Var out = linear.forward(x);
        Var mean = out.narrow(1, 0, dim);
        Var raw = out.narrow(1, dim, dim);
        Var logVariance = scale == Scale.LOG_VARIANCE ? raw : raw.softplus().log().mul(2);
        return new DiagonalGaussian(mean, logVariance);
    }

    @Override
    protected String describe() {
        return features + " -> " + dim + ", " + scale.name().toLowerCase(java.util.Locale.ROOT);
    }
}
