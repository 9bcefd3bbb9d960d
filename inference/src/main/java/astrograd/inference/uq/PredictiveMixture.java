package astrograd.inference.uq;

import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * The predictive distribution of an ensemble of stochastic models for N inputs: per row an equal-weight mixture
 * of M Gaussians {@code N(μ_m, Σ_m)} (M = members × Monte-Carlo passes). Its moments follow the law of total
 * variance:
 * <pre>
 *   μ̄ = (1/M) Σ_m μ_m
 *   Σ̄ = (1/M) Σ_m Σ_m  +  (1/M) Σ_m (μ_m − μ̄)(μ_m − μ̄)ᵀ  =  aleatoric + epistemic
 * </pre>
 * The first term is the aleatoric (data-noise) part, the second the epistemic (model) part: the spread of the
 * means between members and passes, which plan-net's reference notebook left out. All F64.
 */
public final class PredictiveMixture {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int m;
    private final int n;
    private final int d;
    /** {@code [M][N·D]}. */
    private final double[][] means;
    /** {@code [M][N·D·D]}. */
    private final double[][] covariances;

    private PredictiveMixture(double[][] means, double[][] covariances, int n, int d) {
        this.m = means.length;
        this.n = n;
        this.d = d;
        this.means = means;
        this.covariances = covariances;
    }

    /** The mixture of the given passes (each over the same N rows and D). */
    public static PredictiveMixture of(List<Gaussians> components) {
        if (components.isEmpty()) {
            throw new IllegalArgumentException("PredictiveMixture: needs at least one component");
        }
        int n = components.get(0).rows();
        int d = components.get(0).dim();
        double[][] mu = new double[components.size()][];
        double[][] cov = new double[components.size()][];
        for (int c = 0; c < components.size(); c++) {
            Gaussians g = components.get(c);
            if (g.rows() != n || g.dim() != d) {
                throw new IllegalArgumentException("PredictiveMixture: component " + c + " has " + g.rows() + " rows of "
                        + g.dim() + " dimensions, component 0 has " + n + " of " + d);
            }
            mu[c] = g.mean().toDoubleArray();
            cov[c] = g.covariance().toDoubleArray();
        }
        return new PredictiveMixture(mu, cov, n, d);
    }

    /** Components M. */
    public int components() {
        return m;
    }

    public int rows() {
        return n;
    }

    public int dim() {
        return d;
    }

    /** Mixture means μ̄ {@code [N, D]}. */
    public Tensor mean() {
        return Tensor.of(meanArray(), n, d);
    }

    /** Mean of the components' covariances {@code [N, D, D]}: the aleatoric part. */
    public Tensor aleatoric() {
        return Tensor.of(aleatoricArray(), n, d, d);
    }

    /** Covariance of the components' means (population, 1/M) {@code [N, D, D]}: the epistemic part. */
    public Tensor epistemic() {
        return Tensor.of(epistemicArray(meanArray()), n, d, d);
    }

    /** Aleatoric plus epistemic {@code [N, D, D]}. */
    public Tensor covariance() {
        double[] a = aleatoricArray();
        double[] e = epistemicArray(meanArray());
        for (int i = 0; i < a.length; i++) {
            a[i] += e[i];
        }
        return Tensor.of(a, n, d, d);
    }

    /** Marginal standard deviations {@code [N, D]} of the total covariance. */
    public Tensor std() {
        return diagonalSqrt(covariance());
    }

    /** Marginal standard deviations {@code [N, D]} of the aleatoric part only. */
    public Tensor aleatoricStd() {
        return diagonalSqrt(aleatoric());
    }

    /** Marginal standard deviations {@code [N, D]} of the epistemic part only. */
    public Tensor epistemicStd() {
        return diagonalSqrt(epistemic());
    }

    /** Component c's mean {@code [N, D]}. */
    public Tensor componentMean(int c) {
        return Tensor.of(means[c].clone(), n, d);
    }

    /**
     * {@code k} draws per row from the mixture {@code [N, k, D]}: a uniformly chosen component, then
     * {@code μ_m + C_m z} with {@code C_m} the Cholesky factor of {@code Σ_m} and {@code z ~ N(0, I)}.
     */
    public Tensor sample(Rng rng, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("PredictiveMixture.sample: need k >= 1, got " + k);
        }
        double[] out = new double[n * k * d];
        double[] chol = new double[d * d];
        double[] z = new double[d];
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < k; s++) {
                int c = (int) Math.min(m - 1, (long) (rng.nextDouble() * m));
                cholesky(covariances[c], (r * d) * d, chol, r, c);
                for (int i = 0; i < d; i++) {
                    z[i] = rng.nextGaussian();
                }
                int base = (r * k + s) * d;
                for (int i = 0; i < d; i++) {
                    double v = means[c][r * d + i];
                    for (int j = 0; j <= i; j++) {
                        v += chol[i * d + j] * z[j];
                    }
                    out[base + i] = v;
                }
            }
        }
        return Tensor.of(out, n, k, d);
    }

    /**
     * Log-density of targets {@code y [N, D]} under each row's mixture {@code [N]}:
     * {@code log((1/M) Σ_m N(y; μ_m, Σ_m))}, by log-sum-exp.
     */
    public double[] logDensity(Tensor y) {
        double[] t = checkTargets(y);
        double[] out = new double[n];
        double[] chol = new double[d * d];
        double[] logs = new double[m];
        for (int r = 0; r < n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                cholesky(covariances[c], r * d * d, chol, r, c);
                logs[c] = gaussianLogDensity(t, r * d, means[c], r * d, chol);
                max = Math.max(max, logs[c]);
            }
            double sum = 0;
            for (int c = 0; c < m; c++) {
                sum += Math.exp(logs[c] - max);
            }
            out[r] = max + Math.log(sum / m);
        }
        return out;
    }

    /**
     * The mixture without its epistemic part, as plan-net's reference code sampled it: one Gaussian per row with
     * mean μ̄ and covariance the mean of the components' covariances. For showing what the left-out term costs.
     */
    public PredictiveMixture withoutEpistemic() {
        return new PredictiveMixture(new double[][] {meanArray()}, new double[][] {aleatoricArray()}, n, d);
    }

    /** The mixture moment-matched to one Gaussian per row: mean μ̄ and covariance Σ̄. */
    public PredictiveMixture momentMatched() {
        double[] a = aleatoricArray();
        double[] mu = meanArray();
        double[] e = epistemicArray(mu);
        for (int i = 0; i < a.length; i++) {
            a[i] += e[i];
        }
        return new PredictiveMixture(new double[][] {mu}, new double[][] {a}, n, d);
    }

    private double[] meanArray() {
        double[] out = new double[n * d];
        for (double[] mu : means) {
            for (int i = 0; i < out.length; i++) {
                out[i] += mu[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= m;
        }
        return out;
    }

    private double[] aleatoricArray() {
        double[] out = new double[n * d * d];
        for (double[] cov : covariances) {
            for (int i = 0; i < out.length; i++) {
                out[i] += cov[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= m;
        }
        return out;
    }

    private double[] epistemicArray(double[] mean) {
        double[] out = new double[n * d * d];
        for (double[] mu : means) {
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < d; i++) {
                    double di = mu[r * d + i] - mean[r * d + i];
                    for (int j = 0; j < d; j++) {
                        out[(r * d + i) * d + j] += di * (mu[r * d + j] - mean[r * d + j]);
                    }
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= m;
        }
        return out;
    }

    private Tensor diagonalSqrt(Tensor cov) {
        double[] c = cov.toDoubleArray();
        double[] out = new double[n * d];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < d; k++) {
                out[r * d + k] = Math.sqrt(c[(r * d + k) * d + k]);
            }
        }
        return Tensor.of(out, n, d);
    }

    private double[] checkTargets(Tensor y) {
        if (y.rank() != 2 || y.size(0) != n || y.size(1) != d) {
            throw new IllegalArgumentException("PredictiveMixture: targets " + java.util.Arrays.toString(y.shape())
                    + " must be [" + n + ", " + d + "]");
        }
        return y.to(astrograd.tensor.DType.F64).contiguous().toDoubleArray();
    }

    /** Cholesky factor of the D×D block at {@code offset} of {@code cov} into {@code l} (lower, row-major). */
    private void cholesky(double[] cov, int offset, double[] l, int row, int component) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = cov[offset + i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("PredictiveMixture: covariance of component " + component
                                + " at row " + row + " is not positive definite (pivot " + s + ")");
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
            for (int j = i + 1; j < d; j++) {
                l[i * d + j] = 0;
            }
        }
    }

    /** {@code log N(y; μ, C Cᵀ)} with the Cholesky factor C. */
    private double gaussianLogDensity(double[] y, int yOffset, double[] mu, int muOffset, double[] chol) {
        double quadratic = 0;
        double logDet = 0;
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            double s = y[yOffset + i] - mu[muOffset + i];
            for (int k = 0; k < i; k++) {
                s -= chol[i * d + k] * w[k];
            }
            w[i] = s / chol[i * d + i];
            quadratic += w[i] * w[i];
            logDet += Math.log(chol[i * d + i]);
        }
        return -0.5 * quadratic - logDet - 0.5 * d * LOG_2PI;
    }
}
