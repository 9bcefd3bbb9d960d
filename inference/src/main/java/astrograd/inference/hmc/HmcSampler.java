package astrograd.inference.hmc;

import astrograd.inference.model.Model;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.EnginePool;
import java.util.Arrays;
import java.util.List;

/**
 * Hamiltonian Monte Carlo on a {@link Model}'s posterior in unconstrained space (gradients by autodiff), with
 * Stan's adaptation: the No-U-Turn sampler ({@link NutsTransition}, the default) or static HMC with integration
 * time T; dual-averaging step size towards a target accept statistic (0.8); Stan's windowed warm-up estimating a
 * diagonal (default) or dense metric. Draws are reported in constrained space.
 *
 * <pre>{@code
 * HmcSampler s = HmcSampler.nuts(model).warmup(1000).draws(1000).build();
 * HmcResult r = s.run(4, new Rng(42));
 * Draws d = r.draws();                 // [4, 1000, D], for Summary and the diagnostics
 * System.out.println(r.diagnostics()); // divergences, tree-depth saturations, E-BFMI
 * }</pre>
 *
 * <p>Each iteration: a transition at the current step size; in warm-up, the step size learns from its accept
 * statistic and, at the end of each slow window, the metric is re-estimated, a first step size is searched again
 * ({@link StepSizeSearch}) and dual averaging restarts around it; after warm-up the step size is
 * {@code exp(x̄)} of the last averaging. Chains start at Stan's random points {@code u ~ U(−r, r)ᴰ} in
 * unconstrained space ({@code r} = 2; up to 100 tries for a finite log-density) or at given points.
 *
 * <p>Chains run in parallel on the engine pool (or, with {@link Builder#batchChains}, together in one thread with one
 * batched evaluation per leapfrog step), chain c on stream c of {@code rng.split(chains)} (its first split draws the
 * starting point): the draws depend only on the seed, never on the thread count, and adding a chain leaves the others
 * unchanged.
 */
public final class HmcSampler {
    /** The energy error {@code H − H₀} above which a transition is divergent (Stan's {@code max_deltaH}). */
    public static final double MAX_DELTA_H = 1000;
    /** Random starting points tried per chain before giving up (Stan's {@code MAX_INIT_TRIES}). */
    public static final int MAX_INIT_TRIES = 100;

    /** The transition kernel. */
    public enum Algorithm {
        /** The No-U-Turn sampler with multinomial sampling. */
        NUTS,
        /** Static HMC with a fixed integration time. */
        STATIC
    }

    final Model model;
    final Algorithm algorithm;
    final double integrationTime;
    final MetricKind metricKind;
    final int warmup;
    final int draws;
    final double targetAccept;
    final int maxTreeDepth;
    final double stepSize;
    final double stepSizeJitter;
    final double initRadius;
    final int initBuffer;
    final int termBuffer;
    final int baseWindow;
    private final boolean parallel;
    final boolean batchChains;

    private HmcSampler(Builder b) {
        this.model = b.model;
        this.algorithm = b.algorithm;
        this.integrationTime = b.integrationTime;
        this.metricKind = b.metricKind;
        this.warmup = b.warmup;
        this.draws = b.draws;
        this.targetAccept = b.targetAccept;
        this.maxTreeDepth = b.maxTreeDepth;
        this.stepSize = b.stepSize;
        this.stepSizeJitter = b.stepSizeJitter;
        this.initRadius = b.initRadius;
        this.initBuffer = b.initBuffer;
        this.termBuffer = b.termBuffer;
        this.baseWindow = b.baseWindow;
        this.parallel = b.parallel;
        this.batchChains = b.batchChains;
    }

    /** Options for the No-U-Turn sampler on {@code model}. */
    public static Builder nuts(Model model) {
        return new Builder(model, Algorithm.NUTS, Double.NaN);
    }

    /** Options for static HMC with integration time {@code T = ε·L > 0} on {@code model} (Stan's default is 2π). */
    public static Builder staticHmc(Model model, double integrationTime) {
        if (!(integrationTime > 0) || !Double.isFinite(integrationTime)) {
            throw new IllegalArgumentException("hmc: integration time must be > 0 and finite, got " + integrationTime);
        }
        return new Builder(model, Algorithm.STATIC, integrationTime);
    }

    public Model model() {
        return model;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** Runs {@code chains} chains from Stan's random starting points. */
    public HmcResult run(int chains, Rng rng) {
        return finish(start(chains, rng));
    }

    /** Runs one chain from each row of {@code initial [chains, D]} (constrained space). */
    public HmcResult run(Tensor initial, Rng rng) {
        return finish(start(initial, rng));
    }

    private HmcResult finish(HmcRun run) {
        return run.advance(warmup + draws).result();
    }

    /** Starts {@code chains} chains from Stan's random starting points, to be advanced with {@link HmcRun#advance}. */
    public HmcRun start(int chains, Rng rng) {
        if (chains < 1) {
            throw new IllegalArgumentException("hmc: need >= 1 chain, got " + chains);
        }
        return startAll(chains, null, rng);
    }

    /** Starts one chain from each row of {@code initial [chains, D]} (constrained space). */
    public HmcRun start(Tensor initial, Rng rng) {
        int d = model.dim();
        if (initial.rank() != 2 || initial.size(1) != d || initial.size(0) < 1) {
            throw new IllegalArgumentException("hmc: initial points must be [chains, " + d + "], got "
                    + Arrays.toString(initial.shape()));
        }
        double[] flat = initial.to(DType.F64).contiguous().toDoubleArray();
        int chains = initial.size(0);
        double[][] rows = new double[chains][];
        for (int c = 0; c < chains; c++) {
            rows[c] = Arrays.copyOfRange(flat, c * d, (c + 1) * d);
        }
        return startAll(chains, rows, rng);
    }

    private HmcRun startAll(int chains, double[][] initial, Rng rng) {
        List<Rng> streams = rng.split(chains);
        ChainState[] out = new ChainState[chains];
        forEachChain(chains, (s, e) -> {
            for (int c = s; c < e; c++) {
                out[c] = ChainState.start(this, c, streams.get(c), initial == null ? null : initial[c]);
            }
        });
        return new HmcRun(this, out);
    }

    /** Runs {@code body} over chains {@code [0, chains)}, on the engine pool if the chains run in parallel. */
    void forEachChain(int chains, EnginePool.RangeBody body) {
        if (parallel) {
            EnginePool.parallelFor(chains, 1, body);
        } else {
            body.run(0, chains);
        }
    }

    /** Every setting that changes the draws, and the model's parameter names: a checkpoint's identity. */
    String fingerprint() {
        return this + ", step size " + stepSize + ", jitter " + stepSizeJitter + ", init radius " + initRadius
                + ", windows " + initBuffer + "/" + termBuffer + "/" + baseWindow + ", model " + model.names();
    }

    @Override
    public String toString() {
        return "HmcSampler(" + (algorithm == Algorithm.NUTS ? "NUTS, max depth " + maxTreeDepth
                : "static HMC, T = " + integrationTime) + ", " + metricKind + " metric, " + warmup + " warm-up, "
                + draws + " draws, target accept " + targetAccept + ")";
    }

    /**
     * Options, with Stan's defaults: 1000 warm-up iterations, 1000 draws, diagonal metric, target accept 0.8,
     * maximum tree depth 10, first step size 1 without jitter, starting radius 2, windows 75 / 25 / 50, chains in
     * parallel.
     */
    public static final class Builder {
        private final Model model;
        private final Algorithm algorithm;
        private final double integrationTime;
        private MetricKind metricKind = MetricKind.DIAGONAL;
        private int warmup = 1000;
        private int draws = 1000;
        private double targetAccept = 0.8;
        private int maxTreeDepth = 10;
        private double stepSize = 1;
        private double stepSizeJitter = 0;
        private double initRadius = 2;
        private int initBuffer = 75;
        private int termBuffer = 50;
        private int baseWindow = 25;
        private boolean parallel = true;
        private boolean batchChains;

        private Builder(Model model, Algorithm algorithm, double integrationTime) {
            if (model == null) {
                throw new IllegalArgumentException("hmc: model is null");
            }
            this.model = model;
            this.algorithm = algorithm;
            this.integrationTime = integrationTime;
        }

        /** Warm-up iterations (>= 0; below 20 the metric is not adapted, at 0 nothing is). */
        public Builder warmup(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("hmc: warm-up must be >= 0 iterations, got " + n);
            }
            this.warmup = n;
            return this;
        }

        /** Post-warm-up draws per chain (>= 1). */
        public Builder draws(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("hmc: draws must be >= 1, got " + n);
            }
            this.draws = n;
            return this;
        }

        /** The accept statistic δ that step-size adaptation targets, in (0, 1) (Stan's {@code adapt_delta}). */
        public Builder targetAccept(double delta) {
            if (!(delta > 0 && delta < 1)) {
                throw new IllegalArgumentException("hmc: target accept must be in (0, 1), got " + delta);
            }
            this.targetAccept = delta;
            return this;
        }

        /** NUTS's maximum tree depth in [1, 30] (static HMC: at most 2^depth leapfrog steps per transition). */
        public Builder maxTreeDepth(int depth) {
            if (depth < 1 || depth > 30) {
                throw new IllegalArgumentException("hmc: maximum tree depth must be in [1, 30], got " + depth);
            }
            this.maxTreeDepth = depth;
            return this;
        }

        public Builder metric(MetricKind kind) {
            if (kind == null) {
                throw new IllegalArgumentException("hmc: metric kind is null");
            }
            this.metricKind = kind;
            return this;
        }

        /** The first step size (> 0), where the search and adaptation start; used as is without warm-up. */
        public Builder stepSize(double eps) {
            if (!(eps > 0) || !Double.isFinite(eps)) {
                throw new IllegalArgumentException("hmc: step size must be > 0 and finite, got " + eps);
            }
            this.stepSize = eps;
            return this;
        }

        /** Each transition's step size is {@code ε(1 + j(2u − 1))}, u uniform; {@code j} in [0, 1]. */
        public Builder stepSizeJitter(double j) {
            if (!(j >= 0 && j <= 1)) {
                throw new IllegalArgumentException("hmc: step-size jitter must be in [0, 1], got " + j);
            }
            this.stepSizeJitter = j;
            return this;
        }

        /** Random starting points are uniform on {@code (−r, r)} per unconstrained coordinate ({@code r >= 0}). */
        public Builder initRadius(double r) {
            if (!(r >= 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("hmc: initial radius must be >= 0 and finite, got " + r);
            }
            this.initRadius = r;
            return this;
        }

        /** Stan's warm-up windows: initial fast buffer, terminal fast buffer, first slow window (all >= 1). */
        public Builder windows(int init, int term, int base) {
            if (init < 1 || term < 1 || base < 1) {
                throw new IllegalArgumentException("hmc: warm-up windows must be >= 1 iteration each, got init "
                        + init + ", term " + term + ", base " + base);
            }
            this.initBuffer = init;
            this.termBuffer = term;
            this.baseWindow = base;
            return this;
        }

        /** Run chains on the engine pool (true) or one after another (false); the draws are the same. */
        public Builder parallel(boolean p) {
            this.parallel = p;
            return this;
        }

        /**
         * Advance the chains together in one thread, evaluating the next point of every chain as one batch
         * {@code [chains, D]} per leapfrog step (see {@link LockstepChains}): for small models, whose evaluation
         * costs about the same for one point as for a few, this is the fastest way to run several chains on one
         * core. The draws are the same as with {@link #parallel} as long as the model evaluates every row of a batch
         * independently and with the same arithmetic as alone (true of elementwise ops and row reductions).
         */
        public Builder batchChains(boolean b) {
            this.batchChains = b;
            return this;
        }

        public HmcSampler build() {
            return new HmcSampler(this);
        }
    }
}
