package astrograd.inference.som;

import astrograd.tensor.Rng;
import astrograd.tensor.cpu.EnginePool;

/**
 * A Kohonen self-organizing map on a rectangular {@code rows × cols} grid of units with weight vectors in ℝᵈ, trained
 * online: for each presented row x (in a seeded random order, {@code epochs} passes),
 * <pre>
 *   c = argmin_u ‖x − w_u‖,   w_u ← w_u + η(s) · exp(−‖r_u − r_c‖² / (2 σ(s)²)) · (x − w_u)
 *   η(s) = η₀ (η_end/η₀)^(s/S),   σ(s) = σ₀ (σ_end/σ₀)^(s/S)
 * </pre>
 * with {@code r_u} the unit's grid position, s the step and S the total steps (exponential decay of rate and radius).
 * Weights start at rows of the data drawn at random. The U-matrix is each unit's mean distance to its 4-neighbours'
 * weights: high values mark borders between clusters.
 */
public final class SelfOrganizingMap {
    private final int rows;
    private final int cols;
    private final int dim;
    private final double[] w;

    private SelfOrganizingMap(int rows, int cols, int dim, double[] w) {
        this.rows = rows;
        this.cols = cols;
        this.dim = dim;
        this.w = w;
    }

    /** Training settings: passes, start and end learning rate and neighbourhood radius (in grid units), seed. */
    public record Options(int epochs, double rate0, double rateEnd, double radius0, double radiusEnd, long seed) {
        /** 20 passes, η 0.5 → 0.01, σ from half the larger grid side to 0.5. */
        public static Options defaults(int rows, int cols, long seed) {
            return new Options(20, 0.5, 0.01, Math.max(rows, cols) / 2.0, 0.5, seed);
        }
    }

    /** Trains a map on {@code x} ({@code n × d} row-major, not modified). */
    public static SelfOrganizingMap train(double[] x, int n, int d, int rows, int cols, Options o) {
        if (n < 1 || d < 1 || (long) n * d != x.length || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("SelfOrganizingMap.train: data of length " + x.length + " is not " + n
                    + " × " + d + ", or the grid " + rows + " × " + cols + " is empty");
        }
        if (o.epochs() < 1 || !(o.rate0() > 0) || !(o.rateEnd() > 0) || !(o.radius0() > 0) || !(o.radiusEnd() > 0)) {
            throw new IllegalArgumentException("SelfOrganizingMap.train: need epochs >= 1 and positive rates and radii, "
                    + "got " + o);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("SelfOrganizingMap.train: non-finite value at row " + i / d
                        + ", feature " + i % d);
            }
        }
        Rng rng = new Rng(o.seed());
        int units = rows * cols;
        double[] w = new double[units * d];
        for (int u = 0; u < units; u++) {
            System.arraycopy(x, rng.nextInt(n) * d, w, u * d, d);
        }
        SelfOrganizingMap som = new SelfOrganizingMap(rows, cols, d, w);
        long total = (long) o.epochs() * n;
        long step = 0;
        int[] order = new int[n];
        for (int e = 0; e < o.epochs(); e++) {
            shuffle(order, rng);
            for (int k = 0; k < n; k++, step++) {
                double frac = (double) step / total;
                double rate = o.rate0() * Math.pow(o.rateEnd() / o.rate0(), frac);
                double radius = o.radius0() * Math.pow(o.radiusEnd() / o.radius0(), frac);
                som.update(x, order[k] * d, rate, radius);
            }
        }
        return som;
    }

    private void update(double[] x, int off, double rate, double radius) {
        int c = bestMatchingUnit(x, off);
        int cr = c / cols;
        int cc = c % cols;
        double inv = 1 / (2 * radius * radius);
        for (int u = 0; u < rows * cols; u++) {
            int dr = u / cols - cr;
            int dc = u % cols - cc;
            double h = rate * Math.exp(-(dr * dr + dc * dc) * inv);
            if (h < 1e-12) {
                continue;
            }
            for (int j = 0; j < dim; j++) {
                w[u * dim + j] += h * (x[off + j] - w[u * dim + j]);
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The weight vector of unit {@code (r, c)} (a copy). */
    public double[] weight(int r, int c) {
        double[] out = new double[dim];
        System.arraycopy(w, (r * cols + c) * dim, out, 0, dim);
        return out;
    }

    /** Index {@code r·cols + c} of the unit nearest to row {@code off/d} of {@code x}. */
    int bestMatchingUnit(double[] x, int off) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int u = 0; u < rows * cols; u++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double diff = x[off + j] - w[u * dim + j];
                s += diff * diff;
            }
            if (s < bestD) {
                bestD = s;
                best = u;
            }
        }
        return best;
    }

    /** The best-matching unit {@code r·cols + c} of every row of {@code x} ({@code n × d}), in parallel. */
    public int[] map(double[] x, int n) {
        if ((long) n * dim != x.length) {
            throw new IllegalArgumentException("SelfOrganizingMap.map: data of length " + x.length + " is not " + n
                    + " × " + dim);
        }
        int[] out = new int[n];
        EnginePool.parallelFor(n, 256, (s, e) -> {
            for (int i = s; i < e; i++) {
                out[i] = bestMatchingUnit(x, i * dim);
            }
        });
        return out;
    }

    /** Mean distance from each row to its best-matching unit's weights. */
    public double quantizationError(double[] x, int n) {
        int[] bmu = map(x, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double diff = x[i * dim + j] - w[bmu[i] * dim + j];
                s += diff * diff;
            }
            sum += Math.sqrt(s);
        }
        return sum / n;
    }

    /** Fraction of rows whose best and second-best units are not grid neighbours (8-neighbourhood). */
    public double topographicError(double[] x, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            int second = -1;
            double d1 = Double.POSITIVE_INFINITY;
            double d2 = Double.POSITIVE_INFINITY;
            for (int u = 0; u < rows * cols; u++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    double diff = x[i * dim + j] - w[u * dim + j];
                    s += diff * diff;
                }
                if (s < d1) {
                    d2 = d1;
                    second = best;
                    d1 = s;
                    best = u;
                } else if (s < d2) {
                    d2 = s;
                    second = u;
                }
            }
            if (second >= 0 && (Math.abs(best / cols - second / cols) > 1 || Math.abs(best % cols - second % cols) > 1)) {
                bad++;
            }
        }
        return (double) bad / n;
    }

    /** The U-matrix {@code [rows][cols]}: mean Euclidean distance of each unit's weights to its 4-neighbours'. */
    public double[][] uMatrix() {
        double[][] u = new double[rows][cols];
        int[][] steps = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                int count = 0;
                for (int[] s : steps) {
                    int rr = r + s[0];
                    int cc = c + s[1];
                    if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) {
                        sum += distance(r * cols + c, rr * cols + cc);
                        count++;
                    }
                }
                u[r][c] = count == 0 ? 0 : sum / count;
            }
        }
        return u;
    }

    private double distance(int a, int b) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            double diff = w[a * dim + j] - w[b * dim + j];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    private static void shuffle(int[] order, Rng rng) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
