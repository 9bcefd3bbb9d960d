package astrograd.layers;

import astrograd.autodiff.CustomOp;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.CpuStorage;

/**
 * The gate arithmetic of one {@link GRU} step (PyTorch's reset-after form) as one fused op on the CPU, from
 * the input projection {@code gi [N, 3H]}, the hidden projection {@code gh [N, 3H]} (biases included) and
 * the state {@code h [N, H]}:
 * <pre>
 *   r = σ(gi_r + gh_r),  z = σ(gi_z + gh_z),  n = tanh(gi_n + r ⊙ gh_n),  h' = n + z ⊙ (h − n)
 * </pre>
 * Backward, from {@code ḡ = ∂L/∂h'}: {@code ∂h = ḡ z}; {@code a_n = ḡ (1 − z)(1 − n²)},
 * {@code a_z = ḡ (h − n) z (1 − z)}, {@code a_r = a_n gh_n r (1 − r)}; then {@code ∂gi = [a_r, a_z, a_n]} and
 * {@code ∂gh = [a_r, a_z, a_n r]}. One pass forward and one backward replace the ten elementwise ops of the
 * composite and their twenty-odd backward ops (each a graph node, an allocation and a pass). The three input
 * gradients are computed together on the first request for an upstream gradient and handed out from there.
 */
final class GruCell implements CustomOp {
    private final int hidden;
    private Tensor saved;
    private Tensor[] grads;
    private Tensor gradsFor;

    private GruCell(int hidden) {
        this.hidden = hidden;
    }

    /** Whether the fused op runs for these values: CPU, F32 or F64. */
    static boolean applies(Var gi, Var gh, Var h) {
        DType t = h.value().dtype();
        return (t == DType.F32 || t == DType.F64) && gi.value().device().isCpu() && gh.value().device().isCpu()
                && h.value().device().isCpu() && gi.value().dtype() == t && gh.value().dtype() == t;
    }

    /** {@code h'} of one step, recorded as one graph node. */
    static Var step(Var gi, Var gh, Var h) {
        return CustomOp.apply(new GruCell(h.value().size(1)), gi, gh, h);
    }

    @Override
    public String name() {
        return "gruCell";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor gi = in[0].contiguous();
        Tensor gh = in[1].contiguous();
        Tensor h = in[2].contiguous();
        int n = h.size(0);
        Tensor out = fresh(h.dtype(), n, hidden);
        saved = fresh(h.dtype(), n, 3 * hidden);
        if (h.dtype() == DType.F32) {
            forwardF32(f32(gi), gi.offset(), f32(gh), gh.offset(), f32(h), h.offset(), f32(out), f32(saved), n);
        } else {
            forwardF64(f64(gi), gi.offset(), f64(gh), gh.offset(), f64(h), h.offset(), f64(out), f64(saved), n);
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor upstream, int input, Tensor[] in, Tensor out) {
        if (grads == null || gradsFor != upstream) {
            gradsFor = upstream;
            Tensor g = upstream.contiguous();
            Tensor gh = in[1].contiguous();
            Tensor h = in[2].contiguous();
            int n = h.size(0);
            grads = new Tensor[] {fresh(h.dtype(), n, 3 * hidden), fresh(h.dtype(), n, 3 * hidden),
                fresh(h.dtype(), n, hidden)};
            if (h.dtype() == DType.F32) {
                backwardF32(f32(g), g.offset(), f32(gh), gh.offset(), f32(h), h.offset(), f32(saved),
                        f32(grads[0]), f32(grads[1]), f32(grads[2]), n);
            } else {
                backwardF64(f64(g), g.offset(), f64(gh), gh.offset(), f64(h), h.offset(), f64(saved),
                        f64(grads[0]), f64(grads[1]), f64(grads[2]), n);
            }
        }
        return grads[input];
    }

    private void forwardF32(float[] gi, int gio, float[] gh, int gho, float[] h, int ho, float[] out, float[] s,
                            int n) {
        int w = 3 * hidden;
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < hidden; j++) {
                int g = b * w + j;
                float r = sigmoid(gi[gio + g] + gh[gho + g]);
                float z = sigmoid(gi[gio + g + hidden] + gh[gho + g + hidden]);
                float c = (float) Math.tanh(gi[gio + g + 2 * hidden] + r * gh[gho + g + 2 * hidden]);
                float prev = h[ho + b * hidden + j];
                out[b * hidden + j] = c + z * (prev - c);
                s[g] = r;
                s[g + hidden] = z;
                s[g + 2 * hidden] = c;
            }
        }
    }

    private void backwardF32(float[] up, int uo, float[] gh, int gho, float[] h, int ho, float[] s, float[] dgi,
                             float[] dgh, float[] dh, int n) {
        int w = 3 * hidden;
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < hidden; j++) {
                int g = b * w + j;
                float r = s[g];
                float z = s[g + hidden];
                float c = s[g + 2 * hidden];
                float u = up[uo + b * hidden + j];
                float an = u * (1 - z) * (1 - c * c);
                float az = u * (h[ho + b * hidden + j] - c) * z * (1 - z);
                float ar = an * gh[gho + g + 2 * hidden] * r * (1 - r);
                dh[b * hidden + j] = u * z;
                dgi[g] = ar;
                dgi[g + hidden] = az;
                dgi[g + 2 * hidden] = an;
                dgh[g] = ar;
                dgh[g + hidden] = az;
                dgh[g + 2 * hidden] = an * r;
            }
        }
    }

    private void forwardF64(double[] gi, int gio, double[] gh, int gho, double[] h, int ho, double[] out,
                            double[] s, int n) {
        int w = 3 * hidden;
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < hidden; j++) {
                int g = b * w + j;
                double r = 1 / (1 + Math.exp(-(gi[gio + g] + gh[gho + g])));
                double z = 1 / (1 + Math.exp(-(gi[gio + g + hidden] + gh[gho + g + hidden])));
                double c = Math.tanh(gi[gio + g + 2 * hidden] + r * gh[gho + g + 2 * hidden]);
                double prev = h[ho + b * hidden + j];
                out[b * hidden + j] = c + z * (prev - c);
                s[g] = r;
                s[g + hidden] = z;
                s[g + 2 * hidden] = c;
            }
        }
    }

    private void backwardF64(double[] up, int uo, double[] gh, int gho, double[] h, int ho, double[] s,
                             double[] dgi, double[] dgh, double[] dh, int n) {
        int w = 3 * hidden;
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < hidden; j++) {
                int g = b * w + j;
                double r = s[g];
                double z = s[g + hidden];
                double c = s[g + 2 * hidden];
                double u = up[uo + b * hidden + j];
                double an = u * (1 - z) * (1 - c * c);
                double az = u * (h[ho + b * hidden + j] - c) * z * (1 - z);
                double ar = an * gh[gho + g + 2 * hidden] * r * (1 - r);
                dh[b * hidden + j] = u * z;
                dgi[g] = ar;
                dgi[g + hidden] = az;
                dgi[g + 2 * hidden] = an;
                dgh[g] = ar;
                dgh[g + hidden] = az;
                dgh[g + 2 * hidden] = an * r;
            }
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    private static Tensor fresh(DType dtype, int rows, int cols) {
        return new Tensor(CpuStorage.uninitialized(dtype, rows * cols), new int[] {rows, cols});
    }

    private static float[] f32(Tensor t) {
        return ((CpuStorage) t.storage()).f32();
    }

    private static double[] f64(Tensor t) {
        return ((CpuStorage) t.storage()).f64();
    }
}
