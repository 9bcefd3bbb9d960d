package astrograd.autodiff;

import astrograd.tensor.Tensor;

/**
 * A vector-Jacobian product: given the gradient {@code upstream} of the loss with respect to an op's
 * output, the gradient with respect to its input number {@code input}. It may return a tensor of the
 * output's broadcast shape; the graph walker sums it back to the input's shape. Called only for inputs
 * that need a gradient.
 */
@FunctionalInterface
public interface Vjp {
    Tensor apply(Tensor upstream, int input);
}
