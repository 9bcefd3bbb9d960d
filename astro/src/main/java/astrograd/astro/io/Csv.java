package astrograd.astro.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * A small reader for comma-separated files with a header line (gzip is detected by its magic bytes). No
 * quoting: fields may not contain commas, which holds for every catalogue this project reads. Errors name the
 * file, the line and the column.
 */
public final class Csv {
    /** One data line: its fields looked up by header name. */
    public static final class Row {
        private final Path file;
        private final long line;
        private final Map<String, Integer> columns;
        private final String[] fields;

        Row(Path file, long line, Map<String, Integer> columns, String[] fields) {
            this.file = file;
            this.line = line;
            this.columns = columns;
            this.fields = fields;
        }

        /** The raw text of {@code column} (empty when the line is short). */
        public String text(String column) {
            int i = index(column);
            return i < fields.length ? fields[i].trim() : "";
        }

        /** The value of {@code column} as a double; an empty field is NaN. */
        public double number(String column) {
            String t = text(column);
            if (t.isEmpty() || t.equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ", line " + line + ": column '" + column
                        + "' is not a number: '" + t + "'");
            }
        }

        public long lineNumber() {
            return line;
        }

        private int index(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException(file + ": no column '" + column + "' (columns: " + columns.keySet() + ")");
            }
            return i;
        }
    }

    private Csv() {
    }

    /** The header names of {@code file}. */
    public static List<String> header(Path file) throws IOException {
        try (BufferedReader r = open(file)) {
            String h = r.readLine();
            if (h == null) {
                throw new IOException(file + ": empty file, expected a header line");
            }
            return List.of(split(h));
        }
    }

    /**
     * Calls {@code sink} for every data line of {@code file}, after checking that the header has every name in
     * {@code required}.
     */
    public static void forEach(Path file, List<String> required, Consumer<Row> sink) throws IOException {
        try (BufferedReader r = open(file)) {
            String h = r.readLine();
            if (h == null) {
                throw new IOException(file + ": empty file, expected a header line");
            }
            Map<String, Integer> columns = columns(split(h));
            for (String name : required) {
                if (!columns.containsKey(name)) {
                    throw new IOException(file + ": missing column '" + name + "' (columns: " + columns.keySet() + ")");
                }
            }
            long lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    sink.accept(new Row(file, lineNo, columns, split(line)));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Every data line of {@code file}. */
    public static List<Row> readAll(Path file, List<String> required) throws IOException {
        List<Row> rows = new ArrayList<>();
        forEach(file, required, rows::add);
        return rows;
    }

    private static Map<String, Integer> columns(String[] header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.putIfAbsent(header[i].trim().replace("\"", ""), i);
        }
        return columns;
    }

    private static String[] split(String line) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.split(",", -1);
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
