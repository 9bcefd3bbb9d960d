package astrograd.layers.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.layers.optim.OptimFixtures;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Metrics against sklearn's definitions computed in plain Python by optim_fixtures.py. */
class MetricsTest {
    private static final double TOL = 1e-14;
    private final OptimFixtures f = OptimFixtures.load("metrics.txt");

    @Test
    void multiclassMetricsMatchTheReference() {
        int[] t = f.ints("multi.true");
        int[] p = f.ints("multi.pred");
        assertEquals(f.scalar("multi.accuracy"), Metrics.accuracy(t, p), TOL);
        assertEquals(f.scalar("multi.balanced_accuracy"), Metrics.balancedAccuracy(t, p), TOL);
        double[] macro = f.doubles("multi.macro");
        assertEquals(macro[0], Metrics.macroPrecision(t, p), TOL);
        assertEquals(macro[1], Metrics.macroRecall(t, p), TOL);
        assertEquals(macro[2], Metrics.macroF1(t, p), TOL);
        long[][] cm = Metrics.confusionMatrix(t, p, 4);
        long[] flat = new long[16];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(cm[i], 0, flat, 4 * i, 4);
        }
        assertArrayEquals(f.tensor("multi.confusion").toLongArray(), flat);
        assertEquals(f.scalar("multi.accuracy"), Metrics.accuracy(f.tensor("multi.true"), f.tensor("multi.pred")), TOL);
    }

    @Test
    void binaryMetricsMatchTheReference() {
        int[] t = f.ints("bin.true");
        int[] p = f.ints("bin.pred");
        double[] s = f.doubles("bin.score");
        double[] prf = f.doubles("bin.prf");
        assertEquals(prf[0], Metrics.precision(t, p), TOL);
        assertEquals(prf[1], Metrics.recall(t, p), TOL);
        assertEquals(prf[2], Metrics.f1(t, p), TOL);
        double[] macro = f.doubles("bin.macro");
        assertEquals(macro[2], Metrics.macroF1(t, p), TOL);
        assertEquals(f.scalar("bin.accuracy"), Metrics.accuracy(t, p), TOL);
        assertEquals(f.scalar("bin.balanced_accuracy"), Metrics.balancedAccuracy(t, p), TOL);
        assertEquals(f.scalar("bin.roc_auc"), Metrics.rocAuc(t, s), TOL);
        assertEquals(f.scalar("bin.average_precision"), Metrics.averagePrecision(t, s), TOL);
        assertEquals(f.scalar("bin.roc_auc"), Metrics.rocAuc(f.tensor("bin.true"), f.tensor("bin.score")), TOL);
    }

    @Test
    void documentedExamplesAndTies() {
        int[] t = {0, 0, 1, 1};
        double[] s = {0.1, 0.4, 0.35, 0.8};
        assertEquals(0.75, Metrics.rocAuc(t, s), TOL);
        assertEquals(f.scalar("doc.average_precision"), Metrics.averagePrecision(t, s), TOL);
        assertEquals(0.5, Metrics.rocAuc(new int[] {0, 1, 0, 1}, new double[] {0.3, 0.3, 0.3, 0.3}), TOL);
        assertEquals(0.5, Metrics.averagePrecision(new int[] {0, 1, 0, 1}, new double[] {0.3, 0.3, 0.3, 0.3}), TOL);
        assertEquals(0.0, Metrics.precision(new int[] {1, 1}, new int[] {0, 0}));
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[] {1}, new int[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new int[] {1, 1}, new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new int[] {2, 0}, new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.confusionMatrix(new int[] {3}, new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> Metrics.labels(Tensor.of(1.0, 2.0)));
    }
}
