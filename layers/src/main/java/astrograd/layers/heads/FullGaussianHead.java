package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * Full-covariance Gaussian head as plan-net parameterizes it: one {@link Linear}
 * {@code F → D + D + D(D−1)/2} (submodule {@code linear}) whose outputs are, in order, the mean μ, the
 * log-diagonal {@code a} of the precision's Cholesky factor ({@code L_dd = exp(a_d)}), and its strictly
 * lower entries in row-major order. The forward pass returns a {@link PrecisionGaussian} with NLL
 * {@code ½ (y − μ)ᵀ L Lᵀ (y − μ) − Σ_d a_d + (D/2) log 2π}.
 */
public final class FullGaussianHead extends Module {
    private final int features;
    private final int dim;
    private final Linear linear;

    public FullGaussianHead(int features, int dim, DType dtype, Rng rng) {
        Heads.checkPositive("FullGaussianHead", "features", features);
        Heads.checkPositive("FullGaussianHead", "dim", dim);
        this.features = features;
        this.dim = dim;
        this.linear = module("linear", new Linear(features, outputs(dim), true, dtype, rng.split()));
    }

    /** Width of the linear layer for D dimensions: {@code 2D + D(D−1)/2}. */
    public static int outputs(int dim) {
        return 2 * dim + Tril.offDiagonalCount(dim);
    }

    public Linear linear() {
        return linear;
    }

    /** The predictive Gaussians of features {@code [N, F]}. */
    public PrecisionGaussian forward(Var x) {
        Heads.checkFeatures("FullGaussianHead(" + describe() + ")", features, x.value());
        Var out = linear.forward(x);
        Var mean = out.narrow(1, 0, dim);
        Var logDiagonal = out.narrow(1, dim, dim);
        Var offDiagonal = out.narrow(1, 2 * dim, Tril.offDiagonalCount(dim));
        return new PrecisionGaussian(mean, Tril.assemble(logDiagonal.exp(), offDiagonal, dim));
    }

    @Override
    protected String describe() {
        return features + " -> " + dim;
    }
}
