package astrograd.astro.plot;

import java.util.Arrays;

/**
 * Highest-density contours of 2-D draws, as corner plots draw them: a histogram of {@code bins × bins} cells over a
 * box, smoothed by a Gaussian of one cell's width, and the levels that enclose the given fractions of the smoothed
 * mass (cells taken from the densest down), traced by marching squares between cell centres.
 */
final class Contours {
    private Contours() {
    }

    /**
     * The contour lines at each mass fraction, one polyline set per level as {@code {xs, ys}} with NaN in {@code ys}
     * between segments (XChart breaks a line there).
     *
     * @param box {@code {xlo, xhi, ylo, yhi}}; points outside it are left out
     */
    static double[][][] lines(double[] x, double[] y, double[] box, int bins, double[] masses) {
        return lines(x, y, box, new boolean[4], bins, masses);
    }

    /**
     * As {@link #lines(double[], double[], double[], int, double[])}, with the box's sides that are edges of the
     * support ({@code walls}: x low, x high, y low, y high): the smoothing reflects there instead of spreading mass
     * past them, so a density piled up against a bound (a scale parameter near 0) is not thinned at the wall.
     */
    static double[][][] lines(double[] x, double[] y, double[] box, boolean[] walls, int bins, double[] masses) {
        double[][] grid = smooth(histogram(x, y, box, bins), walls);
        double[][][] out = new double[masses.length][][];
        for (int l = 0; l < masses.length; l++) {
            out[l] = trace(grid, level(grid, masses[l]), box);
        }
        return out;
    }

    static double[][] histogram(double[] x, double[] y, double[] box, int bins) {
        double[][] h = new double[bins][bins];
        double dx = (box[1] - box[0]) / bins;
        double dy = (box[3] - box[2]) / bins;
        for (int n = 0; n < x.length; n++) {
            int i = (int) Math.floor((x[n] - box[0]) / dx);
            int j = (int) Math.floor((y[n] - box[2]) / dy);
            if (i >= 0 && i < bins && j >= 0 && j < bins) {
                h[i][j]++;
            }
        }
        return h;
    }

    /** Separable Gaussian smoothing with σ = 1 cell, truncated at 3σ, zero outside the grid. */
    static double[][] smooth(double[][] h) {
        return smooth(h, new boolean[4]);
    }

    /**
     * Separable Gaussian smoothing with σ = 1 cell, truncated at 3σ: beyond a side flagged in {@code walls} (x low,
     * x high, y low, y high) the grid is mirrored, beyond the others it is zero.
     */
    static double[][] smooth(double[][] h, boolean[] walls) {
        double[] k = new double[7];
        for (int t = -3; t <= 3; t++) {
            k[t + 3] = Math.exp(-0.5 * t * t);
        }
        int n = h.length;
        double[][] a = new double[n][n];
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = -3; t <= 3; t++) {
                    int src = mirror(i + t, n, walls[0], walls[1]);
                    if (src >= 0) {
                        a[i][j] += k[t + 3] * h[src][j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = -3; t <= 3; t++) {
                    int src = mirror(j + t, n, walls[2], walls[3]);
                    if (src >= 0) {
                        b[i][j] += k[t + 3] * a[i][src];
                    }
                }
            }
        }
        return b;
    }

    /** Cell {@code i} of {@code n}, mirrored back inside at a wall, or −1 outside an open side. */
    private static int mirror(int i, int n, boolean lowWall, boolean highWall) {
        if (i < 0) {
            return lowWall ? -i - 1 : -1;
        }
        if (i >= n) {
            return highWall ? 2 * n - 1 - i : -1;
        }
        return i;
    }

    /** The cell value above which the densest cells hold the fraction {@code mass} of the total. */
    static double level(double[][] grid, double mass) {
        double[] v = Arrays.stream(grid).flatMapToDouble(Arrays::stream).sorted().toArray();
        double total = Arrays.stream(v).sum();
        double cum = 0;
        for (int i = v.length - 1; i >= 0; i--) {
            cum += v[i];
            if (cum >= mass * total) {
                return v[i];
            }
        }
        return v[0];
    }

    /** Marching squares on cell centres: the segments where the grid crosses {@code level}. */
    static double[][] trace(double[][] g, double level, double[] box) {
        int n = g.length;
        double dx = (box[1] - box[0]) / n;
        double dy = (box[3] - box[2]) / n;
        DoubleList xs = new DoubleList();
        DoubleList ys = new DoubleList();
        double[] px = new double[4];
        double[] py = new double[4];
        for (int i = 0; i + 1 < n; i++) {
            for (int j = 0; j + 1 < n; j++) {
                // corners in order around the cell: (i,j), (i+1,j), (i+1,j+1), (i,j+1)
                int[][] c = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                int found = 0;
                for (int e = 0; e < 4; e++) {
                    int[] p = c[e];
                    int[] q = c[(e + 1) % 4];
                    double a = g[p[0]][p[1]] - level;
                    double b = g[q[0]][q[1]] - level;
                    if ((a >= 0) != (b >= 0)) {
                        double t = a / (a - b);
                        px[found] = box[0] + (p[0] + 0.5 + t * (q[0] - p[0])) * dx;
                        py[found] = box[2] + (p[1] + 0.5 + t * (q[1] - p[1])) * dy;
                        found++;
                    }
                }
                for (int s = 0; s + 1 < found; s += 2) {
                    xs.add(px[s]);
                    ys.add(py[s]);
                    xs.add(px[s + 1]);
                    ys.add(py[s + 1]);
                    xs.add(px[s + 1]);
                    ys.add(Double.NaN);
                }
            }
        }
        return new double[][] {xs.toArray(), ys.toArray()};
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] v = new double[64];
        private int n;

        void add(double x) {
            if (n == v.length) {
                v = Arrays.copyOf(v, 2 * n);
            }
            v[n++] = x;
        }

        double[] toArray() {
            return Arrays.copyOf(v, n);
        }
    }
}
