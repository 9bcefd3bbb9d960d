package astrograd.tensor;

import java.util.Arrays;

/**
 * Static helpers on shapes ({@code int[]}, outermost axis first) and strides (in elements). Arguments are
 * not modified; every method returns a fresh array.
 */
public final class Shape {
    private Shape() {
    }

    /** Number of elements: the product of the sizes (1 for a 0-d shape). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new ShapeException("shape " + str(shape) + " has " + n + " elements; at most 2^31 - 17 are supported");
        }
        return (int) n;
    }

    /** Product of the sizes of the given axes (1 for none). */
    public static int sizeOf(int[] shape, int[] axes) {
        long n = 1;
        for (int a : axes) {
            n *= shape[a];
        }
        return (int) n;
    }

    /** Row-major (C-order) strides of a contiguous tensor of this shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** True if a view of these sizes and strides lies in row-major order without gaps. */
    static boolean isContiguous(int[] shape, int[] strides) {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** Validates sizes (non-negative) and returns a copy. */
    public static int[] check(String op, int... shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new ShapeException(op + ": negative size in shape " + str(shape));
            }
        }
        numel(shape);
        return shape.clone();
    }

    /**
     * NumPy broadcasting: shapes are aligned at the right; sizes must be equal or one of them 1.
     *
     * @throws ShapeException naming the op, both shapes and the first axis that does not fit
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length);
            int db = i - (rank - b.length);
            int sa = da >= 0 ? a[da] : 1;
            int sb = db >= 0 ? b[db] : 1;
            if (sa != sb && sa != 1 && sb != 1) {
                throw new ShapeException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast: axis " + (i - rank) + " has sizes " + sa + " and " + sb);
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** Maps a possibly negative axis into [0, rank), or throws naming the op. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Normalizes a set of axes; empty means all axes. Duplicates are an error. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        boolean[] seen = new boolean[rank];
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, axes[i], rank);
            if (seen[out[i]]) {
                throw new ShapeException(op + ": axis " + axes[i] + " is given twice in " + Arrays.toString(axes));
            }
            seen[out[i]] = true;
        }
        Arrays.sort(out);
        return out;
    }

    /** The shape with the given (normalized, sorted) axes removed or set to 1. */
    public static int[] reduced(int[] shape, int[] axes, boolean keepDim) {
        boolean[] drop = new boolean[shape.length];
        for (int a : axes) {
            drop[a] = true;
        }
        int[] out = new int[keepDim ? shape.length : shape.length - axes.length];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!drop[i]) {
                out[j++] = shape[i];
            } else if (keepDim) {
                out[j++] = 1;
            }
        }
        return out;
    }

    /** Formats a shape as {@code [2, 3]}. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Concatenates two int arrays. */
    public static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
