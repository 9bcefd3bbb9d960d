package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.Layer;
import astrograd.layers.Module;

/** A classifier of folded light-curve chunks: input {@code [N, C, L]} (any L ≥ 1), output logits {@code [N, K]}. */
public abstract class PhaseNet extends Module implements Layer {
    private final ModelConfig config;

    protected PhaseNet(ModelConfig config) {
        this.config = config;
    }

    public ModelConfig config() {
        return config;
    }

    /** The width of the head's input: the last block's {@code width} plus the {@code headAux} routed channels. */
    protected int headWidth() {
        return config.width() + config.headAux();
    }

    /**
     * {@code h [N, W, L]} with the last {@code headAux} channels of the input {@code x [N, C, L]} appended along the
     * channels (they are constant along the sequence, so this commutes with a cyclic shift).
     */
    protected Var withHeadAux(Var h, Var x) {
        int a = config.headAux();
        return a == 0 ? h : Var.cat(1, h, x.narrow(1, config.inputChannels() - a, a));
    }
}
