package astrograd.inference.model;

import astrograd.autodiff.Var;

/**
 * A batched log-density written with {@link Var} ops: {@code theta} is an F64 batch {@code [W, D]} of parameter
 * vectors (rows independent), the result is {@code [W]} with {@code result[w] = log p(theta[w])} up to a constant.
 * Gradients come from autodiff; never write them by hand.
 *
 * <pre>{@code
 * LogDensity gauss = theta -> theta.square().sum(new int[] {1}, false).mul(-0.5);
 * }</pre>
 */
@FunctionalInterface
public interface LogDensity {
    /** {@code log p} of each row of {@code theta [W, D]}, as {@code [W]}. */
    Var apply(Var theta);
}
