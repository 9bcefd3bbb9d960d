package astrograd.astro.retrieval;

import astrograd.tensor.Rng;

/** HELA-shaped synthetic simulations for plan-net tests (no shared data needed). */
public final class PlanNetTestData {
    private PlanNetTestData() {
    }

    /** θ uniform in HELA's box; spectrum = B·(standardized θ) + noise, with a fixed random B. */
    public static HelaSimulations synthetic(int n, long seed) {
        Rng rng = new Rng(seed);
        PriorBox box = PriorBox.hela();
        double[][] theta = box.sample(rng, n);
        double[][] b = new double[HelaSimulations.BINS][HelaSimulations.PARAMETERS];
        for (double[] row : b) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] x = new double[n][HelaSimulations.BINS];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < HelaSimulations.BINS; k++) {
                double v = 1.45 + 0.3 * rng.nextGaussian() * 0.01;
                for (int j = 0; j < HelaSimulations.PARAMETERS; j++) {
                    double u = (theta[i][j] - box.lower()[j]) / (box.upper()[j] - box.lower()[j]) - 0.5;
                    v += 0.01 * b[k][j] * u;
                }
                x[i][k] = v;
            }
        }
        return new HelaSimulations(x, theta);
    }
}
