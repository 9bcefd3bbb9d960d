package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * Mixture density network head (Bishop 1994): one {@link Linear} (submodule {@code linear}) maps features
 * {@code [N, F]} to the parameters of a mixture of K Gaussians in D dimensions, laid out as
 * <pre>
 *   [ logits (K) | means (K·D) | raw diagonal (K·D) | strictly lower entries (K·D(D−1)/2), full only ]
 * </pre>
 * each block component-major. {@link Covariance#DIAGONAL}: the raw diagonal holds log-scales,
 * {@code σ = exp(raw)}. {@link Covariance#FULL}: it is the diagonal of each covariance Cholesky factor
 * through {@code softplus} ({@code L_dd = softplus(raw)}, positive without exp's overflow), the strictly
 * lower entries are unconstrained (row-major, see {@link GaussianMixture}). The forward pass returns the
 * {@link GaussianMixture}; its {@code nll} is the training loss.
 */
public final class MixtureDensity extends Module {
    /** Covariance structure of the components. */
    public enum Covariance {
        DIAGONAL, FULL
    }

    private final int features;
    private final int components;
    private final int dim;
    private final Covariance covariance;
    private final Linear linear;

    public MixtureDensity(int features, int components, int dim, Covariance covariance, DType dtype, Rng rng) {
        Heads.checkPositive("MixtureDensity", "features", features);
        Heads.checkPositive("MixtureDensity", "components", components);
        Heads.checkPositive("MixtureDensity", "dim", dim);
        this.features = features;
        this.components = components;
        this.dim = dim;
        this.covariance = covariance;
        this.linear = module("linear", new Linear(features, outputs(components, dim, covariance), true, dtype, rng.split()));
    }

    /** Width of the linear layer: {@code K (1 + 2D)} plus {@code K D(D−1)/2} for full covariances. */
    public static int outputs(int components, int dim, Covariance covariance) {
        int off = covariance == Covariance.FULL ? Tril.offDiagonalCount(dim) : 0;
        return components * (1 + 2 * dim + off);
    }

    public Linear linear() {
        return linear;
    }

    /** The predicted mixtures of features {@code [N, F]}. */
    public GaussianMixture forward(Var x) {
        Heads.checkFeatures("MixtureDensity(" + describe() + ")", features, x.value());
        Var out = linear.forward(x);
        int n = x.value().size(0);
        int k = components;
        int d = dim;
        Var logits = out.narrow(1, 0, k);
        Var means = out.narrow(1, k, k * d).reshape(n, k, d);
        Var rawDiagonal = out.narrow(1, k + k * d, k * d).reshape(n, k, d);
        if (covariance == Covariance.DIAGONAL) {
            return GaussianMixture.diagonal(logits, means, rawDiagonal.exp());
        }
        int m = Tril.offDiagonalCount(d);
        Var lower = out.narrow(1, k + 2 * k * d, k * m).reshape(n, k, m);
        return GaussianMixture.full(logits, means, Tril.assemble(rawDiagonal.softplus(), lower, d));
    }

    @Override
    protected String describe() {
        return features + " -> " + components + " x " + dim + "-d, "
                + covariance.name().toLowerCase(java.util.Locale.ROOT);
    }
}
