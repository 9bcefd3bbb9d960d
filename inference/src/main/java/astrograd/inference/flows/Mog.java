package astrograd.inference.flows;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * A fixed mixture of K Gaussians in D dimensions, in float64 plain arrays: normalized log-weights, means,
 * precisions {@code P_k = Σ_k⁻¹} and the lower Cholesky factors {@code L_k} of the covariances. Used for the
 * analytic SNPE corrections, as a proposal and as a posterior.
 *
 * <p>{@link #combine} multiplies and divides Gaussians in canonical form: for signs {@code s_j = ±1},
 * {@code Π_j N(θ; m_j, P_j⁻¹)^{s_j} ∝ w · N(θ; m, P⁻¹)} with
 * <pre>
 *   P = Σ_j s_j P_j,   m = P⁻¹ Σ_j s_j P_j m_j,
 *   log w = Σ_j s_j (½ log|P_j| − ½ m_jᵀ P_j m_j − (D/2) log 2π) − ½ log|P| + ½ mᵀ P m + (D/2) log 2π
 * </pre>
 * which is the SNPE-A correction and the SNPE-C proposal posterior of the spec (Papamakarios &amp; Murray 2016;
 * Greenberg et al. 2019). The product exists only when P is positive definite.
 */
public final class Mog {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] logWeights;
    private final double[][] means;
    private final double[][][] precisions;
    private final double[][][] covarianceCholesky;

    private Mog(double[] logWeights, double[][] means, double[][][] precisions, double[][][] covarianceCholesky) {
        this.logWeights = logWeights;
        this.means = means;
        this.precisions = precisions;
        this.covarianceCholesky = covarianceCholesky;
    }

    /** From logits {@code [K]}, means {@code [K, D]} and covariance Cholesky factors {@code [K, D, D]}. */
    public static Mog fromCholesky(Tensor logits, Tensor means, Tensor scaleTril) {
        int k = means.size(0);
        int d = means.size(1);
        double[] lw = normalize(logits.to(DType.F64).toDoubleArray());
        double[][] mu = rows(means.to(DType.F64).toDoubleArray(), k, d);
        double[] l = scaleTril.to(DType.F64).contiguous().toDoubleArray();
        double[][][] chol = new double[k][d][d];
        double[][][] prec = new double[k][][];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    chol[c][i][j] = l[(c * d + i) * d + j];
                }
            }
            prec[c] = Dense.inverseFromCholesky(chol[c]);
        }
        return new Mog(lw, mu, prec, chol);
    }

    /**
     * From log-weights (normalized here), means and precisions.
     *
     * @throws IllegalArgumentException naming the component when a precision is not positive definite
     */
    public static Mog fromPrecisions(double[] logWeights, double[][] means, double[][][] precisions) {
        int k = means.length;
        double[][][] chol = new double[k][][];
        for (int c = 0; c < k; c++) {
            double[][] precisionCholesky = Dense.cholesky(precisions[c], "Mog: precision of component " + c);
            chol[c] = Dense.covarianceCholeskyFromPrecisionCholesky(precisionCholesky);
        }
        return new Mog(normalize(logWeights), means, precisions, chol);
    }

    /** One Gaussian {@code N(mean, diag(variances))}. */
    public static Mog diagonalGaussian(double[] mean, double[] variances) {
        int d = mean.length;
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++) {
            p[i][i] = 1 / variances[i];
        }
        return fromPrecisions(new double[] {0}, new double[][] {mean.clone()}, new double[][][] {p});
    }

    public int components() {
        return means.length;
    }

    public int dim() {
        return means[0].length;
    }

    public double[] logWeights() {
        return logWeights.clone();
    }

    public double[][] means() {
        return means;
    }

    public double[][][] precisions() {
        return precisions;
    }

    /** {@code log Σ_k w_k N(θ; m_k, P_k⁻¹)} for each row of θ {@code [n][D]}. */
    public double[] logProb(double[][] theta) {
        double[] out = new double[theta.length];
        double[] terms = new double[components()];
        for (int i = 0; i < theta.length; i++) {
            for (int c = 0; c < components(); c++) {
                terms[c] = logWeights[c] + componentLogProb(c, theta[i]);
            }
            out[i] = logSumExp(terms);
        }
        return out;
    }

    /** {@link #logProb} with {@link Var} ops, {@code [n]} for θ {@code [n, D]}, differentiable in θ. */
    public Var logProb(Var theta) {
        DType dt = theta.value().dtype();
        int d = dim();
        Var[] terms = new Var[components()];
        for (int c = 0; c < components(); c++) {
            Var r = theta.sub(Var.constant(Tensor.of(means[c]).to(dt)));
            Var p = Var.constant(Tensor.of(precisions[c]).to(dt));
            Var quadratic = r.matmul(p).mul(r).sum(1);
            double constant = logWeights[c] + 0.5 * Dense.logDetFromCholesky(Dense.cholesky(precisions[c], "Mog"))
                    - 0.5 * d * LOG_2PI;
            terms[c] = quadratic.mul(-0.5).add(constant).unsqueeze(1);
        }
        return Var.cat(1, terms).logsumexp(new int[] {1}, false);
    }

    private double componentLogProb(int c, double[] theta) {
        int d = dim();
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            r[j] = theta[j] - means[c][j];
        }
        return 0.5 * Dense.logDetFromCholesky(Dense.cholesky(precisions[c], "Mog"))
                - 0.5 * Dense.quadratic(precisions[c], r) - 0.5 * d * LOG_2PI;
    }

    /** {@code n} draws {@code [n, D]} (F64): a component by its weight, then {@code m_k + L_k ε}. */
    public Tensor sample(int n, Rng rng) {
        int d = dim();
        double[] weights = new double[components()];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = Math.exp(logWeights[c]);
        }
        double[] u = rng.rand(DType.F64, n).toDoubleArray();
        double[] eps = rng.randn(DType.F64, n, d).toDoubleArray();
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = pick(weights, u[i]);
            for (int a = 0; a < d; a++) {
                double v = means[c][a];
                for (int b = 0; b <= a; b++) {
                    v += covarianceCholesky[c][a][b] * eps[i * d + b];
                }
                out[i * d + a] = v;
            }
        }
        return Tensor.of(out, n, d);
    }

    private static int pick(double[] weights, double u) {
        double acc = 0;
        for (int c = 0; c < weights.length - 1; c++) {
            acc += weights[c];
            if (u < acc) {
                return c;
            }
        }
        return weights.length - 1;
    }

    /** The mixture of {@code z = (θ − shift) / scale} (per dimension) when θ follows this one. */
    public Mog standardize(double[] shift, double[] scale) {
        int d = dim();
        double[][] mu = new double[components()][d];
        double[][][] prec = new double[components()][d][d];
        for (int c = 0; c < components(); c++) {
            for (int i = 0; i < d; i++) {
                mu[c][i] = (means[c][i] - shift[i]) / scale[i];
                for (int j = 0; j < d; j++) {
                    prec[c][i][j] = precisions[c][i][j] * scale[i] * scale[j];
                }
            }
        }
        return fromPrecisions(logWeights.clone(), mu, prec);
    }

    /** The mixture of {@code θ = shift + scale · z} when z follows this one. */
    public Mog unstandardize(double[] shift, double[] scale) {
        double[] invShift = new double[dim()];
        double[] invScale = new double[dim()];
        for (int i = 0; i < dim(); i++) {
            invShift[i] = -shift[i] / scale[i];
            invScale[i] = 1 / scale[i];
        }
        return standardize(invShift, invScale);
    }

    /**
     * {@code this · Π multiply / Π divide}, renormalized: a mixture over every combination of components.
     *
     * @throws IllegalArgumentException naming the combination when its precision is not positive definite
     */
    public Mog combine(Mog[] multiply, Mog[] divide) {
        Mog result = this;
        for (Mog m : multiply) {
            result = result.pairwise(m, +1);
        }
        for (Mog m : divide) {
            result = result.pairwise(m, -1);
        }
        return result;
    }

    private Mog pairwise(Mog other, int sign) {
        int d = dim();
        int n = components() * other.components();
        double[] lw = new double[n];
        double[][] mu = new double[n][];
        double[][][] prec = new double[n][][];
        for (int a = 0; a < components(); a++) {
            for (int b = 0; b < other.components(); b++) {
                int idx = a * other.components() + b;
                double[][] p = new double[d][d];
                double[] h = new double[d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        p[i][j] = precisions[a][i][j] + sign * other.precisions[b][i][j];
                        h[i] += precisions[a][i][j] * means[a][j] + sign * other.precisions[b][i][j] * other.means[b][j];
                    }
                }
                double[][] pc = Dense.cholesky(p, "Mog.combine: component pair (" + a + ", " + b + ")");
                double[] m = Dense.choleskySolve(pc, h);
                lw[idx] = logWeights[a] + sign * other.logWeights[b] + canonicalConstant(precisions[a], means[a])
                        + sign * canonicalConstant(other.precisions[b], other.means[b])
                        - 0.5 * Dense.logDetFromCholesky(pc) + 0.5 * Dense.quadratic(p, m) + 0.5 * d * LOG_2PI;
                mu[idx] = m;
                prec[idx] = p;
            }
        }
        for (double v : lw) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Mog.combine: non-finite component log-weight (overflow in the"
                        + " Gaussian product)");
            }
        }
        return fromPrecisions(lw, mu, prec);
    }

    private static double canonicalConstant(double[][] precision, double[] mean) {
        int d = mean.length;
        return 0.5 * Dense.logDetFromCholesky(Dense.cholesky(precision, "Mog")) - 0.5 * Dense.quadratic(precision, mean)
                - 0.5 * d * LOG_2PI;
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }

    private static double[] normalize(double[] logits) {
        double z = logSumExp(logits);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - z;
        }
        return out;
    }

    private static double[][] rows(double[] flat, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }
}
