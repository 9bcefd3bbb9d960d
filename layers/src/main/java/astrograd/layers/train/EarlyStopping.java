package astrograd.layers.train;

import astrograd.tensor.Tensor;
import java.util.Map;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for
 * {@code patience} consecutive epochs (Keras' EarlyStopping): an epoch improves when
 * {@code current < best − minDelta} (MIN) or {@code current > best + minDelta} (MAX). Combine with
 * {@link KeepBest} to end with the best weights. A fresh {@link Trainer#fit} starts it over; a
 * {@link Trainer#resume} (after {@link Trainer#loadState}, which restores its {@link #state()}) continues its count.
 */
public final class EarlyStopping implements StatefulCallback {
    private final String monitor;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private double best;
    private int bestEpoch = -1;
    private int wait;
    private int stoppedEpoch = -1;

    public EarlyStopping(String monitor, Mode mode, int patience, double minDelta) {
        if (patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: patience and min delta must be >= 0, got " + patience + " and " + minDelta);
        }
        this.monitor = monitor;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
        this.best = mode.worst();
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        if (trainer.isResuming()) {
            return;
        }
        best = mode.worst();
        bestEpoch = -1;
        wait = 0;
        stoppedEpoch = -1;
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
        double current = Trainer.metric(metrics, monitor, "EarlyStopping");
        if (mode.improves(current, best, minDelta)) {
            best = current;
            bestEpoch = epoch;
            wait = 0;
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = epoch;
            trainer.requestStop();
        }
    }

    /** The epoch at which training was stopped, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best monitored value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double best() {
        return best;
    }

    /** {@code best} (F64), {@code best_epoch}, {@code wait} and {@code stopped_epoch} (I64). */
    @Override
    public Map<String, Tensor> state() {
        return Map.of("best", CallbackState.real(best), "best_epoch", CallbackState.integer(bestEpoch),
                "wait", CallbackState.integer(wait), "stopped_epoch", CallbackState.integer(stoppedEpoch));
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        double b = CallbackState.real(state, "best", "EarlyStopping");
        long be = CallbackState.integer(state, "best_epoch", "EarlyStopping");
        long w = CallbackState.integer(state, "wait", "EarlyStopping");
        long se = CallbackState.integer(state, "stopped_epoch", "EarlyStopping");
        CallbackState.noOthers(state, java.util.Set.of("best", "best_epoch", "wait", "stopped_epoch"), "EarlyStopping");
        best = b;
        bestEpoch = (int) be;
        wait = (int) w;
        stoppedEpoch = (int) se;
    }
}
