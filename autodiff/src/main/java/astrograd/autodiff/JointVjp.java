package astrograd.autodiff;

import astrograd.tensor.Tensor;

/**
 * A vector-Jacobian product whose inputs' gradients share work: a fused op (convolution + ReLU masks ȳ once
 * for x̄, w̄ and b̄; a fused recurrence walks back through time once for all its inputs). The walker calls
 * {@link #applyAll} once per node and pass, so the shared work is done once per pass and nothing is kept
 * from one pass to the next: like every rule, a pure function of the values its op saved and the upstream
 * gradient.
 */
@FunctionalInterface
interface JointVjp extends Vjp {
    /**
     * The gradients for the inputs whose {@code needed} entry is true (an array of {@code needed.length};
     * the other entries may be null). {@code upstream} is not modified.
     */
    Tensor[] applyAll(Tensor upstream, boolean[] needed);

    @Override
    default Tensor apply(Tensor upstream, int input) {
        boolean[] needed = new boolean[input + 1];
        needed[input] = true;
        return applyAll(upstream, needed)[input];
    }
}
