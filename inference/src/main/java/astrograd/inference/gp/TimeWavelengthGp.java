package astrograd.inference.gp;

import astrograd.autodiff.Var;
import astrograd.tensor.Linalg;
import astrograd.tensor.NotPositiveDefiniteException;
import astrograd.tensor.Tensor;

/**
 * A zero-mean Gaussian process over (time, wavelength) with a product kernel and known per-point noise:
 * <pre>
 *   k((t, λ), (t', λ')) = σ_f² · k_t(|t − t'|; ℓ_t) · exp(−(λ − λ')² / (2 ℓ_λ²)),   K_y = K + diag(σ_i²)
 *   k_t = exp(−r²/(2ℓ_t²))                         (squared exponential)
 *   k_t = (1 + √3 r/ℓ_t) exp(−√3 r/ℓ_t)           (Matérn-3/2)
 * </pre>
 * The hyperparameters are {@code θ = (ln σ_f², ln ℓ_t, ln ℓ_λ)}. The log marginal likelihood
 * {@code ln p(y|θ) = −½ yᵀK_y⁻¹y − Σ ln L_ii − (n/2) ln 2π} with {@code K_y = LLᵀ} is written in {@link Var} ops
 * through the engine's Cholesky, so its gradient {@code ½ tr((ααᵀ − K_y⁻¹) ∂K_y/∂θ)} comes from autodiff. The
 * prediction at new points is {@code μ* = K*ᵀα}, {@code var* = σ_f² − ‖L⁻¹K*‖²} (latent function, without noise).
 *
 * <p>Optional mean: a constant per group (e.g. per band), {@code m(x) = β_g(x)} (Rasmussen &amp; Williams 2006, §2.7).
 * β is profiled out by generalised least squares, {@code β̂ = (HᵀK_y⁻¹H)⁻¹HᵀK_y⁻¹y} with H the group indicator
 * matrix, and the likelihood is that of the residual {@code y − Hβ̂}; autodiff differentiates through β̂ too. A
 * zero-mean GP reverts to 0 far from the data; the per-group mean lets bands of the same shape differ by an offset
 * while staying strongly correlated. The predictive variance ignores the uncertainty of β̂.
 */
public final class TimeWavelengthGp {
    /** The kernel along time. */
    public enum TimeKernel { SQUARED_EXPONENTIAL, MATERN_32 }

    /** Training points: times, wavelengths (any unit, the same as ℓ_λ's), values and their standard deviations. */
    public record Data(double[] t, double[] lambda, double[] y, double[] sigma, int[] meanGroup) {
        /** Zero mean. */
        public Data(double[] t, double[] lambda, double[] y, double[] sigma) {
            this(t, lambda, y, sigma, null);
        }

        public Data {
            int n = t.length;
            if (n == 0 || lambda.length != n || y.length != n || sigma.length != n) {
                throw new IllegalArgumentException("TimeWavelengthGp.Data: need n > 0 points with equal lengths, got "
                        + n + ", " + lambda.length + ", " + y.length + ", " + sigma.length);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(t[i]) || !Double.isFinite(lambda[i]) || !Double.isFinite(y[i])
                        || !(sigma[i] >= 0) || !Double.isFinite(sigma[i])) {
                    throw new IllegalArgumentException("TimeWavelengthGp.Data: point " + i + " is not finite or has"
                            + " a negative sigma: t " + t[i] + ", λ " + lambda[i] + ", y " + y[i] + ", σ " + sigma[i]);
                }
            }
            if (meanGroup != null) {
                checkGroups(meanGroup, n);
            }
        }

        /** Number of mean groups (0: zero mean). */
        public int groups() {
            return meanGroup == null ? 0 : java.util.Arrays.stream(meanGroup).max().orElse(-1) + 1;
        }

        public int size() {
            return t.length;
        }
    }

    /** Mean and standard deviation of the latent function at the prediction points. */
    public record Prediction(double[] mean, double[] sd) {
    }

    private final Data data;
    private final TimeKernel kernel;
    private final double[] theta;
    private final Tensor chol;
    private final Tensor alpha;
    private final double[] beta;

    /** The posterior for {@code data} at hyperparameters {@code theta = (ln σ_f², ln ℓ_t, ln ℓ_λ)}. */
    public TimeWavelengthGp(Data data, TimeKernel kernel, double[] theta) {
        this.data = data;
        this.kernel = kernel;
        this.theta = checkTheta(theta).clone();
        Tensor k = covariance(data, kernel, Var.constant(Tensor.of(theta, 3))).value();
        this.chol = Linalg.cholesky(k);
        Tensor y = Tensor.of(data.y().clone(), data.size(), 1);
        if (data.groups() > 0) {
            Var b = gls(Var.constant(chol), data, y);
            this.beta = b.value().toDoubleArray();
            y = y.sub(indicator(data.meanGroup(), data.groups()).matmul(b.value()));
        } else {
            this.beta = new double[0];
        }
        this.alpha = Linalg.choleskySolve(chol, y);
    }

    /** The GLS mean per group, β̂ (empty for a zero mean). */
    public double[] meanOffsets() {
        return beta.clone();
    }

    public double[] theta() {
        return theta.clone();
    }

    public TimeKernel kernel() {
        return kernel;
    }

    /** The log marginal likelihood at {@code theta} ({@code [3]}, F64) as a differentiable scalar. */
    public static Var logMarginalLikelihood(Data data, TimeKernel kernel, Var theta) {
        int n = data.size();
        Var l = covariance(data, kernel, theta).cholesky();
        Tensor y = Tensor.of(data.y().clone(), n, 1);
        Var r = Var.constant(y);
        if (data.groups() > 0) {
            r = r.sub(Var.constant(indicator(data.meanGroup(), data.groups())).matmul(gls(l, data, y)));
        }
        Var alpha = l.choleskySolve(r);
        Var quad = r.transpose(0, 1).matmul(alpha).sum();
        return quad.mul(-0.5).sub(l.logdetFromCholesky().mul(0.5)).sub(0.5 * n * Math.log(2 * Math.PI));
    }

    /**
     * {@code [ln p(y|θ), ∂/∂θ₀, ∂/∂θ₁, ∂/∂θ₂]}; the value is −∞ (and the gradient NaN) where {@code K_y} is not
     * positive definite in floating point.
     */
    public static double[] logMarginalLikelihoodAndGradient(Data data, TimeKernel kernel, double[] theta) {
        Var th = Var.param(Tensor.of(checkTheta(theta).clone(), 3));
        Var lml;
        try {
            lml = logMarginalLikelihood(data, kernel, th);
        } catch (NotPositiveDefiniteException e) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN};
        }
        lml.backward();
        double[] g = th.grad().toDoubleArray();
        return new double[] {lml.value().item(), g[0], g[1], g[2]};
    }

    /**
     * The same value and gradient as {@link #logMarginalLikelihoodAndGradient} from plain double loops, with the
     * gradient {@code ½ tr((ααᵀ − K_y⁻¹) ∂K_y/∂θ)} written out: {@code ∂K/∂ln σ_f² = K_f},
     * {@code ∂K/∂ln ℓ_λ = K_f ⊙ Δλ²/ℓ_λ²}, {@code ∂K/∂ln ℓ_t = K_f ⊙ r²/ℓ_t²} (SE) or
     * {@code σ_f² k_λ u² e^{−u}}, {@code u = √3 r/ℓ_t} (Matérn-3/2). With a per-group mean, β̂ maximises the
     * likelihood, so the gradient at fixed β̂ is the profile's. For the small matrices of light curves this avoids the
     * graph's per-op overhead (several times faster); the autodiff version is the reference it is tested against.
     */
    public static double[] logMarginalLikelihoodAndGradientDirect(Data data, TimeKernel kernel, double[] theta) {
        checkTheta(theta);
        int n = data.size();
        double amp = Math.exp(theta[0]);
        double lt = Math.exp(theta[1]);
        double ll = Math.exp(theta[2]);
        double[] kf = new double[n * n];
        double[] dTime = new double[n * n];
        double[] dLambda = new double[n * n];
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double r = Math.abs(data.t()[i] - data.t()[j]);
                double dl = data.lambda()[i] - data.lambda()[j];
                double kl = Math.exp(-0.5 * dl * dl / (ll * ll));
                double kt;
                double dkt;
                if (kernel == TimeKernel.SQUARED_EXPONENTIAL) {
                    kt = Math.exp(-0.5 * r * r / (lt * lt));
                    dkt = kt * r * r / (lt * lt);
                } else {
                    double u = Math.sqrt(3) * r / lt;
                    double e = Math.exp(-u);
                    kt = (1 + u) * e;
                    dkt = u * u * e;
                }
                double v = amp * kt * kl;
                kf[i * n + j] = kf[j * n + i] = v;
                dTime[i * n + j] = dTime[j * n + i] = amp * kl * dkt;
                dLambda[i * n + j] = dLambda[j * n + i] = v * dl * dl / (ll * ll);
                k[i * n + j] = k[j * n + i] = v;
            }
            k[i * n + i] += data.sigma()[i] * data.sigma()[i];
        }
        double[] l = DenseCholesky.factor(k, n);
        if (l == null) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN};
        }
        double[] r = data.y().clone();
        if (data.groups() > 0) {
            double[] beta = DenseCholesky.gls(l, n, data.meanGroup(), data.groups(), r);
            for (int i = 0; i < n; i++) {
                r[i] -= beta[data.meanGroup()[i]];
            }
        }
        double[] alpha = DenseCholesky.solve(l, n, r);
        double[] kinv = DenseCholesky.inverse(l, n);
        double quad = 0;
        double logdet = 0;
        for (int i = 0; i < n; i++) {
            quad += r[i] * alpha[i];
            logdet += Math.log(l[i * n + i]);
        }
        double[] g = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = alpha[i] * alpha[j] - kinv[i * n + j];
                g[0] += w * kf[i * n + j];
                g[1] += w * dTime[i * n + j];
                g[2] += w * dLambda[i * n + j];
            }
        }
        return new double[] {-0.5 * quad - logdet - 0.5 * n * Math.log(2 * Math.PI), 0.5 * g[0], 0.5 * g[1],
            0.5 * g[2]};
    }

    /** {@code β̂ = (HᵀK⁻¹H)⁻¹HᵀK⁻¹y} ({@code [G, 1]}) from the Cholesky factor {@code l} of K. */
    private static Var gls(Var l, Data data, Tensor y) {
        Var h = Var.constant(indicator(data.meanGroup(), data.groups()));
        Var kinvH = l.choleskySolve(h);
        Var a = h.transpose(0, 1).matmul(kinvH);
        Var rhs = kinvH.transpose(0, 1).matmul(Var.constant(y));
        return a.cholesky().choleskySolve(rhs);
    }

    /** {@code H[i, g] = 1} when point i is in group g. */
    static Tensor indicator(int[] group, int groups) {
        double[] h = new double[group.length * groups];
        for (int i = 0; i < group.length; i++) {
            h[i * groups + group[i]] = 1;
        }
        return Tensor.of(h, group.length, groups);
    }

    private static void checkGroups(int[] group, int n) {
        if (group.length != n) {
            throw new IllegalArgumentException("TimeWavelengthGp.Data: " + group.length + " mean groups for " + n
                    + " points");
        }
        int g = java.util.Arrays.stream(group).max().orElse(-1) + 1;
        boolean[] seen = new boolean[g];
        for (int v : group) {
            if (v < 0) {
                throw new IllegalArgumentException("TimeWavelengthGp.Data: negative mean group " + v);
            }
            seen[v] = true;
        }
        for (int k = 0; k < g; k++) {
            if (!seen[k]) {
                throw new IllegalArgumentException("TimeWavelengthGp.Data: mean group " + k + " has no points");
            }
        }
    }

    /** The noisy covariance {@code K_y = σ_f² k_t k_λ + diag(σ_i²)} as a Var of θ. */
    static Var covariance(Data d, TimeKernel kernel, Var theta) {
        int n = d.size();
        double[] r = new double[n * n];
        double[] dl2 = new double[n * n];
        double[] noise = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[i * n + j] = Math.abs(d.t()[i] - d.t()[j]);
                double dl = d.lambda()[i] - d.lambda()[j];
                dl2[i * n + j] = dl * dl;
            }
            noise[i * n + i] = d.sigma()[i] * d.sigma()[i];
        }
        Var kt = timeKernel(kernel, Tensor.of(r, n, n), theta.select(0, 1));
        Var kl = Var.constant(Tensor.of(dl2, n, n)).mul(theta.select(0, 2).mul(-2).exp().mul(-0.5)).exp();
        return kt.mul(kl).mul(theta.select(0, 0).exp()).add(Var.constant(Tensor.of(noise, n, n)));
    }

    private static Var timeKernel(TimeKernel kernel, Tensor r, Var logScale) {
        Var inv = logScale.neg().exp();
        if (kernel == TimeKernel.SQUARED_EXPONENTIAL) {
            return Var.constant(r.mul(r)).mul(inv.square().mul(-0.5)).exp();
        }
        Var u = Var.constant(r).mul(inv.mul(Math.sqrt(3)));
        return u.add(1).mul(u.neg().exp());
    }

    /** Posterior mean and sd of the latent function at {@code (t*, λ*)} (zero-mean GP only). */
    public Prediction predict(double[] tStar, double[] lambdaStar) {
        if (beta.length > 0) {
            throw new IllegalArgumentException("TimeWavelengthGp.predict: this GP has a mean per group; pass the groups");
        }
        return predict(tStar, lambdaStar, new int[tStar.length]);
    }

    /** Posterior mean {@code β̂_g + K*ᵀα} and sd at {@code (t*, λ*)} in mean groups {@code group*}. */
    public Prediction predict(double[] tStar, double[] lambdaStar, int[] groupStar) {
        int n = data.size();
        int m = tStar.length;
        if (lambdaStar.length != m || groupStar.length != m) {
            throw new IllegalArgumentException("TimeWavelengthGp.predict: " + m + " times but " + lambdaStar.length
                    + " wavelengths and " + groupStar.length + " groups");
        }
        double amp = Math.exp(theta[0]);
        double[] cross = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                cross[i * m + j] = amp * kernelValue(data.t()[i] - tStar[j], data.lambda()[i] - lambdaStar[j]);
            }
        }
        Tensor kStar = Tensor.of(cross, n, m);
        double[] mean = kStar.transpose(0, 1).matmul(alpha).toDoubleArray();
        if (beta.length > 0) {
            for (int j = 0; j < m; j++) {
                if (groupStar[j] < 0 || groupStar[j] >= beta.length) {
                    throw new IllegalArgumentException("TimeWavelengthGp.predict: group " + groupStar[j]
                            + " outside the " + beta.length + " fitted groups");
                }
                mean[j] += beta[groupStar[j]];
            }
        }
        double[] v = Linalg.triangularSolve(chol, kStar, true, false).toDoubleArray();
        double[] sd = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i * m + j] * v[i * m + j];
            }
            sd[j] = Math.sqrt(Math.max(0, amp - s));
        }
        return new Prediction(mean, sd);
    }

    private double kernelValue(double dt, double dl) {
        double lt = Math.exp(theta[1]);
        double ll = Math.exp(theta[2]);
        double r = Math.abs(dt) / lt;
        double kt = kernel == TimeKernel.SQUARED_EXPONENTIAL ? Math.exp(-0.5 * r * r)
                : (1 + Math.sqrt(3) * r) * Math.exp(-Math.sqrt(3) * r);
        return kt * Math.exp(-0.5 * dl * dl / (ll * ll));
    }

    private static double[] checkTheta(double[] theta) {
        if (theta.length != 3) {
            throw new IllegalArgumentException("TimeWavelengthGp: θ must be (ln σ_f², ln ℓ_t, ln ℓ_λ), got "
                    + theta.length + " values");
        }
        for (double v : theta) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("TimeWavelengthGp: θ must be finite, got "
                        + java.util.Arrays.toString(theta));
            }
        }
        return theta;
    }
}
