package astrograd.astro.retrieval;

import java.util.Arrays;

/**
 * Spectral bins given by their edges in µm, ascending: bin b covers {@code [edge_b, edge_{b+1})}. Built from bin centres
 * (as the WFC3 spectrum lists them) by {@link #fromCentres}: inner edges halfway between neighbouring centres, outer
 * edges half a neighbouring spacing beyond the first and last centres.
 */
public final class WavelengthBins {
    private final double[] edges;

    private WavelengthBins(double[] edges) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("bins: need at least 2 edges, got " + edges.length);
        }
        for (int i = 0; i < edges.length; i++) {
            if (!(edges[i] > 0) || !Double.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) {
                throw new IllegalArgumentException("bins: edges must be positive, finite and ascending, got "
                        + Arrays.toString(edges));
            }
        }
        this.edges = edges.clone();
    }

    /** Bins with the given edges (µm, ascending). */
    public static WavelengthBins ofEdges(double... edges) {
        return new WavelengthBins(edges);
    }

    /** {@code n} equal bins from {@code lo} to {@code hi} µm. */
    public static WavelengthBins uniform(double lo, double hi, int n) {
        if (n < 1 || !(hi > lo)) {
            throw new IllegalArgumentException("bins: need n >= 1 and hi > lo, got n = " + n + ", [" + lo + ", " + hi + "]");
        }
        double[] e = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            e[i] = lo + (hi - lo) * i / n;
        }
        return new WavelengthBins(e);
    }

    /**
     * Bins around ascending centres {@code c}: {@code edge_i = (c_{i−1} + c_i)/2} inside,
     * {@code edge_0 = c_0 − (c_1 − c_0)/2} and {@code edge_n = c_{n−1} + (c_{n−1} − c_{n−2})/2}.
     */
    public static WavelengthBins fromCentres(double... c) {
        if (c.length < 2) {
            throw new IllegalArgumentException("bins: need at least 2 centres, got " + c.length);
        }
        int n = c.length;
        double[] e = new double[n + 1];
        for (int i = 1; i < n; i++) {
            e[i] = 0.5 * (c[i - 1] + c[i]);
        }
        e[0] = c[0] - 0.5 * (c[1] - c[0]);
        e[n] = c[n - 1] + 0.5 * (c[n - 1] - c[n - 2]);
        return new WavelengthBins(e);
    }

    /** Number of bins. */
    public int count() {
        return edges.length - 1;
    }

    /** The edges in µm (a copy). */
    public double[] edges() {
        return edges.clone();
    }

    /** The centres {@code (edge_b + edge_{b+1})/2} in µm. */
    public double[] centres() {
        double[] c = new double[count()];
        for (int b = 0; b < c.length; b++) {
            c[b] = 0.5 * (edges[b] + edges[b + 1]);
        }
        return c;
    }

    /** Shortest wavelength covered (µm). */
    public double lower() {
        return edges[0];
    }

    /** Longest wavelength covered (µm). */
    public double upper() {
        return edges[edges.length - 1];
    }

    /** The bin holding wavelength {@code um}, or −1 outside all bins. */
    public int binOf(double um) {
        if (!(um >= edges[0] && um < edges[edges.length - 1])) {
            return -1;
        }
        int i = Arrays.binarySearch(edges, um);
        return i >= 0 ? i : -i - 2;
    }
}
