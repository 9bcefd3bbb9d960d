package astrograd.inference.hmc;

/**
 * Stan's windowed warm-up schedule for metric adaptation. Of W warm-up iterations, an initial fast buffer
 * (default 75) and a terminal fast buffer (default 50) adapt only the step size; between them the metric is
 * estimated in slow windows of 25, 50, 100, … iterations (each ending with a metric update), the last window
 * stretched to the terminal buffer when the next one would not fit. When the three stages do not fit
 * ({@code init + base + term > W}) they become 15 % / 75 % / 10 % of W; below 20 iterations the metric is not
 * adapted at all. (Stan's {@code windowed_adaptation::set_window_params}, as of stan-dev/stan 9048555, returns from
 * the 15/75/10 branch without {@code restart()}, leaving the first window's end unset; this class plans the windows
 * in both cases.)
 */
final class AdaptationWindows {
    private final int warmup;
    private final int initBuffer;
    private final int termBuffer;
    private final boolean active;
    private int counter;
    private int windowSize;
    private int nextWindowEnd;

    AdaptationWindows(int warmup, int initBuffer, int termBuffer, int baseWindow) {
        this.warmup = warmup;
        this.active = warmup >= 20;
        if (initBuffer + baseWindow + termBuffer > warmup) {
            initBuffer = (int) (0.15 * warmup);
            termBuffer = (int) (0.1 * warmup);
            baseWindow = warmup - (initBuffer + termBuffer);
        }
        this.initBuffer = initBuffer;
        this.termBuffer = termBuffer;
        this.counter = 0;
        this.windowSize = baseWindow;
        this.nextWindowEnd = initBuffer + baseWindow - 1;
    }

    /** The position in the schedule ({@code counter, windowSize, nextWindowEnd}), for a checkpoint. */
    long[] state() {
        return new long[] {counter, windowSize, nextWindowEnd};
    }

    /** Restores {@link #state()}. */
    void restore(long[] state) {
        counter = (int) state[0];
        windowSize = (int) state[1];
        nextWindowEnd = (int) state[2];
    }

    /** Whether the metric is adapted at all (W >= 20). */
    boolean active() {
        return active;
    }

    /** Whether the current iteration's draw goes into the metric estimate. */
    boolean inWindow() {
        return active && counter >= initBuffer && counter < warmup - termBuffer;
    }

    /** Whether the current iteration ends a slow window (the metric is then updated). */
    boolean endOfWindow() {
        return active && counter == nextWindowEnd && counter != warmup;
    }

    /** Moves to the next iteration; at a window's end, first plans the next window (doubled, or to the end). */
    void advance() {
        if (endOfWindow()) {
            planNextWindow();
        }
        counter++;
    }

    private void planNextWindow() {
        int lastEnd = warmup - termBuffer - 1;
        if (nextWindowEnd == lastEnd) {
            return;
        }
        windowSize *= 2;
        nextWindowEnd = counter + windowSize;
        if (nextWindowEnd != lastEnd && nextWindowEnd + 2 * windowSize >= warmup - termBuffer) {
            nextWindowEnd = lastEnd;
        }
    }
}
