package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * Gather, scatter-add and index selection. The input is viewed with the index's shape and a zero stride
 * along the indexed axis, so one strided walk serves every rank: the element read is that view's offset
 * plus {@code index * axisStride}.
 */
final class CpuIndexing {
    private static final int PARALLEL_MIN = 1 << 15;

    private CpuIndexing() {
    }

    static Tensor gather(Tensor x, int axis, Tensor index) {
        Tensor out = new Tensor(CpuStorage.uninitialized(x.dtype(), index.numel()), index.shape());
        Tensor xv = alignedView(x, index.shape(), axis);
        int axisStride = x.strides()[axis];
        int axisSize = x.shape()[axis];
        long[] idx = ((CpuStorage) index.storage()).i64();
        CpuStorage src = (CpuStorage) x.storage();
        CpuStorage dst = (CpuStorage) out.storage();
        Layout.of(out, index, xv).forAllRuns(1 << 15, (off, st, n) -> {
            for (int i = 0; i < n; i++) {
                long k = checked("gather", idx[off[1] + i * st[1]], axisSize, axis);
                copyElement(x.dtype(), src, off[2] + i * st[2] + (int) k * axisStride, dst, off[0] + i);
            }
        });
        return out;
    }

    static Tensor indexSelect(Tensor x, int axis, Tensor index) {
        int[] shape = x.shape();
        shape[axis] = index.numel();
        int[] idxShape = new int[shape.length];
        java.util.Arrays.fill(idxShape, 1);
        idxShape[axis] = index.numel();
        Tensor expanded = index.contiguous().reshape(idxShape).expand(shape);
        return gather(x, axis, expanded);
    }

    static Tensor scatterAdd(Tensor base, int axis, Tensor index, Tensor src) {
        Tensor out = CpuCopy.copyOf(base);
        if (index.numel() == 0) {
            return out;
        }
        Tensor ov = alignedView(out, index.shape(), axis);
        int axisStride = out.strides()[axis];
        int axisSize = out.shape()[axis];
        long[] idx = ((CpuStorage) index.storage()).i64();
        CpuStorage s = (CpuStorage) src.storage();
        CpuStorage o = (CpuStorage) out.storage();
        DType t = base.dtype();
        Layout layout = Layout.of(index, src, ov);
        Layout.RunBody body = t == DType.F32 ? (off, st, n) -> {
            float[] of = o.f32();
            float[] sf = s.f32();
            for (int i = 0; i < n; i++) {
                long k = checked("scatterAdd", idx[off[0] + i * st[0]], axisSize, axis);
                of[off[2] + i * st[2] + (int) k * axisStride] += sf[off[1] + i * st[1]];
            }
        } : (off, st, n) -> {
            for (int i = 0; i < n; i++) {
                long k = checked("scatterAdd", idx[off[0] + i * st[0]], axisSize, axis);
                addInto(t, o, off[2] + i * st[2] + (int) k * axisStride, s, off[1] + i * st[1]);
            }
        };
        int runs = layout.runs();
        if (runsTargetOwnRows(layout)) {
            EnginePool.parallelFor(runs, Math.max(1, PARALLEL_MIN / layout.shape[layout.shape.length - 1]),
                    (a, b) -> layout.forRuns(a, b, body));
        } else {
            // sequential: several sources may add into one target, and the order must be fixed
            layout.forRuns(0, runs, body);
        }
        return out;
    }

    /**
     * Whether the runs go along the scatter axis (the target view has stride 0 there): each run then adds into
     * its own slice only, so runs may go in parallel with the same result.
     */
    private static boolean runsTargetOwnRows(Layout layout) {
        int last = layout.shape.length - 1;
        return last >= 0 && layout.strides[2][last] == 0;
    }

    private static void copyElement(DType t, CpuStorage s, int from, CpuStorage o, int to) {
        switch (t) {
            case F32: o.f32()[to] = s.f32()[from]; break;
            case F64: o.f64()[to] = s.f64()[from]; break;
            case I32: o.i32()[to] = s.i32()[from]; break;
            case I64: o.i64()[to] = s.i64()[from]; break;
            default: o.bool()[to] = s.bool()[from];
        }
    }

    private static void addInto(DType t, CpuStorage o, int target, CpuStorage s, int from) {
        switch (t) {
            case F32: o.f32()[target] += s.f32()[from]; break;
            case F64: o.f64()[target] += s.f64()[from]; break;
            case I32: o.i32()[target] += s.i32()[from]; break;
            case I64: o.i64()[target] += s.i64()[from]; break;
            default: o.bool()[target] |= s.bool()[from];
        }
    }


    /** x narrowed to {@code shape} on every axis but {@code axis}, where it gets size shape[axis] and stride 0. */
    private static Tensor alignedView(Tensor x, int[] shape, int axis) {
        int[] strides = x.strides();
        strides[axis] = 0;
        return new Tensor(x.storage(), shape.clone(), strides, x.offset());
    }

    private static long checked(String op, long k, int size, int axis) {
        if (k < 0 || k >= size) {
            throw new ShapeException(op + ": index " + k + " is out of range for axis " + axis + " of size " + size);
        }
        return k;
    }
}
