package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * Gather, scatter-add and index selection along one axis (indexing.cuh), every dtype, inputs read through their
 * strides. Scatter-add is deterministic without atomics: each output element sums its own sources in order.
 * Indices are checked on the device; an out-of-range one is reported by the same exception as on the CPU, which
 * costs one small device-to-host copy (a synchronization) per call.
 */
final class CudaIndexing {
    private final DeviceContext ctx;
    private final CudaCopy copy;

    CudaIndexing(DeviceContext ctx, CudaCopy copy) {
        this.ctx = ctx;
        this.copy = copy;
    }

    Tensor gather(Tensor x, int axis, Tensor index) {
        return gather("gather", x, axis, index);
    }

    /** A gather whose index is the 1-d index broadcast (stride 0) over every other axis of the output. */
    Tensor indexSelect(Tensor x, int axis, Tensor index) {
        int[] shape = x.shape();
        shape[axis] = index.numel();
        int[] strides = new int[shape.length];
        strides[axis] = index.strides()[0];
        return gather("indexSelect", x, axis, new Tensor(index.storage(), shape, strides, index.offset()));
    }

    private Tensor gather(String op, Tensor x, int axis, Tensor index) {
        String kernel = "gather_" + DeviceContext.suffix(x.dtype());
        Tensor y = ctx.empty(x.dtype(), index.shape());
        int n = index.numel();
        if (n == 0) {
            return y;
        }
        int[] aligned = x.strides();
        aligned[axis] = 0;
        StridedLayout[] l = LayoutPacker.joint(index.shape(), new int[][] {index.strides(), aligned},
                new int[] {index.offset(), x.offset()});
        Tensor bad = ctx.empty(DType.I64, new int[] {2});
        ctx.driver.memsetZero(ctx.base(bad, kernel), 16);
        ctx.launch(kernel, LaunchPlanner.linear(n), new KernelArgs().struct(l[0].pack()).pointer(ctx.base(index, kernel))
                .struct(l[1].pack()).pointer(ctx.base(x, kernel)).i32(x.strides()[axis]).i32(x.shape()[axis])
                .pointer(ctx.base(y, kernel)).i32(n).pointer(ctx.base(bad, kernel)));
        checkIndices(op, bad, x.shape()[axis], axis, y);
        return y;
    }

    /**
     * A copy of base plus the scatter: thread (p, k) owns output (p, k), p running over the index's other axes
     * (index and src share that shape), k over base's axis.
     */
    Tensor scatterAdd(Tensor base, int axis, Tensor index, Tensor src) {
        String kernel = "scatter_add_" + DeviceContext.suffix(base.dtype());
        Tensor out = ctx.empty(base.dtype(), base.shape());
        copy.copyInto(base, out);
        int k = base.shape()[axis];
        int len = index.shape()[axis];
        int columns = index.numel() / Math.max(1, len);
        if (index.numel() == 0) {
            return out;
        }
        if (k == 0) {
            DeviceContext.free(out);
            throw outOfRange("scatterAdd", 0, 0, axis);
        }
        int[] outStrides = CudaRows.denseStrides(base.shape());
        int[] dims = dropAxis(index.shape(), axis);
        StridedLayout[] l = LayoutPacker.joint(dims, new int[][] {dropAxis(outStrides, axis),
            dropAxis(index.strides(), axis), dropAxis(src.strides(), axis)}, new int[] {0, index.offset(), src.offset()});
        Tensor bad = ctx.empty(DType.I64, new int[] {2});
        ctx.driver.memsetZero(ctx.base(bad, kernel), 16);
        int threads = columns * k;
        ctx.launch(kernel, LaunchPlanner.linear(threads), new KernelArgs()
                .struct(l[0].pack()).i32(k).i32(outStrides[axis])
                .struct(l[1].pack()).pointer(ctx.base(index, kernel)).i32(index.strides()[axis])
                .struct(l[2].pack()).pointer(ctx.base(src, kernel)).i32(src.strides()[axis])
                .i32(len).pointer(ctx.base(out, kernel)).i32(threads).pointer(ctx.base(bad, kernel)));
        checkIndices("scatterAdd", bad, k, axis, out);
        return out;
    }

    /** Throws (freeing the result) when the kernel flagged an index outside [0, size). */
    private void checkIndices(String op, Tensor bad, int size, int axis, Tensor result) {
        long[] flag = (long[]) copy.download(bad);
        DeviceContext.free(bad);
        if (flag[0] != 0) {
            DeviceContext.free(result);
            throw outOfRange(op, flag[1], size, axis);
        }
    }

    private static ShapeException outOfRange(String op, long k, int size, int axis) {
        return new ShapeException(op + ": index " + k + " is out of range for axis " + axis + " of size " + size);
    }

    private static int[] dropAxis(int[] a, int axis) {
        int[] out = new int[a.length - 1];
        for (int d = 0, k = 0; d < a.length; d++) {
            if (d != axis) {
                out[k++] = a[d];
            }
        }
        return out;
    }
}
