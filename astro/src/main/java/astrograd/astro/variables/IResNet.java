package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.ConvOptions;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.layers.PolarConv1d;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;

/**
 * The invariant ResNet (iResNet): a circular stem convolution to {@code width} channels, then {@code depth}
 * residual blocks {@code pool(ReLU(pconv₂(ReLU(pconv₁(x))) + x))} where pconv is a centred
 * {@link PolarConv1d} with kernel k and pool a {@link CyclicMaxPool1d} of kernel 3, and the mean-over-phase
 * {@link PhaseHead}. Every part commutes with cyclic shifts, so the logits are invariant to the phase origin.
 */
public final class IResNet extends PhaseNet {
    private final PolarConv1d stem;
    private final Sequential blocks;
    private final PhaseHead head;

    public IResNet(ModelConfig c, Rng rng) {
        super(c);
        ConvOptions o = ConvOptions.defaults().dtype(c.dtype());
        this.stem = module("stem", new PolarConv1d(c.inputChannels(), c.width(), c.kernel(), 1, false, o, rng));
        this.blocks = module("blocks", new Sequential());
        for (int i = 0; i < c.depth(); i++) {
            blocks.add(new Block(c.width(), c.kernel(), c.dtype(), rng));
        }
        this.head = module("head", new PhaseHead(headWidth(), c.width(), c.classes(), false, c.dtype(), rng));
    }

    /** One residual block with cyclic max pooling. */
    static final class Block extends Module implements Layer {
        private final PolarConv1d conv1;
        private final PolarConv1d conv2;
        private final CyclicMaxPool1d pool;

        Block(int width, int kernel, DType dtype, Rng rng) {
            ConvOptions o = ConvOptions.defaults().dtype(dtype);
            this.conv1 = module("conv1", new PolarConv1d(width, width, kernel, 1, false, o, rng));
            this.conv2 = module("conv2", new PolarConv1d(width, width, kernel, 1, false, o, rng));
            this.pool = module("pool", new CyclicMaxPool1d(3));
        }

        @Override
        public Var forward(Var x) {
            return pool.forward(conv2.forward(conv1.forward(x).relu()).add(x).relu());
        }
    }

    @Override
    public Var forward(Var x) {
        if (x.value().rank() != 3 || x.value().size(1) != config().inputChannels()) {
            throw new ShapeException("IResNet: input " + Shape.str(x.value().shape()) + " must be [N, "
                    + config().inputChannels() + ", L]");
        }
        return head.forward(withHeadAux(blocks.forward(stem.forward(x).relu()), x));
    }

    @Override
    protected String describe() {
        return config().toString();
    }
}
