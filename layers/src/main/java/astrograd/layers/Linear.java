package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * Affine map {@code y = x Wᵀ + b} over the last axis: x {@code [..., in]}, weight {@code [out, in]}
 * (PyTorch's layout), bias {@code [out]}. Initialized as PyTorch does: {@code U(-1/sqrt(in), 1/sqrt(in))}.
 */
public final class Linear extends Module implements Layer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(int in, int out, Rng rng) {
        this(in, out, true, DType.F32, rng);
    }

    public Linear(int in, int out, boolean bias, DType dtype, Rng rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: sizes must be >= 1, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = parameter("weight", Init.torchDefault(rng, dtype, in, out, in));
        this.bias = bias ? parameter("bias", Init.torchDefault(rng, dtype, in, out)) : null;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Var forward(Var x) {
        Tensor v = x.value();
        if (v.rank() < 1 || v.size(-1) != in) {
            throw new astrograd.tensor.ShapeException("Linear(" + in + " -> " + out + "): input "
                    + astrograd.tensor.Shape.str(v.shape()) + " must end in " + in);
        }
        return x.linear(weight.var(), bias == null ? null : bias.var());
    }

    @Override
    protected String describe() {
        return in + " -> " + out + (bias == null ? ", no bias" : "");
    }
}
