package astrograd.inference.ensemble;

import astrograd.inference.model.Model;
import astrograd.inference.model.Space;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.EnginePool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Independent ensembles in progress: each one's walkers, random stream and stored steps (every {@code thin}-th, in
 * sampling space). {@link #advance} moves every ensemble on (in parallel on the engine pool), {@link #result} reads
 * the run, {@link #checkpoint} and {@link #resume} save and restore it exactly. Started by
 * {@link EnsembleSampler#start}; the draws equal those of {@link EnsembleSampler#run(int, Initializer, int, Rng)}
 * however the steps are cut into pieces. Not thread-safe.
 */
public final class EnsembleRun {
    final EnsembleSampler sampler;
    final EnsembleState[] states;
    final Rng[] streams;
    final double[][] positions;
    final double[][] logDensities;
    int stored;
    long steps;

    EnsembleRun(EnsembleSampler sampler, EnsembleState[] states, Rng[] streams, double[][] positions,
            double[][] logDensities, int stored, long steps) {
        this.sampler = sampler;
        this.states = states;
        this.streams = streams;
        this.positions = positions;
        this.logDensities = logDensities;
        this.stored = stored;
        this.steps = steps;
    }

    static EnsembleRun start(EnsembleSampler sampler, int ensembles, Initializer init, Rng rng) {
        if (ensembles < 1) {
            throw new IllegalArgumentException("ensemble: need >= 1 ensemble, got " + ensembles);
        }
        Rng[] streams = rng.split(ensembles).toArray(new Rng[0]);
        EnsembleState[] states = new EnsembleState[ensembles];
        for (int e = 0; e < ensembles; e++) {
            Tensor start = init.initial(e, sampler.walkers(), sampler.model(), streams[e].split());
            states[e] = new EnsembleState(sampler.model(), sampler.space(), sampler.startingPoints(start));
        }
        return new EnsembleRun(sampler, states, streams, new double[ensembles][0], new double[ensembles][0], 0, 0);
    }

    /** Advances every ensemble by {@code n} steps, storing every {@code thin}-th. */
    public EnsembleRun advance(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("ensemble: steps must be >= 0, got " + n);
        }
        int thin = sampler.thin();
        int newStored = (int) Math.min(Integer.MAX_VALUE, (steps + n) / thin);
        int w = sampler.walkers();
        int d = sampler.model().dim();
        if ((long) newStored * w * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ensemble: " + newStored + " stored steps of " + w + " walkers do not fit"
                    + " one array; thin the run");
        }
        for (int e = 0; e < states.length; e++) {
            positions[e] = Arrays.copyOf(positions[e], newStored * w * d);
            logDensities[e] = Arrays.copyOf(logDensities[e], newStored * w);
        }
        EnginePool.RangeBody body = (s, end) -> {
            for (int e = s; e < end; e++) {
                advance(e, n);
            }
        };
        if (sampler.parallel()) {
            EnginePool.parallelFor(states.length, 1, body);
        } else {
            body.run(0, states.length);
        }
        steps += n;
        stored = newStored;
        return this;
    }

    private void advance(int e, long n) {
        EnsembleState state = states[e];
        int w = sampler.walkers();
        int d = sampler.model().dim();
        int thin = sampler.thin();
        for (long t = steps; t < steps + n; t++) {
            state.step(sampler.move(), streams[e]);
            if ((t + 1) % thin == 0) {
                int k = (int) ((t + 1) / thin - 1);
                for (int i = 0; i < w; i++) {
                    System.arraycopy(state.x[i], 0, positions[e], (k * w + i) * d, d);
                }
                System.arraycopy(state.logDensity, 0, logDensities[e], k * w, w);
            }
        }
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    public int ensembles() {
        return states.length;
    }

    public EnsembleSampler sampler() {
        return sampler;
    }

    /** The run so far, as {@link EnsembleSampler#run(int, Initializer, int, Rng)} reports it. */
    public EnsembleResult result() {
        if (steps > Integer.MAX_VALUE) {
            throw new IllegalStateException("ensemble: " + steps + " steps exceed what a result counts");
        }
        Model model = sampler.model();
        int w = sampler.walkers();
        int d = model.dim();
        List<EnsembleChain> chains = new ArrayList<>();
        for (int e = 0; e < states.length; e++) {
            double[] pos = positions[e].clone();
            if (sampler.space() == Space.UNCONSTRAINED && stored > 0) {
                pos = model.toConstrained(Tensor.of(pos, stored * w, d)).toDoubleArray();
            }
            double[] last = new double[w * d];
            for (int k = 0; k < w; k++) {
                System.arraycopy(states[e].x[k], 0, last, k * d, d);
            }
            Tensor lastT = model.toConstrained(Tensor.of(last, w, d), sampler.space());
            EnsembleState s = states[e];
            chains.add(new EnsembleChain(pos, logDensities[e].clone(), stored, w, model.names(), s.accepted.clone(),
                    (int) steps, s.nonFinite, s.evaluations, lastT));
        }
        return new EnsembleResult(chains);
    }

    /** Writes the whole run (walkers, streams, counters, stored steps) to {@code path} atomically. */
    public void checkpoint(Path path) throws IOException {
        EnsembleCheckpoint.write(this, path);
    }

    /**
     * The run saved in {@code path}, continued with {@code sampler} (the configuration and parameters it was
     * written with); advancing it gives the bits of the uninterrupted run.
     *
     * @throws IOException when the file is missing, truncated, corrupt or written by another configuration
     */
    public static EnsembleRun resume(EnsembleSampler sampler, Path path) throws IOException {
        return EnsembleCheckpoint.read(sampler, path);
    }
}
