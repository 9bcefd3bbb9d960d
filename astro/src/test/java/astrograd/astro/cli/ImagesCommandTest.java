package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.images.FitsImages;
import astrograd.astro.images.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesCommandTest {
    private static Object[] run(String... args) {
        return SampleCommandTest.run(args);
    }

    @Test
    void helpEverywhere() {
        for (String sub : List.of("simulate", "train", "diff", "evaluate")) {
            Object[] r = run("images", sub, "--help");
            assertEquals(0, r[0], sub);
            assertTrue(((String) r[1]).contains("Usage:"), sub);
        }
        String top = (String) run("images", "--help")[1];
        assertTrue(top.contains("simulate") && top.contains("diff") && top.contains("TransiNet"), top);
        String diff = (String) run("images", "diff", "--help")[1];
        for (String word : List.of("--reference", "--science", "--out", "--method", "--catalog", "--png", "--model")) {
            assertTrue(diff.contains(word), word);
        }
    }

    @Test
    void simulateThenDiffWritesDifferenceCatalogueAndTriptych(@TempDir Path dir) throws IOException {
        Path sims = dir.resolve("sims");
        Object[] s = run("images", "simulate", "--out", sims.toString(), "--pairs", "1", "--size", "64", "--seed", "4");
        assertEquals(0, s[0], (String) s[2]);
        assertTrue(Files.exists(sims.resolve("pair_0000_truth.fits")));
        assertTrue(Files.readString(sims.resolve("transients.csv")).startsWith("pair,x,y,flux,snr,on_galaxy"));
        for (String method : List.of("zogy", "alard-lupton", "naive")) {
            Path out = dir.resolve(method + ".fits");
            Object[] r = run("images", "diff", "--reference", sims.resolve("pair_0000_ref.fits").toString(),
                    "--science", sims.resolve("pair_0000_sci.fits").toString(), "--out", out.toString(), "--method",
                    method, "--catalog", dir.resolve(method + ".csv").toString(), "--png",
                    dir.resolve(method + ".png").toString());
            assertEquals(0, r[0], (String) r[2]);
            assertEquals(64, FitsImages.read(out).width());
            assertTrue(Files.readString(dir.resolve(method + ".csv")).startsWith("x,y,significance,flux"));
            BufferedImage png = ImageIO.read(dir.resolve(method + ".png").toFile());
            assertTrue(png.getWidth() > 3 * png.getHeight() - 200, "three panels side by side");
        }
    }

    @Test
    void zogyWithGivenNoiseAndEvaluateWithCatalogues(@TempDir Path dir) throws IOException {
        Path sims = dir.resolve("sims");
        assertEquals(0, run("images", "simulate", "--out", sims.toString(), "--pairs", "1", "--size", "64")[0]);
        Object[] r = run("images", "diff", "--reference", sims.resolve("pair_0000_ref.fits").toString(), "--science",
                sims.resolve("pair_0000_sci.fits").toString(), "--out", dir.resolve("z.fits").toString(),
                "--noise-ref", "0.5", "--noise-sci", "1");
        assertEquals(0, r[0], (String) r[2]);
        Object[] half = run("images", "diff", "--reference", sims.resolve("pair_0000_ref.fits").toString(), "--science",
                sims.resolve("pair_0000_sci.fits").toString(), "--out", dir.resolve("z.fits").toString(),
                "--noise-ref", "0.5");
        assertOneLine(half, "go together");
        Path cats = dir.resolve("cats");
        Object[] e = run("images", "evaluate", "--pairs", "1", "--methods", "naive,zogy", "--catalogs", cats.toString());
        assertEquals(0, e[0], (String) e[2]);
        assertTrue(((String) e[1]).contains("| **zogy** | **≥ 10** |"), (String) e[1]);
        assertTrue(Files.readString(cats.resolve("pair_0000_naive.csv")).startsWith("x,y,significance,flux"));
        assertTrue(Files.exists(cats.resolve("pair_0000_zogy.csv")));
    }

    @Test
    void differentSizesUnreadableFilesAndMissingModelGiveOneLineErrors(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.fits");
        Path b = dir.resolve("b.fits");
        FitsImages.write(a, Image.zeros(32, 32));
        FitsImages.write(b, Image.zeros(32, 40));
        Path junk = dir.resolve("junk.fits");
        Files.writeString(junk, "not fits");
        String out = dir.resolve("d.fits").toString();
        Object[] sizes = run("images", "diff", "--reference", a.toString(), "--science", b.toString(), "--out", out);
        assertOneLine(sizes, "differ in size");
        Object[] bad = run("images", "diff", "--reference", junk.toString(), "--science", b.toString(), "--out", out);
        assertOneLine(bad, "junk.fits");
        Object[] missing = run("images", "diff", "--reference", dir.resolve("none.fits").toString(), "--science",
                b.toString(), "--out", out);
        assertOneLine(missing, "no such file");
        Object[] model = run("images", "diff", "--reference", a.toString(), "--science", a.toString(), "--out", out,
                "--method", "transinet");
        assertOneLine(model, "--model");
        Object[] method = run("images", "diff", "--reference", a.toString(), "--science", a.toString(), "--out", out,
                "--method", "magic");
        assertOneLine(method, "unknown method");
    }

    private static void assertOneLine(Object[] r, String expected) {
        String err = ((String) r[2]).strip();
        assertTrue((int) r[0] != 0, "exit code");
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expected), err);
    }
}
