package astrograd.astro.retrieval;

/**
 * Accuracy of an emulator on held-out simulations, per output bin b over n rows: {@code RMSE_b = √(mean (ŷ − y)²)}
 * (in the output's units) and {@code R²_b = 1 − Σ (ŷ − y)² / Σ (y − ȳ_b)²}; {@code scaledRmse} is the RMSE in the
 * emulator's scaled space (the training loss's units).
 *
 * @param rmse       per bin
 * @param r2         per bin
 * @param scaledRmse per bin
 */
public record EmulatorMetrics(double[] rmse, double[] r2, double[] scaledRmse) {
    /** The metrics of {@code emulator} on {@code test}. */
    public static EmulatorMetrics of(SpectrumEmulator emulator, Simulations test) {
        double[][] pred = emulator.predict(test.theta());
        double[][] truth = test.output();
        int bins = truth[0].length;
        MargeScaler s = emulator.outputScaler();
        double[][] sp = s.transform(pred);
        double[][] st = s.transform(truth);
        double[] rmse = new double[bins];
        double[] r2 = new double[bins];
        double[] scaled = new double[bins];
        for (int b = 0; b < bins; b++) {
            double mean = 0;
            for (double[] row : truth) {
                mean += row[b] / truth.length;
            }
            double sse = 0;
            double sst = 0;
            double sss = 0;
            for (int i = 0; i < truth.length; i++) {
                double e = pred[i][b] - truth[i][b];
                sse += e * e;
                sst += (truth[i][b] - mean) * (truth[i][b] - mean);
                double es = sp[i][b] - st[i][b];
                sss += es * es;
            }
            rmse[b] = Math.sqrt(sse / truth.length);
            r2[b] = 1 - sse / sst;
            scaled[b] = Math.sqrt(sss / truth.length);
        }
        return new EmulatorMetrics(rmse, r2, scaled);
    }

    /** Mean of {@link #r2} over bins. */
    public double meanR2() {
        return mean(r2);
    }

    /** Smallest {@link #r2}. */
    public double minR2() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : r2) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Mean of {@link #rmse} over bins. */
    public double meanRmse() {
        return mean(rmse);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x / v.length;
        }
        return s;
    }
}
