package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * A single-layer gated recurrent unit over batch-first input {@code [N, T, F]}, with PyTorch's parameter
 * names and gate order r, z, n ({@code weight_ih_l0 [3H, F]}, {@code weight_hh_l0 [3H, H]},
 * {@code bias_ih_l0 [3H]}, {@code bias_hh_l0 [3H]}). Per step, from {@code h = h_{t−1}} and {@code x = x_t}:
 * <pre>
 *   r  = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))       {@link ResetGate#AFTER_MATMUL}
 *   n  = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)       {@link ResetGate#BEFORE_MATMUL}
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * AFTER_MATMUL is PyTorch's {@code nn.GRU} and Keras's {@code GRU(reset_after=True)} (the cuDNN form, the
 * Keras default since TF 2); BEFORE_MATMUL is the original of Cho et al. (2014) and Keras's
 * {@code reset_after=False} (where the two hidden biases act as one). Keras stacks its gates z, r, h;
 * reorder them to r, z, n when importing its weights.
 *
 * <p>On the CPU (F32, F64) the AFTER_MATMUL recurrence runs as one fused op ({@link GruSequence}: one small
 * GEMM and one elementwise pass per step and direction, the weight gradient one GEMM over all steps); elsewhere,
 * and for BEFORE_MATMUL, it is written step by step from Var ops.
 *
 * <p>{@link #forward(Var)} returns the whole sequence {@code [N, T, H]} or only the last state
 * {@code [N, H]} as configured; {@link #run} returns both. The initial state is zeros unless given.
 */
public final class GRU extends RecurrentLayer {
    /** Where the reset gate acts on the hidden contribution to the candidate state n. */
    public enum ResetGate { AFTER_MATMUL, BEFORE_MATMUL }

    /** The outputs of a run: every hidden state {@code [N, T, H]} and the last one {@code [N, H]}. */
    public record Output(Var sequence, Var last) {
    }

    private final ResetGate resetGate;

    /** PyTorch's {@code nn.GRU(input, hidden, batch_first=True)} in F32, returning the whole sequence. */
    public GRU(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, true, ResetGate.AFTER_MATMUL, true, DType.F32, rng);
    }

    public GRU(int inputSize, int hiddenSize, boolean bias, ResetGate resetGate, boolean returnSequences, DType dtype, Rng rng) {
        super(3, inputSize, hiddenSize, bias, returnSequences, dtype, rng);
        this.resetGate = resetGate;
    }

    public ResetGate resetGate() {
        return resetGate;
    }

    @Override
    public Var forward(Var x) {
        return forward(x, null);
    }

    /** The sequence or the last state, as configured, from the initial state {@code h0} (null: zeros). */
    public Var forward(Var x, Var h0) {
        Output out = run(x, h0);
        return returnSequences ? out.sequence() : out.last();
    }

    /** Runs the recurrence from {@code h0} ({@code [N, H]}, {@code [1, N, H]} or null for zeros). */
    public Output run(Var x, Var h0) {
        Var projected = inputProjection(x);
        int steps = x.value().size(1);
        Var h = initialState(h0, "hidden state", x.value().size(0));
        Var bias = biasHh() == null ? null : biasHh().var();
        if (resetGate == ResetGate.AFTER_MATMUL && GruSequence.applies(projected, h, weightHh().var(), bias)) {
            Var sequence = GruSequence.run(projected, h, weightHh().var(), bias);
            return new Output(sequence, sequence.select(1, steps - 1));
        }
        Var weightsT = hiddenWeightsTransposed();
        Var[] states = new Var[steps];
        for (int t = 0; t < steps; t++) {
            h = step(projected.select(1, t), h, weightsT);
            states[t] = h;
        }
        return new Output(Var.stack(1, states), h);
    }

    private Var step(Var gi, Var h, Var weightsT) {
        Var n;
        Var r;
        Var z;
        if (resetGate == ResetGate.AFTER_MATMUL) {
            Var gh = hiddenProjection(h, weightsT, 0, 3);
            r = gate(gi, 0).add(gate(gh, 0)).sigmoid();
            z = gate(gi, 1).add(gate(gh, 1)).sigmoid();
            n = gate(gi, 2).add(r.mul(gate(gh, 2))).tanh();
        } else {
            Var gh = hiddenProjection(h, weightsT, 0, 2);
            r = gate(gi, 0).add(gate(gh, 0)).sigmoid();
            z = gate(gi, 1).add(gate(gh, 1)).sigmoid();
            n = gate(gi, 2).add(hiddenProjection(r.mul(h), weightsT, 2, 3)).tanh();
        }
        return n.add(z.mul(h.sub(n)));
    }

    @Override
    protected String describe() {
        return super.describe() + (resetGate == ResetGate.BEFORE_MATMUL ? ", reset before matmul" : "");
    }
}
