package astrograd.inference.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

class FftTest {
    @Test
    void transformMatchesTheDirectSum() {
        int n = 64;
        double[] re = new Rng(1).randn(DType.F64, n).toDoubleArray();
        double[] im = new Rng(2).randn(DType.F64, n).toDoubleArray();
        double[] fr = re.clone();
        double[] fi = im.clone();
        Fft.transform(fr, fi, false);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * j * k / n;
                sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
            }
            assertEquals(sr, fr[k], 1e-11);
            assertEquals(si, fi[k], 1e-11);
        }
        Fft.transform(fr, fi, true);
        for (int j = 0; j < n; j++) {
            assertEquals(re[j], fr[j] / n, 1e-13);
        }
    }

    @Test
    void autocovarianceMatchesDirectSums() {
        double[] x = new Rng(3).randn(DType.F64, 37).toDoubleArray();
        double[] acov = Fft.autocovariance(x);
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        for (int t = 0; t < x.length; t++) {
            double s = 0;
            for (int i = 0; i + t < x.length; i++) {
                s += (x[i] - mean) * (x[i + t] - mean);
            }
            assertEquals(s / x.length, acov[t], 1e-13);
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[6], new double[6], false));
        assertThrows(IllegalArgumentException.class, () -> Fft.autocovariance(new double[0]));
        assertEquals(8, Fft.nextPowerOfTwo(5));
        assertEquals(1, Fft.nextPowerOfTwo(1));
    }
}
