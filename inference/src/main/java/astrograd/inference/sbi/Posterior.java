package astrograd.inference.sbi;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.inference.flows.ConditionalDensity;
import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.inference.flows.Mog;
import astrograd.layers.optim.Adam;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;

/**
 * The posterior {@code p(θ | x)} a trained estimator gives: draws, log-density and MAP at an observation.
 *
 * <p>The estimator works on z-scored θ and x ({@link ZScore}); this class maps back to θ. For SNPE-A the
 * estimator learned the proposal posterior, so the draws and densities come from the analytically corrected mixture
 * {@code q(θ|x) p(θ) / p̃(θ)} ({@link Mog#combine}); otherwise from the estimator itself.
 *
 * <p><b>Leakage.</b> The estimator may put mass outside the prior's support. Draws are made by rejection into the
 * support, and the acceptance rate is reported with them; when it falls below the floor the sampler stops with
 * an {@link IllegalStateException} instead of looping. {@link #logProb} divides by the acceptance rate
 * (sbi's {@code leakage_correction}) and is −∞ outside the support.
 */
public final class Posterior {
    /** Draws per batch of the rejection sampler, and for the acceptance-rate estimate of {@link #logProb}. */
    public static final int LEAKAGE_DRAWS = 10_000;

    /** Accepted draws {@code [n, D]} (float64), the acceptance rate of the rejection and the draws it took. */
    public record Samples(Tensor theta, double acceptanceRate, long drawn) {
    }

    private final ConditionalDensity estimator;
    private final ZScore thetaScore;
    private final ZScore xScore;
    private final VectorPrior prior;
    private final Mog proposalZ;
    private final double acceptanceFloor;
    private final DType dtype;

    /**
     * @param proposalZ       for SNPE-A, the proposal of the final round in z-space (null otherwise)
     * @param acceptanceFloor the smallest acceptance rate of the rejection into the prior support
     */
    public Posterior(ConditionalDensity estimator, ZScore thetaScore, ZScore xScore, VectorPrior prior, Mog proposalZ,
            double acceptanceFloor) {
        if (proposalZ != null && !(estimator instanceof MixtureDensityNetwork)) {
            throw new IllegalArgumentException("Posterior: the analytic SNPE-A correction needs an MDN estimator");
        }
        if (!(acceptanceFloor > 0 && acceptanceFloor < 1)) {
            throw new IllegalArgumentException("Posterior: acceptance floor must be in (0, 1), got " + acceptanceFloor);
        }
        this.estimator = estimator;
        this.thetaScore = thetaScore;
        this.xScore = xScore;
        this.prior = prior;
        this.proposalZ = proposalZ;
        this.acceptanceFloor = acceptanceFloor;
        this.dtype = estimator.module().parameters().get(0).value().dtype();
    }

    public ConditionalDensity estimator() {
        return estimator;
    }

    public ZScore thetaScore() {
        return thetaScore;
    }

    public ZScore xScore() {
        return xScore;
    }

    public VectorPrior prior() {
        return prior;
    }

    /** The SNPE-A proposal in z-space, or null. */
    public Mog proposalZ() {
        return proposalZ;
    }

    public double acceptanceFloor() {
        return acceptanceFloor;
    }

    public int dim() {
        return estimator.dim();
    }

    /** {@code x [F]} or {@code [1, F]}, z-scored, as {@code [1, F]} in the estimator's dtype. */
    Tensor contextZ(Tensor x) {
        Tensor c = ConditionalDensity.oneContext("Posterior", x, estimator.contextDim());
        return xScore.apply(c, dtype);
    }

    /** The SNPE-A corrected mixture at x in z-space: {@code q(z|x) · p(z) / p̃(z)}. */
    Mog correctedMixtureZ(Tensor x, int round) {
        Mog q = ((MixtureDensityNetwork) estimator).mixtureAt(contextZ(x));
        Mog priorZ = prior.kind() == VectorPrior.Kind.GAUSSIAN
                ? prior.gaussianMixture().standardize(thetaScore.mean(), thetaScore.std()) : null;
        try {
            return q.combine(priorZ == null ? new Mog[0] : new Mog[] {priorZ}, new Mog[] {proposalZ});
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SNPE-A" + (round >= 0 ? " round " + round : "") + ": the analytic"
                    + " correction q·p/p̃ failed: " + e.getMessage() + " (the proposal is narrower than the density"
                    + " estimate in some direction)", e);
        }
    }

    /** Draws from the estimator (or the corrected mixture) before the support check, in θ-space. */
    private Tensor rawDraws(int n, Tensor xz, Mog corrected, Rng rng) {
        Tensor z = corrected != null ? corrected.sample(n, rng) : estimator.sample(n, xz, rng);
        return thetaScore.invert(z);
    }

    /**
     * {@code n} draws from {@code p(θ | x)} by rejection into the prior support.
     *
     * @throws IllegalStateException when the acceptance rate after at least {@value #LEAKAGE_DRAWS} draws is below
     *                               the floor, or the draws are NaN
     */
    public Samples sample(int n, Tensor x, Rng rng) {
        return sample(n, x, rng, -1);
    }

    /** Just the draws of {@link #sample(int, Tensor, Rng)} (a {@link Calibration.PosteriorSampler}). */
    public Tensor sampleTheta(int n, Tensor x, Rng rng) {
        return sample(n, x, rng).theta();
    }

    Samples sample(int n, Tensor x, Rng rng, int round) {
        if (n < 1) {
            throw new IllegalArgumentException("Posterior.sample: n must be >= 1, got " + n);
        }
        Tensor xz = contextZ(x);
        Mog corrected = proposalZ == null ? null : correctedMixtureZ(x, round);
        double[] out = new double[n * dim()];
        int accepted = 0;
        long inside = 0;
        long drawn = 0;
        int batch = Math.max(n, LEAKAGE_DRAWS);
        while (accepted < n) {
            Tensor draws = rawDraws(batch, xz, corrected, rng);
            boolean[] ok = prior.inSupport(draws).toBooleanArray();
            double[] values = draws.contiguous().toDoubleArray();
            drawn += batch;
            for (int i = 0; i < batch; i++) {
                if (ok[i]) {
                    inside++;
                    if (accepted < n) {
                        System.arraycopy(values, i * dim(), out, accepted * dim(), dim());
                        accepted++;
                    }
                }
            }
            if (accepted < n && (double) inside / drawn < acceptanceFloor) {
                throw new IllegalStateException(leakageMessage(round, inside, drawn, values));
            }
        }
        return new Samples(Tensor.of(out, n, dim()), (double) inside / drawn, drawn);
    }

    private String leakageMessage(int round, long accepted, long drawn, double[] lastValues) {
        boolean nan = false;
        for (double v : lastValues) {
            nan |= !Double.isFinite(v);
        }
        return "posterior leakage" + (round >= 0 ? " in round " + round : "") + ": only " + accepted + " of " + drawn
                + String.format(" draws (%.3g%%)", 100.0 * accepted / drawn) + " fall inside the prior support, below"
                + " the floor of " + acceptanceFloor + (nan ? "; the estimator returned NaN/Inf draws" : "")
                + " (more simulations, fewer rounds, or a truncated proposal may help)";
    }

    /** The fraction of draws inside the prior support, from {@value #LEAKAGE_DRAWS} draws of a fixed stream. */
    public double acceptanceRate(Tensor x) {
        Tensor xz = contextZ(x);
        Mog corrected = proposalZ == null ? null : correctedMixtureZ(x, -1);
        Tensor draws = rawDraws(LEAKAGE_DRAWS, xz, corrected, new Rng(0x5b1L));
        return prior.inSupport(draws).to(DType.F64).mean().item();
    }

    /**
     * {@code log p(θ | x)} {@code [n]} for θ {@code [n, D]}: the estimator's density mapped to θ, divided by the
     * acceptance rate (leakage correction), −∞ outside the support.
     */
    public Tensor logProb(Tensor theta, Tensor x) {
        double logAcceptance = Math.log(acceptanceRate(x));
        Tensor lp;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            lp = logProbUncorrected(Var.constant(theta.to(DType.F64)), x).value().to(DType.F64).sub(logAcceptance);
        }
        return lp.maskedFill(prior.inSupport(theta).not(), Double.NEGATIVE_INFINITY);
    }

    /** {@code log q(θ | x)} in θ-space without the support or leakage terms, differentiable in θ (float64). */
    public Var logProbUncorrected(Var theta, Tensor x) {
        int n = theta.value().size(0);
        Var z = theta.sub(Var.constant(Tensor.of(thetaScore.mean()))).div(Var.constant(Tensor.of(thetaScore.std())));
        Var lq;
        if (proposalZ != null) {
            lq = correctedMixtureZ(x, -1).logProb(z);
        } else {
            Tensor xz = contextZ(x).expand(n, estimator.contextDim()).contiguous();
            lq = estimator.logProb(z.to(dtype), Var.constant(xz)).to(DType.F64);
        }
        return lq.sub(thetaScore.logScale());
    }

    /**
     * The maximum a posteriori θ: the best of {@code candidates} posterior draws, refined by {@code steps} of
     * Adam (lr 0.01 in z-units) on {@code log q(θ|x)}, staying inside the support.
     */
    public Tensor map(Tensor x, int candidates, int steps, Rng rng) {
        Tensor draws = sample(candidates, x, rng).theta();
        double[] lp = uncorrected(draws, x);
        int best = 0;
        for (int i = 1; i < lp.length; i++) {
            best = lp[i] > lp[best] ? i : best;
        }
        Point point = new Point(thetaScore.apply(draws.narrow(0, best, 1), DType.F64));
        Adam adam = new Adam(point.parameters(), 0.01);
        Tensor bestTheta = draws.narrow(0, best, 1);
        double bestLp = lp[best];
        for (int s = 0; s < steps; s++) {
            point.zeroGrad();
            Var theta = point.z.var().mul(Var.constant(Tensor.of(thetaScore.std())))
                    .add(Var.constant(Tensor.of(thetaScore.mean())));
            logProbUncorrected(theta, x).sum().neg().backward();
            adam.step();
            Tensor candidate = thetaScore.invert(point.z.value());
            double v = uncorrected(candidate, x)[0];
            if (v > bestLp) {
                bestLp = v;
                bestTheta = candidate;
            }
        }
        return bestTheta.reshape(dim());
    }

    private double[] uncorrected(Tensor theta, Tensor x) {
        Tensor lp;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            lp = logProbUncorrected(Var.constant(theta.to(DType.F64)), x).value().to(DType.F64);
        }
        return lp.maskedFill(prior.inSupport(theta).not(), Double.NEGATIVE_INFINITY).toDoubleArray();
    }

    /** The point MAP search moves. */
    private static final class Point extends astrograd.layers.Module {
        final astrograd.layers.Parameter z;

        Point(Tensor start) {
            z = parameter("z", start);
        }
    }
}
