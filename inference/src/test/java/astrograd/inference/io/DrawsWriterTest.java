package astrograd.inference.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Summary;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrawsWriterTest {
    @TempDir
    Path dir;

    private static Draws sample() {
        return Draws.of(new Rng(5).randn(DType.F64, 3, 40, 2), List.of("alpha", "beta"));
    }

    @Test
    void npyHasNumpysHeaderAndTheValues() throws Exception {
        Draws d = sample();
        Path p = dir.resolve("draws.npy");
        d.writeNpy(p);
        byte[] bytes = Files.readAllBytes(p);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals(0, (10 + headerLength) % 64, "numpy aligns the data to 64 bytes");
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 40, 2), }"), header);
        assertTrue(header.endsWith("\n"));
        double[] values = new double[3 * 40 * 2];
        ByteBuffer.wrap(bytes, 10 + headerLength, values.length * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
                .get(values);
        assertArrayEquals(d.values(), values);
    }

    @Test
    void csvHasOneRowPerDrawWithNames() throws Exception {
        Draws d = sample();
        Path p = dir.resolve("draws.csv");
        d.writeCsv(p);
        List<String> lines = Files.readAllLines(p);
        assertEquals("chain,draw,alpha,beta", lines.get(0));
        assertEquals(1 + 3 * 40, lines.size());
        String[] row = lines.get(1 + 40 + 7).split(",");
        assertEquals("1", row[0]);
        assertEquals("7", row[1]);
        assertEquals(d.get(1, 7, 1), Double.parseDouble(row[3]));
    }

    @Test
    void summaryPrintsAndWritesCsv() throws Exception {
        Summary s = Summary.of(sample());
        String table = s.toString();
        assertTrue(table.startsWith("parameter") && table.contains("alpha") && table.contains("r_hat"), table);
        Path p = dir.resolve("summary.csv");
        s.writeCsv(p);
        List<String> lines = Files.readAllLines(p);
        assertEquals(String.join(",", Summary.COLUMNS), lines.get(0));
        assertEquals(3, lines.size());
        Summary.Row beta = s.row("beta");
        assertTrue(beta.q5() < beta.q50() && beta.q50() < beta.q95());
        assertTrue(Math.abs(beta.mean()) < 0.4 && beta.rhat() < 1.1, beta.toString());
    }

    @Test
    void drawsSliceAndRefuseBadShapes() {
        Draws d = sample();
        assertEquals(30, d.discard(10).draws());
        assertEquals(d.get(2, 12, 0), d.discard(10).get(2, 2, 0));
        assertEquals(d.get(1, 9, 1), d.thin(3).get(1, 3, 1));
        assertEquals(6, d.concatChains(d).chains());
        assertEquals(1, d.indexOf("beta"));
        assertThrows(IllegalArgumentException.class, () -> d.indexOf("gamma"));
        assertThrows(IllegalArgumentException.class, () -> new Draws(new double[5], 1, 2, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> d.discard(40));
    }
}
