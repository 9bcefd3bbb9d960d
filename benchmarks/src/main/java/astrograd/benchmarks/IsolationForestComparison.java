package astrograd.benchmarks;

import astrograd.inference.anomaly.IsolationForest;
import astrograd.tensor.Rng;
import astrograd.tensor.cpu.EnginePool;

import java.util.Locale;

/**
 * The astrograd side of {@code benchmarks/compare-isoforest}: an isolation forest of 100 trees × 256 rows fitted on
 * {@code n} rows × {@code d} features of N(0, I), then every row scored. Runs three times with the same seed and
 * reports the fastest fit and score (the first run includes JIT compilation). Prints one JSON object.
 *
 * <pre>java -cp benchmarks.jar astrograd.benchmarks.IsolationForestComparison [rows] [features]</pre>
 */
public final class IsolationForestComparison {
    private IsolationForestComparison() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Rng rng = new Rng(0);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double bestFit = Double.POSITIVE_INFINITY;
        double bestScore = Double.POSITIVE_INFINITY;
        double checksum = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            IsolationForest forest = IsolationForest.fit(x, n, d, 100, 256, 42);
            long t1 = System.nanoTime();
            double[] s = forest.score(x, n);
            long t2 = System.nanoTime();
            bestFit = Math.min(bestFit, (t1 - t0) * 1e-9);
            bestScore = Math.min(bestScore, (t2 - t1) * 1e-9);
            checksum = s[0] + s[n - 1];
        }
        System.out.printf(Locale.ROOT, "{\"tool\": \"astrograd\", \"rows\": %d, \"features\": %d, \"threads\": %d, "
                + "\"fit_s\": %.4f, \"score_s\": %.4f, \"checksum\": %.6f}%n", n, d, EnginePool.threads(), bestFit,
                bestScore, checksum);
    }
}
