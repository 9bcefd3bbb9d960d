package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/** Strided copies, casts, fills and host transfers. */
final class CpuCopy {
    private static final int PARALLEL_MIN = 1 << 16;

    private CpuCopy() {
    }

    static Object cloneArray(Object a) {
        if (a instanceof float[]) {
            return ((float[]) a).clone();
        } else if (a instanceof double[]) {
            return ((double[]) a).clone();
        } else if (a instanceof int[]) {
            return ((int[]) a).clone();
        } else if (a instanceof long[]) {
            return ((long[]) a).clone();
        } else if (a instanceof boolean[]) {
            return ((boolean[]) a).clone();
        }
        throw new IllegalArgumentException("upload: unsupported host array " + a.getClass().getSimpleName());
    }

    static Object download(Tensor t) {
        CpuStorage s = (CpuStorage) t.storage();
        int n = t.numel();
        Object out = CpuStorage.newArray(t.dtype(), n);
        if (t.isContiguous()) {
            if (n > 0) {
                System.arraycopy(s.array(), t.offset(), out, 0, n);
            }
            return out;
        }
        copyInto(t, new Tensor(CpuStorage.unscoped(t.dtype(), out), t.shape()));
        return out;
    }

    static Tensor full(DType dtype, int[] shape, double value) {
        int n = Shape.numel(shape);
        CpuStorage s = value == 0 ? CpuStorage.allocate(dtype, n) : CpuStorage.uninitialized(dtype, n);
        if (value != 0) {
            switch (dtype) {
                case F32: Arrays.fill(s.f32(), (float) value); break;
                case F64: Arrays.fill(s.f64(), value); break;
                case I32: Arrays.fill(s.i32(), (int) value); break;
                case I64: Arrays.fill(s.i64(), (long) value); break;
                default: Arrays.fill(s.bool(), true); break;
            }
        }
        return new Tensor(s, shape.clone());
    }

    /** A contiguous copy of t in recycled-or-fresh storage (any layout in). */
    static Tensor copyOf(Tensor t) {
        Tensor out = new Tensor(CpuStorage.uninitialized(t.dtype(), t.numel()), t.shape());
        copyInto(t, out);
        return out;
    }

    /** dst := src (same shape), casting when dtypes differ. */
    static void copyInto(Tensor src, Tensor dst) {
        if (src.dtype() != dst.dtype() && FastCast.supports(src.dtype(), dst.dtype()) && dst.isContiguous()) {
            Tensor flat = src.contiguous();
            FastCast.run(((CpuStorage) flat.storage()).array(), flat.offset(), src.dtype(),
                    ((CpuStorage) dst.storage()).array(), dst.offset(), dst.dtype(), src.numel());
            return;
        }
        if (src.dtype() != dst.dtype()) {
            Tensor flat = src.contiguous();
            Object cast = castFlat(((CpuStorage) flat.storage()).array(), flat.offset(), src.numel(),
                    src.dtype(), dst.dtype());
            src = new Tensor(CpuStorage.wrap(dst.dtype(), cast), src.shape());
        }
        Object sa = ((CpuStorage) src.storage()).array();
        Object da = ((CpuStorage) dst.storage()).array();
        DType dt = dst.dtype();
        Layout.of(dst, src).forAllRuns(PARALLEL_MIN, (off, st, n) -> copyRun(dt, sa, off[1], st[1], da, off[0], st[0], n));
    }

    private static void copyRun(DType dt, Object sa, int so, int ss, Object da, int dO, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(sa, so, da, dO, n);
            return;
        }
        switch (dt) {
            case F32: {
                float[] s = (float[]) sa;
                float[] d = (float[]) da;
                for (int i = 0; i < n; i++) {
                    d[dO + i * ds] = s[so + i * ss];
                }
                break;
            }
            case F64: {
                double[] s = (double[]) sa;
                double[] d = (double[]) da;
                for (int i = 0; i < n; i++) {
                    d[dO + i * ds] = s[so + i * ss];
                }
                break;
            }
            case I32: {
                int[] s = (int[]) sa;
                int[] d = (int[]) da;
                for (int i = 0; i < n; i++) {
                    d[dO + i * ds] = s[so + i * ss];
                }
                break;
            }
            case I64: {
                long[] s = (long[]) sa;
                long[] d = (long[]) da;
                for (int i = 0; i < n; i++) {
                    d[dO + i * ds] = s[so + i * ss];
                }
                break;
            }
            default: {
                boolean[] s = (boolean[]) sa;
                boolean[] d = (boolean[]) da;
                for (int i = 0; i < n; i++) {
                    d[dO + i * ds] = s[so + i * ss];
                }
            }
        }
    }

    /**
     * Casts n contiguous elements. Floating to integer truncates toward zero (Java's narrowing, which
     * saturates); anything to BOOL is {@code != 0}; BOOL to numbers is 0/1.
     */
    static Object castFlat(Object src, int off, int n, DType from, DType to) {
        if (from == DType.F32 && to == DType.F64) {
            float[] s = (float[]) src;
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = s[off + i];
            }
            return d;
        }
        if (from == DType.F64 && to == DType.F32) {
            double[] s = (double[]) src;
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] = (float) s[off + i];
            }
            return d;
        }
        if (from == DType.BOOL && to.isFloating()) {
            return boolToFloating((boolean[]) src, off, n, to);
        }
        return from.isFloating() ? fromDoubles(toDoubles(src, off, n, from), to) : fromLongs(toLongs(src, off, n, from), to);
    }

    /** Masks to 0/1 values directly (the ReLU and clamp backward passes cast a mask every step). */
    private static Object boolToFloating(boolean[] s, int off, int n, DType to) {
        if (to == DType.F32) {
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] = s[off + i] ? 1f : 0f;
            }
            return d;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = s[off + i] ? 1 : 0;
        }
        return d;
    }

    private static double[] toDoubles(Object src, int off, int n, DType from) {
        double[] d = new double[n];
        if (from == DType.F32) {
            float[] s = (float[]) src;
            for (int i = 0; i < n; i++) {
                d[i] = s[off + i];
            }
        } else {
            System.arraycopy(src, off, d, 0, n);
        }
        return d;
    }

    private static long[] toLongs(Object src, int off, int n, DType from) {
        long[] d = new long[n];
        switch (from) {
            case I32: {
                int[] s = (int[]) src;
                for (int i = 0; i < n; i++) {
                    d[i] = s[off + i];
                }
                break;
            }
            case I64:
                System.arraycopy(src, off, d, 0, n);
                break;
            default: {
                boolean[] s = (boolean[]) src;
                for (int i = 0; i < n; i++) {
                    d[i] = s[off + i] ? 1 : 0;
                }
            }
        }
        return d;
    }

    private static Object fromDoubles(double[] s, DType to) {
        int n = s.length;
        switch (to) {
            case F32: {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (float) s[i];
                }
                return d;
            }
            case F64:
                return s;
            case I32: {
                int[] d = new int[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (int) s[i];
                }
                return d;
            }
            case I64: {
                long[] d = new long[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (long) s[i];
                }
                return d;
            }
            default: {
                boolean[] d = new boolean[n];
                for (int i = 0; i < n; i++) {
                    d[i] = s[i] != 0;
                }
                return d;
            }
        }
    }

    private static Object fromLongs(long[] s, DType to) {
        int n = s.length;
        switch (to) {
            case F32: {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = s[i];
                }
                return d;
            }
            case F64: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = s[i];
                }
                return d;
            }
            case I32: {
                int[] d = new int[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (int) s[i];
                }
                return d;
            }
            case I64:
                return s;
            default: {
                boolean[] d = new boolean[n];
                for (int i = 0; i < n; i++) {
                    d[i] = s[i] != 0;
                }
                return d;
            }
        }
    }
}
