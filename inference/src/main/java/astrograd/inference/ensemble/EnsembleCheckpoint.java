package astrograd.inference.ensemble;

import astrograd.inference.io.Checkpoint;
import astrograd.inference.stats.Rows;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The checkpoint of an {@link EnsembleRun}: steps, stored count, then per ensemble its stream (key, counter),
 * walkers and log-densities in sampling space, counters and stored steps (format: {@link Checkpoint}).
 */
final class EnsembleCheckpoint {
    static final String KIND = "ensemble";

    private EnsembleCheckpoint() {
    }

    static String fingerprint(EnsembleSampler s) {
        return s + " of " + s.model().names();
    }

    static void write(EnsembleRun run, Path path) throws IOException {
        Checkpoint.Writer w = new Checkpoint.Writer(KIND, fingerprint(run.sampler));
        w.putLong(run.states.length).putLong(run.steps).putLong(run.stored);
        for (int e = 0; e < run.states.length; e++) {
            EnsembleState s = run.states[e];
            w.putLong(run.streams[e].key()).putLong(run.streams[e].counter());
            w.putDoubles(Rows.flatten(s.x)).putDoubles(s.logDensity).putLongs(s.accepted);
            w.putLong(s.nonFinite).putLong(s.evaluations);
            w.putDoubles(run.positions[e]).putDoubles(run.logDensities[e]);
        }
        w.writeTo(path);
    }

    static EnsembleRun read(EnsembleSampler sampler, Path path) throws IOException {
        Checkpoint.Reader r = new Checkpoint.Reader(path, KIND, fingerprint(sampler));
        int w = sampler.walkers();
        int d = sampler.model().dim();
        int ensembles = (int) r.getLong(1, 1 << 20, "ensembles");
        long steps = r.getLong(0, Integer.MAX_VALUE, "steps");
        int stored = (int) r.getLong(steps / sampler.thin(), steps / sampler.thin(), "stored steps");
        EnsembleState[] states = new EnsembleState[ensembles];
        Rng[] streams = new Rng[ensembles];
        double[][] positions = new double[ensembles][];
        double[][] logDensities = new double[ensembles][];
        for (int e = 0; e < ensembles; e++) {
            streams[e] = new Rng(r.getLong(), r.getLong());
            double[] flat = r.getDoubles(w * d, "walkers");
            double[] logDensity = r.getDoubles(w, "log-densities");
            long[] accepted = r.getLongs(w, "accepted counts");
            long nonFinite = r.getLong(0, Long.MAX_VALUE, "non-finite count");
            long evaluations = r.getLong(0, Long.MAX_VALUE, "evaluation count");
            states[e] = new EnsembleState(sampler.model(), sampler.space(), Rows.unflatten(flat, w, d), logDensity,
                    accepted, nonFinite, evaluations);
            positions[e] = r.getDoubles(stored * w * d, "stored steps");
            logDensities[e] = r.getDoubles(stored * w, "stored log-densities");
        }
        r.end();
        return new EnsembleRun(sampler, states, streams, positions, logDensities, stored, steps);
    }
}
