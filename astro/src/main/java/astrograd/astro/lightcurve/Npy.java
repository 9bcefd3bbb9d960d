package astrograd.astro.lightcurve;

import astrograd.layers.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Layout: the magic {@code \x93NUMPY}, a major and a minor version byte, the header length (little-endian
 * {@code uint16} in version 1, {@code uint32} in versions 2 and 3), then an ASCII Python dict such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 18300), }}, padded with spaces and a newline, then
 * the raw data in C (row-major) order.
 *
 * <p>Readable dtypes: {@code <f8 >f8 <f4 >f4 <i8 >i8 <i4 >i4} (all converted to {@code double}; 64-bit integers
 * beyond ±2⁵³ lose precision). Fortran-ordered arrays are refused, and so is a file whose data is shorter or longer
 * than its header's shape and dtype say. {@link #write} writes {@code <f8}, version 1.0.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * An n-dimensional array of doubles in C order.
     *
     * @param data the values, {@code product(shape)} of them, last axis fastest
     * @param shape the dimensions (empty for a scalar)
     */
    public record Array(double[] data, int[] shape) {
        public Array {
            if (data.length != size(shape)) {
                throw new IllegalArgumentException("Npy.Array: shape " + Arrays.toString(shape) + " holds "
                        + size(shape) + " values, but data has " + data.length);
            }
        }

        /** The number of axes. */
        public int rank() {
            return shape.length;
        }

        /** Row {@code i} of a 2-d array, copied. */
        public double[] row(int i) {
            if (shape.length != 2) {
                throw new IllegalStateException("Npy.Array.row: needs a 2-d array, shape is " + Arrays.toString(shape));
            }
            if (i < 0 || i >= shape[0]) {
                throw new IndexOutOfBoundsException("Npy.Array.row: row " + i + " of shape " + Arrays.toString(shape));
            }
            return Arrays.copyOfRange(data, i * shape[1], (i + 1) * shape[1]);
        }
    }

    private Npy() {
    }

    /** Reads {@code file}; errors name the file and what is wrong. */
    public static Array read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses the bytes of a {@code .npy} file.
     *
     * @param content the whole file (not modified)
     * @param source a name for error messages (usually the path)
     */
    public static Array parse(byte[] content, String source) throws IOException {
        if (content.length < 10 || !Arrays.equals(Arrays.copyOf(content, MAGIC.length), MAGIC)) {
            throw new IOException(source + ": not a .npy file (bad magic: expected \\x93NUMPY)");
        }
        int major = content[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (content.length < 12) {
                throw new IOException(source + ": truncated .npy header");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new IOException(source + ": unsupported .npy format version " + major + "." + (content[7] & 0xff));
        }
        if (headerStart + headerLength > content.length) {
            throw new IOException(source + ": truncated .npy header (" + headerLength + " bytes declared, "
                    + (content.length - headerStart) + " present)");
        }
        String header = new String(content, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Dtype dtype = Dtype.of(field(DESCR, header, "descr", source), source);
        if (field(FORTRAN, header, "fortran_order", source).equals("True")) {
            throw new IOException(source + ": fortran_order True is not supported (write the array in C order, "
                    + "e.g. numpy.ascontiguousarray)");
        }
        int[] shape = parseShape(field(SHAPE, header, "shape", source), source);
        long count = size(shape);
        int dataStart = headerStart + (int) headerLength;
        long need = count * dtype.bytes;
        if (content.length - dataStart < need) {
            throw new IOException(source + ": truncated data: shape " + Arrays.toString(shape) + " of " + dtype.descr
                    + " needs " + need + " bytes, the file has " + (content.length - dataStart) + " after the header");
        }
        if (content.length - dataStart > need) {
            throw new IOException(source + ": " + (content.length - dataStart - need) + " bytes after the data: shape "
                    + Arrays.toString(shape) + " of " + dtype.descr + " needs " + need + " bytes after the header, the"
                    + " file has " + (content.length - dataStart) + " (a shape that does not match the data)");
        }
        ByteBuffer data = ByteBuffer.wrap(content, dataStart, (int) need).slice().order(dtype.order);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype.get(data, i);
        }
        return new Array(values, shape);
    }

    /**
     * Writes {@code data} as a little-endian float64 ({@code <f8}) array of the given shape, C order, format
     * 1.0. The write is atomic: a temporary file in the same folder is moved over {@code file}; parent folders
     * are created.
     */
    public static void write(Path file, double[] data, int... shape) throws IOException {
        if (data.length != size(shape)) {
            throw new IllegalArgumentException(file + ": shape " + Arrays.toString(shape) + " holds " + size(shape)
                    + " values, but data has " + data.length);
        }
        byte[] header = header(shape);
        ByteBuffer out = ByteBuffer.allocate(header.length + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        for (double v : data) {
            out.putDouble(v);
        }
        AtomicFile.write(file, out.array());
    }

    /** Writes {@code array} as {@code <f8}; see {@link #write(Path, double[], int...)}. */
    public static void write(Path file, Array array) throws IOException {
        write(file, array.data(), array.shape());
    }

    private static byte[] header(int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? dims.substring(0, dims.length() - 1) // "(5,)"
                : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        StringBuilder dict = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': (" + tuple + "), }");
        // magic(6) + version(2) + length(2) + dict + padding + '\n' must be a multiple of 64
        while ((10 + dict.length() + 1) % 64 != 0) {
            dict.append(' ');
        }
        dict.append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    private static String field(Pattern p, String header, String key, String source) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(source + ": .npy header has no readable '" + key + "' entry: " + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String tuple, String source) throws IOException {
        String[] parts = tuple.split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[n] = Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new IOException(source + ": bad .npy shape (" + tuple + ")");
            }
            if (shape[n] < 0) {
                throw new IOException(source + ": negative dimension in .npy shape (" + tuple + ")");
            }
            n++;
        }
        int[] result = Arrays.copyOf(shape, n);
        if (size(result) > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": .npy array of shape " + Arrays.toString(result) + " is too large");
        }
        return result;
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** The supported element types. */
    private enum Dtype {
        F8LE("<f8", 8, ByteOrder.LITTLE_ENDIAN), F8BE(">f8", 8, ByteOrder.BIG_ENDIAN),
        F4LE("<f4", 4, ByteOrder.LITTLE_ENDIAN), F4BE(">f4", 4, ByteOrder.BIG_ENDIAN),
        I8LE("<i8", 8, ByteOrder.LITTLE_ENDIAN), I8BE(">i8", 8, ByteOrder.BIG_ENDIAN),
        I4LE("<i4", 4, ByteOrder.LITTLE_ENDIAN), I4BE(">i4", 4, ByteOrder.BIG_ENDIAN);

        final String descr;
        final int bytes;
        final ByteOrder order;

        Dtype(String descr, int bytes, ByteOrder order) {
            this.descr = descr;
            this.bytes = bytes;
            this.order = order;
        }

        static Dtype of(String descr, String source) throws IOException {
            for (Dtype d : values()) {
                if (d.descr.equals(descr)) {
                    return d;
                }
            }
            throw new IOException(source + ": unsupported .npy dtype '" + descr + "' (supported: <f8 >f8 <f4 >f4 "
                    + "<i8 >i8 <i4 >i4)");
        }

        double get(ByteBuffer b, int i) {
            return switch (this) {
                case F8LE, F8BE -> b.getDouble(8 * i);
                case F4LE, F4BE -> b.getFloat(4 * i);
                case I8LE, I8BE -> b.getLong(8 * i);
                case I4LE, I4BE -> b.getInt(4 * i);
            };
        }
    }
}
