package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.RandomKind;

/**
 * Philox4x32-10 fills (philox.cuh) with {@link Rng}'s element mapping: uniforms and bits bit-identical to the
 * CPU backend, normals to an ulp of double.
 */
final class CudaRandom {
    private final DeviceContext ctx;

    CudaRandom(DeviceContext ctx) {
        this.ctx = ctx;
    }

    Tensor random(RandomKind kind, DType dtype, int[] shape, long key, long counter) {
        int per = Rng.elementsPerBlock(kind, dtype);
        int n = Shape.numel(Shape.check("random", shape));
        Tensor y = ctx.empty(dtype, shape);
        if (n == 0) {
            return y;
        }
        String prefix = kind == RandomKind.BITS ? "bits_" : kind == RandomKind.UNIFORM ? "uniform_" : "normal_";
        String kernel = prefix + DeviceContext.suffix(dtype);
        long blocks = (n + (long) per - 1) / per;
        ctx.launch(kernel, LaunchPlanner.linear(blocks), new KernelArgs()
                .pointer(ctx.base(y, kernel)).i32(n).i64(key).i64(counter));
        return y;
    }
}
