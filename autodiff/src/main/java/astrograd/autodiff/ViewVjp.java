package astrograd.autodiff;

import astrograd.tensor.Tensor;

/**
 * The vector-Jacobian product of an op whose output is a region of its single input (slice, narrow,
 * select): the gradient is the upstream gradient written into that region, zero elsewhere. The walker
 * uses {@link #region} to add it in place into a gradient buffer it owns, so that T slices of one tensor
 * (an unrolled RNN) cost O(slice) each instead of O(whole input).
 */
interface ViewVjp extends Vjp {
    /** The view of an input-shaped tensor that the op's output was taken from. */
    Tensor region(Tensor inputShaped);
}
