package astrograd.astro.variables;

import java.util.List;

/**
 * Standardization of the auxiliary inputs: {@code z = (a − mean) / std} per input, with mean and std
 * (population, floored at 1e-6) fitted on the training stars and saved with the model.
 */
public record AuxScaler(double[] mean, double[] std) {
    /** Fits mean and std of each column of {@code rows}. */
    public static AuxScaler fit(List<double[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("AuxScaler: no stars to fit");
        }
        int k = rows.get(0).length;
        double[] mean = new double[k];
        double[] std = new double[k];
        for (double[] r : rows) {
            for (int j = 0; j < k; j++) {
                mean[j] += r[j] / rows.size();
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < k; j++) {
                std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / rows.size();
            }
        }
        for (int j = 0; j < k; j++) {
            std[j] = Math.max(Math.sqrt(std[j]), 1e-6);
        }
        return new AuxScaler(mean, std);
    }

    /** The standardized copy of {@code raw}. */
    public double[] apply(double[] raw) {
        if (raw.length != mean.length) {
            throw new IllegalArgumentException("AuxScaler: " + raw.length + " inputs, fitted on " + mean.length);
        }
        double[] z = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            z[j] = (raw[j] - mean[j]) / std[j];
        }
        return z;
    }
}
