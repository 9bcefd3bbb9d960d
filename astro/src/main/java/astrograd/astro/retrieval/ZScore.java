package astrograd.astro.retrieval;

import java.util.Arrays;

/**
 * Per-column standardization {@code z = (x − m_j)/s_j} with the mean and population standard deviation of the rows
 * it is fitted on (plan-net's normalization, fitted here on the training rows only; a constant column keeps
 * {@code s_j = 1}).
 *
 * @param mean {@code m_j}
 * @param std  {@code s_j > 0}
 */
public record ZScore(double[] mean, double[] std) {
    public ZScore {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("z-score: " + mean.length + " means and " + std.length + " stds");
        }
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0) || !Double.isFinite(mean[j]) || !Double.isFinite(std[j])) {
                throw new IllegalArgumentException("z-score: column " + j + " has mean " + mean[j] + ", std " + std[j]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Fits to the rows of {@code data} {@code [n][d]}. */
    public static ZScore fit(double[][] data) {
        int d = data[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / data.length;
            }
        }
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / data.length;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1;
        }
        return new ZScore(mean, std);
    }

    public int dim() {
        return mean.length;
    }

    /** Standardized rows, flattened row-major {@code [n·d]}. */
    public double[] apply(double[][] rows) {
        int d = dim();
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("z-score: row " + i + " has " + rows[i].length + " values, need " + d);
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (rows[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ZScore" + Arrays.toString(mean) + " / " + Arrays.toString(std);
    }
}
