package astrograd.astro.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
    /** x[i, j] = 1.5 (3i + j) − 2, as written by make_fixtures.py. */
    private static final double[] BASE = {-2, -0.5, 1, 2.5, 4, 5.5};

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"le_f8", "be_f8", "le_f4", "be_f4", "v2"})
    void readsNumpyFloatFiles(String name) throws IOException {
        Npy.Array a = Npy.read(fixture(name + ".npy"));
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(BASE, a.data(), 0.0);
        assertArrayEquals(new double[] {2.5, 4, 5.5}, a.row(1), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"le_i8", "le_i4"})
    void readsNumpyIntegerFiles(String name) throws IOException {
        Npy.Array a = Npy.read(fixture(name + ".npy"));
        assertArrayEquals(new double[] {-4, -1, 2, 5, 8, 11}, a.data(), 0.0); // round(2 x)
    }

    @Test
    void readsOneDimensionalArrays() throws IOException {
        Npy.Array a = Npy.read(fixture("vector.npy"));
        assertArrayEquals(new int[] {3}, a.shape());
        assertArrayEquals(new double[] {3.25, -1.0, 1e300}, a.data(), 0.0);
    }

    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        Path out = dir.resolve("sub/out.npy");
        Npy.write(out, BASE, 2, 3);
        assertArrayEquals(Files.readAllBytes(fixture("le_f8.npy")), Files.readAllBytes(out));
    }

    @Test
    void roundTripsAnyShape() throws IOException {
        double[] data = {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, 1e-300, 7, 8, 9};
        for (int[] shape : new int[][] {{8}, {2, 4}, {2, 2, 2}, {8, 1}}) {
            Path out = dir.resolve("a" + shape.length + ".npy");
            Npy.write(out, new Npy.Array(data, shape));
            Npy.Array back = Npy.read(out);
            assertArrayEquals(shape, back.shape());
            for (int i = 0; i < data.length; i++) {
                assertEquals(Double.doubleToRawLongBits(data[i]), Double.doubleToRawLongBits(back.data()[i]));
            }
        }
        Npy.write(dir.resolve("scalar.npy"), new double[] {4.5});
        assertEquals(0, Npy.read(dir.resolve("scalar.npy")).rank());
        Npy.write(dir.resolve("empty.npy"), new double[0], 0, 3);
        assertArrayEquals(new int[] {0, 3}, Npy.read(dir.resolve("empty.npy")).shape());
    }

    @Test
    void refusesFortranOrder() {
        IOException e = assertThrows(IOException.class, () -> Npy.read(fixture("fortran.npy")));
        assertTrue(e.getMessage().contains("fortran.npy") && e.getMessage().contains("fortran_order True"),
                e.getMessage());
    }

    @Test
    void refusesUnsupportedDtypes() {
        IOException e = assertThrows(IOException.class, () -> Npy.read(fixture("f2.npy")));
        assertTrue(e.getMessage().contains("f2.npy") && e.getMessage().contains("'<f2'"), e.getMessage());
    }

    @Test
    void refusesBadMagic() throws IOException {
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy at all, just text");
        IOException e = assertThrows(IOException.class, () -> Npy.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void refusesTruncatedData() throws IOException {
        byte[] full = Files.readAllBytes(fixture("le_f8.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(full, full.length - 5));
        IOException e = assertThrows(IOException.class, () -> Npy.read(cut));
        assertTrue(e.getMessage().contains("truncated data") && e.getMessage().contains("48 bytes")
                && e.getMessage().contains("43"), e.getMessage());
        Path noHeader = dir.resolve("noheader.npy");
        Files.write(noHeader, Arrays.copyOf(full, 40));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(noHeader)).getMessage().contains("truncated"));
    }

    @Test
    void refusesShapeDataMismatchOnWrite() {
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("x.npy"), new double[5], 2, 3));
        assertTrue(Files.notExists(dir.resolve("x.npy")));
    }
}
