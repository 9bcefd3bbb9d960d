package astrograd.layers;

import astrograd.autodiff.CustomOp;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.DTypeException;
import astrograd.tensor.Tensor;

/**
 * Leaky ReLU as one fused op, {@code y = x} for {@code x ≥ 0} and {@code y = s·x} otherwise, with
 * {@code ∂y/∂x = 1} or {@code s}. Same values and gradients as {@link Activation#leakyRelu} (which composes
 * {@code where(x ≥ 0, x, s·x)} from three primitives) in one pass over the data each way; for F32 and F64 tensors.
 */
public final class LeakyReluOp implements CustomOp {
    private final double slope;

    private LeakyReluOp(double slope) {
        this.slope = slope;
    }

    /** {@code leakyRelu(x)} with negative slope {@code slope}. */
    public static Var apply(Var x, double slope) {
        return CustomOp.apply(new LeakyReluOp(slope), x);
    }

    @Override
    public String name() {
        return "leakyRelu(" + slope + ")";
    }

    @Override
    public Tensor forward(Tensor... in) {
        return map(in[0], null);
    }

    @Override
    public Tensor backward(Tensor upstream, int input, Tensor[] in, Tensor out) {
        return map(in[0], upstream.to(in[0].dtype()).expand(in[0].shape()));
    }

    /** {@code f(x)} when g is null, else {@code g · f'(x)}. */
    private Tensor map(Tensor x, Tensor g) {
        int[] shape = x.shape();
        if (x.dtype() == DType.F32) {
            float[] v = x.contiguous().toFloatArray();
            float[] gv = g == null ? null : g.contiguous().toFloatArray();
            float s = (float) slope;
            for (int i = 0; i < v.length; i++) {
                float factor = v[i] >= 0 ? 1f : s;
                v[i] = gv == null ? v[i] * factor : gv[i] * factor;
            }
            return Tensor.of(v, shape);
        }
        if (x.dtype() == DType.F64) {
            double[] v = x.contiguous().toDoubleArray();
            double[] gv = g == null ? null : g.contiguous().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                double factor = v[i] >= 0 ? 1 : slope;
                v[i] = gv == null ? v[i] * factor : gv[i] * factor;
            }
            return Tensor.of(v, shape);
        }
        throw new DTypeException("leakyRelu: input is " + x.dtype() + "; F32 and F64 are supported");
    }
}
