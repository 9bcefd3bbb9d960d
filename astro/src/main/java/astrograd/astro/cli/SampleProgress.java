package astrograd.astro.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over a run's steps on standard error; drawn only on a terminal and when not quiet. */
final class SampleProgress implements AutoCloseable {
    private final ProgressBar bar;

    SampleProgress(String task, long done, long total, boolean quiet) {
        this.bar = quiet || System.console() == null ? null
                : new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .startsFrom(done, java.time.Duration.ZERO).build();
    }

    /** Whether a bar is drawn. */
    boolean active() {
        return bar != null;
    }

    void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
