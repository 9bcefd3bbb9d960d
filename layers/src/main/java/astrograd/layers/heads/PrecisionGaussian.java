package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.layers.losses.Reduction;
import astrograd.tensor.Linalg;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * A batch of full-covariance Gaussians given by mean μ {@code [N, D]} and a lower-triangular Cholesky
 * factor L {@code [N, D, D]} (positive diagonal) of the <em>precision</em> {@code Σ⁻¹ = L Lᵀ}, as plan-net
 * parameterizes its output:
 * <pre>
 *   −log p(y) = ½ (y − μ)ᵀ L Lᵀ (y − μ) − Σ_d log L_dd + (D/2) log 2π
 * </pre>
 */
public final class PrecisionGaussian {
    private final Var mean;
    private final Var precisionTril;

    /**
     * @throws ShapeException when the shapes are not {@code [N, D]} and {@code [N, D, D]}
     */
    public PrecisionGaussian(Var mean, Var precisionTril) {
        int[] m = mean.value().shape();
        int[] l = precisionTril.value().shape();
        if (m.length != 2 || l.length != 3 || l[0] != m[0] || l[1] != m[1] || l[2] != m[1]) {
            throw new ShapeException("PrecisionGaussian: mean " + Shape.str(m) + " and precision factor "
                    + Shape.str(l) + " must be [N, D] and [N, D, D]");
        }
        this.mean = mean;
        this.precisionTril = precisionTril;
    }

    public Var mean() {
        return mean;
    }

    /** L with {@code Σ⁻¹ = L Lᵀ}. */
    public Var precisionTril() {
        return precisionTril;
    }

    /** Log-density of targets {@code [N, D]}, one value per row {@code [N]}. */
    public Var logProb(Var y) {
        Heads.checkTargets("PrecisionGaussian.logProb", mean.value(), y.value());
        int d = mean.value().size(1);
        Var r = y.sub(mean).unsqueeze(-1);
        Var z = precisionTril.transpose(-1, -2).matmul(r);
        Var quadratic = z.square().sum(-2, -1);
        Var halfLogDet = precisionTril.logdetFromCholesky().mul(0.5);
        return quadratic.mul(-0.5).add(halfLogDet).sub(0.5 * d * Heads.LOG_2PI);
    }

    /** The NLL above, reduced over the batch. */
    public Var nll(Var y, Reduction reduction) {
        return reduction.apply(logProb(y).neg());
    }

    /** The covariance {@code (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹} {@code [N, D, D]}. */
    public Tensor covariance() {
        Tensor l = precisionTril.value();
        Tensor eye = Tensor.eye(l.size(-1), l.dtype());
        Tensor inv = Linalg.triangularSolve(l, eye, true, false);
        return inv.transpose(-1, -2).matmul(inv);
    }

    /** One draw per row: {@code μ + L⁻ᵀ ε}, whose covariance is {@code L⁻ᵀ L⁻¹}. */
    public Tensor sample(Rng rng) {
        Tensor mu = mean.value();
        Tensor eps = rng.randn(mu.dtype(), mu.shape()).unsqueeze(-1);
        Tensor x = Linalg.triangularSolve(precisionTril.value(), eps, true, true);
        return mu.add(x.squeeze(-1));
    }
}
