package astrograd.layers.train;

import java.util.Map;

/** Hooks into a {@link Trainer}'s loop; every method does nothing by default. */
public interface Callback {
    default void onTrainBegin(Trainer trainer) {
    }

    default void onEpochBegin(Trainer trainer, int epoch) {
    }

    /** After the optimizer step of batch {@code batch} (counted from 0 within the epoch). */
    default void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
    }

    /** After the epoch's metrics (training loss, lr, validation metrics) are known; may call {@link Trainer#requestStop()}. */
    default void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
    }

    default void onTrainEnd(Trainer trainer, History history) {
    }
}
