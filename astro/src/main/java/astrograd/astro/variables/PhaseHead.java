package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.Conv1d;
import astrograd.layers.ConvOptions;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * The classification head on features {@code h [N, W, L]}: per position {@code z = Conv1×1(ReLU(Conv1×1(h)))}
 * ({@code [N, K, L]} class logits), then either the mean over all positions,
 * {@code logits = (1/L) Σ_t z[:, :, t]} (invariant to cyclic shifts of h), or the last position
 * {@code z[:, :, L−1]} (the causal baseline's head).
 */
public final class PhaseHead extends Module implements Layer {
    private final Conv1d hidden;
    private final Conv1d out;
    private final boolean lastStep;

    public PhaseHead(int width, int hiddenWidth, int classes, boolean lastStep, DType dtype, Rng rng) {
        ConvOptions o = ConvOptions.defaults().dtype(dtype);
        this.hidden = module("hidden", new Conv1d(width, hiddenWidth, 1, o, rng));
        this.out = module("out", new Conv1d(hiddenWidth, classes, 1, o, rng));
        this.lastStep = lastStep;
    }

    @Override
    public Var forward(Var h) {
        Var z = out.forward(hidden.forward(h).relu());
        if (lastStep) {
            return z.select(2, z.value().size(2) - 1);
        }
        return z.mean(new int[] {2}, false);
    }

    @Override
    protected String describe() {
        return lastStep ? "last step" : "mean over phase";
    }
}
