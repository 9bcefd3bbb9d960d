package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;

/**
 * Iteration over strided layouts. Several tensors of one shape are walked together: axes are coalesced
 * where every tensor is contiguous across them, size-1 axes dropped, and the innermost axis is left to a
 * run callback so that hot loops see (offset, stride, length) triples only.
 */
final class Layout {
    /** Receives one innermost run: per tensor its start offset and stride, and the run length. */
    interface RunBody {
        void run(int[] offsets, int[] strides, int length);
    }

    final int[] shape;
    /** strides[t][axis] for tensor t. */
    final int[][] strides;
    final int[] offsets;

    private Layout(int[] shape, int[][] strides, int[] offsets) {
        this.shape = shape;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** Coalesced layout of tensors that share one shape. */
    static Layout of(Tensor... ts) {
        int[] shape = ts[0].shape();
        int[][] st = new int[ts.length][];
        int[] off = new int[ts.length];
        for (int t = 0; t < ts.length; t++) {
            st[t] = ts[t].strides();
            off[t] = ts[t].offset();
        }
        return coalesce(shape, st, off);
    }

    static Layout coalesce(int[] shape, int[][] strides, int[] offsets) {
        int r = shape.length;
        int[] ns = new int[Math.max(r, 1)];
        int[][] nt = new int[strides.length][Math.max(r, 1)];
        int k = 0;
        for (int i = 0; i < r; i++) {
            if (shape[i] == 1) {
                continue;
            }
            if (k > 0 && mergeable(nt, k - 1, ns[k - 1], strides, i, shape[i])) {
                for (int t = 0; t < strides.length; t++) {
                    nt[t][k - 1] = strides[t][i];
                }
                ns[k - 1] *= shape[i];
                continue;
            }
            ns[k] = shape[i];
            for (int t = 0; t < strides.length; t++) {
                nt[t][k] = strides[t][i];
            }
            k++;
        }
        if (k == 0) {
            ns[0] = shape.length == 0 || allOnes(shape) ? 1 : 0;
            for (int[] s : nt) {
                s[0] = 1;
            }
            k = 1;
        }
        int[] fs = java.util.Arrays.copyOf(ns, k);
        int[][] ft = new int[strides.length][];
        for (int t = 0; t < strides.length; t++) {
            ft[t] = java.util.Arrays.copyOf(nt[t], k);
        }
        return new Layout(fs, ft, offsets.clone());
    }

    private static boolean allOnes(int[] shape) {
        for (int s : shape) {
            if (s != 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean mergeable(int[][] nt, int prev, int prevSize, int[][] strides, int i, int size) {
        for (int t = 0; t < strides.length; t++) {
            if (nt[t][prev] != (long) strides[t][i] * size) {
                return false;
            }
        }
        return true;
    }

    int numel() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Number of innermost runs. */
    int runs() {
        int n = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            n *= shape[i];
        }
        return numel() == 0 ? 0 : n;
    }

    /** Calls body for innermost runs [first, last) in row-major order. */
    void forRuns(int first, int last, RunBody body) {
        int r = shape.length;
        int nt = offsets.length;
        int inner = shape[r - 1];
        int[] innerStrides = new int[nt];
        for (int t = 0; t < nt; t++) {
            innerStrides[t] = strides[t][r - 1];
        }
        int[] idx = new int[r];
        int rem = first;
        for (int a = r - 2; a >= 0; a--) {
            idx[a] = rem % shape[a];
            rem /= shape[a];
        }
        int[] off = new int[nt];
        for (int t = 0; t < nt; t++) {
            int o = offsets[t];
            for (int a = 0; a < r - 1; a++) {
                o += idx[a] * strides[t][a];
            }
            off[t] = o;
        }
        for (int run = first; run < last; run++) {
            body.run(off, innerStrides, inner);
            for (int a = r - 2; a >= 0; a--) {
                idx[a]++;
                for (int t = 0; t < nt; t++) {
                    off[t] += strides[t][a];
                }
                if (idx[a] < shape[a]) {
                    break;
                }
                for (int t = 0; t < nt; t++) {
                    off[t] -= strides[t][a] * shape[a];
                }
                idx[a] = 0;
            }
        }
    }

    /**
     * Walks all runs, in parallel when there is enough work ({@code minElements} per thread). A single
     * run (a fully coalesced dense layout) is cut into pieces aligned to 64 elements.
     */
    void forAllRuns(int minElements, RunBody body) {
        int runs = runs();
        int inner = shape[shape.length - 1];
        if (runs == 1) {
            int nt = offsets.length;
            int[] innerStrides = new int[nt];
            for (int t = 0; t < nt; t++) {
                innerStrides[t] = strides[t][shape.length - 1];
            }
            EnginePool.parallelFor(inner, minElements, 64, (s, e) -> {
                int[] off = new int[nt];
                for (int t = 0; t < nt; t++) {
                    off[t] = offsets[t] + s * innerStrides[t];
                }
                body.run(off, innerStrides, e - s);
            });
            return;
        }
        int minRuns = Math.max(1, minElements / Math.max(1, inner));
        EnginePool.parallelFor(runs, minRuns, (s, e) -> forRuns(s, e, body));
    }
}
