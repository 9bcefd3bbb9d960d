package astrograd.inference.stats;

import astrograd.tensor.Rng;

/**
 * A population held as rows {@code double[n][d]} (chains or walkers): row-major flattening and back, and a uniformly
 * random order of the rows.
 */
public final class Rows {
    private Rows() {
    }

    /** The rows one after another, {@code out[k·d + j] = rows[k][j]} (rows not modified). */
    public static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(rows[k], 0, out, k * d, d);
        }
        return out;
    }

    /** The inverse of {@link #flatten}: {@code n} new rows of {@code d} from {@code flat} (not modified). */
    public static double[][] unflatten(double[] flat, int n, int d) {
        double[][] out = new double[n][d];
        for (int k = 0; k < n; k++) {
            System.arraycopy(flat, k * d, out[k], 0, d);
        }
        return out;
    }

    /** A permutation of 0 … n−1 by Fisher–Yates, drawing {@code n − 1} integers from {@code rng} (modified). */
    public static int[] permutation(int n, Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
