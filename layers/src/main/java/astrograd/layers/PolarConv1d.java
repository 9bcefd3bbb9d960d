package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.PadMode;

/**
 * Polar (cyclic) convolution for phase-folded signals (Zhang &amp; Bloom 2021, cyclic-permutation invariant
 * temporal convolutions): a stride-1 {@link Conv1d} over x {@code [N, in, L]} padded by wrap-around with
 * {@code total = d(k-1)} elements, {@code total/2} before and the rest after, or all before when causal.
 * The pad may exceed L (it keeps wrapping), and the output has length L. Because the padding is periodic the
 * layer commutes with cyclic shifts: {@code f(roll(x, s)) = roll(f(x), s)}, so a global average over the
 * sequence afterwards is invariant to the phase of the input.
 *
 * <p>The kernel is weight-normalized per output channel o:
 * {@code weight[o] = weight_g[o] · weight_v[o] / ||weight_v[o]||} (the norm over in-channels and taps), with
 * parameters {@code bias [out]}, {@code weight_g [out, 1, 1]} and {@code weight_v [out, in/G, k]} named as
 * PyTorch's {@code weight_norm(nn.Conv1d(...))} names them. {@code weight_v} starts as PyTorch's Conv1d
 * weight and {@code weight_g} as its norm, so the initial kernel is that weight.
 */
public final class PolarConv1d extends Module implements Layer {
    private final int in;
    private final int out;
    private final int kernel;
    private final int dilation;
    private final int groups;
    private final boolean causal;
    private final Parameter bias;
    private final Parameter weightG;
    private final Parameter weightV;

    /** Dilation 1, centred padding, one group, a bias, F32. */
    public PolarConv1d(int in, int out, int kernel, Rng rng) {
        this(in, out, kernel, 1, false, ConvOptions.defaults(), rng);
    }

    /**
     * @param options groups, bias and dtype are used; stride, dilation and padding must be left at their
     *                defaults (the layer fixes them)
     */
    public PolarConv1d(int in, int out, int kernel, int dilation, boolean causal, ConvOptions options, Rng rng) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.dilation = dilation;
        this.groups = options.groups();
        this.causal = causal;
        checkConfig(options);
        int fanIn = in / groups * kernel;
        DType dtype = options.dtype();
        Tensor v = Init.torchDefault(rng, dtype, fanIn, out, in / groups, kernel);
        Tensor b = options.bias() ? Init.torchDefault(rng, dtype, fanIn, out) : null;
        this.bias = b == null ? null : parameter("bias", b);
        this.weightG = parameter("weight_g", v.square().sum(new int[] {1, 2}, true).sqrt());
        this.weightV = parameter("weight_v", v);
    }

    private void checkConfig(ConvOptions options) {
        if (in < 1 || out < 1 || kernel < 1 || dilation < 1) {
            throw new IllegalArgumentException("PolarConv1d: channels, kernel and dilation must be >= 1, got "
                    + in + " -> " + out + ", k=" + kernel + ", dilation " + dilation);
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("PolarConv1d: channels " + in + " -> " + out
                    + " must both be divisible by groups " + groups);
        }
        if (options.stride("PolarConv1d", 1)[0] != 1 || options.dilation("PolarConv1d", 1)[0] != 1
                || !options.padding().isValid()) {
            throw new IllegalArgumentException("PolarConv1d: stride, dilation and padding are fixed by the layer; "
                    + "pass dilation as its own argument");
        }
    }

    /** {@code weight_g [out, 1, 1]}: the norm of each output channel's kernel. */
    public Parameter weightG() {
        return weightG;
    }

    /** {@code weight_v [out, in/G, k]}: the kernel's direction. */
    public Parameter weightV() {
        return weightV;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The effective kernel {@code g · v / ||v||} as a tensor. */
    public Tensor weight() {
        return normalizedWeight(weightG.var(), weightV.var()).value();
    }

    /** The {@code {before, after}} wrap-around amounts. */
    public int[] padding() {
        int total = dilation * (kernel - 1);
        return causal ? new int[] {total, 0} : new int[] {total / 2, total - total / 2};
    }

    @Override
    public Var forward(Var x) {
        return forwardWith(x, weightG.var(), weightV.var(), bias == null ? null : bias.var());
    }

    /** The layer with the given {@code weight_g}, {@code weight_v} and bias (null for none) in place of its own. */
    public Var forwardWith(Var x, Var g, Var v, Var b) {
        checkInput(x.value());
        int[] p = padding();
        Var padded = x.pad(2, p[0], p[1], PadMode.CIRCULAR, 0);
        return VarConv.conv1d(padded, normalizedWeight(g, v), b, 1, 0, 0, dilation, groups);
    }

    /**
     * Weight normalization of a conv kernel: {@code g · v / ||v||}, the norm over axes 1 and 2 of each output
     * channel ({@code v [out, in/G, k]}, {@code g [out, 1, 1]}).
     */
    public static Var normalizedWeight(Var g, Var v) {
        return v.mul(g.div(v.square().sum(new int[] {1, 2}, true).sqrt()));
    }

    private void checkInput(Tensor x) {
        if (x.rank() != 3 || x.size(1) != in) {
            throw new ShapeException("PolarConv1d(" + describe() + "): input " + Shape.str(x.shape())
                    + " must be [N, " + in + ", L]");
        }
        if (x.size(2) < 1) {
            throw new ShapeException("PolarConv1d(" + describe() + "): input " + Shape.str(x.shape())
                    + " has an empty sequence; wrap-around padding needs L >= 1");
        }
        if (x.dtype() != weightV.value().dtype()) {
            throw new astrograd.tensor.DTypeException("PolarConv1d(" + describe() + "): input is " + x.dtype()
                    + " but the parameters are " + weightV.value().dtype());
        }
    }

    @Override
    protected String describe() {
        return in + " -> " + out + ", k=" + kernel + (dilation != 1 ? ", dilation " + dilation : "")
                + (causal ? ", causal" : "") + (groups != 1 ? ", groups " + groups : "") + (bias == null ? ", no bias" : "");
    }
}
