package astrograd.inference.ensemble;

import astrograd.autodiff.Var;
import astrograd.inference.Draws;
import astrograd.inference.model.LogDensity;
import astrograd.inference.stats.Rows;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/** Test targets: Gaussians written with Var ops, and how far draws are from a Gaussian's moments. */
public final class Targets {
    private Targets() {
    }

    /** {@code −½ Σⱼ θⱼ²}. */
    public static LogDensity standardNormal() {
        return theta -> theta.square().sum(new int[] {1}, false).mul(-0.5);
    }

    /** {@code −½ θᵀ P θ} for a precision matrix P (D × D). */
    public static LogDensity gaussian(double[][] precision) {
        int d = precision.length;
        Var p = Var.constant(Tensor.of(Rows.flatten(precision), d, d));
        return theta -> theta.matmul(p).mul(theta).sum(new int[] {1}, false).mul(-0.5);
    }

    /** A random rotation: Gram–Schmidt on a Gaussian matrix. */
    public static double[][] rotation(int d, Rng rng) {
        double[][] q = new double[d][];
        for (int i = 0; i < d; i++) {
            double[] v = rng.randn(DType.F64, d).toDoubleArray();
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += v[k] * q[j][k];
                }
                for (int k = 0; k < d; k++) {
                    v[k] -= dot * q[j][k];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            for (int k = 0; k < d; k++) {
                v[k] /= Math.sqrt(norm);
            }
            q[i] = v;
        }
        return q;
    }

    /** {@code R diag(s) Rᵀ}, with R's rows as the columns of the rotation. */
    public static double[][] rotated(double[][] r, double[] s) {
        int d = s.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    m[i][j] += r[k][i] * s[k] * r[k][j];
                }
            }
        }
        return m;
    }

    /** The covariance {@code R diag(s²) Rᵀ} of a Gaussian with axis scales {@code s} rotated by {@code r}. */
    public static double[][] covariance(double[][] r, double[] scales) {
        double[] variances = new double[scales.length];
        for (int i = 0; i < scales.length; i++) {
            variances[i] = scales[i] * scales[i];
        }
        return rotated(r, variances);
    }

    /** The precision {@code R diag(1/s²) Rᵀ}, the inverse of {@link #covariance}. */
    public static double[][] precision(double[][] r, double[] scales) {
        double[] precisions = new double[scales.length];
        for (int i = 0; i < scales.length; i++) {
            precisions[i] = 1 / (scales[i] * scales[i]);
        }
        return rotated(r, precisions);
    }

    /**
     * {max_i |mean_i|/σ_i, max_ij |Σ̂_ij − Σ_ij|/√(Σ_ii Σ_jj)} over all draws, against a Gaussian of mean 0 and
     * covariance {@code sigma}.
     */
    public static double[] worstMomentErrors(Draws draws, double[][] sigma) {
        int d = draws.dim();
        double[][] x = new double[d][];
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = draws.flat(i);
            mean[i] = Arrays.stream(x[i]).average().orElseThrow();
        }
        double worstMean = 0;
        double worstCov = 0;
        for (int i = 0; i < d; i++) {
            worstMean = Math.max(worstMean, Math.abs(mean[i]) / Math.sqrt(sigma[i][i]));
            for (int j = 0; j < d; j++) {
                double c = 0;
                for (int n = 0; n < x[i].length; n++) {
                    c += (x[i][n] - mean[i]) * (x[j][n] - mean[j]);
                }
                c /= x[i].length - 1;
                worstCov = Math.max(worstCov, Math.abs(c - sigma[i][j]) / Math.sqrt(sigma[i][i] * sigma[j][j]));
            }
        }
        return new double[] {worstMean, worstCov};
    }
}
