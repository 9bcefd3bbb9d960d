package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.ReducePlan;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ReduceOp;

/**
 * Reductions over axes (reduce.cuh): F32 and F64 sums, products, maxima and minima, in a fixed order that
 * depends on the shape only ({@link ReducePlan}); no atomics. Integer and BOOL reductions are not yet on CUDA.
 */
final class CudaReduce {
    private final DeviceContext ctx;

    CudaReduce(DeviceContext ctx) {
        this.ctx = ctx;
    }

    Tensor reduce(ReduceOp op, Tensor x, int[] axes) {
        DType dt = x.dtype();
        if (!dt.isFloating()) {
            throw DeviceContext.notYet("reduce " + op.opName() + " of " + dt);
        }
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] outShape = x.shape().clone();
        for (int a : axes) {
            outShape[a] = 1;
        }
        StridedLayout outer = pick(x, reduced, false, x.offset());
        StridedLayout inner = pick(x, reduced, true, 0);
        int outputs = numel(outer);
        int len = numel(inner);
        Tensor y = ctx.empty(dt, outShape);
        if (outputs == 0) {
            return y;
        }
        String kernel = "reduce_" + op.opName() + "_" + DeviceContext.suffix(dt);
        run(kernel, outer, inner, ctx.base(x, kernel), y, outputs, len);
        return y;
    }

    /**
     * Reduces into y, splitting long reductions into partials reduced again by the same kernel until one
     * pass suffices.
     */
    private void run(String kernel, StridedLayout outer, StridedLayout inner, long x, Tensor y, int outputs, int len) {
        ReducePlan plan = ReducePlan.of(outputs, len);
        if (plan.splits() == 1) {
            launch(kernel, plan, outer, inner, x, ctx.base(y, kernel), outputs, len);
            return;
        }
        Tensor partial = ctx.empty(y.dtype(), new int[] {plan.groups(outputs)});
        launch(kernel, plan, outer, inner, x, ctx.base(partial, kernel), outputs, len);
        StridedLayout rows = new StridedLayout(new int[] {outputs}, new int[] {plan.splits()}, 0);
        StridedLayout cols = StridedLayout.contiguous(plan.splits(), 0);
        run(kernel, rows, cols, ctx.base(partial, kernel), y, outputs, plan.splits());
        DeviceContext.free(partial);
    }

    private void launch(String kernel, ReducePlan plan, StridedLayout outer, StridedLayout inner, long x, long y,
                        int outputs, int len) {
        ctx.launch(kernel, plan.launch(), new KernelArgs()
                .struct(outer.pack()).struct(inner.pack()).pointer(x).pointer(y)
                .i32(plan.groups(outputs)).i32(len).i32(plan.splits()).i32(plan.chunk()).i32(plan.groupSize()));
    }

    /** The layout of x's reduced axes (or of its kept ones), merged. */
    private static StridedLayout pick(Tensor x, boolean[] reduced, boolean which, int offset) {
        int count = 0;
        for (boolean r : reduced) {
            count += r == which ? 1 : 0;
        }
        int[] dims = new int[count];
        int[] strides = new int[count];
        int k = 0;
        for (int d = 0; d < reduced.length; d++) {
            if (reduced[d] == which) {
                dims[k] = x.shape()[d];
                strides[k++] = x.strides()[d];
            }
        }
        return LayoutPacker.of(dims, strides, offset);
    }

    private static int numel(StridedLayout l) {
        int n = 1;
        for (int d : l.dims()) {
            n *= d;
        }
        return n;
    }
}
