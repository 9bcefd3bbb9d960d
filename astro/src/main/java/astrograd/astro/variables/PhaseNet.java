package astrograd.astro.variables;

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
}
