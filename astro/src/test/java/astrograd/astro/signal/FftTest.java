package astrograd.astro.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The JTransforms wrapper against a direct DFT (small even, odd and prime lengths) and Parseval at 10⁶ points. */
class FftTest {
    private static double[] gaussian(Rng rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    /** {@code {re, im}} of {@code Σ_j x_j e^{−2πi jk/n}} for k = 0 … n−1. */
    private static double[][] directDft(double[] xr, double[] xi) {
        int n = xr.length;
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) j * k % n) / n;
                out[0][k] += xr[j] * Math.cos(a) - xi[j] * Math.sin(a);
                out[1][k] += xr[j] * Math.sin(a) + xi[j] * Math.cos(a);
            }
        }
        return out;
    }

    @Test
    void realForwardMatchesTheDirectDftForEvenOddAndPrimeLengths() {
        Rng rng = new Rng(3);
        for (int n : new int[] {1, 2, 3, 4, 5, 8, 15, 16, 17, 30, 97, 100, 243}) {
            double[] x = gaussian(rng, n);
            double[][] got = Fft.realForward(x);
            double[][] want = directDft(x, new double[n]);
            assertEquals(n / 2 + 1, got[0].length, "n = " + n);
            for (int k = 0; k <= n / 2; k++) {
                assertEquals(want[0][k], got[0][k], 1e-10 * n, "re, n = " + n + ", k = " + k);
                assertEquals(want[1][k], got[1][k], 1e-10 * n, "im, n = " + n + ", k = " + k);
            }
            double[] p = Fft.power(x);
            for (int k = 0; k <= n / 2; k++) {
                assertEquals(want[0][k] * want[0][k] + want[1][k] * want[1][k], p[k], 1e-9 * n * n, "power");
            }
        }
    }

    @Test
    void realInverseUndoesRealForward() {
        Rng rng = new Rng(4);
        for (int n : new int[] {1, 2, 7, 64, 1000, 1001}) {
            double[] x = gaussian(rng, n);
            double[][] c = Fft.realForward(x);
            double[] back = Fft.realInverse(c[0], c[1], n);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], back[i], 1e-12, "n = " + n + ", i = " + i);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fft.realInverse(new double[3], new double[3], 8));
        assertEquals("Fft.realInverse: a real sequence of length 8 needs 5 coefficients, got re 3, im 3",
                e.getMessage());
    }

    @Test
    void parsevalHoldsAtAMillionPoints() {
        int n = 1_000_000;
        double[] x = gaussian(new Rng(5), n);
        double[] p = Fft.power(x);
        // Σ|x_j|² = (1/n) Σ_{k=0}^{n−1} |X_k|², the half-spectrum counting every 0 < k < n/2 twice
        double spectral = p[0] + p[n / 2];
        for (int k = 1; k < n / 2; k++) {
            spectral += 2 * p[k];
        }
        double energy = 0;
        for (double v : x) {
            energy += v * v;
        }
        assertEquals(energy, spectral / n, 1e-10 * energy);
    }

    @Test
    void complex2dMatchesRowThenColumnDftsAndInverts() {
        Rng rng = new Rng(6);
        int rows = 6;
        int cols = 5;
        double[][] re = new double[rows][];
        double[][] im = new double[rows][];
        for (int r = 0; r < rows; r++) {
            re[r] = gaussian(rng, cols);
            im[r] = gaussian(rng, cols);
        }
        double[][] wantRe = new double[rows][];
        double[][] wantIm = new double[rows][];
        for (int r = 0; r < rows; r++) {
            double[][] d = directDft(re[r], im[r]);
            wantRe[r] = d[0];
            wantIm[r] = d[1];
        }
        for (int c = 0; c < cols; c++) {
            double[] colRe = new double[rows];
            double[] colIm = new double[rows];
            for (int r = 0; r < rows; r++) {
                colRe[r] = wantRe[r][c];
                colIm[r] = wantIm[r][c];
            }
            double[][] d = directDft(colRe, colIm);
            for (int r = 0; r < rows; r++) {
                wantRe[r][c] = d[0][r];
                wantIm[r][c] = d[1][r];
            }
        }
        double[][] origRe = deepCopy(re);
        double[][] origIm = deepCopy(im);
        Fft.complex2d(re, im, false);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(wantRe[r][c], re[r][c], 1e-10);
                assertEquals(wantIm[r][c], im[r][c], 1e-10);
            }
        }
        Fft.complex2d(re, im, true);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(origRe[r][c], re[r][c], 1e-12);
                assertEquals(origIm[r][c], im[r][c], 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Fft.complex2d(new double[][] {{1, 2}, {3}},
                new double[][] {{0, 0}, {0}}, false));
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }
}
