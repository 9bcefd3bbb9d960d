package astrograd.inference.sbi;

import astrograd.autodiff.Var;
import astrograd.inference.flows.ConditionalDensity;
import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.inference.flows.Mog;
import astrograd.layers.heads.GaussianMixture;
import astrograd.tensor.DType;
import astrograd.tensor.NotPositiveDefiniteException;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * The training losses of neural posterior estimation, all on z-scored θ and x, each the mean over the batch.
 * <ul>
 *   <li>{@link #nll}: {@code −log q(θ_i | x_i)} (NPE, SNPE-A, round 0 of SNPE-C);</li>
 *   <li>{@link #atomic}: APT's atomic loss (Greenberg et al. 2019) for any estimator and proposal,
 *       {@code −[(log q(θ_i|x_i) − log p(θ_i)) − logsumexp_{θ' ∈ Θ_i}(log q(θ'|x_i) − log p(θ'))]} with atoms
 *       {@code Θ_i} = θ_i and {@code A − 1} other θ of the batch drawn without replacement;</li>
 *   <li>{@link #nonAtomic}: SNPE-C's closed-form loss for an MDN with a Gaussian-mixture proposal, the NLL of
 *       the proposal posterior {@code q̃ ∝ q · p̃ / p} whose L×K components are
 *       {@code P = P_k + P_l − P_prior}, {@code m = P⁻¹(P_k m_k + P_l m_l − P_prior m_prior)} and
 *       {@code log α = log α_k + log α_l + c_k + c_l − ½ log|P| + ½ mᵀPm}, {@code c_j = ½ log|P_j| − ½ m_jᵀP_j m_j}.
 *       A precision that is not positive definite or non-finite logits stop training with a message naming the
 *       round and the cause.</li>
 * </ul>
 */
public final class SnpeLosses {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private SnpeLosses() {
    }

    /** {@code −mean log q(θ_i | x_i)}. */
    public static Var nll(ConditionalDensity q, Var theta, Var x) {
        return q.logProb(theta, x).mean().neg();
    }

    /**
     * The atomic loss.
     *
     * @param logPrior {@code log p(θ_i)} {@code [N]} of the batch's θ (any additive constant)
     * @param atoms    atoms per item, {@code 2 ≤ A ≤ N}
     */
    public static Var atomic(ConditionalDensity q, Var theta, Var x, Tensor logPrior, int atoms, Rng rng) {
        int n = theta.value().size(0);
        int a = Math.min(atoms, n);
        if (a < 2) {
            throw new IllegalArgumentException("SnpeLosses.atomic: needs a batch of at least 2, got " + n);
        }
        long[] atomIndex = new long[n * a];
        long[] contextIndex = new long[n * a];
        for (int i = 0; i < n; i++) {
            atomIndex[i * a] = i;
            int[] others = otherIndices(n, i, a - 1, rng);
            for (int j = 1; j < a; j++) {
                atomIndex[i * a + j] = others[j - 1];
            }
            java.util.Arrays.fill(contextIndex, i * a, (i + 1) * a, i);
        }
        Tensor atomIdx = Tensor.of(atomIndex, n * a);
        Var thetaAtoms = theta.indexSelect(0, atomIdx);
        Var xAtoms = x.indexSelect(0, Tensor.of(contextIndex, n * a));
        Var logQ = q.logProb(thetaAtoms, xAtoms).to(DType.F64).reshape(n, a);
        Var u = logQ.sub(Var.constant(logPrior.to(DType.F64).indexSelect(0, atomIdx).reshape(n, a)));
        Var loss = u.narrow(1, 0, 1).squeeze(1).sub(u.logsumexp(new int[] {1}, false));
        return loss.mean().neg();
    }

    /** {@code k} distinct indices in {@code [0, n)} other than {@code i}, by a partial Fisher–Yates shuffle. */
    private static int[] otherIndices(int n, int i, int k, Rng rng) {
        int[] pool = new int[n - 1];
        for (int j = 0, p = 0; j < n; j++) {
            if (j != i) {
                pool[p++] = j;
            }
        }
        for (int j = 0; j < k; j++) {
            int swap = j + rng.nextInt(pool.length - j);
            int t = pool[j];
            pool[j] = pool[swap];
            pool[swap] = t;
        }
        return java.util.Arrays.copyOf(pool, k);
    }

    /**
     * SNPE-C's non-atomic loss for an MDN.
     *
     * @param proposal the proposal mixture in z-space
     * @param prior    the Gaussian prior in z-space, or null for a box prior (no precision)
     * @param round    the round, for messages
     */
    public static Var nonAtomic(MixtureDensityNetwork q, Var theta, Var x, Mog proposal, Mog prior, int round) {
        DType dt = theta.value().dtype();
        GaussianMixture gm = q.mixture(x);
        int n = theta.value().size(0);
        int k = q.config().components();
        int d = q.dim();
        Var lower = gm.scaleTril();
        Var lowerInverse = lower.triangularSolve(Var.constant(Tensor.eye(d, dt)), true, false);
        Var precisionK = lowerInverse.transpose(-1, -2).matmul(lowerInverse);
        Var meansK = gm.means();
        Var shiftK = precisionK.matmul(meansK.unsqueeze(-1)).squeeze(-1);
        Var constantK = lower.logdetFromCholesky().mul(-0.5).sub(meansK.mul(shiftK).sum(2).mul(0.5));
        Proposal p = Proposal.of(proposal, prior, dt);
        int l = proposal.components();
        Var precision = precisionK.unsqueeze(2).add(p.precision.unsqueeze(0).unsqueeze(0));
        Var shift = shiftK.unsqueeze(2).add(p.shift.unsqueeze(0).unsqueeze(0));
        Var cholesky;
        try {
            cholesky = precision.cholesky();
        } catch (NotPositiveDefiniteException e) {
            throw new IllegalStateException("SNPE-C round " + round + ": the proposal-posterior precision"
                    + " P_k + P_l − P_prior is not positive definite (" + e.getMessage() + ")", e);
        }
        Var mean = cholesky.choleskySolve(shift.unsqueeze(-1)).squeeze(-1);
        Var logDet = cholesky.logdetFromCholesky();
        Var logits = gm.logits().logSoftmax(1).add(constantK).unsqueeze(2)
                .add(Var.constant(Tensor.of(p.logitShift).to(dt)))
                .add(mean.mul(shift).sum(3).mul(0.5)).sub(logDet.mul(0.5));
        checkFinite(logits.value(), round);
        Var logWeights = logits.reshape(n, k * l).logSoftmax(1);
        Var r = theta.unsqueeze(1).unsqueeze(1).sub(mean);
        Var quadratic = r.unsqueeze(-2).matmul(precision).matmul(r.unsqueeze(-1)).reshape(n, k, l);
        Var component = logDet.mul(0.5).sub(quadratic.mul(0.5)).sub(0.5 * d * LOG_2PI).reshape(n, k * l);
        return logWeights.add(component).logsumexp(new int[] {1}, false).mean().neg();
    }

    private static void checkFinite(Tensor logits, int round) {
        double[] v = logits.to(DType.F64).contiguous().toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalStateException("SNPE-C round " + round + ": NaN/Inf in the proposal-posterior logits"
                        + " (component pair " + i + " of " + v.length + ": " + v[i] + "); cause: "
                        + (Double.isNaN(v[i]) ? "NaN in the density estimator's output or the proposal"
                        : "overflow of the Gaussian product (a near-singular precision)"));
            }
        }
    }

    /** The proposal's part of the combined precisions, shifts and logits, prior divided out. */
    private record Proposal(Var precision, Var shift, double[] logitShift) {
        static Proposal of(Mog proposal, Mog prior, DType dt) {
            int l = proposal.components();
            int d = proposal.dim();
            double[] prec = new double[l * d * d];
            double[] shift = new double[l * d];
            double[] logits = new double[l];
            double[] lw = proposal.logWeights();
            for (int c = 0; c < l; c++) {
                double[][] pl = proposal.precisions()[c];
                double[] ml = proposal.means()[c];
                double quad = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double pij = pl[i][j] - (prior == null ? 0 : prior.precisions()[0][i][j]);
                        prec[(c * d + i) * d + j] = pij;
                        shift[c * d + i] += pl[i][j] * ml[j]
                                - (prior == null ? 0 : prior.precisions()[0][i][j] * prior.means()[0][j]);
                        quad += ml[i] * pl[i][j] * ml[j];
                    }
                }
                logits[c] = lw[c] + 0.5 * logDet(pl) - 0.5 * quad;
            }
            return new Proposal(Var.constant(Tensor.of(prec, l, d, d).to(dt)), Var.constant(Tensor.of(shift, l, d)
                    .to(dt)), logits);
        }

        private static double logDet(double[][] p) {
            double[][] c = choleskyOf(p);
            double s = 0;
            for (int i = 0; i < c.length; i++) {
                s += 2 * Math.log(c[i][i]);
            }
            return s;
        }

        private static double[][] choleskyOf(double[][] a) {
            int n = a.length;
            double[][] l = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = a[i][j];
                    for (int m = 0; m < j; m++) {
                        s -= l[i][m] * l[j][m];
                    }
                    l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
                }
            }
            return l;
        }
    }
}
