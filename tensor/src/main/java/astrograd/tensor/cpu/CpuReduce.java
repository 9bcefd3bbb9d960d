package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ArgReduceOp;
import astrograd.tensor.ops.ReduceOp;

/**
 * Reductions, arg-reductions and cumulative sums. Reduced axes are moved last so that every output
 * element reduces one contiguous row. Long rows are cut into fixed blocks of {@link RowReduce#BLOCK}
 * elements whose partial results combine in block order, so results do not depend on the thread count.
 * SUM and PROD of I32 and BOOL give I64.
 */
final class CpuReduce {
    private CpuReduce() {
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] axes) {
        DType in = x.dtype();
        DType out = (op == ReduceOp.SUM || op == ReduceOp.PROD) && (in == DType.I32 || in == DType.BOOL) ? DType.I64 : in;
        boolean leading = isLeadingPrefix(axes, x.rank()) && x.isContiguous() && x.numel() > 0;
        if (op == ReduceOp.SUM && in.isFloating() && leading) {
            int rows = Shape.sizeOf(x.shape(), axes);
            return ColumnSum.sum(x, rows, x.numel() / Math.max(rows, 1)).reshape(Rows.keepDimShape(x.shape(), axes));
        }
        Tensor work = in.isFloating() ? x : x.to(DType.I64);
        int[] perm = Rows.axesLast(x.rank(), axes);
        Tensor rows = work.permute(perm).contiguous();
        int len = Shape.sizeOf(x.shape(), axes);
        int outer = Shape.sizeOf(x.shape(), keptAxes(perm, axes.length));
        Tensor result = RowReduce.reduceRows(op, rows, outer, len);
        Tensor shaped = result.reshape(Rows.keepDimShape(x.shape(), axes));
        return shaped.to(out);
    }

    /** Axes {@code 0 .. k-1} for some k below the rank (sorted and distinct, as the caller guarantees). */
    private static boolean isLeadingPrefix(int[] axes, int rank) {
        if (axes.length == 0 || axes.length >= rank) {
            return false;
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static int[] keptAxes(int[] perm, int reduced) {
        return java.util.Arrays.copyOf(perm, perm.length - reduced);
    }

    static Tensor argReduce(ArgReduceOp op, Tensor x, int axis) {
        Tensor work = x.dtype() == DType.F32 || x.dtype() == DType.F64 ? x.to(DType.F64) : x.to(DType.I64);
        int[] perm = Rows.axesLast(x.rank(), new int[] {axis});
        Tensor rows = work.permute(perm).contiguous();
        int len = x.shape()[axis];
        int outer = rows.numel() / Math.max(len, 1);
        long[] idx = new long[outer];
        CpuStorage s = (CpuStorage) rows.storage();
        boolean max = op == ArgReduceOp.ARGMAX;
        int base = rows.offset();
        EnginePool.parallelFor(outer, Math.max(1, (1 << 14) / Math.max(len, 1)), (a, b) -> {
            for (int r = a; r < b; r++) {
                idx[r] = work.dtype() == DType.F64 ? argF64(s.f64(), base + r * len, len, max) : argI64(s.i64(), base + r * len, len, max);
            }
        });
        return new Tensor(CpuStorage.adopt(DType.I64, idx), Rows.keepDimShape(x.shape(), new int[] {axis}));
    }

    /** First index of the max (min); a NaN wins over every number, the first NaN over later ones. */
    private static long argF64(double[] v, int off, int n, boolean max) {
        int best = 0;
        double bv = v[off];
        for (int i = 1; i < n && bv == bv; i++) {
            double x = v[off + i];
            if (x != x || (max ? x > bv : x < bv)) {
                best = i;
                bv = x;
            }
        }
        return best;
    }

    private static long argI64(long[] v, int off, int n, boolean max) {
        int best = 0;
        long bv = v[off];
        for (int i = 1; i < n; i++) {
            long x = v[off + i];
            if (max ? x > bv : x < bv) {
                best = i;
                bv = x;
            }
        }
        return best;
    }

    static Tensor cumsum(Tensor x, int axis) {
        DType in = x.dtype();
        DType outType = in.isFloating() ? in : DType.I64;
        Tensor work = x.to(in.isFloating() ? in : DType.I64);
        int[] perm = Rows.axesLast(x.rank(), new int[] {axis});
        Tensor rows = work.permute(perm).contiguous();
        int len = x.shape()[axis];
        int outer = len == 0 ? 0 : rows.numel() / len;
        CpuStorage src = (CpuStorage) rows.storage();
        CpuStorage dst = CpuStorage.uninitialized(outType, rows.numel());
        EnginePool.parallelFor(outer, Math.max(1, (1 << 14) / Math.max(len, 1)), (a, b) -> {
            for (int r = a; r < b; r++) {
                scanRow(outType, src, rows.offset() + r * len, dst, r * len, len);
            }
        });
        return Rows.restore(new Tensor(dst, rows.shape()), rows.shape(), perm);
    }

    /** Running sums; F32 accumulates in double and rounds each output. */
    private static void scanRow(DType t, CpuStorage src, int off, CpuStorage dst, int dOff, int n) {
        switch (t) {
            case F32: {
                double acc = 0;
                float[] a = src.f32();
                float[] b = dst.f32();
                for (int i = 0; i < n; i++) {
                    acc += a[off + i];
                    b[dOff + i] = (float) acc;
                }
                break;
            }
            case F64: {
                double acc = 0;
                double[] a = src.f64();
                double[] b = dst.f64();
                for (int i = 0; i < n; i++) {
                    acc += a[off + i];
                    b[dOff + i] = acc;
                }
                break;
            }
            default: {
                long acc = 0;
                long[] a = src.i64();
                long[] b = dst.i64();
                for (int i = 0; i < n; i++) {
                    acc += a[off + i];
                    b[dOff + i] = acc;
                }
            }
        }
    }
}
