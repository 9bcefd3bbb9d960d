package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.BinaryOp;

/**
 * Elementwise binary primitives and {@code where}. Operands share one shape (broadcast views allowed):
 * after coalescing, each operand's innermost stride is 1 or 0, so the hot loops see dense runs or scalars.
 * An operand whose innermost stride is anything else is made contiguous first.
 */
final class CpuBinary {
    private CpuBinary() {
    }

    static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        if (op.isComparison() && (a.dtype() == DType.I32 || a.dtype() == DType.BOOL)) {
            a = a.to(DType.I64);
            b = b.to(DType.I64);
        }
        DType outType = op.isComparison() ? DType.BOOL : a.dtype();
        if (a.numel() <= CpuUnary.MIN_PER_THREAD) {
            int as = flatStride(a);
            int bs = flatStride(b);
            if (as >= 0 && bs >= 0) {
                return small(op, a, as, b, bs, outType);
            }
            if (denseRows(a) && denseRows(b)) {
                return smallRows(op, a, b, outType);
            }
        }
        a = denseRuns(a);
        b = denseRuns(b);
        Tensor out = new Tensor(CpuStorage.uninitialized(outType, a.numel()), a.shape());
        CpuStorage sa = (CpuStorage) a.storage();
        CpuStorage sb = (CpuStorage) b.storage();
        CpuStorage so = (CpuStorage) out.storage();
        DType dt = a.dtype();
        Layout.of(out, a, b).forAllRuns(CpuUnary.MIN_PER_THREAD, (off, st, n) ->
                run(op, dt, sa, off[1], st[1], sb, off[2], st[2], so, off[0], n));
        return out;
    }

    /**
     * One thread's worth of elements whose operands are each contiguous (flat stride 1) or one broadcast value (flat
     * stride 0): one run over all of them, without coalescing a layout.
     */
    private static Tensor small(BinaryOp op, Tensor a, int as, Tensor b, int bs, DType outType) {
        Tensor out = new Tensor(CpuStorage.uninitialized(outType, a.numel()), a.shape());
        run(op, a.dtype(), (CpuStorage) a.storage(), a.offset(), as, (CpuStorage) b.storage(), b.offset(), bs,
                (CpuStorage) out.storage(), 0, a.numel());
        return out;
    }

    /**
     * One thread's worth of elements whose operands each have innermost stride 0 or 1 (a narrowed matrix, a column
     * broadcast along rows): one run per row of the last axis, rows found by counting through the outer axes,
     * without coalescing a layout.
     */
    private static Tensor smallRows(BinaryOp op, Tensor a, Tensor b, DType outType) {
        int[] shape = a.shape();
        int rank = shape.length;
        int cols = shape[rank - 1];
        Tensor out = new Tensor(CpuStorage.uninitialized(outType, a.numel()), shape);
        if (cols == 0 || a.numel() == 0) {
            return out;
        }
        int[] sa = a.strides();
        int[] sb = b.strides();
        int[] index = new int[rank - 1];
        int ao = a.offset();
        int bo = b.offset();
        CpuStorage x = (CpuStorage) a.storage();
        CpuStorage y = (CpuStorage) b.storage();
        CpuStorage z = (CpuStorage) out.storage();
        for (int row = 0, rows = a.numel() / cols; row < rows; row++) {
            run(op, a.dtype(), x, ao, sa[rank - 1], y, bo, sb[rank - 1], z, row * cols, cols);
            for (int d = rank - 2; d >= 0; d--) {
                ao += sa[d];
                bo += sb[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                ao -= sa[d] * shape[d];
                bo -= sb[d] * shape[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /** True if the innermost stride is 0 or 1 (so each row of the last axis is a dense run or one value). */
    private static boolean denseRows(Tensor t) {
        int[] st = t.strides();
        return st.length >= 2 && (st[st.length - 1] == 0 || st[st.length - 1] == 1);
    }

    /** 1 if the elements are contiguous, 0 if every stride is 0 (one value broadcast), −1 otherwise. */
    private static int flatStride(Tensor t) {
        if (t.isContiguous()) {
            return 1;
        }
        for (int s : t.strides()) {
            if (s != 0) {
                return -1;
            }
        }
        return 0;
    }

    /** The tensor itself if its coalesced innermost stride is 0 or 1, else a contiguous copy. */
    private static Tensor denseRuns(Tensor t) {
        Layout l = Layout.of(t);
        int inner = l.strides[0][l.shape.length - 1];
        return inner == 0 || inner == 1 || l.numel() <= 1 ? t : t.contiguous();
    }

    private static void run(BinaryOp op, DType dt, CpuStorage a, int ao, int as, CpuStorage b, int bo, int bs,
                            CpuStorage c, int co, int n) {
        if (op.isComparison()) {
            Compare.run(op, dt, a, ao, as, b, bo, bs, c.bool(), co, n);
            return;
        }
        switch (dt) {
            case F32: F32Binary.run(op, a.f32(), ao, as, b.f32(), bo, bs, c.f32(), co, n); break;
            case F64: F64Binary.run(op, a.f64(), ao, as, b.f64(), bo, bs, c.f64(), co, n); break;
            case I32: {
                int[] x = a.i32();
                int[] y = b.i32();
                int[] z = c.i32();
                for (int i = 0; i < n; i++) {
                    z[co + i] = (int) integer(op, x[ao + i * as], y[bo + i * bs]);
                }
                break;
            }
            case I64: {
                long[] x = a.i64();
                long[] y = b.i64();
                long[] z = c.i64();
                for (int i = 0; i < n; i++) {
                    z[co + i] = integer(op, x[ao + i * as], y[bo + i * bs]);
                }
                break;
            }
            default: logical(op, a.bool(), ao, as, b.bool(), bo, bs, c.bool(), co, n);
        }
    }

    private static long integer(BinaryOp op, long x, long y) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case MAXIMUM: return Math.max(x, y);
            case MINIMUM: return Math.min(x, y);
            default: throw new IllegalArgumentException(op.opName() + ": not defined for integers");
        }
    }

    private static void logical(BinaryOp op, boolean[] x, int xo, int xs, boolean[] y, int yo, int ys,
                                boolean[] z, int zo, int n) {
        if (op == BinaryOp.AND) {
            for (int i = 0; i < n; i++) {
                z[zo + i] = x[xo + i * xs] & y[yo + i * ys];
            }
        } else if (op == BinaryOp.OR) {
            for (int i = 0; i < n; i++) {
                z[zo + i] = x[xo + i * xs] | y[yo + i * ys];
            }
        } else {
            throw new IllegalArgumentException(op.opName() + ": not defined for BOOL");
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor out = new Tensor(CpuStorage.uninitialized(a.dtype(), a.numel()), a.shape());
        boolean[] c = ((CpuStorage) cond.storage()).bool();
        CpuStorage x = (CpuStorage) a.storage();
        CpuStorage y = (CpuStorage) b.storage();
        CpuStorage z = (CpuStorage) out.storage();
        Layout.of(out, cond, a, b).forAllRuns(CpuUnary.MIN_PER_THREAD, (off, st, n) -> {
            switch (a.dtype()) {
                case F32: {
                    float[] xa = x.f32();
                    float[] ya = y.f32();
                    float[] za = z.f32();
                    if (WhereF32.run(c, off[1], st[1], xa, off[2], st[2], ya, off[3], st[3], za, off[0], n)) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        za[off[0] + i] = c[off[1] + i * st[1]] ? xa[off[2] + i * st[2]] : ya[off[3] + i * st[3]];
                    }
                    break;
                }
                case F64: {
                    double[] xa = x.f64();
                    double[] ya = y.f64();
                    double[] za = z.f64();
                    for (int i = 0; i < n; i++) {
                        za[off[0] + i] = c[off[1] + i * st[1]] ? xa[off[2] + i * st[2]] : ya[off[3] + i * st[3]];
                    }
                    break;
                }
                default:
                    for (int i = 0; i < n; i++) {
                        boolean pick = c[off[1] + i * st[1]];
                        int src = pick ? off[2] + i * st[2] : off[3] + i * st[3];
                        System.arraycopy(pick ? x.array() : y.array(), src, z.array(), off[0] + i, 1);
                    }
            }
        });
        return out;
    }
}
