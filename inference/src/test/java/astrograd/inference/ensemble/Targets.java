package astrograd.inference.ensemble;

import astrograd.autodiff.Var;
import astrograd.inference.model.LogDensity;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/** Test targets: Gaussians written with Var ops. */
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
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(precision[i], 0, flat, i * d, d);
        }
        Var p = Var.constant(Tensor.of(flat, d, d));
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
}
