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
    private final String label;
    private final boolean wholeRun;
    private ProgressBar bar;
    private int epochs;

    /** Shows a bar per epoch when a terminal is attached. */
    public ProgressBarCallback() {
        this(true);
    }

    public ProgressBarCallback(boolean enabled) {
        this(null, false, enabled);
    }

    private ProgressBarCallback(String label, boolean wholeRun, boolean enabled) {
        this.active = enabled && System.console() != null;
        this.label = label;
        this.wholeRun = wholeRun;
    }

    /**
     * One bar for the whole run (every batch of every epoch) named {@code label}, e.g. one bar per ensemble
     * member; the epoch metrics are shown beside it. Drawn only when a terminal is attached.
     */
    public static ProgressBarCallback perRun(String label, boolean enabled) {
        return new ProgressBarCallback(label, true, enabled);
    }

    /** Whether bars are drawn. */
    public boolean active() {
        return active;
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        epochs = trainer.endEpoch();
        if (active && wholeRun) {
            bar = newBar(label, (long) epochs * trainer.batchesPerEpoch());
        }
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        if (active && !wholeRun) {
            String name = "epoch " + (epoch + 1) + "/" + epochs;
            bar = newBar(label == null ? name : label + " " + name, trainer.batchesPerEpoch());
        }
    }

    private static ProgressBar newBar(String name, long max) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
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
        if (!wholeRun) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
