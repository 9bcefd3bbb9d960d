package astrograd.inference.demc;

import astrograd.inference.ensemble.Initializer;
import astrograd.inference.model.Evaluation;
import astrograd.inference.model.Model;
import astrograd.inference.model.Space;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A DEMC run in progress: the population ({@link DemcState}) and the draws stored so far (every {@code thin}-th
 * generation, in sampling space). {@link #advance} moves it on, {@link #result} reads it, and
 * {@link #checkpoint} / {@link #resume} save and restore it exactly. Not thread-safe.
 */
public final class DemcRun {
    private final DemcState state;
    private double[] positions;
    private double[] logDensities;
    private int stored;

    DemcRun(DemcState state, double[] positions, double[] logDensities, int stored) {
        this.state = state;
        this.positions = positions;
        this.logDensities = logDensities;
        this.stored = stored;
    }

    /** See {@link DemcSampler#start}. */
    static DemcRun start(DemcSampler sampler, Initializer init, Rng rng) {
        if (init == null || rng == null) {
            throw new IllegalArgumentException("demc: initializer and rng must not be null");
        }
        Rng initRng = rng.split();
        Rng population = rng.split();
        Rng[] chainRngs = rng.split(sampler.chains()).toArray(new Rng[0]);
        int c = sampler.chains();
        int n = sampler.usesArchive() ? sampler.initialArchive() : c;
        double[] flat = startingPoints(sampler, init.initial(0, n, sampler.model(), initRng), n);
        int d = sampler.model().dim();
        double[][] x = new double[c][];
        for (int i = 0; i < c; i++) {
            x[i] = Arrays.copyOfRange(flat, (n - c + i) * d, (n - c + i + 1) * d);
        }
        Archive archive = sampler.usesArchive() ? Archive.of(flat, n, d) : null;
        Evaluation e = sampler.model().evaluate(x, sampler.space());
        for (int i = 0; i < c; i++) {
            if (e.logDensity()[i] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("demc: chain " + i + " starts where the log-density is "
                        + (e.nonFinite() > 0 ? "not finite" : "-infinity") + ": start every chain inside the support");
            }
        }
        DemcState s = new DemcState(sampler, x, e.logDensity().clone(), archive, chainRngs, population);
        s.evaluations = 1;
        return new DemcRun(s, new double[0], new double[0], 0);
    }

    /** The starts {@code [n, D]} in sampling space, checked: finite, and no parameter the same at every start. */
    private static double[] startingPoints(DemcSampler sampler, Tensor points, int n) {
        Model model = sampler.model();
        int d = model.dim();
        if (points.rank() != 2 || points.size(0) != n || points.size(1) != d) {
            throw new IllegalArgumentException("demc: the initializer must give [" + n + ", " + d + "], got "
                    + Arrays.toString(points.shape()));
        }
        Tensor t = points.to(DType.F64);
        double[] flat = t.contiguous().toDoubleArray();
        for (int i = 0; i < flat.length; i++) {
            if (!Double.isFinite(flat[i])) {
                throw new IllegalArgumentException("demc: start " + i / d + ", parameter " + model.names().get(i % d)
                        + " is " + flat[i]);
            }
        }
        for (int j = 0; j < d; j++) {
            boolean constant = true;
            for (int k = 1; k < n && constant; k++) {
                constant = flat[k * d + j] == flat[j];
            }
            if (constant && n > 1) {
                throw new IllegalArgumentException("demc: every start has the same value of parameter "
                        + model.names().get(j) + ": spread the starts (differences of equal states cannot move it)");
            }
        }
        if (sampler.space() == Space.UNCONSTRAINED) {
            flat = model.toUnconstrained(t).contiguous().toDoubleArray();
        }
        return flat;
    }

    /** Advances by {@code generations} generations, storing every {@code thin}-th. */
    public DemcRun advance(long generations) {
        if (generations < 0) {
            throw new IllegalArgumentException("demc: generations must be >= 0, got " + generations);
        }
        int thin = state.sampler.thin();
        for (long g = 0; g < generations; g++) {
            state.step();
            if (state.generation % thin == 0) {
                store();
            }
        }
        return this;
    }

    private void store() {
        int c = state.chains();
        int d = state.dim();
        if ((long) (stored + 1) * c * d > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("demc: more draws than one array holds; thin the run");
        }
        if ((stored + 1) * c * d > positions.length) {
            int capacity = Math.max(16, 2 * (stored + 1));
            positions = Arrays.copyOf(positions, capacity * c * d);
            logDensities = Arrays.copyOf(logDensities, capacity * c);
        }
        for (int i = 0; i < c; i++) {
            System.arraycopy(state.x[i], 0, positions, (stored * c + i) * d, d);
        }
        System.arraycopy(state.logDensity, 0, logDensities, stored * c, c);
        stored++;
    }

    /** Generations taken so far. */
    public long generation() {
        return state.generation;
    }

    public DemcSampler sampler() {
        return state.sampler;
    }

    /** The run so far: stored draws in constrained space, acceptance and counters. */
    public DemcResult result() {
        int c = state.chains();
        int d = state.dim();
        Model model = state.sampler.model();
        double[] pos = Arrays.copyOf(positions, stored * c * d);
        if (state.sampler.space() == Space.UNCONSTRAINED && stored > 0) {
            pos = model.toConstrained(Tensor.of(pos, stored * c, d)).toDoubleArray();
        }
        double[] last = new double[c * d];
        for (int i = 0; i < c; i++) {
            System.arraycopy(state.x[i], 0, last, i * d, d);
        }
        Tensor lastT = model.toConstrained(Tensor.of(last, c, d), state.sampler.space());
        List<String> names = model.names();
        return new DemcResult(pos, Arrays.copyOf(logDensities, stored * c), stored, c, names, state.accepted.clone(),
                state.snookerProposed.clone(), state.snookerAccepted.clone(), state.generation, state.nonFinite,
                state.evaluations, state.archive == null ? 0 : state.archive.size(), lastT);
    }

    /**
     * Writes the whole run (population, random streams, archive, stored draws) to {@code path} atomically: a
     * temporary file renamed over it, so a crash while writing leaves the previous checkpoint whole.
     */
    public void checkpoint(Path path) throws IOException {
        DemcCheckpoint.write(this, path);
    }

    /**
     * The run saved in {@code path}, to be continued with {@code sampler}, which must have the configuration and
     * model parameters it was written with. Advancing it gives the same bits as the uninterrupted run.
     *
     * @throws IOException when the file is missing, truncated, corrupt or written by another configuration
     */
    public static DemcRun resume(DemcSampler sampler, Path path) throws IOException {
        return DemcCheckpoint.read(sampler, path);
    }

    // ---------------------------------------------------------------- for the checkpoint

    DemcState state() {
        return state;
    }

    int stored() {
        return stored;
    }

    double[] storedPositions() {
        return Arrays.copyOf(positions, stored * state.chains() * state.dim());
    }

    double[] storedLogDensities() {
        return Arrays.copyOf(logDensities, stored * state.chains());
    }
}
