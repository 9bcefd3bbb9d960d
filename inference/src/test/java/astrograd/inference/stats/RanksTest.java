package astrograd.inference.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RanksTest {
    @Test
    void tiesShareTheirAverageRank() {
        assertArrayEquals(new double[] {3.5, 1, 3.5, 5, 2}, Ranks.averageRanks(new double[] {2, 0, 2, 7, 1}));
        assertArrayEquals(new double[] {2, 2, 2}, Ranks.averageRanks(new double[] {4, 4, 4}));
    }

    @Test
    void quantilesInterpolateLinearly() {
        double[] x = {5, 1, 3, 2, 4};
        assertEquals(3.0, Ranks.quantile(x, 0.5));
        assertEquals(1.2, Ranks.quantile(x, 0.05), 1e-15);
        assertEquals(5.0, Ranks.quantile(x, 1));
        assertThrows(IllegalArgumentException.class, () -> Ranks.quantile(x, 1.1));
    }

    @Test
    void ksStatisticOfAPerfectGridIsHalfAStep() {
        int n = 100;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = (i + 0.5) / n;
        }
        assertEquals(0.5 / n, Ranks.ksStatistic(u, x -> x), 1e-15);
        assertEquals(0.5, Ranks.ksStatistic(new double[] {0.5}, x -> x), 1e-15);
    }
}
