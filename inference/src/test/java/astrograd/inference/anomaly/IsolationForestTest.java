package astrograd.inference.anomaly;

import astrograd.inference.stats.Ranks;
import astrograd.layers.metrics.Metrics;
import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolationForestTest {

    @Test
    void averagePathLengthMatchesTheSpecSheetConstants() {
        assertEquals(10.2448, IsolationForest.averagePathLength(256), 5e-5);
        assertEquals(1.0, IsolationForest.averagePathLength(2), 0);
        assertEquals(0.0, IsolationForest.averagePathLength(1), 0);
        assertEquals(0.0, IsolationForest.averagePathLength(0), 0);
    }

    /** Spec §6(d)3: 1000 points of N(0, I₂) plus 10 uniform on [−6, 6]² with radius > 4; AUROC ≥ 0.95 over 5 seeds. */
    @Test
    void plantedOutliersRankHighAveragedOverFiveSeeds() {
        double sum = 0;
        for (int seed = 0; seed < 5; seed++) {
            Rng rng = new Rng(100 + seed);
            double[][] rows = new double[1010][];
            int[] label = new int[1010];
            for (int i = 0; i < 1000; i++) {
                rows[i] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
            }
            for (int i = 1000; i < 1010; i++) {
                double[] p;
                do {
                    p = new double[] {12 * rng.nextDouble() - 6, 12 * rng.nextDouble() - 6};
                } while (Math.hypot(p[0], p[1]) <= 4);
                rows[i] = p;
                label[i] = 1;
            }
            double auc = Metrics.rocAuc(label, IsolationForest.fit(rows, seed).score(rows));
            sum += auc;
        }
        System.out.printf("isolation forest: planted-outlier AUROC over 5 seeds %.4f%n", sum / 5);
        assertTrue(sum / 5 >= 0.95, "mean AUROC " + sum / 5);
    }

    @Test
    void sameSeedGivesTheSameForestAndScoresLieInTheUnitInterval() {
        double[][] rows = gaussianRows(500, 3, 7);
        double[] a = IsolationForest.fit(rows, 11).score(rows);
        double[] b = IsolationForest.fit(rows, 11).score(rows);
        double[] c = IsolationForest.fit(rows, 12).score(rows);
        assertArrayEquals(a, b, 0);
        assertTrue(!java.util.Arrays.equals(a, c), "another seed grows other trees");
        for (double s : a) {
            assertTrue(s > 0 && s <= 1, "score " + s);
        }
    }

    @Test
    void scoresRankLikeScikitLearnOnTheCommittedReference() throws Exception {
        List<double[]> table = readReference();
        int n = table.size();
        double[] x = new double[n * 4];
        double[] sklearn = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(table.get(i), 0, x, 4 * i, 4);
            sklearn[i] = -table.get(i)[4];
        }
        double[] ours = IsolationForest.fit(x, n, 4, 300, 256, 3).score(x, n);
        double rho = spearman(ours, sklearn);
        System.out.printf("isolation forest vs scikit-learn: Spearman %.4f%n", rho);
        assertTrue(rho >= 0.95, "Spearman vs scikit-learn " + rho);
        double meanDiff = 0;
        for (int i = 0; i < n; i++) {
            meanDiff += Math.abs(ours[i] - sklearn[i]) / n;
        }
        assertTrue(meanDiff < 0.01, "mean |s − s_sklearn| " + meanDiff);
    }

    @Test
    void uncertaintyShrinksWithMoreTrees() {
        double[][] rows = gaussianRows(400, 2, 3);
        double[] x = IsolationForest.flatten(rows);
        double few = mean(IsolationForest.fit(x, 400, 2, 25, 256, 1).scoreWithSpread(x, 400)[1]);
        double many = mean(IsolationForest.fit(x, 400, 2, 400, 256, 1).scoreWithSpread(x, 400)[1]);
        assertEquals(4.0, few / many, 0.6);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        double[][] ragged = {{1, 2}, {3}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IsolationForest.fit(ragged, 0))
                .getMessage().contains("row 1 has 1 features"));
        double[][] nan = {{1, 2}, {Double.NaN, 0}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IsolationForest.fit(nan, 0))
                .getMessage().contains("row 1, feature 0"));
        IsolationForest f = IsolationForest.fit(gaussianRows(50, 2, 1), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> f.score(new double[6], 2))
                .getMessage().contains("2 rows × 2 features"));
    }

    @Test
    void samplingWithoutReplacementGivesDistinctIndices() {
        for (int n : new int[] {300, 100_000}) {
            int[] s = IsolationForest.sampleWithoutReplacement(n, 256, new Rng(n));
            assertEquals(256, java.util.Arrays.stream(s).distinct().count());
            assertTrue(java.util.Arrays.stream(s).allMatch(i -> i >= 0 && i < n));
        }
    }

    static double[][] gaussianRows(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        double[][] rows = new double[n][d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                r[j] = rng.nextGaussian();
            }
        }
        return rows;
    }

    static double spearman(double[] a, double[] b) {
        return Ranks.spearman(a, b);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static List<double[]> readReference() throws Exception {
        var in = Objects.requireNonNull(IsolationForestTest.class.getResourceAsStream(
                "/astrograd/inference/anomaly/isolation_forest_sklearn.csv"), "reference CSV missing");
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("x0")) {
                    continue;
                }
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int j = 0; j < f.length; j++) {
                    v[j] = Double.parseDouble(f[j]);
                }
                rows.add(v);
            }
        }
        return rows;
    }
}
