package astrograd.inference.uq;

import astrograd.tensor.Tensor;

/**
 * The moments of a {@link PredictiveMixture} accumulated pass by pass without keeping the components (for many
 * inputs × many passes): running sums of {@code μ_m}, {@code Σ_m} and {@code μ_m μ_mᵀ} in F64, then
 * <pre>
 *   μ̄ = (1/M) Σ μ_m,   aleatoric = (1/M) Σ Σ_m,   epistemic = (1/M) Σ μ_m μ_mᵀ − μ̄ μ̄ᵀ
 * </pre>
 * (the same law of total variance; the one-pass form of the epistemic part is exact in exact arithmetic and
 * loses relative accuracy only when the means' spread is below ~1e-8 of their size).
 */
public final class MomentAccumulator {
    private int count;
    private int n = -1;
    private int d;
    private double[] sumMean;
    private double[] sumCov;
    private double[] sumOuter;

    /** Adds one pass. */
    public void add(Gaussians g) {
        if (n < 0) {
            n = g.rows();
            d = g.dim();
            sumMean = new double[n * d];
            sumCov = new double[n * d * d];
            sumOuter = new double[n * d * d];
        } else if (g.rows() != n || g.dim() != d) {
            throw new IllegalArgumentException("MomentAccumulator: a pass of " + g.rows() + " rows of " + g.dim()
                    + " dimensions after passes of " + n + " of " + d);
        }
        double[] mu = g.mean().toDoubleArray();
        double[] cov = g.covariance().toDoubleArray();
        for (int i = 0; i < mu.length; i++) {
            sumMean[i] += mu[i];
        }
        for (int i = 0; i < cov.length; i++) {
            sumCov[i] += cov[i];
        }
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double a = mu[r * d + i];
                for (int j = 0; j < d; j++) {
                    sumOuter[(r * d + i) * d + j] += a * mu[r * d + j];
                }
            }
        }
        count++;
    }

    /** Passes added. */
    public int count() {
        return count;
    }

    /** μ̄ {@code [N, D]}. */
    public Tensor mean() {
        check();
        double[] out = new double[n * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = sumMean[i] / count;
        }
        return Tensor.of(out, n, d);
    }

    /** The aleatoric part {@code [N, D, D]}. */
    public Tensor aleatoric() {
        check();
        double[] out = new double[n * d * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = sumCov[i] / count;
        }
        return Tensor.of(out, n, d, d);
    }

    /** The epistemic part {@code [N, D, D]}. */
    public Tensor epistemic() {
        check();
        double[] out = new double[n * d * d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double mi = sumMean[r * d + i] / count;
                for (int j = 0; j < d; j++) {
                    out[(r * d + i) * d + j] = sumOuter[(r * d + i) * d + j] / count - mi * sumMean[r * d + j] / count;
                }
            }
        }
        return Tensor.of(out, n, d, d);
    }

    /** Aleatoric plus epistemic {@code [N, D, D]}. */
    public Tensor covariance() {
        return aleatoric().add(epistemic());
    }

    private void check() {
        if (count == 0) {
            throw new IllegalStateException("MomentAccumulator: no pass added");
        }
    }
}
