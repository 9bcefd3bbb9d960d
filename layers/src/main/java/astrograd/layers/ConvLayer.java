package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PadMode;
import astrograd.tensor.ops.PoolSpec;
import java.util.Arrays;

/**
 * What {@link Conv1d} and {@link Conv2d} share: a weight {@code [out, in/groups, k...]} and a bias
 * {@code [out]} in PyTorch's layout, initialized as PyTorch does ({@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))},
 * {@code fanIn = in/groups · Πk}), and a forward pass {@code y = conv(pad(x), weight) + bias}.
 */
abstract class ConvLayer extends Module implements Layer {
    private final String kind;
    private final int in;
    private final int out;
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    private final int groups;
    private final ConvPadding padding;
    private final boolean hasBias;
    private final Parameter weight;
    private final Parameter bias;

    ConvLayer(String kind, int in, int out, int[] kernel, ConvOptions options, Rng rng) {
        this.kind = kind;
        this.in = in;
        this.out = out;
        this.kernel = kernel.clone();
        this.groups = options.groups();
        this.stride = options.stride(kind, kernel.length);
        this.dilation = options.dilation(kind, kernel.length);
        this.padding = options.padding();
        this.hasBias = options.bias();
        checkSizes();
        padding.check(name(), kernel.length, stride);
        for (int op : options.outputPadding(kind, kernel.length)) {
            if (op != 0) {
                throw new IllegalArgumentException(kind + ": output padding applies to transposed convolutions only");
            }
        }
        int[] wShape = new int[2 + kernel.length];
        wShape[0] = out;
        wShape[1] = in / groups;
        System.arraycopy(kernel, 0, wShape, 2, kernel.length);
        int fanIn = Init.fans(wShape)[0];
        this.weight = parameter("weight", Init.torchDefault(rng, options.dtype(), fanIn, wShape));
        this.bias = options.bias() ? parameter("bias", Init.torchDefault(rng, options.dtype(), fanIn, out)) : null;
    }

    private void checkSizes() {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException(kind + ": channels must be >= 1, got " + in + " -> " + out);
        }
        for (int k : kernel) {
            if (k < 1) {
                throw new IllegalArgumentException(kind + ": kernel must be >= 1, got " + Arrays.toString(kernel));
            }
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(kind + ": channels " + in + " -> " + out + " must both be divisible by groups " + groups);
        }
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    @Override
    public Var forward(Var x) {
        return forwardWith(x, weight.var(), bias == null ? null : bias.var());
    }

    /**
     * This layer's convolution with the given weight and bias (null for none) in place of its own
     * parameters: the functional form, for gradient checks and weight sharing.
     */
    public Var forwardWith(Var x, Var w, Var b) {
        return convolve(x, w, b, false);
    }

    /**
     * {@code relu(forward(x))} as one op ({@link VarConv#conv2dRelu}): the pre-activation is never kept. Same
     * values and gradients, bit for bit; {@link Sequential} uses it for a convolution followed by a ReLU.
     */
    public Var forwardRelu(Var x) {
        return convolve(x, weight.var(), bias == null ? null : bias.var(), true);
    }

    /**
     * {@code pool.forward(relu(forward(x)))} for a (non-global) max pool over this layer's spatial axes, through
     * {@link VarConv#conv2dReluMaxPool}: fused when no gradient is recorded, the separate ops otherwise. Same values
     * and gradients as the three layers, bit for bit, and the pool's own errors.
     *
     * @throws IllegalArgumentException if {@code pool} is not a max pool over as many axes as this convolution
     */
    public Var forwardReluMaxPool(Var x, Pool pool) {
        if (pool.maxPoolSpec(kernel.length) == null) {
            throw new IllegalArgumentException(name() + ": forwardReluMaxPool needs a " + kernel.length
                    + "-d max pool, got " + pool.name());
        }
        return convolve(x, weight.var(), bias == null ? null : bias.var(), true, pool);
    }

    /** The number of spatial axes (1 for {@link Conv1d}, 2 for {@link Conv2d}). */
    int spatialAxes() {
        return kernel.length;
    }

    private Var convolve(Var x, Var w, Var b, boolean relu) {
        return convolve(x, w, b, relu, null);
    }

    /** Resolves the padding (explicit pads, or a padded copy for the non-constant modes), then convolves. */
    private Var convolve(Var x, Var w, Var b, boolean relu, Pool pool) {
        checkInput(x.value());
        int axes = kernel.length;
        int[] pads = new int[2 * axes];
        int[] outShape = new int[2 + axes];
        outShape[0] = x.value().size(0);
        outShape[1] = out;
        Var padded = x;
        for (int a = 0; a < axes; a++) {
            int length = x.value().size(2 + a);
            int[] p = padding.resolve(name(), a, axes, length, kernel[a], stride[a], dilation[a]);
            if (padding.mode() == PadMode.CONSTANT) {
                pads[2 * a] = p[0];
                pads[2 * a + 1] = p[1];
            } else {
                padded = padded.pad(2 + a, p[0], p[1], padding.mode(), 0);
            }
            checkLength(x.value(), a, length + p[0] + p[1]);
            outShape[2 + a] = (length + p[0] + p[1] - dilation[a] * (kernel[a] - 1) - 1) / stride[a] + 1;
        }
        if (pool != null) {
            pool.checkInputShape(outShape);
        }
        return convolvePadded(padded, w, b, pads, relu, pool == null ? null : pool.maxPoolSpec(axes));
    }

    private Var convolvePadded(Var padded, Var w, Var b, int[] pads, boolean relu, PoolSpec pool) {
        if (kernel.length == 1) {
            if (pool != null) {
                return VarConv.conv1dReluMaxPool(padded, w, b, stride[0], pads[0], pads[1], dilation[0], groups, pool);
            }
            return relu ? VarConv.conv1dRelu(padded, w, b, stride[0], pads[0], pads[1], dilation[0], groups)
                    : VarConv.conv1d(padded, w, b, stride[0], pads[0], pads[1], dilation[0], groups);
        }
        ConvSpec spec = new ConvSpec(stride[0], stride[1], pads[0], pads[1], pads[2], pads[3], dilation[0],
                dilation[1], groups, 0, 0);
        if (pool != null) {
            return VarConv.conv2dReluMaxPool(padded, w, b, spec, pool);
        }
        return relu ? VarConv.conv2dRelu(padded, w, b, spec) : VarConv.conv2d(padded, w, b, spec);
    }

    private void checkInput(Tensor x) {
        int rank = 2 + kernel.length;
        if (x.rank() != rank) {
            throw new ShapeException(name() + ": input " + Shape.str(x.shape()) + " must have rank " + rank
                    + (rank == 3 ? " [N, C, L]" : " [N, C, H, W]"));
        }
        if (x.size(1) != in) {
            throw new ShapeException(name() + ": input " + Shape.str(x.shape()) + " has " + x.size(1)
                    + " channels, expected " + in);
        }
        if (x.dtype() != weight.value().dtype()) {
            throw new astrograd.tensor.DTypeException(name() + ": input is " + x.dtype() + " but the parameters are "
                    + weight.value().dtype());
        }
    }

    private void checkLength(Tensor x, int axis, int paddedLength) {
        int span = dilation[axis] * (kernel[axis] - 1) + 1;
        if (paddedLength < span) {
            throw new ShapeException(name() + ": input " + Shape.str(x.shape()) + " padded to " + paddedLength
                    + " along spatial axis " + axis + " is shorter than the dilated kernel " + span);
        }
    }

    private String name() {
        return kind + "(" + describe() + ")";
    }

    @Override
    protected String describe() {
        StringBuilder sb = new StringBuilder().append(in).append(" -> ").append(out).append(", k=").append(join(kernel));
        if (!allOnes(stride)) {
            sb.append(", stride ").append(join(stride));
        }
        if (!allOnes(dilation)) {
            sb.append(", dilation ").append(join(dilation));
        }
        sb.append(", padding ").append(padding);
        if (groups != 1) {
            sb.append(", groups ").append(groups);
        }
        return !hasBias ? sb.append(", no bias").toString() : sb.toString();
    }

    private static boolean allOnes(int[] v) {
        return Arrays.stream(v).allMatch(x -> x == 1);
    }

    private static String join(int[] v) {
        return v.length == 1 ? Integer.toString(v[0]) : Arrays.toString(v).replace(" ", "");
    }
}
