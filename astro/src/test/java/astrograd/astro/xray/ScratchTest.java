package astrograd.astro.xray;

import astrograd.astro.signal.Fft;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void explore() throws Exception {
        for (int threads : new int[] {0, 1}) {
            if (threads == 1) pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
            for (int n : new int[] {100_000, 1_000_000}) {
                long tr = 0, tf = 0, tu = 0;
                int reps = n == 100_000 ? 40 : 6;
                double[] re = new double[n / 2 + 1], im = new double[n / 2 + 1];
                for (int r = 0; r < reps; r++) {
                    Rng rng = new Rng(r);
                    long a = System.nanoTime();
                    double[] x = rng.randn(DType.F64, n).toDoubleArray();
                    long b = System.nanoTime();
                    double[] y = Fft.realInverse(re, im, n);
                    long c = System.nanoTime();
                    double[] u = rng.uniform(DType.F64, 0, 1, n).toDoubleArray();
                    long d = System.nanoTime();
                    if (r >= 2) { tr += b - a; tf += c - b; tu += d - c; }
                }
                System.out.printf("threads %d n %d: randn %.2f ms, irfft %.2f ms, uniform %.2f ms%n", threads, n, tr/1e6/(reps-2), tf/1e6/(reps-2), tu/1e6/(reps-2));
            }
        }
    }
}
