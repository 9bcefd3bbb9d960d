package astrograd.astro.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosteriorPlotsTest {
    /**
     * For a 2-D standard normal the 68 % and 95 % highest-density regions are discs of radius √(−2 ln(1 − p)) = 1.51
     * and 2.45; smoothing by one cell (0.27) widens them by √(1 + 0.27²), to 1.56 and 2.53.
     */
    @Test
    void contoursOfAStandardNormalAreCirclesOfTheRightRadius() {
        double[] xy = new Rng(4).randn(DType.F64, 2, 40_000).toDoubleArray();
        double[] x = java.util.Arrays.copyOfRange(xy, 0, 40_000);
        double[] y = java.util.Arrays.copyOfRange(xy, 40_000, 80_000);
        double[][][] lines = Contours.lines(x, y, new double[] {-4, 4, -4, 4}, 30, new double[] {0.68, 0.95});
        double[] expected = {1.56, 2.53};
        for (int l = 0; l < 2; l++) {
            double sum = 0;
            double worst = 0;
            int n = 0;
            for (int k = 0; k < lines[l][0].length; k++) {
                if (!Double.isNaN(lines[l][1][k])) {
                    double r = Math.hypot(lines[l][0][k], lines[l][1][k]);
                    sum += r;
                    worst = Math.max(worst, Math.abs(r - expected[l]));
                    n++;
                }
            }
            assertTrue(n > 40, "too few contour points: " + n);
            assertEquals(expected[l], sum / n, 0.08, "mean radius of the " + (l == 0 ? 68 : 95) + " % contour");
            assertTrue(worst < 0.4, "a contour point is " + worst + " off the circle");
        }
    }

    /**
     * Draws piled against a bound (x = |N(0, 1)| ≥ 0, as a scale parameter): the axis starts at the bound, no contour
     * reaches below it, and the smoothing mirrors at the wall (all mass kept with four walls; mass leaks past open
     * sides). Without the bound the 95 % contour of the same draws crosses below 0.
     */
    @Test
    void contoursOfABoundedParameterStopAtTheBound() {
        double[] xy = new Rng(5).randn(DType.F64, 2, 40_000).toDoubleArray();
        double[] x = new double[40_000];
        double[] y = java.util.Arrays.copyOfRange(xy, 40_000, 80_000);
        for (int n = 0; n < x.length; n++) {
            x[n] = Math.abs(xy[n]);
        }
        double[] rx = PosteriorPlots.range(x, 0, Double.POSITIVE_INFINITY);
        assertEquals(0, rx[0]);
        assertEquals(0, rx[2]);
        assertEquals(1, rx[4]);
        double[][][] bounded = Contours.lines(x, y, new double[] {rx[2], rx[3], -4, 4}, new boolean[] {true, false,
            false, false}, 30, new double[] {0.68, 0.95});
        double[] r = PosteriorPlots.range(x);
        double[][][] open = Contours.lines(x, y, new double[] {r[2], r[3], -4, 4}, 30, new double[] {0.68, 0.95});
        assertTrue(java.util.Arrays.stream(bounded[1][0]).min().orElseThrow() >= 0);
        assertTrue(java.util.Arrays.stream(open[1][0]).min().orElseThrow() < 0);

        double[][] h = Contours.histogram(x, y, new double[] {0, 4, -4, 4}, 20);
        double total = java.util.Arrays.stream(h).flatMapToDouble(java.util.Arrays::stream).sum();
        double k = 0;
        for (int t = -3; t <= 3; t++) {
            k += Math.exp(-0.5 * t * t);
        }
        double walled = java.util.Arrays.stream(Contours.smooth(h, new boolean[] {true, true, true, true}))
                .flatMapToDouble(java.util.Arrays::stream).sum();
        double leaky = java.util.Arrays.stream(Contours.smooth(h)).flatMapToDouble(java.util.Arrays::stream).sum();
        assertEquals(total * k * k, walled, 1e-9 * walled);
        assertTrue(leaky < 0.97 * walled, "open sides lose the mass next to x = 0: " + leaky / walled);
    }

    @Test
    void cornerTraceAndRankPlotsHaveTheirPanelsAndMarks(@TempDir Path dir) throws IOException {
        double[] v = new Rng(9).randn(DType.F64, 4 * 500 * 3).toDoubleArray();
        Draws d = new Draws(v, 4, 500, List.of("a", "b", "c"));
        Path corner = dir.resolve("corner.png");
        PosteriorPlots.corner(corner, d, new double[] {0.5, Double.NaN, -0.5}, "three normals");
        BufferedImage img = ImageIO.read(corner.toFile());
        assertEquals(3 * PosteriorPlots.PANEL, img.getWidth());
        assertEquals(3 * PosteriorPlots.PANEL + 30, img.getHeight());
        // the upper triangle is empty, every lower panel has ink, and the truth lines are red
        assertEquals(0, ink(img, 2 * 240 + 10, 40, 230, 220));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                assertTrue(ink(img, j * 240, 30 + i * 240, 240, 240) > 2000, "panel " + i + "," + j + " is blank");
            }
        }
        assertTrue(red(img) > 200, "no truth marks");
        PosteriorPlots.trace(dir.resolve("trace.png"), d, "t");
        PosteriorPlots.rank(dir.resolve("rank.png"), d, "r");
        for (String name : List.of("trace.png", "rank.png")) {
            BufferedImage p = ImageIO.read(dir.resolve(name).toFile());
            assertEquals(1200, p.getWidth());
            assertEquals(30 + 3 * 170, p.getHeight());
            assertTrue(ink(p, 0, 30, 1200, 3 * 170) > 20_000, name + " is nearly blank");
        }
        BufferedImage two = ImageIO.read(write2d(dir).toFile());
        assertEquals(640, two.getWidth());
        assertThrows(IllegalArgumentException.class, () -> PosteriorPlots.corner(dir.resolve("x.png"), d,
                new double[] {1}, "bad"));
    }

    private static Path write2d(Path dir) throws IOException {
        double[] v = new Rng(1).randn(DType.F64, 2 * 300 * 2).toDoubleArray();
        Path p = dir.resolve("two.png");
        PosteriorPlots.corner(p, new Draws(v, 2, 300, List.of("x", "y")), null, "two");
        return p;
    }

    private static long ink(BufferedImage img, int x0, int y0, int w, int h) {
        long n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long red(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r > 180 && g < 90 && b < 90) {
                    n++;
                }
            }
        }
        return n;
    }
}
