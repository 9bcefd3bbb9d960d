// docs:begin op
package astrograd.examples;

import astrograd.autodiff.CustomOp;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.DTypeException;
import astrograd.tensor.Tensor;

/**
 * SiLU (swish) as a custom op with its own kernels: {@code y = x σ(x)} and
 * {@code ∂y/∂x = σ(x) (1 + x (1 − σ(x)))}, where {@code σ(x) = 1 / (1 + e^(−x))}. On the CPU both run as one loop
 * over the elements; on another device they fall back to the composite of tensor ops (the reference the kernels are
 * tested against).
 */
public final class SiluOp implements CustomOp {
    /** The op is stateless: one instance serves every call. */
    public static final SiluOp INSTANCE = new SiluOp();

    /** {@code x σ(x)} recorded in the graph with this op's backward. */
    public static Var silu(Var x) {
        return CustomOp.apply(INSTANCE, x);
    }

    @Override
    public String name() {
        return "silu";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        if (!x.device().isCpu()) {
            return x.mul(x.sigmoid());
        }
        return switch (x.dtype()) {
            case F32 -> Tensor.of(siluF32(x.toFloatArray()), x.shape());
            case F64 -> Tensor.of(siluF64(x.toDoubleArray()), x.shape());
            default -> throw new DTypeException("silu: " + x.dtype() + " input, expected F32 or F64");
        };
    }

    @Override
    public Tensor backward(Tensor upstream, int input, Tensor[] inputs, Tensor output) {
        Tensor x = inputs[0];
        if (!x.device().isCpu()) {
            Tensor s = x.sigmoid();
            return upstream.mul(s.mul(x.mul(s.neg().add(1)).add(1)));
        }
        Tensor g = upstream.to(x.dtype());           // the upstream gradient has the output's shape, x's here
        return switch (x.dtype()) {
            case F32 -> Tensor.of(siluGradF32(x.toFloatArray(), g.toFloatArray()), x.shape());
            default -> Tensor.of(siluGradF64(x.toDoubleArray(), g.toDoubleArray()), x.shape());
        };
    }

    private static float[] siluF32(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] / (1f + (float) Math.exp(-x[i]));
        }
        return y;
    }

    private static double[] siluF64(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] / (1 + Math.exp(-x[i]));
        }
        return y;
    }

    private static float[] siluGradF32(float[] x, float[] g) {
        float[] dx = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float s = 1f / (1f + (float) Math.exp(-x[i]));
            dx[i] = g[i] * s * (1f + x[i] * (1f - s));
        }
        return dx;
    }

    private static double[] siluGradF64(double[] x, double[] g) {
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-x[i]));
            dx[i] = g[i] * s * (1 + x[i] * (1 - s));
        }
        return dx;
    }
}
// docs:end op
