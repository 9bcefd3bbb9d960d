package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.BundledData;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.LightCurveReader;
import astrograd.astro.lightcurve.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {
    @Test
    void runsAFolderReportsUnreadableFilesAndResumesWithoutRedoing(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        // the first 6 000 cadences (8.3 d) of TIC 5676537, which has 13 catalogued flares
        LightCurve lc = LightCurveReader.read(BundledData.stellaLightCurves().get(4)).range(0, 6000);
        double[] data = new double[3 * 6000];
        System.arraycopy(lc.time(), 0, data, 0, 6000);
        System.arraycopy(lc.flux(), 0, data, 6000, 6000);
        System.arraycopy(lc.fluxErr(), 0, data, 12_000, 6000);
        Path star = in.resolve("a_005676537.npy");
        Npy.write(star, data, 3, 6000);
        Files.write(in.resolve("b_broken.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        Path out = dir.resolve("out/flares.csv");
        Object[] r = FlaresCommandTest.run("flares", "batch", "--input", in.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r[0], r[2].toString());
        assertTrue(r[1].toString().contains("2 light curves (2 this run"), r[1].toString());
        List<String> status = Files.readAllLines(dir.resolve("out/flares.status.csv"));
        assertEquals(BatchCommand.STATUS_HEADER, status.get(0));
        assertTrue(status.get(1).contains(",ok,6000,"), status.toString());
        assertTrue(status.get(2).contains("b_broken.npy,unreadable,"), status.toString());
        List<String> flares = Files.readAllLines(out);
        assertTrue(flares.size() > 3, "TIC 5676537's flares: " + flares.size());
        assertTrue(flares.get(1).startsWith(star + ",a_005676537,"), flares.get(1));
        List<String> stars = Files.readAllLines(dir.resolve("out/flares.stars.csv"));
        assertEquals(2, stars.size(), "one star: " + stars);

        // an interrupted run: the last status line lost after some flare rows were written
        Files.write(dir.resolve("out/flares.status.csv"), status.subList(0, 1));
        r = FlaresCommandTest.run("flares", "batch", "--input", in.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r[0], r[2].toString());
        assertEquals(flares, Files.readAllLines(out), "redone once, without duplicated rows");
        r = FlaresCommandTest.run("flares", "batch", "--input", in.toString(), "--out", out.toString(), "--quiet");
        assertTrue(r[1].toString().contains("2 light curves (0 this run"), r[1].toString());
        assertEquals(flares, Files.readAllLines(out));
    }
}
