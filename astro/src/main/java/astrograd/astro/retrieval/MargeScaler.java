package astrograd.astro.retrieval;

import astrograd.inference.io.Checkpoint;
import java.io.IOException;

import java.util.Arrays;

/**
 * MARGE's preprocessing (Himes et al. 2022), per column j of a data matrix: an optional {@code y = log₁₀ x}, the
 * z-score {@code z = (y − m_j)/s_j} with the training set's mean and (population) standard deviation from one
 * Welford pass, then the min–max map {@code u = −1 + 2 (z − a_j)/(b_j − a_j)} with {@code a_j, b_j} the minimum and
 * maximum of the <em>z-scored training data</em>, so the training data fill [−1, 1]. The inverse undoes the three in
 * reverse order: {@code z = a_j + (u + 1)(b_j − a_j)/2}, {@code y = m_j + s_j z}, {@code x = 10^y}. Values outside
 * the training range map outside [−1, 1] (MARGE does the same, silently). A constant column keeps
 * {@code s_j = 1} and {@code b_j − a_j = 1}, so it maps to −1 and back without dividing by zero.
 */
public final class MargeScaler {
    private final boolean[] log;
    private final double[] mean;
    private final double[] std;
    private final double[] min;
    private final double[] max;

    private MargeScaler(boolean[] log, double[] mean, double[] std, double[] min, double[] max) {
        this.log = log;
        this.mean = mean;
        this.std = std;
        this.min = min;
        this.max = max;
    }

    /**
     * Fits the scaler to the rows of {@code data} ({@code [n][d]}).
     *
     * @param log per column, whether to take log₁₀ first (then every value must be > 0); null for none
     */
    public static MargeScaler fit(double[][] data, boolean[] log) {
        if (data.length < 1 || data[0].length < 1) {
            throw new IllegalArgumentException("scaler: no data to fit");
        }
        int d = data[0].length;
        boolean[] lg = log == null ? new boolean[d] : log.clone();
        if (lg.length != d) {
            throw new IllegalArgumentException("scaler: " + lg.length + " log flags for " + d + " columns");
        }
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int i = 0; i < data.length; i++) {
            if (data[i].length != d) {
                throw new IllegalArgumentException("scaler: row " + i + " has " + data[i].length + " values, row 0 " + d);
            }
            for (int j = 0; j < d; j++) {
                double y = logged(data[i][j], lg[j], i, j);
                double delta = y - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (y - mean[j]);
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(m2[j] / data.length);
            std[j] = std[j] > 0 ? std[j] : 1;
        }
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                double z = (logged(row[j], lg[j], 0, j) - mean[j]) / std[j];
                min[j] = Math.min(min[j], z);
                max[j] = Math.max(max[j], z);
            }
        }
        for (int j = 0; j < d; j++) {
            if (!(max[j] > min[j])) {
                max[j] = min[j] + 1;
            }
        }
        return new MargeScaler(lg, mean, std, min, max);
    }

    /** Writes the fitted scaler (log flags, means, deviations, ranges) into {@code w}. */
    void write(Checkpoint.Writer w) {
        long[] flags = new long[log.length];
        for (int j = 0; j < log.length; j++) {
            flags[j] = log[j] ? 1 : 0;
        }
        w.putLong(log.length).putLongs(flags).putDoubles(mean).putDoubles(std).putDoubles(min).putDoubles(max);
    }

    /** Reads what {@link #write} wrote. */
    static MargeScaler read(Checkpoint.Reader r) throws IOException {
        int d = (int) r.getLong(1, 1 << 20, "scaler columns");
        long[] flags = r.getLongs(d, "scaler log flags");
        boolean[] log = new boolean[d];
        for (int j = 0; j < d; j++) {
            log[j] = flags[j] == 1;
        }
        return new MargeScaler(log, r.getDoubles(d, "scaler means"), r.getDoubles(d, "scaler deviations"),
                r.getDoubles(d, "scaler minima"), r.getDoubles(d, "scaler maxima"));
    }

    /** Number of columns. */
    public int columns() {
        return mean.length;
    }

    /** {@code x → u} for one row (see the class formula); {@code out} may be {@code x} itself. */
    public double[] transform(double[] x, double[] out) {
        checkRow(x, out);
        for (int j = 0; j < mean.length; j++) {
            double z = (logged(x[j], log[j], 0, j) - mean[j]) / std[j];
            out[j] = -1 + 2 * (z - min[j]) / (max[j] - min[j]);
        }
        return out;
    }

    /** {@code u → x} for one row, the exact inverse of {@link #transform}; {@code out} may be {@code u} itself. */
    public double[] inverse(double[] u, double[] out) {
        checkRow(u, out);
        for (int j = 0; j < mean.length; j++) {
            double z = min[j] + 0.5 * (u[j] + 1) * (max[j] - min[j]);
            double y = mean[j] + std[j] * z;
            out[j] = log[j] ? Math.pow(10, y) : y;
        }
        return out;
    }

    /** {@link #transform} of every row, as new rows. */
    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i], new double[columns()]);
        }
        return out;
    }

    /** {@link #inverse} of every row, as new rows. */
    public double[][] inverse(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = inverse(rows[i], new double[columns()]);
        }
        return out;
    }

    /** The training means {@code m_j} (after the log). */
    public double[] mean() {
        return mean.clone();
    }

    /** The training standard deviations {@code s_j} (after the log). */
    public double[] std() {
        return std.clone();
    }

    private void checkRow(double[] x, double[] out) {
        if (x.length != mean.length || out.length != mean.length) {
            throw new IllegalArgumentException("scaler: rows must have " + mean.length + " values, got " + x.length
                    + " in and " + out.length + " out");
        }
    }

    private static double logged(double x, boolean log, int row, int col) {
        if (!log) {
            return x;
        }
        if (!(x > 0)) {
            throw new IllegalArgumentException("scaler: log10 of " + x + " (row " + row + ", column " + col + ")");
        }
        return Math.log10(x);
    }
}
