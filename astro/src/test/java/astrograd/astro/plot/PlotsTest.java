package astrograd.astro.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.flares.Flare;
import astrograd.astro.lightcurve.BundledData;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.LightCurveReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    @Test
    void drawsALightCurveWithFlaresAndMaskedProbabilities() throws IOException {
        LightCurve lc = LightCurveReader.read(BundledData.stellaLightCurves().get(1)); // TIC 2761472, big flare
        double[] p = new double[lc.size()];
        int peak = 0;
        for (int i = 0; i < lc.size(); i++) {
            p[i] = i % 500 < 20 ? Double.NaN : Math.min(1, Math.max(0, (lc.flux()[i] - 1) * 20));
            peak = lc.flux()[i] > lc.flux()[peak] ? i : peak;
        }
        Flare big = new Flare(lc.time()[peak], lc.time()[peak - 3], lc.time()[peak + 30], lc.flux()[peak] - 1, 0.01,
                900, 0.97, 500, peak);
        Path png = dir.resolve("figures/sub/tic2761472.png");
        Plots.lightCurve(png, lc, p, List.of(big), "TIC 2761472, Sector 2");
        BufferedImage image = readPng(png);
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        assertTrue(countReddish(image) > 10, "flare markers should be drawn in red");
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList()); // no temporary file left behind
        }
        if (png.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertTrue(Files.getPosixFilePermissions(png).contains(PosixFilePermission.OTHERS_READ));
        }
    }

    @Test
    void drawsWithoutFlaresOrProbabilities() throws IOException {
        LightCurve lc = new LightCurve("tiny", new double[] {1, 2, 3}, new double[] {1, 1.1, 0.9},
                new double[] {0.01, 0.01, 0.01});
        Path png = dir.resolve("tiny.png");
        double[] allMasked = {Double.NaN, Double.NaN, Double.NaN};
        Plots.lightCurve(png, lc, allMasked, List.of(), "tiny");
        assertEquals(Plots.WIDTH, readPng(png).getWidth());
        Plots.lightCurve(png, lc, null, List.of(), "tiny again"); // replaces the file
        assertEquals(Plots.HEIGHT, readPng(png).getHeight());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.lightCurve(dir.resolve("bad.png"), lc, new double[2], List.of(), "bad"));
        assertTrue(Files.notExists(dir.resolve("bad.png")));
    }

    @Test
    void drawsTrainingCurvesOfAnEnsemble() throws IOException {
        List<Map<String, double[]>> members = List.of(member(0.0), member(0.1), member(0.2));
        Path png = dir.resolve("training.png");
        Plots.trainingCurves(png, members, "ensemble training");
        BufferedImage image = readPng(png);
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        Map<String, double[]> lossOnly = new LinkedHashMap<>();
        lossOnly.put("loss", new double[] {1, 0.5, Double.NaN, 0.2});
        Plots.trainingCurves(dir.resolve("loss_only.png"), List.of(lossOnly), "one member, one series");
        assertEquals(Plots.HEIGHT, readPng(dir.resolve("loss_only.png")).getHeight());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.trainingCurves(dir.resolve("none.png"), List.of(Map.of()), "nothing"));
    }

    private static Map<String, double[]> member(double shift) {
        int epochs = 25;
        double[] loss = new double[epochs];
        double[] valLoss = new double[epochs];
        double[] valAp = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            loss[e] = Math.exp(-0.2 * e) + shift;
            valLoss[e] = Math.exp(-0.15 * e) + shift + 0.05;
            valAp[e] = 1 - Math.exp(-0.3 * e) - shift / 2;
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("val_loss", valLoss);
        m.put("val_ap", valAp);
        return m;
    }

    private static BufferedImage readPng(Path png) throws IOException {
        assertTrue(Files.size(png) > 1000, "PNG too small: " + Files.size(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "ImageIO cannot read " + png);
        return image;
    }

    private static int countReddish(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                n += r > 180 && g < 90 && b < 90 ? 1 : 0;
            }
        }
        return n;
    }
}
