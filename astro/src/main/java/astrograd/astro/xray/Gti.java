package astrograd.astro.xray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Good time intervals: sorted, disjoint half-open intervals {@code [start_i, stop_i)} in seconds (mission time).
 * Arrays are copied in and out.
 */
public final class Gti {
    private final double[] start;
    private final double[] stop;

    /**
     * @param start interval starts, increasing
     * @param stop interval stops, {@code start_i < stop_i ≤ start_{i+1}}
     * @throws IllegalArgumentException when the intervals are empty, unsorted, overlapping or not finite
     */
    public Gti(double[] start, double[] stop) {
        if (start.length != stop.length || start.length == 0) {
            throw new IllegalArgumentException("Gti: need as many starts as stops, at least one (got " + start.length
                    + " starts, " + stop.length + " stops)");
        }
        for (int i = 0; i < start.length; i++) {
            if (!(Double.isFinite(start[i]) && Double.isFinite(stop[i]) && start[i] < stop[i])) {
                throw new IllegalArgumentException("Gti: interval " + i + " [" + start[i] + ", " + stop[i]
                        + ") is empty or not finite");
            }
            if (i > 0 && start[i] < stop[i - 1]) {
                throw new IllegalArgumentException("Gti: interval " + i + " starts at " + start[i]
                        + ", before interval " + (i - 1) + " stops (" + stop[i - 1] + ")");
            }
        }
        this.start = start.clone();
        this.stop = stop.clone();
    }

    /** The single interval {@code [start, stop)}. */
    public static Gti of(double start, double stop) {
        return new Gti(new double[] {start}, new double[] {stop});
    }

    /**
     * Intervals as read from a file: sorted by start, with overlapping or touching intervals merged and empty ones
     * ({@code stop ≤ start}) dropped.
     *
     * @throws IllegalArgumentException when no non-empty interval remains or a value is not finite
     */
    public static Gti normalized(double[] start, double[] stop) {
        if (start.length != stop.length) {
            throw new IllegalArgumentException("Gti: " + start.length + " starts but " + stop.length + " stops");
        }
        Integer[] order = new Integer[start.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (!Double.isFinite(start[i]) || !Double.isFinite(stop[i])) {
                throw new IllegalArgumentException("Gti: interval " + i + " [" + start[i] + ", " + stop[i]
                        + ") is not finite");
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(start[a], start[b]));
        List<double[]> merged = new ArrayList<>();
        for (int i : order) {
            if (stop[i] <= start[i]) {
                continue;
            }
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && start[i] <= last[1]) {
                last[1] = Math.max(last[1], stop[i]);
            } else {
                merged.add(new double[] {start[i], stop[i]});
            }
        }
        if (merged.isEmpty()) {
            throw new IllegalArgumentException("Gti: all " + start.length + " intervals are empty");
        }
        return new Gti(merged.stream().mapToDouble(m -> m[0]).toArray(),
                merged.stream().mapToDouble(m -> m[1]).toArray());
    }

    /** Number of intervals. */
    public int size() {
        return start.length;
    }

    public double start(int i) {
        return start[i];
    }

    public double stop(int i) {
        return stop[i];
    }

    public double[] starts() {
        return start.clone();
    }

    public double[] stops() {
        return stop.clone();
    }

    /** {@code Σ_i (stop_i − start_i)}. */
    public double exposure() {
        double s = 0;
        for (int i = 0; i < start.length; i++) {
            s += stop[i] - start[i];
        }
        return s;
    }

    /** Whether {@code start_i ≤ t < stop_i} for some i. */
    public boolean contains(double t) {
        int i = Arrays.binarySearch(start, t);
        int k = i >= 0 ? i : -i - 2;
        return k >= 0 && t < stop[k];
    }

    /**
     * The intersection of two GTI lists (stingray's {@code cross_two_gtis}).
     *
     * @throws IllegalArgumentException when they do not overlap
     */
    public Gti intersect(Gti other) {
        List<double[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < size() && j < other.size()) {
            double lo = Math.max(start[i], other.start[j]);
            double hi = Math.min(stop[i], other.stop[j]);
            if (lo < hi) {
                out.add(new double[] {lo, hi});
            }
            if (stop[i] < other.stop[j]) {
                i++;
            } else {
                j++;
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Gti.intersect: " + this + " and " + other + " do not overlap");
        }
        return new Gti(out.stream().mapToDouble(m -> m[0]).toArray(), out.stream().mapToDouble(m -> m[1]).toArray());
    }

    /**
     * Starts of the consecutive segments of {@code length} seconds that lie wholly inside one interval, from each
     * interval's start ({@code start_i + m·length} for {@code m = 0, 1, …} while {@code start_i + (m+1)·length ≤
     * stop_i}, with a tolerance of 10⁻⁹ of a segment for rounding).
     */
    public double[] segmentStarts(double length) {
        if (!(length > 0) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("Gti.segmentStarts: segment length must be > 0, got " + length);
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < start.length; i++) {
            long m = (long) Math.floor((stop[i] - start[i]) / length + 1e-9);
            for (long k = 0; k < m; k++) {
                out.add(start[i] + k * length);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("GTI[");
        for (int i = 0; i < Math.min(size(), 4); i++) {
            b.append(i > 0 ? ", " : "").append('[').append(start[i]).append(", ").append(stop[i]).append(')');
        }
        return b.append(size() > 4 ? ", … " + size() + " intervals]" : "]").toString();
    }
}
