package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.Conv1d;
import astrograd.layers.ConvOptions;
import astrograd.layers.Dropout;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.layers.PolarConv1d;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;

/**
 * One TCN block (Bai et al. 2018; Zhang &amp; Bloom 2021):
 * {@code y = ReLU(Drop(ReLU(conv₂(Drop(ReLU(conv₁(x)))))) + skip(x))}, where each conv is weight-normalized with
 * kernel k and dilation d, padded by {@code (k−1)·d} elements before the sequence — wrapped around
 * ({@link PolarConv1d}, causal) in the invariant TCN, zeros ({@link CausalConv1d}) in the baseline — and skip is
 * a 1×1 convolution when the widths differ, the identity otherwise.
 */
public final class TemporalBlock extends Module implements Layer {
    private final Layer conv1;
    private final Layer conv2;
    private final Dropout drop1;
    private final Dropout drop2;
    private final Conv1d skip;

    public TemporalBlock(int in, int out, int kernel, int dilation, double dropout, boolean circular, DType dtype, Rng rng) {
        this.conv1 = (Layer) module("conv1", conv(in, out, kernel, dilation, circular, dtype, rng));
        this.drop1 = module("drop1", new Dropout(dropout, rng));
        this.conv2 = (Layer) module("conv2", conv(out, out, kernel, dilation, circular, dtype, rng));
        this.drop2 = module("drop2", new Dropout(dropout, rng));
        this.skip = in == out ? null : module("skip", new Conv1d(in, out, 1, ConvOptions.defaults().dtype(dtype), rng));
    }

    private static Module conv(int in, int out, int k, int d, boolean circular, DType dtype, Rng rng) {
        return circular
                ? new PolarConv1d(in, out, k, d, true, ConvOptions.defaults().dtype(dtype), rng)
                : new CausalConv1d(in, out, k, d, dtype, rng);
    }

    @Override
    public Var forward(Var x) {
        Var h = drop1.forward(conv1.forward(x).relu());
        h = drop2.forward(conv2.forward(h).relu());
        return h.add(skip == null ? x : skip.forward(x)).relu();
    }
}
