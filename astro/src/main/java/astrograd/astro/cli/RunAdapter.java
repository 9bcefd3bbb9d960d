package astrograd.astro.cli;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the ensemble and DEMC adapters share: steps, advance and checkpoint go to the run, and the run's result
 * {@code R} is built again only after the run has advanced. A subclass adds what differs between samplers.
 */
abstract class RunAdapter<R> implements SamplingRun {
    /** {@code run::checkpoint}. */
    interface Checkpointer {
        void checkpoint(Path file) throws IOException;
    }

    private final LongSupplier steps;
    private final LongConsumer advance;
    private final Checkpointer checkpoint;
    private final Supplier<R> build;
    private final BiFunction<R, Integer, Draws> draws;
    private final BiFunction<R, Integer, Summary> summary;
    private R result;
    private long resultSteps;

    RunAdapter(LongSupplier steps, LongConsumer advance, Checkpointer checkpoint, Supplier<R> build,
            BiFunction<R, Integer, Draws> draws, BiFunction<R, Integer, Summary> summary) {
        this.steps = steps;
        this.advance = advance;
        this.checkpoint = checkpoint;
        this.build = build;
        this.draws = draws;
        this.summary = summary;
    }

    /** The run's result at its current step. */
    final R result() {
        long now = steps();
        if (result == null || resultSteps != now) {
            result = build.get();
            resultSteps = now;
        }
        return result;
    }

    @Override
    public final long steps() {
        return steps.getAsLong();
    }

    @Override
    public final void advance(long n) {
        advance.accept(n);
    }

    @Override
    public final void checkpoint(Path file) throws IOException {
        checkpoint.checkpoint(file);
    }

    @Override
    public final Draws draws(int burnIn) {
        return draws.apply(result(), burnIn);
    }

    @Override
    public final Summary summary(int burnIn) {
        return summary.apply(result(), burnIn);
    }
}
