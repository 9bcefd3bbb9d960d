package astrograd.layers.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning-rate schedule driving an {@link Optimizer}, as PyTorch's {@code _LRScheduler}: the schedule
 * records the optimizer's learning rate at construction as the base rate ({@code initial_lr}) and counts
 * epochs from 0; each {@link #step()} advances the count and sets the optimizer's learning rate. Call
 * {@code step()} after {@code optimizer.step()}, once per epoch (or once per batch for {@link OneCycleLr}).
 * The formulas are PyTorch's own recursive ("chainable") forms, so the sequences agree to rounding.
 */
public abstract class LrSchedule {
    protected final Optimizer optimizer;
    private double baseLr;
    private int epoch;

    protected LrSchedule(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** Advances one epoch (or batch) and sets the optimizer's learning rate. */
    public final void step() {
        epoch++;
        optimizer.setLr(lrAt(epoch, optimizer.lr()));
    }

    /** The learning rate at {@code epoch} &gt; 0 given the rate {@code current} of the epoch before. */
    protected abstract double lrAt(int epoch, double current);

    /** The number of steps taken. */
    public final int epoch() {
        return epoch;
    }

    /** The learning rate the schedule started from. */
    public final double baseLr() {
        return baseLr;
    }

    protected final void setBaseLr(double lr) {
        this.baseLr = lr;
    }

    /** {@code epoch} and {@code base_lr}, for checkpoints (the current rate lives in the optimizer's state). */
    public Map<String, Double> state() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("epoch", (double) epoch);
        s.put("base_lr", baseLr);
        return s;
    }

    /** Restores {@link #state()}; the optimizer's own state restores the current rate. */
    public void loadState(Map<String, Double> state) {
        Double e = state.get("epoch");
        Double b = state.get("base_lr");
        if (e == null || b == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadState: needs 'epoch' and 'base_lr', got "
                    + state.keySet());
        }
        epoch = e.intValue();
        baseLr = b;
    }

    static void checkPositive(String op, String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(op + ": " + what + " must be finite and > 0, got " + v);
        }
    }
}
