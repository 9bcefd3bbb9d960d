package astrograd.astro.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

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

        /** The text of {@code column}, trimmed. */
        public String text(String column) {
            return fields[index(column)].trim();
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
            return List.of(split(headerLine(file, r)));
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    /**
     * Calls {@code sink} for every data line of {@code file}, after checking that the header has every name in
     * {@code required}. A line with another number of fields than the header (a truncated file, a comma inside a
     * field) is an error, and so are text that is not UTF-8 and a corrupt or truncated gzip stream.
     */
    public static void forEach(Path file, List<String> required, Consumer<Row> sink) throws IOException {
        try (BufferedReader r = open(file)) {
            String[] header = split(headerLine(file, r));
            Map<String, Integer> columns = columns(header);
            for (String name : required) {
                if (!columns.containsKey(name)) {
                    throw new IOException(file + ": missing column '" + name + "' (columns: " + columns.keySet() + ")");
                }
            }
            long lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    String[] fields = split(line);
                    if (fields.length != header.length) {
                        throw new IOException(file + ", line " + lineNo + ": " + fields.length + " fields, the header"
                                + " has " + header.length + " (a truncated or malformed line)");
                    }
                    sink.accept(new Row(file, lineNo, columns, fields));
                }
            }
        } catch (UncheckedIOException e) {
            throw named(file, e.getCause());
        } catch (IOException e) {
            throw named(file, e);
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

    private static String headerLine(Path file, BufferedReader r) throws IOException {
        String h = r.readLine();
        if (h == null) {
            throw new IOException(file + ": empty file, expected a header line");
        }
        return h;
    }

    /** {@code e} with a message that starts with the file (as every error of this reader does). */
    private static IOException named(Path file, IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
            return e;
        }
        String what = e instanceof CharacterCodingException ? "not UTF-8 text"
                : e instanceof ZipException || e instanceof java.io.EOFException ? "corrupt or truncated gzip data"
                : "unreadable";
        return new IOException(file + ": " + what + " (" + e + ")", e);
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
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw new IOException(file + ": corrupt or truncated gzip data (" + e + ")", e);
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), 1 << 16);
    }
}
