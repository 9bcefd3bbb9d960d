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
        copyInto(t, new Tensor(CpuStorage.wrap(t.dtype(), out), t.shape()));
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
        if (src.dtype() != dst.dtype()) {
            src = castContiguous(src.contiguous(), dst.dtype(), dst.isContiguous() ? dst : null);
            if (src == dst) {
                return;
            }
        }
        Object sa = ((CpuStorage) src.storage()).array();
        Object da = ((CpuStorage) dst.storage()).array();
        DType dt = dst.dtype();
        Layout.of(dst, src).forAllRuns(PARALLEL_MIN, (off, st, n) -> copyRun(dt, sa, off[1], st[1], da, off[0], st[0], n));
    }

    /**
     * A contiguous src cast to the dtype: written into {@code into} when given (contiguous, same size) and
     * returned, else into new storage. The pairs of {@link FastCast} run its kernels; the rest go through
     * {@link #castFlat}.
     */
    private static Tensor castContiguous(Tensor src, DType to, Tensor into) {
        if (!FastCast.supports(src.dtype(), to)) {
            Object cast = castFlat(((CpuStorage) src.storage()).array(), src.offset(), src.numel(), src.dtype(), to);
            return new Tensor(CpuStorage.adopt(to, cast), src.shape());
        }
        Tensor out = into != null ? into : new Tensor(CpuStorage.uninitialized(to, src.numel()), src.shape());
        FastCast.run(((CpuStorage) src.storage()).array(), src.offset(), src.dtype(),
                ((CpuStorage) out.storage()).array(), out.offset(), to, src.numel());
        return out;
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
     * saturates); anything to BOOL is {@code != 0}; BOOL to numbers is 0/1. BOOL to floating and F32↔F64 are
     * {@link FastCast}'s (through {@link #copyInto}).
     */
    static Object castFlat(Object src, int off, int n, DType from, DType to) {
        return from.isFloating() ? fromDoubles(toDoubles(src, off, n, from), to) : fromLongs(toLongs(src, off, n, from), to);
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
