package astrograd.layers.losses;

import astrograd.autodiff.Var;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The arithmetic mean over all elements (a 0-d result). */
    MEAN,
    /** The sum over all elements (a 0-d result). */
    SUM,
    /** The per-element values, unreduced. */
    NONE;

    /** Applies this reduction to per-element losses. */
    public Var apply(Var perElement) {
        switch (this) {
            case MEAN: return perElement.mean();
            case SUM: return perElement.sum();
            default: return perElement;
        }
    }
}
