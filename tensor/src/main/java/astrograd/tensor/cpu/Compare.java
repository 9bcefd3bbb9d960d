package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.ops.BinaryOp;

/** Elementwise comparisons into BOOL for F32, F64 and I64 runs (I32 and BOOL are widened by the caller). */
final class Compare {
    private Compare() {
    }

    static void run(BinaryOp op, DType dt, CpuStorage a, int ao, int as, CpuStorage b, int bo, int bs,
                    boolean[] c, int co, int n) {
        switch (dt) {
            case F32: {
                float[] x = a.f32();
                float[] y = b.f32();
                if (CompareF32.run(op, x, ao, as, y, bo, bs, c, co, n)) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    c[co + i] = test(op, x[ao + i * as], y[bo + i * bs]);
                }
                break;
            }
            case F64: {
                double[] x = a.f64();
                double[] y = b.f64();
                for (int i = 0; i < n; i++) {
                    c[co + i] = test(op, x[ao + i * as], y[bo + i * bs]);
                }
                break;
            }
            default: {
                long[] x = a.i64();
                long[] y = b.i64();
                for (int i = 0; i < n; i++) {
                    c[co + i] = test(op, x[ao + i * as], y[bo + i * bs]);
                }
            }
        }
    }

    /** IEEE comparisons: every comparison with NaN is false except NE. */
    private static boolean test(BinaryOp op, double x, double y) {
        switch (op) {
            case EQ: return x == y;
            case NE: return x != y;
            case LT: return x < y;
            case LE: return x <= y;
            case GT: return x > y;
            default: return x >= y;
        }
    }

    private static boolean test(BinaryOp op, long x, long y) {
        switch (op) {
            case EQ: return x == y;
            case NE: return x != y;
            case LT: return x < y;
            case LE: return x <= y;
            case GT: return x > y;
            default: return x >= y;
        }
    }
}
