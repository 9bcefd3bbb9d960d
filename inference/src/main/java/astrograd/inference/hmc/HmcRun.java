package astrograd.inference.hmc;

import astrograd.inference.io.Checkpoint;
import astrograd.tensor.cpu.EnginePool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link HmcSampler} run in progress, advanced in pieces (for a progress bar, or to stop and continue later):
 * every chain is at the same iteration, warm-up counted first. {@link #checkpoint} writes the whole state (streams,
 * positions, step sizes, metrics, adaptation, records); {@link #resume} continues it, and the finished draws have the
 * same bits as a run that never stopped.
 *
 * <pre>{@code
 * HmcRun run = HmcSampler.nuts(model).build().start(4, new Rng(42));
 * while (!run.done()) {
 *     run.advance(100);
 *     run.checkpoint(file);
 * }
 * HmcResult r = run.result();
 * }</pre>
 */
public final class HmcRun {
    static final String KIND = "hmc";

    private final HmcSampler sampler;
    private final ChainState[] chains;

    HmcRun(HmcSampler sampler, ChainState[] chains) {
        this.sampler = sampler;
        this.chains = chains;
    }

    public HmcSampler sampler() {
        return sampler;
    }

    /** Iterations done per chain, warm-up included. */
    public int iteration() {
        return chains[0].iteration();
    }

    /** Iterations of the whole run per chain: warm-up plus draws. */
    public int iterations() {
        return sampler.warmup + sampler.draws;
    }

    public boolean done() {
        return iteration() == iterations();
    }

    /**
     * Runs up to {@code n} more iterations of every chain: in parallel on the engine pool, one after another, or
     * together with one batched evaluation per leapfrog step, as the sampler was built.
     */
    public HmcRun advance(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("hmc: cannot advance by " + n + " iterations");
        }
        if (sampler.batchChains) {
            LockstepChains.advance(sampler.model, chains, n);
            return this;
        }
        EnginePool.RangeBody body = (s, e) -> {
            for (int c = s; c < e; c++) {
                chains[c].advance(n);
            }
        };
        sampler.forEachChain(chains.length, body);
        return this;
    }

    /**
     * The finished run.
     *
     * @throws IllegalStateException before the last iteration
     */
    public HmcResult result() {
        List<HmcChain> out = new ArrayList<>(chains.length);
        for (ChainState c : chains) {
            out.add(c.finish());
        }
        return new HmcResult(out);
    }

    /** Writes the whole run to {@code path} atomically (format: {@link Checkpoint}, kind {@code hmc}). */
    public void checkpoint(Path path) throws IOException {
        Checkpoint.Writer w = new Checkpoint.Writer(KIND, sampler.fingerprint());
        w.putLong(chains.length);
        for (ChainState c : chains) {
            c.write(w);
        }
        w.writeTo(path);
    }

    /**
     * Continues the run saved in {@code path}, which must have been written by a sampler with the same settings and
     * model parameters.
     *
     * @throws IOException when the file is missing, truncated, damaged, or written by another configuration
     */
    public static HmcRun resume(HmcSampler sampler, Path path) throws IOException {
        Checkpoint.Reader r = new Checkpoint.Reader(path, KIND, sampler.fingerprint());
        int n = (int) r.getLong(1, 1 << 20, "chains");
        ChainState[] chains = new ChainState[n];
        for (int c = 0; c < n; c++) {
            chains[c] = ChainState.read(sampler, c, r);
        }
        r.end();
        for (ChainState c : chains) {
            if (c.iteration() != chains[0].iteration()) {
                throw new IOException("checkpoint " + path + " holds chains at different iterations");
            }
        }
        return new HmcRun(sampler, chains);
    }
}
