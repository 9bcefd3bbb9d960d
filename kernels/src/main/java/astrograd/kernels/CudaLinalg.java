package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.NotPositiveDefiniteException;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * Batched small Cholesky factorizations and triangular solves (linalg.cuh): one thread per matrix (Cholesky) or
 * per right-hand column (solves), in double with the CPU backend's operations and order; F32 inputs are cast
 * to F64 first and the results rounded once, as on the CPU. Failures (a non-positive pivot, a zero diagonal) are
 * reported by the CPU's exceptions for the lowest failing batch index, which costs one small device-to-host
 * copy per call.
 */
final class CudaLinalg {
    private final DeviceContext ctx;
    private final CudaCopy copy;

    CudaLinalg(DeviceContext ctx, CudaCopy copy) {
        this.ctx = ctx;
        this.copy = copy;
    }

    /** The batch layout of the matrices {@code [..., r, c]} of t (its offset included). */
    private static StridedLayout batchLayout(Tensor t) {
        int r = t.rank();
        return LayoutPacker.of(Arrays.copyOf(t.shape(), r - 2), Arrays.copyOf(t.strides(), r - 2), t.offset());
    }

    Tensor cholesky(Tensor a) {
        Tensor a64 = asF64(a);
        int r = a.rank();
        int n = a.size(-1);
        int count = a.numel() / Math.max(1, n * n);
        Tensor l = ctx.empty(DType.F64, a.shape());
        if (a.numel() == 0) {
            return finish(l, a.dtype(), a64, a);
        }
        Tensor info = ctx.empty(DType.F64, new int[] {2 * count});
        ctx.launch("cholesky_f64", LaunchPlanner.linear(count), new KernelArgs().struct(batchLayout(a64).pack())
                .pointer(ctx.base(a64, "cholesky")).i32(a64.strides()[r - 2]).i32(a64.strides()[r - 1]).i32(n)
                .pointer(ctx.base(l, "cholesky")).pointer(ctx.base(info, "cholesky")).i32(count));
        double[] status = (double[]) copy.download(info);
        DeviceContext.free(info);
        for (int m = 0; m < count; m++) {
            if (status[2 * m] >= 0) {
                DeviceContext.free(l);
                release(a64, a);
                throw new NotPositiveDefiniteException("cholesky: " + matrixName(m, a.shape()) + " is not positive "
                        + "definite (pivot " + (int) status[2 * m] + " is " + status[2 * m + 1] + ")", m);
            }
        }
        return finish(l, a.dtype(), a64, a);
    }

    Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA) {
        Tensor a64 = asF64(a);
        int r = a.rank();
        int n = a.size(-1);
        int k = b.size(-1);
        int count = b.numel() / Math.max(1, n * k);
        if (n * k == 0) {
            count = Shape.numel(Arrays.copyOf(b.shape(), r - 2));
        }
        Tensor x = ctx.empty(DType.F64, b.shape());
        copy.copyInto(b, x);
        if (count == 0 || n == 0) {
            return finish(x, b.dtype(), a64, a);
        }
        int rs = a64.strides()[r - 2];
        int cs = a64.strides()[r - 1];
        Tensor info = ctx.empty(DType.I32, new int[] {count});
        boolean forward = lower != transposeA;
        ctx.launch("trsm_f64", LaunchPlanner.linear((long) count * Math.max(k, 1)), new KernelArgs()
                .struct(batchLayout(a64).pack()).pointer(ctx.base(a64, "triangularSolve"))
                .i32(transposeA ? cs : rs).i32(transposeA ? rs : cs).i32(n).pointer(ctx.base(x, "triangularSolve"))
                .i32(k).i32(forward ? 1 : 0).pointer(ctx.base(info, "triangularSolve")).i32(count));
        int[] zero = (int[]) copy.download(info);
        DeviceContext.free(info);
        for (int m = 0; m < count; m++) {
            if (zero[m] >= 0) {
                DeviceContext.free(x);
                release(a64, a);
                throw new ArithmeticException("triangularSolve: " + matrixName(m, b.shape()) + " is singular (diagonal "
                        + "element " + zero[m] + " is 0)");
            }
        }
        return finish(x, b.dtype(), a64, a);
    }

    /** t itself when F64 (read in place through its strides), else a contiguous F64 copy. */
    private Tensor asF64(Tensor t) {
        if (t.dtype() == DType.F64) {
            return t;
        }
        Tensor c = ctx.empty(DType.F64, t.shape());
        copy.copyInto(t, c);
        return c;
    }

    /** The double result rounded to the dtype, the temporaries freed. */
    private Tensor finish(Tensor result, DType dtype, Tensor a64, Tensor a) {
        release(a64, a);
        if (dtype == DType.F64) {
            return result;
        }
        Tensor out = ctx.empty(dtype, result.shape());
        copy.copyInto(result, out);
        DeviceContext.free(result);
        return out;
    }

    private static void release(Tensor a64, Tensor a) {
        if (a64 != a) {
            DeviceContext.free(a64);
        }
    }

    private static String matrixName(int m, int[] shape) {
        int[] batch = Arrays.copyOf(shape, shape.length - 2);
        return batch.length == 0 ? "the matrix" : "matrix " + m + " of batch " + Shape.str(batch);
    }
}
