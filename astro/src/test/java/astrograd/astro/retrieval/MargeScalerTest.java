package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

class MargeScalerTest {
    private static double[][] data(int n) {
        Rng rng = new Rng(3);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            row[0] = 1500 + 400 * rng.nextGaussian();
            row[1] = Math.exp(3 * rng.nextGaussian());
            row[2] = 7;
        }
        return x;
    }

    @Test
    void trainingDataFillMinusOneToOneAndInvertExactly() {
        double[][] x = data(500);
        for (boolean[] log : new boolean[][] {null, {false, true, false}}) {
            MargeScaler s = MargeScaler.fit(x, log);
            double[][] u = s.transform(x);
            for (int j = 0; j < 2; j++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double[] row : u) {
                    lo = Math.min(lo, row[j]);
                    hi = Math.max(hi, row[j]);
                }
                assertEquals(-1, lo, 1e-12);
                assertEquals(1, hi, 1e-12);
            }
            double[][] back = s.inverse(u);
            double[] scale = new double[3];
            for (double[] row : x) {
                for (int j = 0; j < 3; j++) {
                    scale[j] = Math.max(scale[j], Math.abs(row[j]));
                }
            }
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < 3; j++) {
                    // exact up to rounding: relative to the value (log) or to the column's scale (affine only)
                    double tol = log != null && log[j] ? 1e-12 * Math.abs(x[i][j]) : 1e-14 * scale[j];
                    assertEquals(x[i][j], back[i][j], tol, "row " + i + " column " + j);
                    assertTrue(Double.isFinite(u[i][j]));
                }
            }
        }
    }

    @Test
    void zScoreUsesTrainingMeanAndPopulationStdAfterTheLog() {
        double[][] x = {{1}, {10}, {100}, {1000}};
        MargeScaler s = MargeScaler.fit(x, new boolean[] {true});
        assertEquals(1.5, s.mean()[0], 1e-12);
        assertEquals(Math.sqrt(1.25), s.std()[0], 1e-12);
        // z of 10^1.5 is 0, the middle of the z-scored training range, so u = 0
        assertEquals(0, s.transform(new double[] {Math.pow(10, 1.5)}, new double[1])[0], 1e-12);
        // out of the training range maps outside [-1, 1]
        assertTrue(s.transform(new double[] {1e4}, new double[1])[0] > 1);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MargeScaler.fit(new double[][] {{0}}, new boolean[] {true}));
        assertThrows(IllegalArgumentException.class, () -> MargeScaler.fit(new double[][] {{1, 2}, {3}}, null));
        MargeScaler s = MargeScaler.fit(data(10), null);
        assertThrows(IllegalArgumentException.class, () -> s.transform(new double[2], new double[2]));
    }
}
