package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;

/**
 * A trainable tensor of a {@link Module}: a named holder whose current value is a leaf {@link Var}. Layers
 * use {@link #var()} in their forward pass (the same leaf every time until the value changes, so shared
 * weights accumulate one gradient); optimizers read {@link #grad()} and install new values with
 * {@link #set}. A frozen parameter's leaf does not require a gradient. The learning-rate multiplier puts
 * the parameter in its own group for optimizers.
 */
public final class Parameter {
    private final String name;
    private Var leaf;
    private boolean frozen;
    private double lrMultiplier = 1;

    Parameter(String name, Tensor value) {
        this.name = name;
        this.leaf = Var.param(value);
    }

    /** The name within its module (the full dotted path comes from {@link Module#namedParameters()}). */
    public String name() {
        return name;
    }

    public Tensor value() {
        return leaf.value();
    }

    /** The leaf to use in a forward pass. */
    public Var var() {
        return leaf;
    }

    /** The gradient accumulated since the last {@link #zeroGrad()} or {@link #set} (null if none). */
    public Tensor grad() {
        return leaf.grad();
    }

    /**
     * Installs a new value of the same shape and dtype (the gradient is cleared).
     *
     * @throws astrograd.tensor.ShapeException if the shape or dtype differ
     */
    public void set(Tensor value) {
        Tensor old = leaf.value();
        if (!java.util.Arrays.equals(old.shape(), value.shape()) || old.dtype() != value.dtype()) {
            throw new astrograd.tensor.ShapeException("parameter " + name + ": new value " + value.dtype() + " "
                    + astrograd.tensor.Shape.str(value.shape()) + " does not match " + old.dtype() + " "
                    + astrograd.tensor.Shape.str(old.shape()));
        }
        leaf = Var.of(value, !frozen);
    }

    /** Replaces the accumulated gradient (for clipping); same shape and dtype as the value. */
    public void setGrad(Tensor grad) {
        leaf.setGrad(grad);
    }

    public void zeroGrad() {
        leaf.zeroGrad();
    }

    public boolean frozen() {
        return frozen;
    }

    /** Freezes or unfreezes; a frozen parameter gets no gradient and optimizers skip it. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
        leaf = Var.of(leaf.value(), !frozen);
    }

    /** Factor applied to the optimizer's learning rate for this parameter (its parameter group). */
    public double lrMultiplier() {
        return lrMultiplier;
    }

    public void setLrMultiplier(double m) {
        if (!(m >= 0) || Double.isInfinite(m)) {
            throw new IllegalArgumentException("parameter " + name + ": learning-rate multiplier must be finite and >= 0, got " + m);
        }
        lrMultiplier = m;
    }

    public long count() {
        return value().numel();
    }
}
