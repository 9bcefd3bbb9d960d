package astrograd.autodiff;

import astrograd.tensor.Tensor;

/**
 * A differentiable op a research layer brings with its own forward and backward (for example a fused
 * kernel with a stable gradient). Both receive plain tensors and may dispatch on
 * {@link Tensor#device()} to per-backend implementations.
 *
 * <pre>{@code
 * CustomOp reverse = new CustomOp() {         // gradient reversal with a run-time scale
 *     public String name() { return "gradientReversal"; }
 *     public Tensor forward(Tensor... in) { return in[0]; }
 *     public Tensor backward(Tensor g, int input, Tensor[] in, Tensor out) { return g.mul(-lambda); }
 * };
 * Var y = CustomOp.apply(reverse, x);
 * }</pre>
 */
public interface CustomOp {
    /** Name used in the graph and in error messages. */
    String name();

    /** The output value. Inputs must not be modified. */
    Tensor forward(Tensor... inputs);

    /**
     * The gradient with respect to input number {@code input}, given the upstream gradient of the output.
     * It may have the output's broadcast shape (it is summed back to the input's); returning null means the
     * op has no gradient for that input, which is reported as an error if one is needed.
     */
    Tensor backward(Tensor upstream, int input, Tensor[] inputs, Tensor output);

    /** Runs the op on Vars and records it in the graph. */
    static Var apply(CustomOp op, Var... inputs) {
        Tensor[] values = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].value();
        }
        Tensor out = op.forward(values);
        return Var.make(op.name(), out, (g, i) -> op.backward(g, i, values, out), inputs);
    }
}
