package astrograd.astro.retrieval;

/**
 * The Bhattacharyya coefficient of two samples over common histogram bins, as HOMER compares 1-D marginals
 * ({@code compost}): both samples are binned into the same {@code K} equal bins spanning the union of their ranges,
 * {@code p_b} and {@code q_b} are the fractions of each sample in bin b, and {@code BC = Σ_b √(p_b q_b)} ∈ [0, 1]
 * (1 for identical histograms, 0 for disjoint ones).
 */
public final class Bhattacharyya {
    private Bhattacharyya() {
    }

    /** {@code BC} of samples {@code p} and {@code q} over {@code bins} common bins. */
    public static double coefficient(double[] p, double[] q, int bins) {
        if (p.length == 0 || q.length == 0 || bins < 1) {
            throw new IllegalArgumentException("bhattacharyya: need two non-empty samples and >= 1 bin, got "
                    + p.length + ", " + q.length + " and " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : new double[][] {p, q}) {
            for (double x : s) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("bhattacharyya: non-finite value " + x);
                }
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (hi == lo) {
            return 1;
        }
        double[] hp = histogram(p, lo, hi, bins);
        double[] hq = histogram(q, lo, hi, bins);
        double bc = 0;
        for (int b = 0; b < bins; b++) {
            bc += Math.sqrt(hp[b] * hq[b]);
        }
        return Math.min(1, bc);
    }

    /**
     * Per parameter, the BC ({@link SurrogateRetrieval#BC_BINS} bins) between chains {@code [0, C/2)} and
     * {@code [C/2, C)} of {@code draws} (C ≥ 2): how far two independent halves of one run agree.
     */
    public static double[] splitChains(astrograd.inference.Draws draws) {
        int c = draws.chains();
        if (c < 2) {
            throw new IllegalArgumentException("bhattacharyya: need >= 2 chains to split, got " + c);
        }
        double[] bc = new double[draws.dim()];
        for (int d = 0; d < bc.length; d++) {
            double[][] x = draws.parameter(d);
            bc[d] = coefficient(concat(x, 0, c / 2), concat(x, c / 2, c), SurrogateRetrieval.BC_BINS);
        }
        return bc;
    }

    private static double[] concat(double[][] rows, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += rows[i].length;
        }
        double[] out = new double[n];
        int k = 0;
        for (int i = from; i < to; i++) {
            System.arraycopy(rows[i], 0, out, k, rows[i].length);
            k += rows[i].length;
        }
        return out;
    }

    /** Fractions of {@code x} in {@code bins} equal bins over {@code [lo, hi]} (the top edge in the last bin). */
    static double[] histogram(double[] x, double lo, double hi, int bins) {
        double[] h = new double[bins];
        double width = (hi - lo) / bins;
        for (double v : x) {
            int b = Math.min(bins - 1, (int) ((v - lo) / width));
            h[b] += 1.0 / x.length;
        }
        return h;
    }
}
