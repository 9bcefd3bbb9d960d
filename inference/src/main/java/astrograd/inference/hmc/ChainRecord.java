package astrograd.inference.hmc;

import astrograd.inference.io.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every iteration's position (unconstrained) and statistics of one chain, warm-up first, and its divergences. */
final class ChainRecord {
    final int dim;
    final double[] q;
    final SamplerStats all;
    final List<Integer> divergentIterations = new ArrayList<>();
    final List<double[]> divergentPoints = new ArrayList<>();

    ChainRecord(int iterations, int dim) {
        this.dim = dim;
        q = new double[iterations * dim];
        all = SamplerStats.allocate(iterations);
    }

    void add(int it, PhasePoint state, Transition.Step step, double stepSize) {
        System.arraycopy(state.q, 0, q, it * dim, dim);
        all.acceptStat()[it] = step.acceptStat;
        all.stepSize()[it] = stepSize;
        all.treeDepth()[it] = step.treeDepth;
        all.nLeapfrog()[it] = step.nLeapfrog;
        all.divergent()[it] = step.divergent;
        all.saturated()[it] = step.saturated;
        all.energy()[it] = step.energy;
        all.logDensity()[it] = state.logDensity;
        if (step.divergent) {
            divergentIterations.add(it);
            divergentPoints.add(step.divergentAt.clone());
        }
    }

    /** The statistics of iterations {@code [from, to)}. */
    SamplerStats stats(int from, int to) {
        return new SamplerStats(Arrays.copyOfRange(all.acceptStat(), from, to),
                Arrays.copyOfRange(all.stepSize(), from, to), Arrays.copyOfRange(all.treeDepth(), from, to),
                Arrays.copyOfRange(all.nLeapfrog(), from, to), Arrays.copyOfRange(all.divergent(), from, to),
                Arrays.copyOfRange(all.saturated(), from, to), Arrays.copyOfRange(all.energy(), from, to),
                Arrays.copyOfRange(all.logDensity(), from, to));
    }

    /** Writes the first {@code done} iterations. */
    void write(Checkpoint.Writer w, int done) {
        SamplerStats s = stats(0, done);
        w.putDoubles(Arrays.copyOf(q, done * dim)).putDoubles(s.acceptStat()).putDoubles(s.stepSize())
                .putLongs(longs(s.treeDepth())).putLongs(longs(s.nLeapfrog())).putLongs(longs(s.divergent()))
                .putLongs(longs(s.saturated())).putDoubles(s.energy()).putDoubles(s.logDensity());
        w.putLong(divergentIterations.size());
        for (int k = 0; k < divergentIterations.size(); k++) {
            w.putLong(divergentIterations.get(k)).putDoubles(divergentPoints.get(k));
        }
    }

    /** Reads what {@link #write} wrote for {@code done} of {@code iterations} iterations. */
    static ChainRecord read(Checkpoint.Reader r, int iterations, int dim, int done) throws IOException {
        ChainRecord rec = new ChainRecord(iterations, dim);
        System.arraycopy(r.getDoubles(done * dim, "positions"), 0, rec.q, 0, done * dim);
        copy(r.getDoubles(done, "accept statistics"), rec.all.acceptStat());
        copy(r.getDoubles(done, "step sizes"), rec.all.stepSize());
        copyInts(r.getLongs(done, "tree depths"), rec.all.treeDepth());
        copyInts(r.getLongs(done, "leapfrog counts"), rec.all.nLeapfrog());
        copyFlags(r.getLongs(done, "divergence flags"), rec.all.divergent());
        copyFlags(r.getLongs(done, "saturation flags"), rec.all.saturated());
        copy(r.getDoubles(done, "energies"), rec.all.energy());
        copy(r.getDoubles(done, "log-densities"), rec.all.logDensity());
        int divergences = (int) r.getLong(0, done, "divergence count");
        for (int k = 0; k < divergences; k++) {
            rec.divergentIterations.add((int) r.getLong(0, done - 1, "divergent iteration"));
            rec.divergentPoints.add(r.getDoubles(dim, "divergence location"));
        }
        return rec;
    }

    private static long[] longs(int[] v) {
        return Arrays.stream(v).asLongStream().toArray();
    }

    private static long[] longs(boolean[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] ? 1 : 0;
        }
        return out;
    }

    private static void copy(double[] from, double[] to) {
        System.arraycopy(from, 0, to, 0, from.length);
    }

    private static void copyInts(long[] from, int[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = (int) from[i];
        }
    }

    private static void copyFlags(long[] from, boolean[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = from[i] != 0;
        }
    }
}
