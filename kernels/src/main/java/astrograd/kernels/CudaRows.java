package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.driver.Launch;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ArgReduceOp;

/**
 * Ops along one axis, a warp per row (rows.cuh): arg-reductions (every dtype), inclusive cumulative sums (F32/F64
 * keep their dtype, integers and BOOL sum to I64), logsumexp, softmax and log-softmax (F32/F64). The input is read
 * in place through its strides: row r starts at the kept axes' offset and walks the axis by its stride.
 */
final class CudaRows {
    /** {@code AG_ROW_WARPS}: rows per block of 256 threads. */
    static final int ROWS_PER_BLOCK = 8;

    private final DeviceContext ctx;

    CudaRows(DeviceContext ctx) {
        this.ctx = ctx;
    }

    /** The rows of x along axis: the kept axes' layouts in x and in a contiguous output of x's shape. */
    private record Rows(StridedLayout outerX, StridedLayout outerY, int count, int len, int sx, int sy) {
        static Rows of(Tensor x, int axis) {
            int rank = x.rank();
            int[] dense = denseStrides(x.shape());
            int[] dims = new int[rank - 1];
            int[] xs = new int[rank - 1];
            int[] ys = new int[rank - 1];
            int count = 1;
            for (int d = 0, k = 0; d < rank; d++) {
                if (d != axis) {
                    dims[k] = x.shape()[d];
                    xs[k] = x.strides()[d];
                    ys[k++] = dense[d];
                    count *= x.shape()[d];
                }
            }
            StridedLayout[] l = LayoutPacker.joint(dims, new int[][] {xs, ys}, new int[] {x.offset(), 0});
            return new Rows(l[0], l[1], count, x.shape()[axis], x.strides()[axis], dense[axis]);
        }

        Launch launch() {
            long blocks = Math.min((count + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK, LaunchPlanner.MAX_BLOCKS);
            return Launch.linear((int) blocks, ROWS_PER_BLOCK * 32);
        }
    }

    Tensor argReduce(ArgReduceOp op, Tensor x, int axis) {
        String kernel = (op == ArgReduceOp.ARGMAX ? "argmax_" : "argmin_") + DeviceContext.suffix(x.dtype());
        Rows rows = Rows.of(x, axis);
        Tensor y = ctx.empty(DType.I64, keepDim(x.shape(), axis));
        if (rows.count() == 0) {
            return y;
        }
        if (rows.len() == 0) {
            DeviceContext.free(y);
            throw new ShapeException(kernel.substring(0, 6) + ": axis " + axis + " of shape "
                    + java.util.Arrays.toString(x.shape()) + " is empty");
        }
        ctx.launch(kernel, rows.launch(), new KernelArgs().struct(rows.outerX().pack()).pointer(ctx.base(x, kernel))
                .i32(rows.len()).i32(rows.sx()).pointer(ctx.base(y, kernel)).i32(rows.count()));
        return y;
    }

    Tensor cumsum(Tensor x, int axis) {
        DType out = x.dtype().isFloating() ? x.dtype() : DType.I64;
        String kernel = "cumsum_" + DeviceContext.suffix(x.dtype());
        Tensor y = ctx.empty(out, x.shape());
        Rows rows = Rows.of(x, axis);
        if (y.numel() > 0) {
            ctx.launch(kernel, rows.launch(), fullArgs(rows, x, y, kernel));
        }
        return y;
    }

    Tensor logsumexp(Tensor x, int axis) {
        String kernel = "logsumexp_" + floating(x, "logsumexp");
        Rows rows = Rows.of(x, axis);
        Tensor y = ctx.empty(x.dtype(), keepDim(x.shape(), axis));
        if (rows.count() > 0) {
            ctx.launch(kernel, rows.launch(), new KernelArgs().struct(rows.outerX().pack())
                    .pointer(ctx.base(x, kernel)).i32(rows.len()).i32(rows.sx()).pointer(ctx.base(y, kernel))
                    .i32(rows.count()));
        }
        return y;
    }

    Tensor softmax(Tensor x, int axis, boolean log) {
        String name = log ? "log_softmax" : "softmax";
        String kernel = name + "_" + floating(x, name);
        Tensor y = ctx.empty(x.dtype(), x.shape());
        Rows rows = Rows.of(x, axis);
        if (y.numel() > 0) {
            ctx.launch(kernel, rows.launch(), fullArgs(rows, x, y, kernel));
        }
        return y;
    }

    /** Arguments of the kernels whose output has x's shape. */
    private KernelArgs fullArgs(Rows rows, Tensor x, Tensor y, String kernel) {
        return new KernelArgs().struct(rows.outerX().pack()).pointer(ctx.base(x, kernel)).i32(rows.len())
                .i32(rows.sx()).struct(rows.outerY().pack()).pointer(ctx.base(y, kernel)).i32(rows.sy())
                .i32(rows.count());
    }

    private static String floating(Tensor x, String op) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": needs F32 or F64, got " + x.dtype());
        }
        return DeviceContext.suffix(x.dtype());
    }

    static int[] keepDim(int[] shape, int axis) {
        int[] s = shape.clone();
        s[axis] = 1;
        return s;
    }

    static int[] denseStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= Math.max(shape[d], 1);
        }
        return s;
    }
}
