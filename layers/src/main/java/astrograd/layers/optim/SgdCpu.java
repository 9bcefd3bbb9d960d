package astrograd.layers.optim;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.CpuStorage;
import astrograd.tensor.cpu.EnginePool;

/**
 * Plain SGD's {@code θ − lr·g} in one pass over contiguous CPU arrays, where the composite makes two ops (and two
 * graph-free temporaries). {@code θ + (−lr)·g} rounds the product and then the sum to the dtype, exactly as the
 * composite's multiply and add do, so both give the same bits.
 */
final class SgdCpu {
    private static final int MIN_PER_THREAD = 1 << 15;

    private SgdCpu() {
    }

    /** Whether θ and g are contiguous CPU tensors of one floating dtype and size. */
    static boolean applies(Tensor theta, Tensor grad) {
        DType t = theta.dtype();
        return (t == DType.F32 || t == DType.F64) && theta.device().isCpu() && grad.device().isCpu()
                && theta.isContiguous() && grad.isContiguous() && grad.dtype() == t && grad.numel() == theta.numel();
    }

    /** A new tensor {@code θ − lr·g} for a case {@link #applies} accepts. */
    static Tensor step(Tensor theta, Tensor grad, double lr) {
        int n = theta.numel();
        CpuStorage out = CpuStorage.uninitialized(theta.dtype(), n);
        CpuStorage th = (CpuStorage) theta.storage();
        CpuStorage g = (CpuStorage) grad.storage();
        int to = theta.offset();
        int go = grad.offset();
        EnginePool.parallelFor(n, MIN_PER_THREAD, (a, b) -> {
            if (theta.dtype() == DType.F32) {
                float[] x = th.f32();
                float[] d = g.f32();
                float[] o = out.f32();
                float step = (float) -lr;
                for (int i = a; i < b; i++) {
                    o[i] = x[to + i] + step * d[go + i];
                }
            } else {
                double[] x = th.f64();
                double[] d = g.f64();
                double[] o = out.f64();
                for (int i = a; i < b; i++) {
                    o[i] = x[to + i] + -lr * d[go + i];
                }
            }
        });
        return new Tensor(out, theta.shape());
    }
}
