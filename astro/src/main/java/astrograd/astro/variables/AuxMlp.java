package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Dropout;
import astrograd.layers.Layer;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;

/**
 * A classifier of the auxiliary inputs alone (shape statistics, colours, period, mean magnitudes, scatter):
 * {@code Linear(A, H) → ReLU → Dropout → Linear(H, H) → ReLU → Linear(H, K)}. On a chunk {@code x [N, C, L]} it reads
 * the mean over the sequence of the last A channels ({@link #forward}): the auxiliary inputs are constant along the
 * sequence, so that mean is their value, and a mean over all positions is unchanged by any cyclic shift of any input,
 * so the output does not depend on the phase origin. {@link #forwardAux} takes the inputs {@code [N, A]} directly
 * (training).
 */
public final class AuxMlp extends Module implements Layer {
    private final int inputs;
    private final Sequential net;

    /**
     * @param inputs  A, the auxiliary inputs
     * @param hidden  H, the units of each hidden layer
     * @param classes K
     */
    public AuxMlp(int inputs, int hidden, int classes, double dropout, DType dtype, Rng rng) {
        this.inputs = inputs;
        this.net = module("net", new Sequential(new Linear(inputs, hidden, true, dtype, rng.fold(0)), Activation.relu(),
                new Dropout(dropout, rng.fold(1)), new Linear(hidden, hidden, true, dtype, rng.fold(2)), Activation.relu(),
                new Linear(hidden, classes, true, dtype, rng.fold(3))));
    }

    /** Logits {@code [N, K]} of chunks {@code x [N, C, L]} whose last A channels are the auxiliary inputs (mean over L). */
    @Override
    public Var forward(Var x) {
        if (x.value().rank() != 3 || x.value().size(1) < inputs) {
            throw new ShapeException("AuxMlp: input " + Shape.str(x.value().shape()) + " must be [N, C >= " + inputs + ", L]");
        }
        return forwardAux(x.narrow(1, x.value().size(1) - inputs, inputs).mean(new int[] {2}, false));
    }

    /** Logits {@code [N, K]} of auxiliary inputs {@code a [N, A]}. */
    public Var forwardAux(Var a) {
        if (a.value().rank() != 2 || a.value().size(1) != inputs) {
            throw new ShapeException("AuxMlp: auxiliary inputs " + Shape.str(a.value().shape()) + " must be [N, " + inputs + "]");
        }
        return net.forward(a);
    }

    @Override
    protected String describe() {
        return inputs + " aux inputs";
    }
}
