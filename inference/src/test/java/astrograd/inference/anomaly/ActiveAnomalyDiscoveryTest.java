package astrograd.inference.anomaly;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActiveAnomalyDiscoveryTest {

    /** Rows and truth: a nominal core, a sparse nominal ring (unusual but not interesting), a small anomalous cluster. */
    private record Data(double[] x, int n, boolean[] anomaly) {
    }

    private static Data ringAndCluster(long seed) {
        Rng rng = new Rng(seed);
        int core = 2000;
        int ring = 120;
        int cluster = 40;
        int n = core + ring + cluster;
        double[] x = new double[2 * n];
        boolean[] anomaly = new boolean[n];
        for (int i = 0; i < n; i++) {
            double a;
            double b;
            if (i < core) {
                a = rng.nextGaussian();
                b = rng.nextGaussian();
            } else if (i < core + ring) {
                double r = 5 + 3 * rng.nextDouble();
                double phi = Math.PI * (0.5 + rng.nextDouble());
                a = r * Math.cos(phi);
                b = r * Math.sin(phi);
            } else {
                a = 3.5 + 0.4 * rng.nextGaussian();
                b = 0.4 * rng.nextGaussian();
                anomaly[i] = true;
            }
            x[2 * i] = a;
            x[2 * i + 1] = b;
        }
        return new Data(x, n, anomaly);
    }

    /** Spec §6(d)5: after 50 queries AAD has found at least as many anomalies as the static forest, more on average. */
    @Test
    void findsMoreAnomaliesThanTheStaticForestWhenAnUnusualNominalClusterDominates() {
        int budget = 50;
        double aadTotal = 0;
        double staticTotal = 0;
        for (int seed = 0; seed < 10; seed++) {
            Data d = ringAndCluster(1000 + seed);
            IsolationForest forest = IsolationForest.fit(d.x(), d.n(), 2, 100, 256, seed);
            ActiveAnomalyDiscovery.Oracle oracle = row -> d.anomaly()[row];
            int baseline = ActiveAnomalyDiscovery.staticBaseline(forest.score(d.x(), d.n()), oracle, budget)
                    .anomaliesFound(budget);
            int found = new ActiveAnomalyDiscovery(forest, d.x(), d.n()).run(oracle, budget).anomaliesFound(budget);
            assertTrue(found >= baseline, "seed " + seed + ": AAD " + found + " vs static " + baseline);
            aadTotal += found;
            staticTotal += baseline;
        }
        System.out.printf("AAD: mean anomalies in 50 queries %.1f vs static forest %.1f%n", aadTotal / 10,
                staticTotal / 10);
        assertTrue(aadTotal > staticTotal, "AAD " + aadTotal / 10 + " vs static " + staticTotal / 10);
    }

    @Test
    void withoutLabelsItRanksLikeTheForest() {
        Data d = ringAndCluster(5);
        IsolationForest forest = IsolationForest.fit(d.x(), d.n(), 2, 50, 256, 1);
        double[] s = new ActiveAnomalyDiscovery(forest, d.x(), d.n()).scores();
        double rho = IsolationForestTest.spearman(s, forest.score(d.x(), d.n()));
        assertTrue(rho > 0.95, "Spearman of leaf-value sum vs forest score " + rho);
    }

    @Test
    void labellingANominalLowersItsScoreAndLabelsAreChecked() {
        Data d = ringAndCluster(6);
        IsolationForest forest = IsolationForest.fit(d.x(), d.n(), 2, 50, 256, 2);
        ActiveAnomalyDiscovery aad = new ActiveAnomalyDiscovery(forest, d.x(), d.n());
        int top = aad.nextQuery();
        double[] before = aad.scores();
        double rankBefore = rankOf(before, top);
        aad.label(top, false);
        double rankAfter = rankOf(aad.scores(), top);
        assertTrue(rankAfter > rankBefore, "rank of the labelled nominal " + rankBefore + " -> " + rankAfter);
        assertTrue(top != aad.nextQuery());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> aad.label(top, true)).getMessage()
                .contains("already labelled"));
        assertThrows(IllegalArgumentException.class, () -> aad.label(d.n(), true));
        assertThrows(IllegalArgumentException.class, () -> new ActiveAnomalyDiscovery(forest, d.x(), d.n(), 1.5, 1, 1));
        assertEquals(0, ActiveAnomalyDiscovery.staticBaseline(new double[] {1, 2}, r -> false, 5).anomaliesFound(5));
    }

    /** 0 for the highest score. */
    private static double rankOf(double[] s, int row) {
        int above = 0;
        for (double v : s) {
            above += v > s[row] ? 1 : 0;
        }
        return above;
    }
}
