package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.layers.losses.Reduction;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * A batch of N mixtures of K Gaussians in D dimensions: mixture logits {@code [N, K]} (weights
 * {@code π = softmax(logits)}), means {@code [N, K, D]}, and either per-dimension scales σ {@code [N, K, D]}
 * (diagonal covariance {@code diag(σ²)}) or lower Cholesky factors L {@code [N, K, D, D]} of the covariance
 * {@code Σ_k = L_k L_kᵀ} (positive diagonal).
 * <pre>
 *   log p(y) = logsumexp_k [ log π_k − ½ ‖L_k⁻¹ (y − μ_k)‖² − ½ log det Σ_k − (D/2) log 2π ]
 * </pre>
 * with {@code log det Σ_k = 2 Σ_d log L_k,dd} (for the diagonal case {@code L_k = diag(σ_k)}).
 */
public final class GaussianMixture {
    private final Var logits;
    private final Var means;
    private final Var scales;
    private final Var scaleTril;

    private GaussianMixture(Var logits, Var means, Var scales, Var scaleTril) {
        this.logits = logits;
        this.means = means;
        this.scales = scales;
        this.scaleTril = scaleTril;
    }

    /** Mixture with diagonal covariances {@code diag(σ_k²)}; σ must be positive. */
    public static GaussianMixture diagonal(Var logits, Var means, Var scales) {
        checkShapes(logits.value(), means.value());
        if (!java.util.Arrays.equals(scales.value().shape(), means.value().shape())) {
            throw new ShapeException("GaussianMixture: scales " + Shape.str(scales.value().shape())
                    + " must match means " + Shape.str(means.value().shape()));
        }
        return new GaussianMixture(logits, means, scales, null);
    }

    /** Mixture with full covariances {@code L_k L_kᵀ} from lower Cholesky factors {@code [N, K, D, D]}. */
    public static GaussianMixture full(Var logits, Var means, Var scaleTril) {
        checkShapes(logits.value(), means.value());
        int[] m = means.value().shape();
        int[] l = scaleTril.value().shape();
        if (l.length != 4 || l[0] != m[0] || l[1] != m[1] || l[2] != m[2] || l[3] != m[2]) {
            throw new ShapeException("GaussianMixture: Cholesky factors " + Shape.str(l) + " must be ["
                    + m[0] + ", " + m[1] + ", " + m[2] + ", " + m[2] + "] for means " + Shape.str(m));
        }
        return new GaussianMixture(logits, means, null, scaleTril);
    }

    private static void checkShapes(Tensor logits, Tensor means) {
        int[] g = logits.shape();
        int[] m = means.shape();
        if (g.length != 2 || m.length != 3 || g[0] != m[0] || g[1] != m[1]) {
            throw new ShapeException("GaussianMixture: logits " + Shape.str(g) + " and means " + Shape.str(m)
                    + " must be [N, K] and [N, K, D]");
        }
    }

    public boolean isDiagonal() {
        return scaleTril == null;
    }

    public Var logits() {
        return logits;
    }

    /** Mixture weights {@code softmax(logits)} {@code [N, K]}. */
    public Var weights() {
        return logits.softmax(1);
    }

    public Var means() {
        return means;
    }

    /** The scales {@code [N, K, D]} of a diagonal mixture (null for a full one). */
    public Var scales() {
        return scales;
    }

    /** The covariance Cholesky factors {@code [N, K, D, D]} of a full mixture (null for a diagonal one). */
    public Var scaleTril() {
        return scaleTril;
    }

    /** Log-density of targets y {@code [N, D]}, one value per row {@code [N]}. */
    public Var logProb(Var y) {
        Heads.checkTargets("GaussianMixture.logProb", means.value(), y.value());
        Var joint = logits.logSoftmax(1).add(componentLogProb(y));
        return joint.logsumexp(new int[] {1}, false);
    }

    /** {@code log N(y | μ_k, Σ_k)} {@code [N, K]}. */
    public Var componentLogProb(Var y) {
        int d = means.value().size(2);
        Var r = y.unsqueeze(1).sub(means);
        Var quadratic;
        Var logDet;
        if (isDiagonal()) {
            quadratic = r.div(scales).square().sum(2);
            logDet = scales.log().sum(2).mul(2);
        } else {
            Var z = scaleTril.triangularSolve(r.unsqueeze(-1), true, false);
            quadratic = z.square().sum(2, 3);
            logDet = scaleTril.logdetFromCholesky();
        }
        return quadratic.add(logDet).add(d * Heads.LOG_2PI).mul(-0.5);
    }

    /** Negative log-likelihood {@code −log p(y)}, reduced over the batch. */
    public Var nll(Var y, Reduction reduction) {
        return reduction.apply(logProb(y).neg());
    }

    /** The mixture mean {@code m = Σ_k π_k μ_k} {@code [N, D]}. */
    public Var mean() {
        return weights().unsqueeze(-1).mul(means).sum(1);
    }

    /**
     * The mixture covariance by the law of total variance,
     * {@code Σ_k π_k (Σ_k + μ_k μ_kᵀ) − m mᵀ} {@code [N, D, D]}.
     */
    public Var covariance() {
        Var within = componentCovariances();
        Var outer = means.unsqueeze(-1).matmul(means.unsqueeze(-2));
        Var second = weights().unsqueeze(-1).unsqueeze(-1).mul(within.add(outer)).sum(1);
        Var m = mean();
        return second.sub(m.unsqueeze(-1).matmul(m.unsqueeze(-2)));
    }

    /** {@code Σ_k} {@code [N, K, D, D]}. */
    public Var componentCovariances() {
        if (isDiagonal()) {
            int d = means.value().size(2);
            Tensor eye = Tensor.eye(d, means.value().dtype());
            return scales.square().unsqueeze(-1).mul(Var.constant(eye));
        }
        return scaleTril.matmul(scaleTril.transpose(-1, -2));
    }

    /**
     * One draw per row {@code [N, D]}: a component k from π by inverse CDF of a uniform, then
     * {@code μ_k + L_k ε} with ε standard normal; all randomness from {@code rng}.
     */
    public Tensor sample(Rng rng) {
        Tensor mu = means.value();
        int n = mu.size(0);
        int k = mu.size(1);
        int d = mu.size(2);
        Tensor cdf = weights().value().to(DType.F64).cumsum(1);
        Tensor u = rng.rand(DType.F64, n, 1);
        Tensor chosen = cdf.lt(u).to(DType.I64).sum(new int[] {1}, false).clamp(0, k - 1).to(DType.I64);
        Tensor eps = rng.randn(mu.dtype(), n, d);
        Tensor mean = mu.gather(1, chosen.reshape(n, 1, 1).expand(n, 1, d).contiguous()).reshape(n, d);
        if (isDiagonal()) {
            Tensor sigma = scales.value().gather(1, chosen.reshape(n, 1, 1).expand(n, 1, d).contiguous()).reshape(n, d);
            return mean.add(sigma.mul(eps));
        }
        Tensor l = scaleTril.value().gather(1, chosen.reshape(n, 1, 1, 1).expand(n, 1, d, d).contiguous()).reshape(n, d, d);
        return mean.add(l.matmul(eps.unsqueeze(-1)).squeeze(-1));
    }
}
