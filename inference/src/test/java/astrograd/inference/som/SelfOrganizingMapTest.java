package astrograd.inference.som;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfOrganizingMapTest {

    /** A 1×10 map of points on a segment orders itself: the weights are monotone along the chain. */
    @Test
    void aChainOrdersItselfAlongALine() {
        Rng rng = new Rng(3);
        int n = 500;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
        }
        SelfOrganizingMap som = SelfOrganizingMap.train(x, n, 1, 1, 10, SelfOrganizingMap.Options.defaults(1, 10, 1));
        int sign = Double.compare(som.weight(0, 9)[0], som.weight(0, 0)[0]);
        for (int c = 1; c < 10; c++) {
            assertEquals(sign, Double.compare(som.weight(0, c)[0], som.weight(0, c - 1)[0]), "unit " + c);
        }
        assertTrue(som.quantizationError(x, n) < 0.05, "quantization error " + som.quantizationError(x, n));
    }

    /** Three separated clusters: distinct units, a low topographic error, and U-matrix borders between clusters. */
    @Test
    void clustersLandOnSeparateRegionsWithHighUMatrixBorders() {
        Rng rng = new Rng(4);
        double[][] centres = {{0, 0, 0}, {6, 0, 0}, {0, 6, 0}};
        int per = 200;
        double[] x = new double[3 * per * 3];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < per; i++) {
                for (int j = 0; j < 3; j++) {
                    x[((k * per) + i) * 3 + j] = centres[k][j] + 0.3 * rng.nextGaussian();
                }
            }
        }
        int n = 3 * per;
        SelfOrganizingMap som = SelfOrganizingMap.train(x, n, 3, 8, 8, SelfOrganizingMap.Options.defaults(8, 8, 2));
        int[] bmu = som.map(x, n);
        Set<Integer>[] units = new Set[3];
        for (int k = 0; k < 3; k++) {
            units[k] = new HashSet<>();
            for (int i = 0; i < per; i++) {
                units[k].add(bmu[k * per + i]);
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                Set<Integer> common = new HashSet<>(units[a]);
                common.retainAll(units[b]);
                assertTrue(common.isEmpty(), "clusters " + a + " and " + b + " share units " + common);
            }
        }
        assertTrue(som.topographicError(x, n) < 0.1, "topographic error " + som.topographicError(x, n));
        double[][] u = som.uMatrix();
        double hitMean = 0;
        int hits = 0;
        double all = 0;
        for (int k = 0; k < 3; k++) {
            for (int unit : units[k]) {
                hitMean += u[unit / 8][unit % 8];
                hits++;
            }
        }
        for (double[] row : u) {
            for (double v : row) {
                all += v / 64;
            }
        }
        assertTrue(hitMean / hits < all, "U-matrix lower on the clusters' units (" + hitMean / hits + ") than overall ("
                + all + ")");
        assertTrue(som.quantizationError(x, n) < 0.6);
    }

    @Test
    void deterministicForASeedAndRefusesBadInput() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        SelfOrganizingMap a = SelfOrganizingMap.train(x, 4, 2, 2, 2, SelfOrganizingMap.Options.defaults(2, 2, 9));
        SelfOrganizingMap b = SelfOrganizingMap.train(x, 4, 2, 2, 2, SelfOrganizingMap.Options.defaults(2, 2, 9));
        assertArrayEquals(a.weight(1, 1), b.weight(1, 1), 0);
        assertThrows(IllegalArgumentException.class, () -> SelfOrganizingMap.train(x, 3, 2, 2, 2,
                SelfOrganizingMap.Options.defaults(2, 2, 9)));
        double[] nan = {0, Double.NaN};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SelfOrganizingMap.train(nan, 1, 2, 2, 2,
                SelfOrganizingMap.Options.defaults(2, 2, 9))).getMessage().contains("row 0, feature 1"));
    }
}
