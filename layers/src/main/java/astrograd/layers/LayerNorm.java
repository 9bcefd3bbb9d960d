package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalization (Ba, Kiros &amp; Hinton 2016; PyTorch's {@code nn.LayerNorm(normalized_shape, eps,
 * elementwise_affine)}) over the trailing axes {@code normalizedShape} of an input {@code [..., *normalizedShape]}:
 * <pre>
 *   y = (x − μ) / sqrt(σ² + ε) · γ + β
 * </pre>
 * with μ and the <em>biased</em> variance σ² taken over the last {@code normalizedShape.length} axes, separately
 * for every leading index. γ ({@code weight}, ones) and β ({@code bias}, zeros) have the shape
 * {@code normalizedShape} and exist when {@code elementwiseAffine}; names as in PyTorch's state_dict. The same in
 * training and evaluation (no running statistics, no buffers). Default ε = 1e-5. A constant slice (σ² = 0)
 * gives β and finite gradients. Gradients are those of the composite (see {@link #layerNorm}), exact.
 */
public final class LayerNorm extends Module implements Layer {
    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /** PyTorch's {@code nn.LayerNorm(normalized_shape)}: F32, ε = 1e-5, elementwise affine. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true, DType.F32);
    }

    /**
     * @param normalizedShape   the trailing axes to normalize over, each &gt;= 1
     * @param eps               added to the variance, &gt; 0
     * @param elementwiseAffine whether to learn γ and β of shape {@code normalizedShape}
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("LayerNorm: normalized shape must be non-empty with sizes >= 1, got "
                    + Arrays.toString(normalizedShape));
        }
        Normalization.checkEps("LayerNorm(" + Shape.str(normalizedShape) + ")", eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? parameter("weight", Tensor.ones(dtype, normalizedShape)) : null;
        this.bias = elementwiseAffine ? parameter("bias", Tensor.zeros(dtype, normalizedShape)) : null;
    }

    /** γ, or null without elementwise affine. */
    public Parameter weight() {
        return weight;
    }

    /** β, or null without elementwise affine. */
    public Parameter bias() {
        return bias;
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    @Override
    public Var forward(Var x) {
        if (!endsWith(x.value().shape(), normalizedShape)) {
            throw new ShapeException("LayerNorm(" + describe() + "): input " + Shape.str(x.value().shape())
                    + " must end in " + Shape.str(normalizedShape));
        }
        return layerNorm(x, normalizedShape, weight == null ? null : weight.var(), bias == null ? null : bias.var(), eps);
    }

    /**
     * PyTorch's {@code F.layer_norm}: {@code (x − μ) / sqrt(σ² + ε) · weight + bias} over the trailing axes
     * {@code normalizedShape} (biased σ²); weight and bias of shape {@code normalizedShape}, each may be null.
     *
     * @throws ShapeException if x does not end in {@code normalizedShape} or weight/bias have another shape
     */
    public static Var layerNorm(Var x, int[] normalizedShape, Var weight, Var bias, double eps) {
        int[] shape = x.value().shape();
        if (normalizedShape.length == 0 || !endsWith(shape, normalizedShape)) {
            throw new ShapeException("layerNorm: input " + Shape.str(shape) + " must end in the normalized shape "
                    + Shape.str(normalizedShape));
        }
        checkAffine("layerNorm", "weight", weight, normalizedShape);
        checkAffine("layerNorm", "bias", bias, normalizedShape);
        int[] axes = new int[normalizedShape.length];
        for (int k = 0; k < axes.length; k++) {
            axes[k] = shape.length - axes.length + k;
        }
        Var y = Normalization.standardize(x, axes, eps);
        y = weight == null ? y : y.mul(weight);
        return bias == null ? y : y.add(bias);
    }

    private static boolean endsWith(int[] shape, int[] tail) {
        int lead = shape.length - tail.length;
        return lead >= 0 && Arrays.equals(Arrays.copyOfRange(shape, lead, shape.length), tail);
    }

    static void checkAffine(String op, String name, Var p, int[] expected) {
        if (p != null && !Arrays.equals(p.value().shape(), expected)) {
            throw new ShapeException(op + ": " + name + " " + Shape.str(p.value().shape()) + " must be "
                    + Shape.str(expected));
        }
    }

    @Override
    protected String describe() {
        return Shape.str(normalizedShape) + ", eps=" + eps + (weight == null ? ", no affine" : "");
    }
}
