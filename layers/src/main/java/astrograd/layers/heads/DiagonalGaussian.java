package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.layers.losses.Reduction;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * A batch of Gaussians with diagonal covariance: mean μ {@code [N, D]} and log-variance {@code [N, D]}.
 * {@code log p(y) = −½ Σ_d [log σ²_d + (y_d − μ_d)² / σ²_d + log 2π]}.
 */
public final class DiagonalGaussian {
    private final Var mean;
    private final Var logVariance;

    /**
     * @throws ShapeException when mean and log-variance are not the same {@code [N, D]}
     */
    public DiagonalGaussian(Var mean, Var logVariance) {
        int[] m = mean.value().shape();
        if (m.length != 2 || !Arrays.equals(m, logVariance.value().shape())) {
            throw new ShapeException("DiagonalGaussian: mean " + Shape.str(m) + " and log-variance "
                    + Shape.str(logVariance.value().shape()) + " must both be [N, D]");
        }
        this.mean = mean;
        this.logVariance = logVariance;
    }

    public Var mean() {
        return mean;
    }

    public Var logVariance() {
        return logVariance;
    }

    public Var variance() {
        return logVariance.exp();
    }

    /** Log-density of targets y {@code [N, D]}, one value per row {@code [N]}. */
    public Var logProb(Var y) {
        Heads.checkTargets("DiagonalGaussian.logProb", mean.value(), y.value());
        Var r2 = y.sub(mean).square();
        Var perDim = logVariance.add(r2.mul(logVariance.neg().exp())).add(Heads.LOG_2PI);
        return perDim.sum(1).mul(-0.5);
    }

    /** Negative log-likelihood {@code −log p(y)}, reduced over the batch. */
    public Var nll(Var y, Reduction reduction) {
        return reduction.apply(logProb(y).neg());
    }

    /** One draw per row: {@code μ + σ ε}, ε standard normal from {@code rng}. */
    public Tensor sample(Rng rng) {
        Tensor mu = mean.value();
        Tensor eps = rng.randn(mu.dtype(), mu.shape());
        return mu.add(logVariance.value().mul(0.5).exp().mul(eps));
    }
}
