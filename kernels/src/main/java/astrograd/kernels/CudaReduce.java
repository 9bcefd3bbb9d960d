package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.ReducePlan;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ReduceOp;

/**
 * Reductions over axes (reduce.cuh, integer.cuh): sums, products, maxima and minima of F32, F64 and I64, in a
 * fixed order that depends on the shape only ({@link ReducePlan}); no atomics. I32 and BOOL are reduced as I64
 * (a cast first): their sums and products are I64, their maxima and minima are cast back, as on the CPU.
 */
final class CudaReduce {
    private final DeviceContext ctx;
    private final CudaCopy copy;

    CudaReduce(DeviceContext ctx, CudaCopy copy) {
        this.ctx = ctx;
        this.copy = copy;
    }

    Tensor reduce(ReduceOp op, Tensor x, int[] axes) {
        DType in = x.dtype();
        if (in.isFloating() || in == DType.I64) {
            return reduceSame(op, x, axes);
        }
        Tensor wide = ctx.empty(DType.I64, x.shape());
        copy.copyInto(x, wide);
        Tensor r = reduceSame(op, wide, axes);
        DeviceContext.free(wide);
        if (op == ReduceOp.SUM || op == ReduceOp.PROD) {
            return r;
        }
        Tensor back = ctx.empty(in, r.shape());
        copy.copyInto(r, back);
        DeviceContext.free(r);
        return back;
    }

    /** A reduction whose result has x's dtype (F32, F64, I64). */
    private Tensor reduceSame(ReduceOp op, Tensor x, int[] axes) {
        DType dt = x.dtype();
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
