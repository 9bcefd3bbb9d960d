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

    /**
     * The gradients of all inputs whose {@code needed} entry is true, from one upstream gradient: called once
     * per backward pass. The default asks {@link #backward} for each needed input; an op whose inputs'
     * gradients share work (a fused recurrence) overrides it and does that work here, once per pass, rather
     * than keep results between calls: a graph walked twice ({@code retainGraph}) must get each pass's own.
     * Neither the upstream gradient nor anything saved by {@link #forward} may be modified.
     */
    default Tensor[] backwardAll(Tensor upstream, boolean[] needed, Tensor[] inputs, Tensor output) {
        Tensor[] grads = new Tensor[needed.length];
        for (int i = 0; i < needed.length; i++) {
            grads[i] = needed[i] ? backward(upstream, i, inputs, output) : null;
        }
        return grads;
    }

    /** Runs the op on Vars and records it in the graph. */
    static Var apply(CustomOp op, Var... inputs) {
        Tensor[] values = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].value();
        }
        Tensor out = op.forward(values);
        JointVjp vjp = (g, needed) -> op.backwardAll(g, needed, values, out);
        return Var.make(op.name(), out, vjp, inputs);
    }
}
