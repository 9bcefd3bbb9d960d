package astrograd.inference.anomaly;

import astrograd.tensor.Rng;

/**
 * One isolation tree (Liu, Ting &amp; Zhou 2008) in flat arrays: node {@code k} is internal when
 * {@code feature[k] ≥ 0} (go left when {@code x[feature] ≤ threshold}), else a leaf whose path length is
 * {@code depth + c(size)} with {@link IsolationForest#averagePathLength c}. Built as scikit-learn's
 * {@code ExtraTreeRegressor(max_features=1, splitter='random')} inside its {@code IsolationForest}: at each node a
 * feature drawn uniformly among those not constant in the node, a threshold uniform on {@code [min, max)} of that
 * feature in the node; a node is a leaf when it holds one row, reaches the height limit, or every feature is constant.
 */
final class IsolationTree {
    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    /** {@code depth + c(size)} for leaves, 0 for internal nodes. */
    final double[] pathLength;
    final int[] depth;
    final int[] size;
    final int nodes;

    private IsolationTree(int capacity) {
        feature = new int[capacity];
        threshold = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        pathLength = new double[capacity];
        depth = new int[capacity];
        size = new int[capacity];
        nodes = 0;
    }

    private IsolationTree(IsolationTree b, int used) {
        feature = java.util.Arrays.copyOf(b.feature, used);
        threshold = java.util.Arrays.copyOf(b.threshold, used);
        left = java.util.Arrays.copyOf(b.left, used);
        right = java.util.Arrays.copyOf(b.right, used);
        pathLength = java.util.Arrays.copyOf(b.pathLength, used);
        depth = java.util.Arrays.copyOf(b.depth, used);
        size = java.util.Arrays.copyOf(b.size, used);
        nodes = used;
    }

    /** Grows a tree on rows {@code sample} of {@code x} ({@code n × d} row-major; neither modified). */
    static IsolationTree grow(double[] x, int d, int[] sample, int maxDepth, Rng rng) {
        Builder b = new Builder(x, d, sample.clone(), maxDepth, rng, 2 * sample.length);
        b.split(0, sample.length, 0);
        return new IsolationTree(b.tree, b.used);
    }

    /** Index of the leaf that row {@code offset} of {@code x} falls into. */
    int leafOf(double[] x, int offset) {
        int k = 0;
        while (feature[k] >= 0) {
            k = x[offset + feature[k]] <= threshold[k] ? left[k] : right[k];
        }
        return k;
    }

    private static final class Builder {
        final double[] x;
        final int d;
        final int[] idx;
        final int maxDepth;
        final Rng rng;
        final IsolationTree tree;
        final int[] candidates;
        int used;

        Builder(double[] x, int d, int[] idx, int maxDepth, Rng rng, int capacity) {
            this.x = x;
            this.d = d;
            this.idx = idx;
            this.maxDepth = maxDepth;
            this.rng = rng;
            this.tree = new IsolationTree(capacity);
            this.candidates = new int[d];
        }

        int split(int lo, int hi, int level) {
            int node = used++;
            tree.depth[node] = level;
            tree.size[node] = hi - lo;
            double[] range = hi - lo > 1 && level < maxDepth ? chooseSplit(lo, hi) : null;
            if (range == null) {
                tree.feature[node] = -1;
                tree.pathLength[node] = level + IsolationForest.averagePathLength(hi - lo);
                return node;
            }
            int f = (int) range[0];
            double t = range[1] + rng.nextDouble() * (range[2] - range[1]);
            if (t >= range[2]) {
                t = range[1]; // rounding reached max: keep both children non-empty, as scikit-learn does
            }
            int mid = partition(lo, hi, f, t);
            tree.feature[node] = f;
            tree.threshold[node] = t;
            tree.left[node] = split(lo, mid, level + 1);
            tree.right[node] = split(mid, hi, level + 1);
            return node;
        }

        /** {feature, min, max} for a feature drawn among the non-constant ones, or null when all are constant. */
        private double[] chooseSplit(int lo, int hi) {
            for (int j = 0; j < d; j++) {
                candidates[j] = j;
            }
            for (int left = d; left > 0; left--) {
                int pick = rng.nextInt(left);
                int f = candidates[pick];
                candidates[pick] = candidates[left - 1];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = lo; i < hi; i++) {
                    double v = x[idx[i] * d + f];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (max > min) {
                    return new double[] {f, min, max};
                }
            }
            return null;
        }

        private int partition(int lo, int hi, int f, double t) {
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (x[idx[i] * d + f] <= t) {
                    i++;
                } else {
                    int tmp = idx[i];
                    idx[i] = idx[j];
                    idx[j--] = tmp;
                }
            }
            return i;
        }
    }
}
