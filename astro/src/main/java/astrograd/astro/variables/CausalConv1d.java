package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.layers.Init;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.layers.PolarConv1d;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * The non-invariant counterpart of {@link astrograd.layers.PolarConv1d} for the baseline TCN: the same
 * weight-normalized dilated convolution ({@code weight = g · v / ||v||} per output channel, parameters
 * {@code bias}, {@code weight_g}, {@code weight_v} initialized identically), but padded causally with
 * {@code d(k−1)} zeros before the sequence instead of wrapping around:
 * {@code y[t] = b + Σ_{c,j} w[c, j] · x[c, t − d(k−1−j)]}, with {@code x[c, t] = 0} for {@code t < 0}.
 */
public final class CausalConv1d extends Module implements Layer {
    private final int in;
    private final int out;
    private final int kernel;
    private final int dilation;
    private final Parameter bias;
    private final Parameter weightG;
    private final Parameter weightV;

    public CausalConv1d(int in, int out, int kernel, int dilation, DType dtype, Rng rng) {
        if (in < 1 || out < 1 || kernel < 1 || dilation < 1) {
            throw new IllegalArgumentException("CausalConv1d: channels, kernel and dilation must be >= 1, got "
                    + in + " -> " + out + ", k=" + kernel + ", dilation " + dilation);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.dilation = dilation;
        int fanIn = in * kernel;
        Tensor v = Init.torchDefault(rng, dtype, fanIn, out, in, kernel);
        this.bias = parameter("bias", Init.torchDefault(rng, dtype, fanIn, out));
        this.weightG = parameter("weight_g", v.square().sum(new int[] {1, 2}, true).sqrt());
        this.weightV = parameter("weight_v", v);
    }

    @Override
    public Var forward(Var x) {
        if (x.value().rank() != 3 || x.value().size(1) != in) {
            throw new ShapeException("CausalConv1d(" + describe() + "): input " + Shape.str(x.value().shape())
                    + " must be [N, " + in + ", L]");
        }
        Var w = PolarConv1d.normalizedWeight(weightG.var(), weightV.var());
        return VarConv.conv1d(x, w, bias.var(), 1, dilation * (kernel - 1), 0, dilation, 1);
    }

    @Override
    protected String describe() {
        return in + " -> " + out + ", k=" + kernel + (dilation != 1 ? ", dilation " + dilation : "") + ", causal zeros";
    }
}
