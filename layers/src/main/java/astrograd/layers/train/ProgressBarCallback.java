package astrograd.layers.train;

import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on standard error (batches done, running loss, the epoch's metrics at the end).
 * Quiet when standard output is not a terminal ({@code System.console() == null}, as under Maven or a pipe)
 * or when disabled.
 */
public final class ProgressBarCallback implements Callback {
    private final boolean active;
    private ProgressBar bar;
    private int epochs;

    /** Shows a bar when a terminal is attached. */
    public ProgressBarCallback() {
        this(true);
    }

    public ProgressBarCallback(boolean enabled) {
        this.active = enabled && System.console() != null;
    }

    /** Whether bars are drawn. */
    public boolean active() {
        return active;
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        epochs = trainer.endEpoch();
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        if (!active) {
            return;
        }
        bar = new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1) + "/" + epochs).setInitialMax(trainer.batchesPerEpoch())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4g", loss));
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
        if (bar == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
        bar.setExtraMessage(sb.toString());
        bar.close();
        bar = null;
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
