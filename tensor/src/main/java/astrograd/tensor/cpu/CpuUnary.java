package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.UnaryOp;

/** Elementwise unary primitives: dense vector loops over a contiguous copy, split across the engine pool. */
final class CpuUnary {
    /** Elements per thread below which a single thread is faster than a hand-off. */
    static final int MIN_PER_THREAD = 1 << 15;
    /** Chunk boundaries are multiples of this, so vector/tail splits do not depend on the thread count. */
    static final int ALIGN = 64;

    private CpuUnary() {
    }

    static Tensor apply(UnaryOp op, Tensor x) {
        Tensor in = x.contiguous();
        int n = in.numel();
        DType outType = op == UnaryOp.NOT ? DType.BOOL : in.dtype();
        CpuStorage out = CpuStorage.uninitialized(outType, n);
        CpuStorage src = (CpuStorage) in.storage();
        int off = in.offset();
        EnginePool.parallelFor(n, MIN_PER_THREAD, ALIGN, (s, e) -> run(op, in.dtype(), src, off + s, out, s, e - s));
        return new Tensor(out, x.shape());
    }

    private static void run(UnaryOp op, DType dt, CpuStorage x, int xo, CpuStorage y, int yo, int n) {
        switch (dt) {
            case F32: F32Unary.run(op, x.f32(), xo, y.f32(), yo, n); break;
            case F64: F64Unary.run(op, x.f64(), xo, y.f64(), yo, n); break;
            case I32: {
                int[] a = x.i32();
                int[] b = y.i32();
                for (int i = 0; i < n; i++) {
                    b[yo + i] = (int) integer(op, a[xo + i]);
                }
                break;
            }
            case I64: {
                long[] a = x.i64();
                long[] b = y.i64();
                for (int i = 0; i < n; i++) {
                    b[yo + i] = integer(op, a[xo + i]);
                }
                break;
            }
            default: {
                boolean[] a = x.bool();
                boolean[] b = y.bool();
                for (int i = 0; i < n; i++) {
                    b[yo + i] = !a[xo + i];
                }
            }
        }
    }

    private static long integer(UnaryOp op, long v) {
        switch (op) {
            case NEG: return -v;
            case ABS: return Math.abs(v);
            case SIGN: return Long.signum(v);
            case SQUARE: return v * v;
            case RELU: return Math.max(v, 0);
            default: throw new IllegalArgumentException(op.opName() + ": not defined for integers");
        }
    }
}
