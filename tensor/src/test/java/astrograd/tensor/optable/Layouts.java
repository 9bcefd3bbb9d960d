package astrograd.tensor.optable;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/**
 * Ways to lay an input out in memory. Each gives a tensor whose logical values are those of the returned
 * {@link Placed#values} (EXPANDED replaces the input by a broadcast of its first slice along an axis).
 * Gaps of strided views hold NaN (floats) or a large sentinel (integers) so a kernel that reads them shows.
 */
enum Layouts {
    CONTIGUOUS, TRANSPOSED, STRIDED, EXPANDED, FLIPPED;

    /** An input as laid out: its logical values and the tensor view. */
    static final class Placed {
        final Nd values;
        final Tensor tensor;

        Placed(Nd values, Tensor tensor) {
            this.values = values;
            this.tensor = tensor;
        }
    }

    Placed place(Nd x) {
        switch (this) {
            case TRANSPOSED: return x.rank() >= 2 ? transposed(x) : contiguous(x);
            case STRIDED: return x.rank() >= 1 ? strided(x) : contiguous(x);
            case EXPANDED: return expanded(x);
            case FLIPPED: return x.rank() >= 1 ? flipped(x) : contiguous(x);
            default: return contiguous(x);
        }
    }

    private static Placed contiguous(Nd x) {
        return new Placed(x, x.toTensor());
    }

    /** Stored as the transpose of the first and last axes, viewed back with transpose. */
    private static Placed transposed(Nd x) {
        int last = x.rank() - 1;
        int[] ts = x.shape.clone();
        ts[0] = x.shape[last];
        ts[last] = x.shape[0];
        double[] v = new double[x.numel()];
        for (int i = 0; i < v.length; i++) {
            int[] idx = Nd.unravel(i, x.shape);
            int tmp = idx[0];
            idx[0] = idx[last];
            idx[last] = tmp;
            v[Nd.ravel(idx, ts)] = x.data[i];
        }
        Tensor t = new Nd(x.dtype, ts, v).toTensor().transpose(0, last);
        return new Placed(x, t);
    }

    /** Stored interleaved with junk along the last axis after one leading junk element; viewed with step 2. */
    private static Placed strided(Nd x) {
        int a = x.rank() - 1;
        int n = x.shape[a];
        int[] big = x.shape.clone();
        big[a] = 2 * n + 1;
        double junk = junk(x.dtype);
        double[] v = new double[Nd.numel(big)];
        for (int i = 0; i < v.length; i++) {
            int[] idx = Nd.unravel(i, big);
            int j = idx[a];
            if (j % 2 == 1) {
                idx[a] = j / 2;
                v[i] = x.get(idx);
            } else {
                v[i] = junk;
            }
        }
        Tensor t = new Nd(x.dtype, big, v).toTensor().slice(a, 1, 2 * n + 1, 2);
        return new Placed(x, t);
    }

    private static double junk(DType dtype) {
        switch (dtype) {
            case F32:
            case F64: return Double.NaN;
            case BOOL: return 1;
            default: return 1_000_003;
        }
    }

    /** The first slice along the first axis longer than 1, expanded back to the full shape. */
    private static Placed expanded(Nd x) {
        for (int a = 0; a < x.rank(); a++) {
            if (x.shape[a] > 1) {
                Nd small = Ref.narrow(x, a, 0, 1);
                return new Placed(Ref.broadcastTo(small, x.shape), small.toTensor().expand(x.shape));
            }
        }
        return contiguous(x);
    }

    /** Stored reversed along axis 0, viewed back with flip (negative stride). */
    private static Placed flipped(Nd x) {
        Nd reversed = Ref.alongAxis(x, 0, Ref::reverse);
        return new Placed(x, reversed.toTensor().flip(0));
    }
}
