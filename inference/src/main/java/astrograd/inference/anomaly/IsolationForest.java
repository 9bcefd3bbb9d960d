package astrograd.inference.anomaly;

import astrograd.tensor.Rng;
import astrograd.tensor.cpu.EnginePool;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Isolation forest (Liu, Ting &amp; Zhou 2008) with scikit-learn's defaults and conventions: {@code trees} isolation
 * trees, each grown on {@code ψ = min(maxSamples, n)} rows drawn without replacement, height limit
 * {@code ⌈log₂ ψ⌉}. The path length of a row in a tree is the number of edges to its leaf plus {@code c(leaf size)},
 * and the anomaly score is
 * <pre>
 *   s(x) = 2^(−E[h(x)] / c(ψ)),   c(n) = 2(ln(n − 1) + γ) − 2(n − 1)/n,  c(2) = 1,  c(n ≤ 1) = 0
 * </pre>
 * so {@code c(256) = 10.2448}; scikit-learn's {@code score_samples} is {@code −s}. Near 1: anomalous; well below 0.5:
 * nominal. Tree {@code t} draws from {@code rng.fold(t)}, so a forest is the same for a seed whatever the thread count;
 * trees grow and rows are scored in parallel on the engine pool.
 */
public final class IsolationForest {
    /** Euler–Mascheroni constant. */
    static final double EULER_GAMMA = 0.5772156649015329;
    /** Rows scored together, tree by tree. */
    private static final int BLOCK = 128;

    private final IsolationTree[] trees;
    private final int features;
    private final int samplesPerTree;
    private final int[] leafOffset;

    private IsolationForest(IsolationTree[] trees, int features, int samplesPerTree) {
        this.trees = trees;
        this.features = features;
        this.samplesPerTree = samplesPerTree;
        this.leafOffset = new int[trees.length + 1];
        for (int t = 0; t < trees.length; t++) {
            leafOffset[t + 1] = leafOffset[t] + trees[t].nodes;
        }
    }

    /** {@code c(n) = 2(ln(n − 1) + γ) − 2(n − 1)/n}, the mean unsuccessful-search path length of a BST; c(2) = 1, c(≤1) = 0. */
    public static double averagePathLength(double n) {
        if (n <= 1) {
            return 0;
        }
        if (n <= 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1) + EULER_GAMMA) - 2 * (n - 1) / n;
    }

    /** Grows a forest with scikit-learn's defaults: 100 trees of up to 256 rows. */
    public static IsolationForest fit(double[][] rows, long seed) {
        return fit(flatten(rows), rows.length, rows[0].length, 100, 256, seed);
    }

    /**
     * Grows {@code trees} trees on {@code x}, {@code n × d} row-major (not modified), each on {@code min(maxSamples, n)}
     * rows drawn without replacement.
     */
    public static IsolationForest fit(double[] x, int n, int d, int trees, int maxSamples, long seed) {
        checkData(x, n, d, "IsolationForest.fit");
        if (trees < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("IsolationForest.fit: need trees >= 1 and maxSamples >= 1, got "
                    + trees + " and " + maxSamples);
        }
        int psi = Math.min(maxSamples, n);
        int maxDepth = (int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2));
        IsolationTree[] grown = new IsolationTree[trees];
        Rng root = new Rng(seed);
        EnginePool.parallelFor(trees, 1, (start, end) -> {
            for (int t = start; t < end; t++) {
                Rng rng = root.fold(t);
                grown[t] = IsolationTree.grow(x, d, sampleWithoutReplacement(n, psi, rng), maxDepth, rng);
            }
        });
        return new IsolationForest(grown, d, psi);
    }

    public int trees() {
        return trees.length;
    }

    public int features() {
        return features;
    }

    /** ψ, the rows each tree was grown on. */
    public int samplesPerTree() {
        return samplesPerTree;
    }

    /** Anomaly scores {@code s(x) ∈ (0, 1]} of the rows of {@code x} ({@code n × d}, not modified). */
    public double[] score(double[] x, int n) {
        return scoreWithSpread(x, n)[0];
    }

    /** As {@link #score(double[], int)} for rows given as arrays. */
    public double[] score(double[][] rows) {
        return score(flatten(rows), rows.length);
    }

    /**
     * Scores and their uncertainties: {@code [0]} is {@code s(x)}, {@code [1]} the standard error of {@code s} from the
     * spread of path lengths over trees, {@code s · ln 2 / c(ψ) · sd_t(h_t(x)) / √T} (delta method).
     */
    public double[][] scoreWithSpread(double[] x, int n) {
        checkData(x, n, features, "IsolationForest.score");
        double[] s = new double[n];
        double[] se = new double[n];
        double norm = averagePathLength(samplesPerTree);
        int tCount = trees.length;
        EnginePool.parallelFor(n, BLOCK, BLOCK, (start, end) -> {
            double[] sum = new double[BLOCK];
            double[] sumSq = new double[BLOCK];
            for (int b = start; b < end; b += BLOCK) {
                int rows = Math.min(BLOCK, end - b);
                Arrays.fill(sum, 0);
                Arrays.fill(sumSq, 0);
                for (IsolationTree tree : trees) { // tree-major within a block keeps one tree in cache
                    for (int r = 0; r < rows; r++) {
                        double h = tree.pathLength[tree.leafOf(x, (b + r) * features)];
                        sum[r] += h;
                        sumSq[r] += h * h;
                    }
                }
                for (int r = 0; r < rows; r++) {
                    double mean = sum[r] / tCount;
                    double var = tCount > 1 ? Math.max(0, (sumSq[r] - tCount * mean * mean) / (tCount - 1)) : 0;
                    s[b + r] = Math.pow(2, -mean / norm);
                    se[b + r] = s[b + r] * Math.log(2) / norm * Math.sqrt(var / tCount);
                }
            }
        });
        return new double[][] {s, se};
    }

    /** Total number of nodes over all trees; leaves are numbered globally in {@code [0, nodeCount())}. */
    int nodeCount() {
        return leafOffset[trees.length];
    }

    /** Global node index of the leaf of every (row, tree): {@code out[i·T + t]}. */
    int[] leaves(double[] x, int n) {
        checkData(x, n, features, "IsolationForest.leaves");
        int tCount = trees.length;
        int[] out = new int[n * tCount];
        EnginePool.parallelFor(n, 256, (start, end) -> {
            for (int i = start; i < end; i++) {
                for (int t = 0; t < tCount; t++) {
                    out[i * tCount + t] = leafOffset[t] + trees[t].leafOf(x, i * features);
                }
            }
        });
        return out;
    }

    /** Path length {@code depth + c(size)} of every node by global index (0 for internal nodes). */
    double[] globalPathLengths() {
        double[] out = new double[nodeCount()];
        for (int t = 0; t < trees.length; t++) {
            System.arraycopy(trees[t].pathLength, 0, out, leafOffset[t], trees[t].nodes);
        }
        return out;
    }

    /** Whether node {@code g} (global index) is a leaf. */
    boolean isLeaf(int g) {
        int t = treeOf(g);
        return trees[t].feature[g - leafOffset[t]] < 0;
    }

    private int treeOf(int g) {
        int lo = 0;
        int hi = trees.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (leafOffset[mid] <= g) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** {@code k} distinct indices of [0, n): Floyd's algorithm when k ≪ n, a partial Fisher–Yates otherwise. */
    static int[] sampleWithoutReplacement(int n, int k, Rng rng) {
        int[] out = new int[k];
        if ((long) k * 8 >= n) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(n - i);
                int tmp = p[i];
                p[i] = p[j];
                p[j] = tmp;
                out[i] = p[i];
            }
            return out;
        }
        Set<Integer> chosen = new HashSet<>(2 * k);
        int m = 0;
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            int pick = chosen.add(t) ? t : j;
            if (pick == j) {
                chosen.add(j);
            }
            out[m++] = pick;
        }
        return out;
    }

    static double[] flatten(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("IsolationForest: no rows");
        }
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("IsolationForest: row " + i + " has " + rows[i].length
                        + " features, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    private static void checkData(double[] x, int n, int d, String op) {
        if (n < 1 || d < 1 || (long) n * d != x.length) {
            throw new IllegalArgumentException(op + ": data of length " + x.length + " is not " + n + " rows × "
                    + d + " features");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(op + ": non-finite value " + x[i] + " at row " + i / d
                        + ", feature " + i % d);
            }
        }
    }
}
