package astrograd.inference.demc;

import astrograd.inference.io.Checkpoint;
import astrograd.inference.stats.Rows;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The checkpoint of a {@link DemcRun}: generation and counters, every random stream's (key, counter), the chains'
 * states and log-densities in sampling space, the archive, and the stored draws, in that order (see
 * {@link Checkpoint} for the file format). Resuming restores every bit, so the continued run is the uninterrupted
 * one.
 */
final class DemcCheckpoint {
    static final String KIND = "demc";

    private DemcCheckpoint() {
    }

    static String fingerprint(DemcSampler s) {
        return s + " of " + s.model().names();
    }

    static void write(DemcRun run, Path path) throws IOException {
        DemcState s = run.state();
        int c = s.chains();
        long[] keys = new long[c];
        long[] counters = new long[c];
        for (int i = 0; i < c; i++) {
            keys[i] = s.chainRngs[i].key();
            counters[i] = s.chainRngs[i].counter();
        }
        Checkpoint.Writer w = new Checkpoint.Writer(KIND, fingerprint(s.sampler));
        w.putLong(s.generation).putLong(s.nonFinite).putLong(s.evaluations);
        w.putLong(s.population.key()).putLong(s.population.counter()).putLongs(keys).putLongs(counters);
        w.putDoubles(Rows.flatten(s.x)).putDoubles(s.logDensity).putLongs(s.accepted).putLongs(s.snookerProposed)
                .putLongs(s.snookerAccepted);
        w.putLong(s.archive == null ? -1 : s.archive.size());
        if (s.archive != null) {
            w.putDoubles(s.archive.flat());
        }
        w.putLong(run.stored()).putDoubles(run.storedPositions()).putDoubles(run.storedLogDensities());
        w.writeTo(path);
    }

    static DemcRun read(DemcSampler sampler, Path path) throws IOException {
        Checkpoint.Reader r = new Checkpoint.Reader(path, KIND, fingerprint(sampler));
        int c = sampler.chains();
        int d = sampler.model().dim();
        long generation = r.getLong(0, Long.MAX_VALUE, "generation");
        long nonFinite = r.getLong(0, Long.MAX_VALUE, "non-finite count");
        long evaluations = r.getLong(0, Long.MAX_VALUE, "evaluation count");
        Rng population = new Rng(r.getLong(), r.getLong());
        long[] keys = r.getLongs(c, "chain keys");
        long[] counters = r.getLongs(c, "chain counters");
        double[] flat = r.getDoubles(c * d, "chain states");
        double[] logDensity = r.getDoubles(c, "log-densities");
        long[] accepted = r.getLongs(c, "accepted counts");
        long[] snookerProposed = r.getLongs(c, "snooker proposals");
        long[] snookerAccepted = r.getLongs(c, "snooker acceptances");
        long archiveRows = r.getLong(sampler.usesArchive() ? 3 : -1, sampler.usesArchive() ? Integer.MAX_VALUE : -1,
                "archive rows");
        Archive archive = archiveRows < 0 ? null
                : Archive.of(r.getDoubles((int) archiveRows * d, "archive"), (int) archiveRows, d);
        int stored = (int) r.getLong(0, Integer.MAX_VALUE, "stored generations");
        double[] positions = r.getDoubles(stored * c * d, "stored draws");
        double[] logDensities = r.getDoubles(stored * c, "stored log-densities");
        r.end();
        Rng[] rngs = new Rng[c];
        for (int i = 0; i < c; i++) {
            rngs[i] = new Rng(keys[i], counters[i]);
        }
        DemcState s = new DemcState(sampler, Rows.unflatten(flat, c, d), logDensity, archive, rngs, population);
        s.generation = generation;
        s.nonFinite = nonFinite;
        s.evaluations = evaluations;
        System.arraycopy(accepted, 0, s.accepted, 0, c);
        System.arraycopy(snookerProposed, 0, s.snookerProposed, 0, c);
        System.arraycopy(snookerAccepted, 0, s.snookerAccepted, 0, c);
        return new DemcRun(s, positions, logDensities, stored);
    }
}
