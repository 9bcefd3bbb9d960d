package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * Group normalization (Wu &amp; He 2018; PyTorch's {@code nn.GroupNorm(num_groups, num_channels, eps, affine)}) of
 * an input {@code [N, C, *]}: the C channels are split into G groups of C/G consecutive channels, and every
 * (sample, group) is normalized over its channels and all positions:
 * <pre>
 *   y[n, c, ...] = (x[n, c, ...] − μ[n, g(c)]) / sqrt(σ²[n, g(c)] + ε) · γ[c] + β[c]
 * </pre>
 * with the <em>biased</em> variance σ². γ ({@code weight}, ones) and β ({@code bias}, zeros) are per channel and
 * exist when {@code affine}. G = 1 normalizes each sample over everything (LayerNorm over [C, *] with per-channel
 * affine); G = C each channel alone (instance normalization). The same in training and evaluation, no buffers.
 * Default ε = 1e-5. A constant group (σ² = 0) gives β and finite gradients; gradients are the composite's, exact.
 */
public final class GroupNorm extends Module implements Layer {
    private final int numGroups;
    private final int numChannels;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /** PyTorch's {@code nn.GroupNorm(num_groups, num_channels)}: F32, ε = 1e-5, affine. */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5, true, DType.F32);
    }

    /**
     * @throws IllegalArgumentException if a count is below 1, {@code numChannels} is not a multiple of
     *                                  {@code numGroups}, or eps is not positive
     */
    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine, DType dtype) {
        if (numGroups < 1 || numChannels < 1) {
            throw new IllegalArgumentException("GroupNorm: need num_groups >= 1 and num_channels >= 1, got "
                    + numGroups + " and " + numChannels);
        }
        if (numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: num_channels " + numChannels
                    + " is not divisible by num_groups " + numGroups);
        }
        Normalization.checkEps("GroupNorm(" + numGroups + ", " + numChannels + ")", eps);
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.weight = affine ? parameter("weight", Tensor.ones(dtype, numChannels)) : null;
        this.bias = affine ? parameter("bias", Tensor.zeros(dtype, numChannels)) : null;
    }

    /** γ, or null when not affine. */
    public Parameter weight() {
        return weight;
    }

    /** β, or null when not affine. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Var forward(Var x) {
        int[] shape = x.value().shape();
        if (shape.length < 2 || shape[1] != numChannels) {
            throw new ShapeException("GroupNorm(" + describe() + "): input " + Shape.str(shape) + " must be [N, "
                    + numChannels + ", ...]");
        }
        return groupNorm(x, numGroups, weight == null ? null : weight.var(), bias == null ? null : bias.var(), eps);
    }

    /**
     * PyTorch's {@code F.group_norm}: x {@code [N, C, *]} normalized per sample over each group of C/G
     * channels and all positions (biased σ²), then {@code · weight[c] + bias[c]}; weight and bias {@code [C]},
     * each may be null.
     *
     * @throws ShapeException if x has rank &lt; 2, C is not a multiple of {@code numGroups}, or weight/bias
     *                        are not {@code [C]}
     */
    public static Var groupNorm(Var x, int numGroups, Var weight, Var bias, double eps) {
        int[] shape = x.value().shape();
        if (shape.length < 2 || numGroups < 1 || shape[1] % numGroups != 0) {
            throw new ShapeException("groupNorm: input " + Shape.str(shape) + " must be [N, C, ...] with C a multiple of "
                    + numGroups + " groups");
        }
        int channels = shape[1];
        LayerNorm.checkAffine("groupNorm", "weight", weight, new int[] {channels});
        LayerNorm.checkAffine("groupNorm", "bias", bias, new int[] {channels});
        int perGroup = (int) (Shape.numel(shape) / Math.max(1, (long) shape[0] * numGroups));
        Var grouped = x.reshape(shape[0], numGroups, perGroup);
        Var y = Normalization.standardize(grouped, new int[] {2}, eps).reshape(shape);
        int[] perChannel = new int[shape.length];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        y = weight == null ? y : y.mul(weight.reshape(perChannel));
        return bias == null ? y : y.add(bias.reshape(perChannel));
    }

    @Override
    protected String describe() {
        return numGroups + " groups, " + numChannels + " channels, eps=" + eps + (weight == null ? ", no affine" : "");
    }
}
