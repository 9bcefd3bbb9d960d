package astrograd.inference.uq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final int N = 20_000;

    @Test
    void calibratedGaussiansCoverNominallyAndOverconfidentOnesDoNot() {
        Rng rng = new Rng(3);
        double[] mean = new double[N];
        double[] std = new double[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            mean[i] = rng.nextGaussian();
            std[i] = 0.5 + rng.nextDouble();
            y[i] = mean[i] + std[i] * rng.nextGaussian();
        }
        assertEquals(0.68, Calibration.coverage(mean, std, y, 0.68), 0.01);
        assertEquals(0.95, Calibration.coverage(mean, std, y, 0.95), 0.005);
        double[] half = Arrays.stream(std).map(s -> s / 2).toArray();
        assertTrue(Calibration.coverage(mean, half, y, 0.95) < 0.75);
        int[] hist = Calibration.histogram(Calibration.pit(mean, std, y), 10);
        for (int c : hist) {
            assertEquals(N / 10.0, c, 5 * Math.sqrt(N / 10.0));
        }
        double[] curve = Calibration.calibrationCurve(mean, std, y, Calibration.defaultLevels());
        for (int i = 0; i < curve.length; i++) {
            assertEquals(Calibration.defaultLevels()[i], curve[i], 0.015);
        }
    }

    @Test
    void crpsClosedFormMatchesKnownValueAndSamples() {
        assertEquals(2 / Math.sqrt(2 * Math.PI) - 1 / Math.sqrt(Math.PI),
                Calibration.crpsGaussian(new double[] {0}, new double[] {1}, new double[] {0}), 1e-12);
        Rng rng = new Rng(4);
        double[][] samples = new double[3][4000];
        double[] y = {0.3, -1.2, 2.5};
        for (double[] s : samples) {
            for (int k = 0; k < s.length; k++) {
                s[k] = 2 * rng.nextGaussian();
            }
        }
        double closed = Calibration.crpsGaussian(new double[3], new double[] {2, 2, 2}, y);
        assertEquals(closed, Calibration.crpsSamples(samples, y), 0.03 * closed);
        assertEquals(Calibration.coverage(samples, new double[] {0, 0, 0}, 0.5), 1.0, 0);
        double[] pit = Calibration.pit(samples, new double[] {0, 0, 0});
        for (double u : pit) {
            assertEquals(0.5, u, 0.03);
        }
    }

    @Test
    void nllOfStandardNormalAtZero() {
        assertEquals(0.5 * Math.log(2 * Math.PI), Calibration.gaussianNll(new double[] {0}, new double[] {1},
                new double[] {0}), 1e-15);
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.coverage(new double[] {0}, new double[] {0},
                new double[] {0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Calibration.coverage(new double[] {0}, new double[] {1},
                new double[] {0}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Calibration.histogram(new double[] {1.2}, 4));
    }
}
