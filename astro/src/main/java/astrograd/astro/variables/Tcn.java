package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.Sequential;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;

/**
 * A temporal convolutional network of {@code depth} {@link TemporalBlock}s with dilation {@code 2^i} and
 * {@code width} channels, and a {@link PhaseHead}.
 * <ul>
 *   <li>{@link ModelConfig.Arch#ITCN}: circular padding and the head's mean over all positions. Every layer
 *       commutes with a cyclic shift and the mean removes it, so {@code f(roll(x, s)) = f(x)} exactly (up to
 *       rounding) for every shift s — the phase origin of the folded curve does not matter.</li>
 *   <li>{@link ModelConfig.Arch#TCN_BASELINE}: causal zero padding and the last position's logits (the usual
 *       sequence classifier), which depends on where the sequence starts.</li>
 * </ul>
 */
public final class Tcn extends PhaseNet {
    private final Sequential blocks;
    private final PhaseHead head;

    public Tcn(ModelConfig c, Rng rng) {
        super(c);
        boolean circular = c.arch() == ModelConfig.Arch.ITCN;
        if (!circular && c.arch() != ModelConfig.Arch.TCN_BASELINE) {
            throw new IllegalArgumentException("Tcn: architecture " + c.arch() + " is not a TCN");
        }
        this.blocks = module("blocks", new Sequential());
        for (int i = 0; i < c.depth(); i++) {
            int in = i == 0 ? c.inputChannels() : c.width();
            blocks.add(new TemporalBlock(in, c.width(), c.kernel(), 1 << i, c.dropout(), circular, c.dtype(), rng));
        }
        this.head = module("head", new PhaseHead(headWidth(), c.width(), c.classes(), !circular, c.dtype(), rng));
    }

    @Override
    public Var forward(Var x) {
        if (x.value().rank() != 3 || x.value().size(1) != config().inputChannels()) {
            throw new ShapeException("Tcn: input " + Shape.str(x.value().shape()) + " must be [N, "
                    + config().inputChannels() + ", L]");
        }
        return head.forward(withHeadAux(blocks.forward(x), x));
    }

    @Override
    protected String describe() {
        return config().toString();
    }
}
