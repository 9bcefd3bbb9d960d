package astrograd.inference.flows;

import astrograd.autodiff.Var;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * A trainable conditional density {@code q(θ | x)}, θ ∈ R^D given a context x ∈ R^F: what neural posterior
 * estimation fits. Implementations are {@link astrograd.layers.Module}s (their parameters train through
 * {@link #logProb}); {@link MixtureDensityNetwork} and {@link NeuralSplineFlow} are the two shipped.
 */
public interface ConditionalDensity {
    /** D, the dimension of θ. */
    int dim();

    /** F, the dimension of the context x. */
    int contextDim();

    /**
     * {@code log q(θ_i | x_i)} for rows θ {@code [N, D]} and contexts {@code [N, F]}, as a {@link Var}
     * {@code [N]} that differentiates with respect to the parameters and θ.
     */
    Var logProb(Var theta, Var context);

    /** {@code n} draws {@code [n, D]} from {@code q(· | x)} for one context x {@code [F]} or {@code [1, F]}. */
    Tensor sample(int n, Tensor context, Rng rng);

    /** The module whose parameters this density trains (itself for the shipped ones). */
    astrograd.layers.Module module();

    /** Checks a context is {@code [F]} or {@code [1, F]} and returns it as {@code [1, F]}. */
    static Tensor oneContext(String op, Tensor context, int contextDim) {
        Tensor c = context.rank() == 1 ? context.reshape(1, context.size(0)) : context;
        if (c.rank() != 2 || c.size(0) != 1 || c.size(1) != contextDim) {
            throw new astrograd.tensor.ShapeException(op + ": context " + astrograd.tensor.Shape.str(context.shape())
                    + " must be [" + contextDim + "] or [1, " + contextDim + "]");
        }
        return c;
    }

    /** Checks θ {@code [N, D]} and contexts {@code [N, F]}. */
    static void checkRows(String op, Tensor theta, Tensor context, int dim, int contextDim) {
        if (theta.rank() != 2 || theta.size(1) != dim || context.rank() != 2 || context.size(1) != contextDim
                || context.size(0) != theta.size(0)) {
            throw new astrograd.tensor.ShapeException(op + ": θ " + astrograd.tensor.Shape.str(theta.shape())
                    + " and context " + astrograd.tensor.Shape.str(context.shape()) + " must be [N, " + dim
                    + "] and [N, " + contextDim + "]");
        }
    }
}
