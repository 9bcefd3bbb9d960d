package astrograd.astro.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.io.DataPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIoTest {
    @TempDir
    Path dir;

    private Path writeFits(String name, Object primary, Object extension, String... cards) throws Exception {
        Path p = dir.resolve(name);
        try (Fits f = new Fits(); FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(p))) {
            BasicHDU<?> first = Fits.makeHDU(primary);
            f.addHDU(first);
            BasicHDU<?> target = first;
            if (extension != null) {
                target = Fits.makeHDU(extension);
                f.addHDU(target);
            }
            for (int i = 0; i < cards.length; i += 2) {
                target.getHeader().addValue(cards[i], Double.parseDouble(cards[i + 1]), "");
            }
            f.write(out);
        }
        return p;
    }

    @Test
    void int16WithScaleZeroAndBlankGivesPhysicalValuesAndNaN() throws Exception {
        short[][] stored = {{0, 1, 2}, {-5, 7, -32768}};
        Path p = writeFits("i16.fits", stored, null, "BSCALE", "0.5", "BZERO", "100", "BLANK", "-32768");
        Image im = FitsImages.read(p);
        assertEquals(3, im.width());
        assertEquals(2, im.height());
        assertEquals(100.0, im.get(0, 0));
        assertEquals(100.5, im.get(1, 0));
        assertEquals(97.5, im.get(0, 1));
        assertEquals(103.5, im.get(1, 1));
        assertTrue(Double.isNaN(im.get(2, 1)));
        assertEquals(1, im.blankCount());
    }

    @Test
    void uint8Int32AndFloat64FromPrimaryOrExtension() throws Exception {
        byte[][] u8 = {{(byte) 200, 3}, {0, (byte) 255}};
        assertEquals(200.0, FitsImages.read(writeFits("u8.fits", u8, null)).get(0, 0));
        assertEquals(255.0, FitsImages.read(writeFits("u8b.fits", u8, null)).get(1, 1));
        int[][] i32 = {{-7, 1 << 20}};
        Image a = FitsImages.read(writeFits("i32.fits", new int[][] {{1}}, i32, "BZERO", "2147483648"));
        // the primary 1x1 image is an image too: the first one wins unless an HDU is named
        assertEquals(1, a.width());
        Image b = FitsImages.read(dir.resolve("i32.fits"), 1);
        assertEquals(2147483648.0 - 7, b.get(0, 0));
        double[][] f64 = {{1.25, Double.NaN}, {-3e300, 4}};
        Image c = FitsImages.read(writeFits("f64.fits", f64, null));
        assertEquals(-3e300, c.get(0, 1));
        assertTrue(Double.isNaN(c.get(1, 0)));
    }

    @Test
    void firstImageSkipsAnEmptyPrimary() throws Exception {
        Path p = dir.resolve("ext.fits");
        try (Fits f = new Fits(); FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(p))) {
            f.addHDU(BasicHDU.getDummyHDU());
            f.addHDU(Fits.makeHDU(new float[][] {{1, 2, 3}, {4, 5, 6}}));
            f.write(out);
        }
        Image im = FitsImages.read(p);
        assertEquals(6.0, im.get(2, 1));
    }

    @Test
    void writeAndReadBackFloat32AndFloat64() throws Exception {
        Image im = new Image(4, 3, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Double.NaN});
        Path p32 = dir.resolve("w32.fits");
        FitsImages.write(p32, im);
        assertEquals(im, FitsImages.read(p32));
        Image fine = new Image(2, 1, new double[] {Math.PI, -1e-300});
        Path p64 = dir.resolve("w64.fits");
        FitsImages.write(p64, fine, true);
        assertEquals(fine, FitsImages.read(p64));
    }

    @Test
    void truncatedNotFitsAndCubeGiveClearErrors() throws Exception {
        Path good = dir.resolve("big.fits");
        FitsImages.write(good, new Image(100, 100, new double[10000]));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.fits");
        Files.write(cut, Arrays.copyOf(bytes, 2880 + 5000));
        IOException e = assertThrows(IOException.class, () -> FitsImages.read(cut));
        assertTrue(e.getMessage().contains("cut.fits") && e.getMessage().contains("truncated"), e.getMessage());
        Path junk = dir.resolve("junk.fits");
        Files.writeString(junk, "this is not a FITS file at all");
        IOException j = assertThrows(IOException.class, () -> FitsImages.read(junk));
        assertTrue(j.getMessage().startsWith(junk.toString()), j.getMessage());
        Path cube = writeFits("cube.fits", new float[2][3][4], null);
        IOException c = assertThrows(IOException.class, () -> FitsImages.read(cube));
        assertTrue(c.getMessage().contains("3-d"), c.getMessage());
        assertThrows(IOException.class, () -> FitsImages.read(dir.resolve("absent.fits")));
    }

    @Test
    void pngRoundTripAndCorruptFiles() throws Exception {
        double[] v = new double[6 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 8;
        }
        Image im = new Image(6, 5, v);
        Path png = dir.resolve("a.png");
        RasterImages.write(png, im, 0, 255, RasterImages.Stretch.LINEAR);
        Image back = Images.read(png);
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], back.pixels()[i], 0.5);
        }
        Path jpg = dir.resolve("a.jpg");
        RasterImages.write(jpg, im, 0, 255, RasterImages.Stretch.LINEAR);
        assertEquals(6, Images.read(jpg).width());
        Path bad = dir.resolve("bad.png");
        Files.write(bad, Arrays.copyOf(Files.readAllBytes(png), 20));
        IOException e = assertThrows(IOException.class, () -> Images.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        Path text = dir.resolve("text.png");
        Files.writeString(text, "hello");
        assertThrows(IOException.class, () -> Images.read(text));
    }

    @Test
    void statmorphSliceReadsAsFloat32WithThreeHdus() throws Exception {
        Path f = DataPaths.sharedFile("galaxies/statmorph_slice.fits");
        Assumptions.assumeTrue(f != null, "shared data galaxies/statmorph_slice.fits absent");
        Image galaxy = FitsImages.read(f);
        assertEquals(162, galaxy.width());
        assertEquals(162, galaxy.height());
        Image segmap = FitsImages.read(f, 1);
        double source = Arrays.stream(segmap.pixels()).sum();
        assertEquals(8469.0, source);
        Image mask = FitsImages.read(f, 2);
        assertEquals(0.0, Arrays.stream(mask.pixels()).map(Math::abs).sum());
        // the brightest pixel is near the documented centroid (81.7, 80.5)
        int best = 0;
        for (int i = 1; i < galaxy.pixels().length; i++) {
            if (galaxy.pixels()[i] > galaxy.pixels()[best]) {
                best = i;
            }
        }
        assertEquals(81.7, best % 162, 4.0);
        assertEquals(80.5, best / 162, 4.0);
    }
}
