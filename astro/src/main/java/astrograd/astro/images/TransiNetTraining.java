package astrograd.astro.images;

import astrograd.autodiff.Var;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.Dataset;
import astrograd.layers.io.Checkpoint;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.Callback;
import astrograd.layers.train.Trainer;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link TransiNet} on freshly generated synthetic pairs (never repeated: step s uses pairs
 * {@code s·batch …}) with the multi-resolution L1 loss and Adam, for a number of steps or until a wall-clock budget
 * runs out, whichever comes first. Both are checked after every step, but the Trainer stops between epochs, so the run
 * is split into epochs of {@code every} steps (each on the next fresh pairs) and a stop takes effect at the end of
 * the current one. Our choices (the paper's are not public): Adam(β 0.9, 0.999), lr constant.
 *
 * @param steps the most optimizer steps
 * @param batch pairs per step
 * @param lr Adam's learning rate
 * @param maxSeconds stop after this many seconds of training (≤ 0: no limit)
 */
public record TransiNetTraining(int steps, int batch, double lr, double maxSeconds) {

    /** The loss after each step (as many as were taken) and the seconds per step. */
    public record Result(List<Double> losses, double secondsPerStep) {
    }

    /** Trains {@code model} in place on pairs of {@code simulator}, reporting every {@code every} steps to log. */
    public Result train(TransiNet model, SurveySimulator simulator, PrintStream log, int every) {
        try {
            return train(model, simulator, log, every, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@link #train(TransiNet, SurveySimulator, PrintStream, int)}, also saving the model to {@code checkpoint}
     * (when not null) every {@code every} steps and at the end.
     */
    public Result train(TransiNet model, SurveySimulator simulator, PrintStream log, int every, Path checkpoint)
            throws IOException {
        // epochs of `every` steps, each on the next fresh pairs, so that the budget is checked between epochs
        int epochs = (steps + every - 1) / every;
        FreshPairs data = new FreshPairs(simulator, every * batch);
        Adam adam = new Adam(model.parameters(), lr);
        Trainer trainer = new Trainer(model, adam, b -> TransiNetLoss.multiResolutionL1(
                model.forward(Var.constant(b.get(0))), Var.constant(b.get(1)), TransiNetLoss.DEFAULT_WEIGHTS));
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        trainer.callback(new Callback() {
            @Override
            public void onEpochBegin(Trainer t, int epoch) {
                data.offset = (long) epoch * every * batch;
            }

            @Override
            public void onBatchEnd(Trainer t, int epoch, int b, double loss) {
                losses.add(loss);
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (log != null && (losses.size() % every == 0 || losses.size() == 1)) {
                    log.printf("step %d  loss %.5f  %.2f s/step%n", losses.size(), loss, elapsed / losses.size());
                    log.flush();
                }
                if (checkpoint != null && losses.size() % every == 0) {
                    saveUnchecked(checkpoint, model);
                }
                if (losses.size() >= steps || (maxSeconds > 0 && elapsed > maxSeconds)) {
                    t.requestStop();
                }
            }
        });
        trainer.fit(new DataLoader(data, batch), epochs);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checkpoint != null) {
            save(checkpoint, model);
        }
        return new Result(losses, seconds / Math.max(1, losses.size()));
    }

    /** Pairs {@code offset … offset + size − 1} of the simulator; the offset moves on every epoch. */
    private static final class FreshPairs implements Dataset {
        private final SurveySimulator simulator;
        private final int size;
        long offset;

        FreshPairs(SurveySimulator simulator, int size) {
            this.simulator = simulator;
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public List<Tensor> batch(Tensor indices) {
            return new TransiNetData(simulator, offset, size).batch(indices);
        }
    }

    /** Saves the weights and the width configuration. */
    public static void save(Path file, TransiNet model) throws IOException {
        Checkpoint.save(file, model, model.config().toMap(), null, 0, null);
    }

    private static void saveUnchecked(Path file, TransiNet model) {
        try {
            save(file, model);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a model saved by {@link #save}. */
    public static TransiNet load(Path file) throws IOException {
        Checkpoint c = Checkpoint.load(file);
        TransiNet model = new TransiNet(TransiNetConfig.fromMap(c.config()), new Rng(0));
        c.loadInto(model);
        return model;
    }

    /** For the checkpoint's config map. */
    static Map<String, Object> describe(TransiNetTraining t) {
        return Map.of("steps", t.steps, "batch", t.batch, "lr", t.lr);
    }
}
