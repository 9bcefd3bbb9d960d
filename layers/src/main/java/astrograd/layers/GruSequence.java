package astrograd.layers;

import astrograd.autodiff.CustomOp;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.CpuStorage;
import astrograd.tensor.cpu.EnginePool;
import astrograd.tensor.cpu.Gemm;

/**
 * The whole recurrence of a {@link GRU} (PyTorch's reset-after form) as one fused op on the CPU, from the
 * input projection {@code gi [N, T, 3H]} (input bias included), the initial state {@code h0 [N, H]}, the
 * hidden weights {@code W [3H, H]} and optionally the hidden bias {@code b [3H]}; the output is every state
 * {@code [N, T, H]}. Per step, with {@code gh = h W ᵀ + b}:
 * <pre>
 *   r = σ(gi_r + gh_r),  z = σ(gi_z + gh_z),  n = tanh(gi_n + r ⊙ gh_n),  h' = n + z ⊙ (h − n)
 * </pre>
 * Backward through time, from {@code Ȳ} and {@code ḡ = Ȳ_t + ∂h_t} for t = T−1 .. 0:
 * {@code a_n = ḡ (1 − z)(1 − n²)}, {@code a_z = ḡ (h − n) z (1 − z)}, {@code a_r = a_n gh_n r (1 − r)};
 * {@code ∂gi_t = [a_r, a_z, a_n]}, {@code ∂gh_t = [a_r, a_z, a_n r]} and
 * {@code ∂h_{t−1} = ḡ z + ∂gh_t W}. The weight and bias gradients are then single products over all steps:
 * {@code ∂W = Σ_t ∂gh_tᵀ h_{t−1}} (one {@code [3H, N·T] × [N·T, H]} GEMM, as {@code (Hᵀ ∂GH)ᵀ}) and
 * {@code ∂b = Σ_t Σ_rows ∂gh_t}.
 *
 * <p>Written as one op, a run costs one small GEMM and one elementwise pass per step and direction, instead
 * of a dozen graph nodes per step whose weight gradients would each be a GEMM accumulated separately. Each
 * step's rows are split over the engine threads (every row is computed the same way on any thread, so the
 * results do not depend on the thread count). All four input gradients come from one walk back through time per
 * backward pass ({@link #backwardAll}).
 */
final class GruSequence implements CustomOp {
    /** Batch rows below which a step is not split over the engine threads (one split per step and direction). */
    private static final int MIN_ROWS_PER_THREAD = 8;
    private final int hidden;
    private Tensor states;
    private Tensor saved;

    private GruSequence(int hidden) {
        this.hidden = hidden;
    }

    /** Whether the fused op runs for these values: every tensor on the CPU, all F32 or all F64. */
    static boolean applies(Var gi, Var h0, Var weight, Var bias) {
        DType t = h0.value().dtype();
        if (t != DType.F32 && t != DType.F64) {
            return false;
        }
        for (Var v : new Var[] {gi, h0, weight, bias}) {
            if (v != null && (!v.value().device().isCpu() || v.value().dtype() != t)) {
                return false;
            }
        }
        return true;
    }

    /** Every state {@code [N, T, H]}, recorded as one graph node; {@code bias} may be null. */
    static Var run(Var gi, Var h0, Var weight, Var bias) {
        GruSequence op = new GruSequence(h0.value().size(1));
        return bias == null ? CustomOp.apply(op, gi, h0, weight) : CustomOp.apply(op, gi, h0, weight, bias);
    }

    @Override
    public String name() {
        return "gruSequence";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor gi = in[0].contiguous();
        Tensor h0 = in[1].contiguous();
        DType dtype = h0.dtype();
        int n = gi.size(0);
        int steps = gi.size(1);
        int h = hidden;
        Tensor weightT = in[2].transpose(0, 1).contiguous();
        Tensor bias = in.length > 3 ? in[3].contiguous() : Tensor.zeros(dtype, 3 * h);
        states = fresh(dtype, (steps + 1) * n * h);
        saved = fresh(dtype, steps * n * 4 * h);
        Tensor out = fresh(dtype, n * steps * h);
        Tensor gh = fresh(dtype, n * 3 * h);
        copy(h0, states, n * h);
        for (int t = 0; t < steps; t++) {
            GruSteps.Forward step = new GruSteps.Forward(array(gi), gi.offset() + t * 3 * h, steps * 3 * h,
                    array(gh), array(bias), bias.offset(), array(states), t * n * h, array(out), t * h, steps * h,
                    array(saved), t * n * 4 * h);
            EnginePool.parallelFor(n, MIN_ROWS_PER_THREAD, (r0, r1) -> {
                gemm(r1 - r0, 3 * h, h, states, step.prev() + r0 * h, h, 1, weightT, weightT.offset(), 3 * h, gh,
                        r0 * 3 * h, false);
                GruSteps.forward(step, n, h, r0, r1);
            });
        }
        return out.reshape(n, steps, h);
    }

    @Override
    public Tensor backward(Tensor upstream, int input, Tensor[] in, Tensor out) {
        boolean[] needed = new boolean[in.length];
        needed[input] = true;
        return backwardAll(upstream, needed, in, out)[input];
    }

    /**
     * The needed input gradients from one walk back through time, once per backward pass (the weight and bias
     * products are skipped when those are frozen).
     */
    @Override
    public Tensor[] backwardAll(Tensor upstream, boolean[] needed, Tensor[] in, Tensor out) {
        return gradients(upstream.contiguous(), in, needed);
    }

    private Tensor[] gradients(Tensor dy, Tensor[] in, boolean[] needed) {
        Tensor weight = in[2].contiguous();
        DType dtype = weight.dtype();
        int n = in[0].size(0);
        int steps = in[0].size(1);
        int h = hidden;
        Tensor dgi = fresh(dtype, n * steps * 3 * h);
        Tensor dgh = fresh(dtype, steps * n * 3 * h);
        Tensor dh = Tensor.zeros(dtype, n, h);
        Tensor next = fresh(dtype, n * h);
        for (int t = steps - 1; t >= 0; t--) {
            GruSteps.Backward step = new GruSteps.Backward(array(dy), dy.offset() + t * h, steps * h, array(dh),
                    array(states), t * n * h, array(saved), t * n * 4 * h, array(dgi), t * 3 * h, steps * 3 * h,
                    array(dgh), t * n * 3 * h, array(next));
            Tensor into = next;
            EnginePool.parallelFor(n, MIN_ROWS_PER_THREAD, (r0, r1) -> {
                GruSteps.backward(step, n, h, r0, r1);
                gemm(r1 - r0, h, 3 * h, dgh, step.dghOff() + r0 * 3 * h, 3 * h, 1, weight, weight.offset(), h, into,
                        r0 * h, true);
            });
            Tensor swap = dh;
            dh = next;
            next = swap;
        }
        Tensor[] grads = new Tensor[in.length];
        grads[0] = dgi.reshape(n, steps, 3 * h);
        grads[1] = dh.reshape(n, h);
        grads[2] = needed[2] ? weightGradient(dgh, dtype, steps * n) : null;
        if (in.length > 3 && needed[3]) {
            grads[3] = dgh.reshape(steps * n, 3 * h).sum(0);
        }
        return grads;
    }

    /** ∂W = (Hᵀ ∂GH)ᵀ over all steps: the transposed operand is packed 8 contiguous values at a time. */
    private Tensor weightGradient(Tensor dgh, DType dtype, int rows) {
        int h = hidden;
        Tensor weightGradT = fresh(dtype, h * 3 * h);
        gemm(h, 3 * h, rows, states, 0, 1, h, dgh, 0, 3 * h, weightGradT, 0, false);
        return weightGradT.reshape(h, 3 * h).transpose(0, 1).contiguous();
    }

    /** {@code C = A·B (+ C)} on the storage of contiguous tensors, A and B given by offset and strides. */
    private static void gemm(int m, int cols, int k, Tensor a, int aOff, int ars, int acs, Tensor b, int bOff,
                             int brs, Tensor c, int cOff, boolean accumulate) {
        if (c.dtype() == DType.F32) {
            Gemm.sgemm(m, cols, k, (float[]) array(a), aOff, ars, acs, (float[]) array(b), bOff, brs, 1,
                    (float[]) array(c), cOff, cols, accumulate);
        } else {
            Gemm.dgemm(m, cols, k, (double[]) array(a), aOff, ars, acs, (double[]) array(b), bOff, brs, 1,
                    (double[]) array(c), cOff, cols, accumulate);
        }
    }

    private static void copy(Tensor from, Tensor to, int count) {
        System.arraycopy(array(from), from.offset(), array(to), 0, count);
    }

    private static Tensor fresh(DType dtype, int size) {
        return new Tensor(CpuStorage.uninitialized(dtype, size), new int[] {size});
    }

    private static Object array(Tensor t) {
        return ((CpuStorage) t.storage()).array();
    }
}
