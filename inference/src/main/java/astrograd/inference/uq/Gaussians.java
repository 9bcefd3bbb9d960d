package astrograd.inference.uq;

import astrograd.layers.heads.PrecisionGaussian;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * One Gaussian per row, as one stochastic forward pass of a model predicts them: mean {@code [N, D]} and covariance
 * {@code [N, D, D]}, both F64.
 */
public record Gaussians(Tensor mean, Tensor covariance) {
    public Gaussians {
        int[] m = mean.shape();
        int[] c = covariance.shape();
        if (m.length != 2 || c.length != 3 || c[0] != m[0] || c[1] != m[1] || c[2] != m[1]) {
            throw new ShapeException("Gaussians: mean " + Shape.str(m) + " and covariance " + Shape.str(c)
                    + " must be [N, D] and [N, D, D]");
        }
        mean = mean.to(DType.F64).contiguous();
        covariance = covariance.to(DType.F64).contiguous();
    }

    /** From a precision-Cholesky head's output: covariance {@code (L Lᵀ)⁻¹}. */
    public static Gaussians of(PrecisionGaussian g) {
        return new Gaussians(g.mean().value(), g.covariance());
    }

    /** Diagonal covariances from variances {@code [N, D]}. */
    public static Gaussians diagonal(Tensor mean, Tensor variance) {
        if (!java.util.Arrays.equals(mean.shape(), variance.shape()) || mean.rank() != 2) {
            throw new ShapeException("Gaussians.diagonal: mean " + Shape.str(mean.shape()) + " and variance "
                    + Shape.str(variance.shape()) + " must both be [N, D]");
        }
        int n = mean.size(0);
        int d = mean.size(1);
        double[] v = variance.to(DType.F64).contiguous().toDoubleArray();
        double[] cov = new double[n * d * d];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < d; k++) {
                cov[(r * d + k) * d + k] = v[r * d + k];
            }
        }
        return new Gaussians(mean, Tensor.of(cov, n, d, d));
    }

    public int rows() {
        return mean.size(0);
    }

    public int dim() {
        return mean.size(1);
    }
}
