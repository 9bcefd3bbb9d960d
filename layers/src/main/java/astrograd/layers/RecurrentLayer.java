package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * What {@link GRU} and {@link LSTM} share: the single-layer weights in PyTorch's layout and names
 * ({@code weight_ih_l0 [G·H, F]}, {@code weight_hh_l0 [G·H, H]}, {@code bias_ih_l0 [G·H]},
 * {@code bias_hh_l0 [G·H]} for G gates stacked in PyTorch's order), PyTorch's initialization
 * {@code U(−1/sqrt(H), 1/sqrt(H))} for all of them, batch-first input {@code [N, T, F]}, and the input
 * projection of all time steps at once. The recurrence is written from Var ops (backpropagation through time
 * then needs no rule of its own), except where a layer has a fused op for it ({@link GRU} on the CPU).
 */
abstract class RecurrentLayer extends Module implements Layer {
    final int inputSize;
    final int hiddenSize;
    final int gates;
    final boolean returnSequences;
    private final DType dtype;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;

    RecurrentLayer(int gates, int inputSize, int hiddenSize, boolean bias, boolean returnSequences, DType dtype, Rng rng) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": sizes must be >= 1, got input " + inputSize
                    + ", hidden " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gates = gates;
        this.returnSequences = returnSequences;
        this.dtype = dtype;
        double bound = 1 / Math.sqrt(hiddenSize);
        this.weightIh = parameter("weight_ih_l0", Init.uniform(rng, dtype, bound, gates * hiddenSize, inputSize));
        this.weightHh = parameter("weight_hh_l0", Init.uniform(rng, dtype, bound, gates * hiddenSize, hiddenSize));
        this.biasIh = bias ? parameter("bias_ih_l0", Init.uniform(rng, dtype, bound, gates * hiddenSize)) : null;
        this.biasHh = bias ? parameter("bias_hh_l0", Init.uniform(rng, dtype, bound, gates * hiddenSize)) : null;
    }

    public Parameter weightIh() {
        return weightIh;
    }

    public Parameter weightHh() {
        return weightHh;
    }

    /** The input bias, or null without biases. */
    public Parameter biasIh() {
        return biasIh;
    }

    /** The hidden bias, or null without biases. */
    public Parameter biasHh() {
        return biasHh;
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** {@code x W_ihᵀ + b_ih} for every step: {@code [N, T, G·H]}. */
    final Var inputProjection(Var x) {
        int[] s = x.value().shape();
        if (s.length != 3 || s[2] != inputSize || s[1] < 1) {
            throw new ShapeException(name() + ": input " + Shape.str(s) + " must be batch-first [N, T, " + inputSize
                    + "] with T >= 1");
        }
        // one [N·T, F] × [F, G·H] product: a batched product would sum N weight gradients afterwards
        return x.reshape(s[0] * s[1], inputSize).linear(weightIh.var(), biasIh == null ? null : biasIh.var())
                .reshape(s[0], s[1], gates * hiddenSize);
    }

    /** {@code h W_hhᵀ + b_hh} restricted to gate rows {@code [from·H, to·H)}: {@code [N, (to−from)·H]}. */
    final Var hiddenProjection(Var h, Var hiddenWeightsT, int fromGate, int toGate) {
        int start = fromGate * hiddenSize;
        int length = (toGate - fromGate) * hiddenSize;
        Var w = length == gates * hiddenSize ? hiddenWeightsT : hiddenWeightsT.narrow(1, start, length);
        Var y = h.matmul(w);
        return biasHh == null ? y : y.add(biasHh.var().narrow(0, start, length));
    }

    /**
     * {@code weight_hh_l0ᵀ [H, G·H]}, copied once per run so that every step multiplies by a row-major matrix
     * (a transposed view would be repacked column by column at every step).
     */
    final Var hiddenWeightsTransposed() {
        return weightHh.var().transpose(0, 1).contiguous();
    }

    /** Gate {@code k} of a stacked projection {@code [N, G·H]}. */
    final Var gate(Var stacked, int k) {
        return stacked.narrow(1, k * hiddenSize, hiddenSize);
    }

    /** An initial state {@code [N, H]} (or PyTorch's {@code [1, N, H]}), or zeros when null. */
    final Var initialState(Var state, String what, int batch) {
        if (state == null) {
            return Var.constant(Tensor.zeros(dtype, batch, hiddenSize));
        }
        int[] s = state.value().shape();
        if (s.length == 3 && s[0] == 1) {
            state = state.reshape(s[1], s[2]);
            s = state.value().shape();
        }
        if (s.length != 2 || s[0] != batch || s[1] != hiddenSize) {
            throw new ShapeException(name() + ": initial " + what + " " + Shape.str(state.value().shape()) + " must be ["
                    + batch + ", " + hiddenSize + "] (or [1, " + batch + ", " + hiddenSize + "])");
        }
        return state;
    }

    final String name() {
        return getClass().getSimpleName() + "(" + describe() + ")";
    }

    @Override
    protected String describe() {
        return inputSize + " -> " + hiddenSize + (biasIh == null ? ", no bias" : "")
                + (returnSequences ? ", sequences" : ", last state");
    }
}
