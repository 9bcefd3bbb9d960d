package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * A gated recurrent unit in Keras's layout and conventions, for models written in Keras (VRAENN, SuperRAENN): weights
 * {@code kernel [F, 3H]}, {@code recurrent_kernel [H, 3H]} with the gates stacked z, r, h, and {@code bias [3H]}
 * ({@code reset_after = false}) or {@code [2, 3H]} (input bias, recurrent bias; {@code reset_after = true}). Per step,
 * with {@code σ_r} the recurrent activation and {@code act} the activation:
 * <pre>
 *   z = σ_r(x W_z + b_z + h U_z (+ b'_z))        r = σ_r(x W_r + b_r + h U_r (+ b'_r))
 *   h̃ = act(x W_h + b_h + (r ⊙ h) U_h)             reset_after = false (Keras 2's default)
 *   h̃ = act(x W_h + b_h + r ⊙ (h U_h + b'_h))      reset_after = true  (tf.keras 2.x / Keras 3 default)
 *   h' = z ⊙ h + (1 − z) ⊙ h̃
 * </pre>
 * Keras's {@code hard_sigmoid} changed between versions (tensorflow/tensorflow#65381): Keras 2 is
 * {@code clip(0.2x + 0.5, 0, 1)}, Keras 3 / TF ≥ 2.16 is {@code relu6(x + 3)/6 = clip(x/6 + 0.5, 0, 1)}; both are
 * offered, and weights trained under one are not valid under the other. The recurrence is written step by step from
 * Var ops, so backpropagation through time needs no rule of its own. Keras initialisation: Glorot-uniform kernel,
 * orthogonal recurrent kernel, zero bias.
 */
public final class KerasGru extends Module implements Layer {
    /** Keras's {@code recurrent_activation}. */
    public enum Gate {
        SIGMOID, HARD_SIGMOID_KERAS2, HARD_SIGMOID_KERAS3;

        Var apply(Var x) {
            return switch (this) {
                case SIGMOID -> x.sigmoid();
                case HARD_SIGMOID_KERAS2 -> x.mul(0.2).add(0.5).clamp(0, 1);
                case HARD_SIGMOID_KERAS3 -> x.div(6).add(0.5).clamp(0, 1);
            };
        }
    }

    /** Keras's {@code activation} of the candidate state. */
    public enum Candidate {
        TANH, RELU, LINEAR;

        Var apply(Var x) {
            return switch (this) {
                case TANH -> x.tanh();
                case RELU -> x.relu();
                case LINEAR -> x;
            };
        }
    }

    private final int inputSize;
    private final int units;
    private final Candidate activation;
    private final Gate recurrentActivation;
    private final boolean resetAfter;
    private final boolean returnSequences;
    private final Parameter kernel;
    private final Parameter recurrentKernel;
    private final Parameter bias;

    public KerasGru(int inputSize, int units, Candidate activation, Gate recurrentActivation, boolean resetAfter,
                    boolean returnSequences, DType dtype, Rng rng) {
        if (inputSize < 1 || units < 1) {
            throw new IllegalArgumentException("KerasGru: sizes must be >= 1, got input " + inputSize + ", units "
                    + units);
        }
        this.inputSize = inputSize;
        this.units = units;
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
        this.resetAfter = resetAfter;
        this.returnSequences = returnSequences;
        this.kernel = parameter("kernel", Init.glorotUniform(rng, dtype, 1, inputSize, 3 * units));
        this.recurrentKernel = parameter("recurrent_kernel", Init.orthogonal(rng, dtype, 1, units, 3 * units));
        this.bias = parameter("bias", resetAfter ? Init.zeros(dtype, 2, 3 * units) : Init.zeros(dtype, 3 * units));
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter recurrentKernel() {
        return recurrentKernel;
    }

    public Parameter bias() {
        return bias;
    }

    public int units() {
        return units;
    }

    @Override
    public Var forward(Var x) {
        Var[] states = run(x, null);
        return returnSequences ? Var.stack(1, states) : states[states.length - 1];
    }

    /** Every hidden state {@code [N, H]} of the sequence {@code x [N, T, F]} from {@code h0} (null: zeros). */
    public Var[] run(Var x, Var h0) {
        int[] s = x.value().shape();
        if (s.length != 3 || s[2] != inputSize || s[1] < 1) {
            throw new ShapeException("KerasGru(" + inputSize + " -> " + units + "): input " + Shape.str(s)
                    + " must be [N, T, " + inputSize + "] with T >= 1");
        }
        Var inputBias = resetAfter ? bias.var().select(0, 0) : bias.var();
        Var projected = x.reshape(s[0] * s[1], inputSize).matmul(kernel.var()).add(inputBias)
                .reshape(s[0], s[1], 3 * units);
        Var h = h0 != null ? h0 : Var.constant(Tensor.zeros(x.value().dtype(), s[0], units));
        Var[] states = new Var[s[1]];
        for (int t = 0; t < s[1]; t++) {
            h = step(projected.select(1, t), h);
            states[t] = h;
        }
        return states;
    }

    private Var step(Var xp, Var h) {
        Var u = recurrentKernel.var();
        Var z;
        Var r;
        Var candidate;
        if (resetAfter) {
            Var inner = h.matmul(u).add(bias.var().select(0, 1));
            z = recurrentActivation.apply(gate(xp, 0).add(gate(inner, 0)));
            r = recurrentActivation.apply(gate(xp, 1).add(gate(inner, 1)));
            candidate = activation.apply(gate(xp, 2).add(r.mul(gate(inner, 2))));
        } else {
            Var inner = h.matmul(u.narrow(1, 0, 2 * units));
            z = recurrentActivation.apply(gate(xp, 0).add(gate(inner, 0)));
            r = recurrentActivation.apply(gate(xp, 1).add(gate(inner, 1)));
            candidate = activation.apply(gate(xp, 2).add(r.mul(h).matmul(u.narrow(1, 2 * units, units))));
        }
        return z.mul(h).add(z.neg().add(1).mul(candidate));
    }

    private Var gate(Var stacked, int k) {
        return stacked.narrow(1, k * units, units);
    }

    @Override
    protected String describe() {
        return inputSize + " -> " + units + ", " + activation + ", " + recurrentActivation
                + (resetAfter ? ", reset after" : ", reset before") + (returnSequences ? ", sequences" : ", last state");
    }
}
