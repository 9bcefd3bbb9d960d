package astrograd.inference.ensemble;

import astrograd.inference.model.Model;
import astrograd.inference.model.Space;
import astrograd.inference.stats.Rows;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.EnginePool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The affine-invariant ensemble sampler (Goodman &amp; Weare 2010; emcee, Foreman-Mackey et al. 2013): W walkers
 * updated in red-blue halves, each half against the other with a {@link Move} (stretch by default), the
 * log-density of each half's proposals evaluated in one batched call. Walkers move in {@link Space#CONSTRAINED}
 * space (as emcee) or through the model's bijections in {@link Space#UNCONSTRAINED} space; draws are reported in
 * constrained space either way.
 *
 * <pre>{@code
 * EnsembleSampler s = EnsembleSampler.builder(model).walkers(32).move(Move.stretch()).build();
 * EnsembleResult r = s.run(4, Initializer.ball(center, scale), 5000, new Rng(42));
 * Draws d = r.draws(1000);
 * }</pre>
 *
 * <p>Several ensembles run in parallel on the engine pool, ensemble e on stream e of {@code rng.split(E)}: the
 * draws depend only on the seed, not on which thread runs an ensemble, and adding an ensemble leaves the others
 * unchanged. (Across thread counts they are the same as long as the log-density's own values are; the engine's
 * reductions are cut into blocks that do not depend on the thread count.)
 */
public final class EnsembleSampler {
    private final Model model;
    private final int walkers;
    private final Move move;
    private final Space space;
    private final int thin;
    private final boolean parallel;

    private EnsembleSampler(Builder b) {
        this.model = b.model;
        this.walkers = b.walkers > 0 ? b.walkers : Math.max(32, 2 * b.model.dim());
        this.move = b.move;
        this.space = b.space;
        this.thin = b.thin;
        this.parallel = b.parallel;
        if (walkers < 2 * model.dim()) {
            throw new IllegalArgumentException("ensemble: " + walkers + " walkers for " + model.dim()
                    + " parameters: need at least 2·D = " + 2 * model.dim());
        }
        if (walkers / 2 < move.minComplement()) {
            throw new IllegalArgumentException("ensemble: " + walkers + " walkers give halves of " + walkers / 2
                    + " but " + move + " needs at least " + move.minComplement() + " walkers per half");
        }
    }

    public static Builder builder(Model model) {
        return new Builder(model);
    }

    public int walkers() {
        return walkers;
    }

    public Model model() {
        return model;
    }

    /**
     * Runs {@code ensembles} independent ensembles for {@code steps} steps, in parallel. Ensemble e uses stream e of
     * {@code rng.split(ensembles)}: its first split gives the {@code Initializer}'s stream, the rest drives the moves.
     */
    public EnsembleResult run(int ensembles, Initializer init, int steps, Rng rng) {
        if (ensembles < 1) {
            throw new IllegalArgumentException("ensemble: need >= 1 ensemble, got " + ensembles);
        }
        checkSteps(steps);
        List<Rng> streams = rng.split(ensembles);
        EnsembleChain[] out = new EnsembleChain[ensembles];
        EnginePool.RangeBody body = (s, e) -> {
            for (int i = s; i < e; i++) {
                Rng stream = streams.get(i);
                Tensor start = init.initial(i, walkers, model, stream.split());
                out[i] = run(start, steps, stream);
            }
        };
        if (parallel) {
            EnginePool.parallelFor(ensembles, 1, body);
        } else {
            body.run(0, ensembles);
        }
        return new EnsembleResult(Arrays.asList(out));
    }

    /** Runs one ensemble from {@code initial [W, D]} (constrained space) for {@code steps} steps on {@code rng}. */
    public EnsembleChain run(Tensor initial, int steps, Rng rng) {
        checkSteps(steps);
        EnsembleState state = new EnsembleState(model, space, startingPoints(initial));
        int d = model.dim();
        int stored = steps / thin;
        double[] positions = new double[stored * walkers * d];
        double[] logDensity = new double[stored * walkers];
        for (int t = 0; t < steps; t++) {
            state.step(move, rng);
            if ((t + 1) % thin == 0) {
                int n = (t + 1) / thin - 1;
                for (int k = 0; k < walkers; k++) {
                    System.arraycopy(state.x[k], 0, positions, (n * walkers + k) * d, d);
                }
                System.arraycopy(state.logDensity, 0, logDensity, n * walkers, walkers);
            }
        }
        if (space == Space.UNCONSTRAINED && stored > 0) {
            positions = model.toConstrained(Tensor.of(positions, stored * walkers, d)).toDoubleArray();
        }
        Tensor last = model.toConstrained(Tensor.of(Rows.flatten(state.x), walkers, d), space);
        return new EnsembleChain(positions, logDensity, stored, walkers, model.names(), state.accepted, steps,
                state.nonFinite, state.evaluations, last);
    }

    /**
     * Starts {@code ensembles} ensembles as {@link #run(int, Initializer, int, Rng)} does (the same streams, so the
     * same draws), as a run that can be advanced in pieces, checkpointed and resumed.
     */
    public EnsembleRun start(int ensembles, Initializer init, Rng rng) {
        return EnsembleRun.start(this, ensembles, init, rng);
    }

    Move move() {
        return move;
    }

    Space space() {
        return space;
    }

    int thin() {
        return thin;
    }

    boolean parallel() {
        return parallel;
    }

    double[][] startingPoints(Tensor initial) {
        int d = model.dim();
        if (initial.rank() != 2 || initial.size(0) != walkers || initial.size(1) != d) {
            throw new IllegalArgumentException("ensemble: initial positions must be [" + walkers + ", " + d + "], got "
                    + Arrays.toString(initial.shape()));
        }
        Tensor x = initial.to(DType.F64);
        double[] flat = x.contiguous().toDoubleArray();
        for (int i = 0; i < flat.length; i++) {
            if (!Double.isFinite(flat[i])) {
                throw new IllegalArgumentException("ensemble: initial position of walker " + i / d + ", parameter "
                        + model.names().get(i % d) + " is " + flat[i]);
            }
        }
        if (space == Space.UNCONSTRAINED) {
            flat = model.toUnconstrained(x).contiguous().toDoubleArray();
        }
        double[][] rows = new double[walkers][];
        for (int k = 0; k < walkers; k++) {
            rows[k] = Arrays.copyOfRange(flat, k * d, (k + 1) * d);
        }
        WalkerChecks.checkSpan(rows);
        return rows;
    }

    private static void checkSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("ensemble: steps must be >= 0, got " + steps);
        }
    }

    @Override
    public String toString() {
        return "EnsembleSampler(" + walkers + " walkers, " + move + ", " + space + ", thin " + thin + ")";
    }

    /** Options: walkers (default max(32, 2D)), move (stretch), space (constrained), thinning (1), parallel (yes). */
    public static final class Builder {
        private final Model model;
        private int walkers;
        private Move move = Move.stretch();
        private Space space = Space.CONSTRAINED;
        private int thin = 1;
        private boolean parallel = true;

        private Builder(Model model) {
            if (model == null) {
                throw new IllegalArgumentException("ensemble: model is null");
            }
            this.model = model;
        }

        /** Number of walkers W >= 2D. */
        public Builder walkers(int w) {
            if (w < 1) {
                throw new IllegalArgumentException("ensemble: walkers must be >= 1, got " + w);
            }
            this.walkers = w;
            return this;
        }

        public Builder move(Move m) {
            if (m == null) {
                throw new IllegalArgumentException("ensemble: move is null");
            }
            this.move = m;
            return this;
        }

        /** A mixture of moves with weights. */
        public Builder moves(double[] weights, Move... moves) {
            return move(new MoveMixture(weights, moves));
        }

        public Builder space(Space s) {
            this.space = s;
            return this;
        }

        /** Store every k-th step (acceptance still counts every step). */
        public Builder thin(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("ensemble: thinning must be >= 1, got " + k);
            }
            this.thin = k;
            return this;
        }

        /** Run several ensembles on the engine pool (true) or one after another (false); the draws are the same. */
        public Builder parallel(boolean p) {
            this.parallel = p;
            return this;
        }

        public EnsembleSampler build() {
            return new EnsembleSampler(this);
        }
    }
}
