package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/**
 * The fused Adam/AdamW step of optim.cuh ({@code adam_f32}): one pass over contiguous F32 θ, g, m, v (and v̂ with
 * AMSGrad) instead of about twelve elementwise launches. Per element, in float:
 * <pre>
 *   g ← g + λθ (L2)            or   θ ← θ(1 − η λ) (decoupled)
 *   m ← β₁ m + (1 − β₁) g,    v ← β₂ v + (1 − β₂) g²,    v̂ ← max(v̂, v) with AMSGrad, else v
 *   θ ← θ − s · m / (√v̂ / c₂ + ε)
 * </pre>
 * with {@code s = η / (1 − β₁ᵗ)} and {@code c₂ = √(1 − β₂ᵗ)}, the operations and roundings of the CPU's fused
 * step ({@code astrograd.layers.optim.AdamCpu}), so both give the same bits. The optimizer in {@code layers} does
 * not call it yet (layers does not depend on kernels; it needs a fused-op hook in the backend contract): it runs
 * Adam's composite tensor ops on CUDA tensors.
 */
public final class CudaAdam {
    /**
     * The scalars of one step.
     *
     * @param beta1 β₁
     * @param beta2 β₂
     * @param eps ε
     * @param weightDecay λ
     * @param decoupled AdamW's decay (θ shrunk) instead of L2 (λθ added to the gradient)
     * @param lr η
     * @param stepSize {@code η / (1 − β₁ᵗ)}
     * @param biasCorrection2Sqrt {@code √(1 − β₂ᵗ)}
     */
    public record Step(double beta1, double beta2, double eps, double weightDecay, boolean decoupled, double lr,
                       double stepSize, double biasCorrection2Sqrt) {
        /** {@code AdamArgs} of optim.cuh: 9 floats (as their bits) and 2 ints. */
        int[] pack(boolean amsgrad) {
            float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
            float[] f = {(float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2),
                (float) (1 / biasCorrection2Sqrt), (float) eps, (float) stepSize, (float) weightDecay, shrink};
            int[] p = new int[11];
            for (int i = 0; i < f.length; i++) {
                p[i] = Float.floatToRawIntBits(f[i]);
            }
            p[9] = weightDecay != 0 && !decoupled ? 1 : 0;
            p[10] = amsgrad ? 1 : 0;
            return p;
        }
    }

    private final DeviceContext ctx;

    CudaAdam(DeviceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * New {θ, m, v, v̂} (v̂ null without AMSGrad); the inputs are not modified.
     *
     * @param vMax the running maximum of v with AMSGrad, else null
     * @throws IllegalArgumentException unless every tensor is a contiguous F32 tensor of this device with θ's size
     */
    Tensor[] step(Tensor theta, Tensor grad, Tensor m, Tensor v, Tensor vMax, Step s) {
        boolean amsgrad = vMax != null;
        for (Tensor t : new Tensor[] {theta, grad, m, v, vMax}) {
            if (t != null && (t.dtype() != DType.F32 || !t.isContiguous() || t.numel() != theta.numel())) {
                throw new IllegalArgumentException("adam: needs contiguous F32 tensors of " + theta.numel()
                        + " elements, got " + t.dtype() + " " + java.util.Arrays.toString(t.shape())
                        + (t.isContiguous() ? "" : " (not contiguous)"));
            }
        }
        int n = theta.numel();
        Tensor[] out = {ctx.empty(DType.F32, theta.shape()), ctx.empty(DType.F32, theta.shape()),
            ctx.empty(DType.F32, theta.shape()), amsgrad ? ctx.empty(DType.F32, theta.shape()) : null};
        if (n == 0) {
            return out;
        }
        ctx.launch("adam_f32", LaunchPlanner.linear(n), new KernelArgs().struct(s.pack(amsgrad))
                .pointer(address(theta)).pointer(address(grad)).pointer(address(m)).pointer(address(v))
                .pointer(amsgrad ? address(vMax) : 0).pointer(address(out[0])).pointer(address(out[1]))
                .pointer(address(out[2])).pointer(amsgrad ? address(out[3]) : 0).i32(n));
        return out;
    }

    private long address(Tensor t) {
        return ctx.storageOf(t, "adam").address(t.offset());
    }
}
