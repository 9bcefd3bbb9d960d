package astrograd.layers.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lowers the learning rate when a monitored metric stops improving, as PyTorch's ReduceLROnPlateau. A value
 * a improves on the best b when, in mode MIN, {@code a < b (1 − threshold)} (relative) or
 * {@code a < b − threshold} (absolute); mirrored in mode MAX. After more than {@code patience} epochs
 * without improvement the rate becomes {@code max(lr · factor, minLr)} (unless that changes it by less
 * than 1e-8), and the next {@code cooldown} epochs do not count as bad.
 */
public final class ReduceLrOnPlateau {
    private static final double EPS = 1e-8;

    /** Whether lower or higher metric values are better. */
    public enum Mode { MIN, MAX }

    private final Optimizer optimizer;
    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean relative;
    private final int cooldown;
    private final double minLr;
    private double best;
    private int badEpochs;
    private int cooldownCounter;
    private int epoch;

    /** PyTorch's defaults: factor 0.1, patience 10, relative threshold 1e-4, no cooldown, min lr 0. */
    public ReduceLrOnPlateau(Optimizer optimizer, Mode mode) {
        this(optimizer, mode, 0.1, 10, 1e-4, true, 0, 0);
    }

    public ReduceLrOnPlateau(Optimizer optimizer, Mode mode, double factor, int patience, double threshold, boolean relative,
            int cooldown, double minLr) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLrOnPlateau: factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0) {
            throw new IllegalArgumentException("ReduceLrOnPlateau: patience and cooldown must be >= 0, got " + patience + " and " + cooldown);
        }
        if (!(threshold >= 0) || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLrOnPlateau: threshold and min lr must be >= 0, got " + threshold + " and " + minLr);
        }
        this.optimizer = optimizer;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.relative = relative;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Records one epoch's metric and lowers the rate if it has not improved for more than {@code patience} epochs. */
    public void step(double metric) {
        epoch++;
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double old = optimizer.lr();
            double next = Math.max(old * factor, minLr);
            if (old - next > EPS) {
                optimizer.setLr(next);
            }
            cooldownCounter = cooldown;
            badEpochs = 0;
        }
    }

    private boolean isBetter(double a) {
        if (mode == Mode.MIN) {
            return relative ? a < best * (1 - threshold) : a < best - threshold;
        }
        return relative ? a > best * (1 + threshold) : a > best + threshold;
    }

    public double best() {
        return best;
    }

    public int epoch() {
        return epoch;
    }

    /** {@code best}, {@code bad_epochs}, {@code cooldown_counter}, {@code epoch}, for checkpoints. */
    public Map<String, Double> state() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("best", best);
        s.put("bad_epochs", (double) badEpochs);
        s.put("cooldown_counter", (double) cooldownCounter);
        s.put("epoch", (double) epoch);
        return s;
    }

    public void loadState(Map<String, Double> s) {
        if (!s.keySet().containsAll(state().keySet())) {
            throw new IllegalArgumentException("ReduceLrOnPlateau.loadState: needs " + state().keySet() + ", got " + s.keySet());
        }
        best = s.get("best");
        badEpochs = s.get("bad_epochs").intValue();
        cooldownCounter = s.get("cooldown_counter").intValue();
        epoch = s.get("epoch").intValue();
    }
}
