package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * A single-layer long short-term memory over batch-first input {@code [N, T, F]}, with PyTorch's parameter
 * names and gate order i, f, g, o ({@code weight_ih_l0 [4H, F]}, {@code weight_hh_l0 [4H, H]},
 * {@code bias_ih_l0 [4H]}, {@code bias_hh_l0 [4H]}). Per step, from {@code (h, c) = (h_{t−1}, c_{t−1})}:
 * <pre>
 *   i  = σ(W_ii x + b_ii + W_hi h + b_hi)
 *   f  = σ(W_if x + b_if + W_hf h + b_hf)
 *   g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
 *   o  = σ(W_io x + b_io + W_ho h + b_ho)
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ tanh(c')
 * </pre>
 * Keras stacks the same gates in the order i, f, c, o with one bias. {@link #forward(Var)} returns the
 * hidden sequence {@code [N, T, H]} or the last hidden state {@code [N, H]} as configured; {@link #run}
 * returns the sequence and the final {@code (h, c)}. Initial states are zeros unless given.
 */
public final class LSTM extends RecurrentLayer {
    /** The outputs of a run: every hidden state {@code [N, T, H]}, the last hidden and cell states {@code [N, H]}. */
    public record Output(Var sequence, Var lastHidden, Var lastCell) {
    }

    /** PyTorch's {@code nn.LSTM(input, hidden, batch_first=True)} in F32, returning the whole sequence. */
    public LSTM(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, true, true, DType.F32, rng);
    }

    public LSTM(int inputSize, int hiddenSize, boolean bias, boolean returnSequences, DType dtype, Rng rng) {
        super(4, inputSize, hiddenSize, bias, returnSequences, dtype, rng);
    }

    @Override
    public Var forward(Var x) {
        return forward(x, null, null);
    }

    /** The sequence or the last hidden state, as configured, from {@code (h0, c0)} (null: zeros). */
    public Var forward(Var x, Var h0, Var c0) {
        Output out = run(x, h0, c0);
        return returnSequences ? out.sequence() : out.lastHidden();
    }

    /** Runs the recurrence from {@code h0} and {@code c0} ({@code [N, H]}, {@code [1, N, H]} or null for zeros). */
    public Output run(Var x, Var h0, Var c0) {
        Var projected = inputProjection(x);
        int batch = x.value().size(0);
        int steps = x.value().size(1);
        Var h = initialState(h0, "hidden state", batch);
        Var c = initialState(c0, "cell state", batch);
        Var weightsT = hiddenWeightsTransposed();
        Var[] states = new Var[steps];
        for (int t = 0; t < steps; t++) {
            Var gates = projected.select(1, t).add(hiddenProjection(h, weightsT, 0, 4));
            Var i = gate(gates, 0).sigmoid();
            Var f = gate(gates, 1).sigmoid();
            Var g = gate(gates, 2).tanh();
            Var o = gate(gates, 3).sigmoid();
            c = f.mul(c).add(i.mul(g));
            h = o.mul(c.tanh());
            states[t] = h;
        }
        return new Output(Var.stack(1, states), h, c);
    }
}
