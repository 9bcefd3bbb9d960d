package astrograd.tensor.optable;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/**
 * A plain row-major n-d array of doubles tagged with the dtype it stands for: the currency of the float64
 * references and of the fixtures. Integer and BOOL values are held exactly (BOOL as 0/1).
 */
final class Nd {
    final DType dtype;
    final int[] shape;
    final double[] data;

    Nd(DType dtype, int[] shape, double[] data) {
        if (numel(shape) != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    static Nd zeros(DType dtype, int... shape) {
        return new Nd(dtype, shape, new double[numel(shape)]);
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    int numel() {
        return data.length;
    }

    int rank() {
        return shape.length;
    }

    /** Row-major strides. */
    static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    /** The multi-index of flat position {@code flat}. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] > 0) {
                idx[i] = flat % shape[i];
                flat /= shape[i];
            }
        }
        return idx;
    }

    static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            flat = flat * shape[i] + idx[i];
        }
        return flat;
    }

    double get(int... idx) {
        return data[ravel(idx, shape)];
    }

    /** The same values re-tagged (and rounded) as another dtype. */
    Nd as(DType target) {
        double[] v = data.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = roundTo(target, v[i]);
        }
        return new Nd(target, shape, v);
    }

    /** What storing {@code v} in {@code dtype} keeps: float rounding, truncation toward zero, or != 0. */
    static double roundTo(DType dtype, double v) {
        switch (dtype) {
            case F32: return (float) v;
            case I32: return (int) v;
            case I64: return (long) v;
            case BOOL: return v != 0 ? 1 : 0;
            default: return v;
        }
    }

    /** A contiguous astrograd tensor holding these values. */
    Tensor toTensor() {
        int n = data.length;
        switch (dtype) {
            case F32: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) data[i];
                }
                return Tensor.of(f, shape);
            }
            case F64:
                return Tensor.of(data.clone(), shape);
            case I32: {
                int[] f = new int[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (int) data[i];
                }
                return Tensor.of(f, shape);
            }
            case I64: {
                long[] f = new long[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (long) data[i];
                }
                return Tensor.of(f, shape);
            }
            default: {
                boolean[] f = new boolean[n];
                for (int i = 0; i < n; i++) {
                    f[i] = data[i] != 0;
                }
                return Tensor.of(f, shape);
            }
        }
    }

    /** The values of any tensor (any layout) read back in row-major order. */
    static Nd of(Tensor t) {
        return new Nd(t.dtype(), t.shape(), t.toDoubleArray());
    }

    @Override
    public String toString() {
        String vals = data.length <= 12 ? Arrays.toString(data) : Arrays.toString(Arrays.copyOf(data, 12)) + "...";
        return dtype + Arrays.toString(shape) + " " + vals;
    }
}
