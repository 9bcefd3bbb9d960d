package astrograd.astro.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV reader: content, and one-line errors naming the file for bad, truncated and corrupt files. */
class CsvTest {
    @TempDir
    Path dir;

    private static String table(int rows) {
        StringBuilder s = new StringBuilder("id,time,mag\n");
        for (int i = 0; i < rows; i++) {
            s.append("star").append(i % 7).append(',').append(0.5 * i).append(',').append(15 + 0.001 * i).append('\n');
        }
        return s.toString();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static void assertNamed(Path file, Exception e, String... words) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()) && !m.contains("\n"), "one line naming the file: " + m);
        for (String w : words) {
            assertTrue(m.contains(w), "mentions '" + w + "': " + m);
        }
    }

    @Test
    void readsPlainAndGzippedFiles() throws IOException {
        Path plain = Files.writeString(dir.resolve("a.csv"), table(5000));
        Path gz = Files.write(dir.resolve("a.csv.gz"), gzip(table(5000).getBytes(StandardCharsets.UTF_8)));
        for (Path f : List.of(plain, gz)) {
            List<Csv.Row> rows = Csv.readAll(f, List.of("id", "mag"));
            assertEquals(5000, rows.size());
            assertEquals("star3", rows.get(10).text("id"));
            assertEquals(15.01, rows.get(10).number("mag"), 1e-12);
            assertEquals(12, rows.get(10).lineNumber());
        }
    }

    @Test
    void truncatedAndCorruptGzipAreNamed() throws IOException {
        byte[] gz = gzip(table(5000).getBytes(StandardCharsets.UTF_8));
        Path cut = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertNamed(cut, assertThrows(IOException.class, () -> Csv.readAll(cut, List.of("id"))), "gzip");
        byte[] corrupt = gz.clone();
        for (int i = 100; i < corrupt.length - 8; i += 3) {
            corrupt[i] ^= 0x33;
        }
        Path bad = Files.write(dir.resolve("bad.csv.gz"), corrupt);
        assertNamed(bad, assertThrows(IOException.class, () -> Csv.readAll(bad, List.of("id"))), "gzip");
        Path tiny = Files.write(dir.resolve("tiny.csv.gz"), Arrays.copyOf(gz, 5));
        assertNamed(tiny, assertThrows(IOException.class, () -> Csv.header(tiny)), "gzip");
    }

    @Test
    void aLineCutShortOrWithExtraFieldsIsRefused() throws IOException {
        String full = table(50);
        Path cut = Files.writeString(dir.resolve("cut.csv"), full.substring(0, full.length() - 9)); // mid-line
        IOException e = assertThrows(IOException.class, () -> Csv.readAll(cut, List.of("id")));
        assertNamed(cut, e, "line 51", "2 fields", "header has 3");
        Path extra = Files.writeString(dir.resolve("extra.csv"), "id,time,mag\nstar1,1.0,15,9\n");
        assertNamed(extra, assertThrows(IOException.class, () -> Csv.readAll(extra, List.of("id"))), "line 2",
                "4 fields");
    }

    @Test
    void binaryOrNonUtf8ContentIsRefused() throws IOException {
        byte[] bytes = (table(3) + "star9,1.0,").getBytes(StandardCharsets.UTF_8);
        byte[] binary = Arrays.copyOf(bytes, bytes.length + 3);
        binary[bytes.length] = (byte) 0xff;
        binary[bytes.length + 1] = (byte) 0xfe;
        binary[bytes.length + 2] = '\n';
        Path bad = Files.write(dir.resolve("binary.csv"), binary);
        assertNamed(bad, assertThrows(IOException.class, () -> Csv.readAll(bad, List.of("id"))), "UTF-8");
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        assertNamed(empty, assertThrows(IOException.class, () -> Csv.readAll(empty, List.of("id"))), "empty");
    }

    @Test
    void badNumbersAndMissingColumnsAreNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("n.csv"), "id,time,mag\nstar1,1.0,x15\n");
        assertNamed(file, assertThrows(IOException.class, () -> Csv.readAll(file, List.of("id", "band"))),
                "missing column 'band'");
        Csv.Row row = Csv.readAll(file, List.of("id")).get(0);
        assertNamed(file, assertThrows(IllegalArgumentException.class, () -> row.number("mag")), "line 2",
                "'x15'");
    }
}
