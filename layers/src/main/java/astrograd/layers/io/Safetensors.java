package astrograd.layers.io;

import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads and writes the safetensors format (Hugging Face's), the file format of checkpoints:
 * <ol>
 *   <li>8 bytes: the header length {@code N}, an unsigned little-endian 64-bit integer;</li>
 *   <li>{@code N} bytes: a UTF-8 JSON object that starts with <code>{</code> and may be padded at the end
 *       with spaces. Each key is a tensor name mapped to
 *       <code>{"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}</code>; the optional key
 *       {@code "__metadata__"} maps to an object of string values;</li>
 *   <li>the data buffer: each tensor's elements, little-endian and row-major, at bytes
 *       {@code [begin, end)} counted from the first byte after the header.</li>
 * </ol>
 * Supported dtypes are {@code F32, F64, I32, I64, BOOL} (one byte, 0 or 1).
 *
 * <p>The writer pads the header with spaces to a multiple of 8 bytes and lays the data out by element size,
 * widest first (stable), so every tensor starts aligned to its element size; the header lists the tensors
 * in the map's order, which {@link #read} preserves.
 * Writes are atomic ({@code fsync}ed temporary file renamed over the target).
 *
 * <p>The reader checks everything before it allocates: the header length against the file size and a
 * 100 MiB limit; the JSON (strict: no duplicate keys); each entry's fields, dtype and shape; that
 * {@code end - begin = numel · elementSize}; and that the tensors' ranges tile the data buffer exactly:
 * in range, without overlaps, holes or trailing bytes. Every refusal is a {@link SafetensorsException}
 * naming the file and what is wrong.
 */
public final class Safetensors {
    /** The largest header accepted (as in the reference implementation). */
    public static final long MAX_HEADER_BYTES = 100L << 20;
    /** The reserved header key of the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private static final Map<String, DType> DTYPES = Map.of("F32", DType.F32, "F64", DType.F64, "I32", DType.I32,
            "I64", DType.I64, "BOOL", DType.BOOL);
    private static final Set<String> OTHER_FORMAT_DTYPES = Set.of("F16", "BF16", "I8", "U8", "I16", "U16", "U32",
            "U64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");

    /** The tensors of a file in header order, and its metadata (empty if it has none). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** One header entry, validated against its own fields. */
    private record Entry(String name, DType dtype, int[] shape, int numel, long begin, long end) {
    }

    private Safetensors() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} (any layout and device, dtypes F32/F64/I32/I64/BOOL) and {@code metadata}
     * (may be null or empty: then no {@code __metadata__} entry) to {@code file}, atomically.
     *
     * @throws SafetensorsException for a null tensor, a tensor named {@code __metadata__} or a null
     *         metadata key or value; the file is then untouched
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, UnaryOperator.identity());
    }

    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
                      UnaryOperator<WritableByteChannel> decorate) throws IOException {
        List<Map.Entry<String, Tensor>> layout = layout(file, tensors);
        byte[] header = header(file, tensors.keySet(), layout, metadata == null ? Map.of() : metadata);
        AtomicFile.write(file, out -> {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            while (prefix.hasRemaining()) {
                out.write(prefix);
            }
            for (Map.Entry<String, Tensor> e : layout) {
                TensorBytes.write(e.getValue(), out);
            }
        }, decorate);
    }

    /** The tensors in data order: element size descending, stable within a size. */
    private static List<Map.Entry<String, Tensor>> layout(Path file, Map<String, Tensor> tensors) throws SafetensorsException {
        List<Map.Entry<String, Tensor>> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new SafetensorsException(file, "cannot write a null tensor or name (" + e.getKey() + ")");
            }
            if (e.getKey().equals(METADATA_KEY)) {
                throw new SafetensorsException(file, "a tensor cannot be named " + METADATA_KEY);
            }
            out.add(Map.entry(e.getKey(), e.getValue()));
        }
        out.sort(Comparator.comparingInt((Map.Entry<String, Tensor> e) -> e.getValue().dtype().byteSize()).reversed());
        return out;
    }

    /** Entries in the caller's key order, with offsets from the data layout. */
    private static byte[] header(Path file, Set<String> order, List<Map.Entry<String, Tensor>> layout,
                                 Map<String, String> metadata) throws SafetensorsException {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new SafetensorsException(file, "metadata keys and values must not be null (" + e.getKey() + ")");
                }
            }
            json.put(METADATA_KEY, metadata);
        }
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : layout) {
            Tensor t = e.getValue();
            long bytes = (long) t.numel() * t.dtype().byteSize();
            List<Integer> shape = new ArrayList<>();
            for (int d : t.shape()) {
                shape.add(d);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + bytes));
            entries.put(e.getKey(), entry);
            offset += bytes;
        }
        for (String name : order) {
            json.put(name, entries.get(name));
        }
        String text;
        try {
            text = Json.write(json);
        } catch (Json.JsonException e) {
            throw new SafetensorsException(file, e.getMessage(), e);
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int padded = (utf8.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        java.util.Arrays.fill(out, utf8.length, padded, (byte) ' ');
        return out;
    }

    // ---------------------------------------------------------------- reading

    /** Reads and validates a whole file (see the class notes for the checks). */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long headerLength = headerLength(file, ch, size);
            String headerText = headerText(file, ch, headerLength);
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = entries(file, headerText, metadata);
            checkTiling(file, entries, size - 8 - headerLength);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                tensors.put(e.name(), readTensor(file, ch, 8 + headerLength, e));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static long headerLength(Path file, FileChannel ch, long size) throws IOException {
        if (size < 8) {
            throw new SafetensorsException(file, "file is " + size + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, b, 0);
        long n = b.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsException(file, "header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        if (n < 2) {
            throw new SafetensorsException(file, "header length " + n + " is too short for a JSON object");
        }
        if (8 + n > size) {
            throw new SafetensorsException(file, "header length " + n + " runs past the end of the file (" + size
                    + " bytes; truncated?)");
        }
        return n;
    }

    private static String headerText(Path file, FileChannel ch, long length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) length);
        readFully(file, ch, b, 8);
        b.flip();
        if (b.get(0) != '{') {
            throw new SafetensorsException(file, "header must start with '{', found byte 0x"
                    + Integer.toHexString(b.get(0) & 0xff));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException(file, "header is not valid UTF-8", e);
        }
    }

    private static List<Entry> entries(Path file, String headerText, Map<String, String> metadataOut) throws SafetensorsException {
        Object parsed;
        try {
            parsed = Json.parse(headerText);
        } catch (Json.JsonException e) {
            throw new SafetensorsException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map)) {
            throw new SafetensorsException(file, "header must be a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                metadataOut.putAll(metadata(file, e.getValue()));
            } else {
                entries.add(entry(file, name, e.getValue()));
            }
        }
        return entries;
    }

    private static Map<String, String> metadata(Path file, Object value) throws SafetensorsException {
        if (!(value instanceof Map)) {
            throw new SafetensorsException(file, METADATA_KEY + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new SafetensorsException(file, METADATA_KEY + " value of \"" + e.getKey() + "\" must be a string, got "
                        + Json.write(e.getValue()));
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    private static Entry entry(Path file, String name, Object value) throws SafetensorsException {
        String where = "tensor \"" + name + "\": ";
        if (!(value instanceof Map)) {
            throw new SafetensorsException(file, where + "entry must be an object with dtype, shape and data_offsets");
        }
        Map<?, ?> m = (Map<?, ?>) value;
        for (Object key : m.keySet()) {
            if (!ENTRY_FIELDS.contains(key)) {
                throw new SafetensorsException(file, where + "unknown field \"" + key + "\"");
            }
        }
        for (String field : ENTRY_FIELDS) {
            if (!m.containsKey(field)) {
                throw new SafetensorsException(file, where + "missing field \"" + field + "\"");
            }
        }
        DType dtype = dtype(file, where, m.get("dtype"));
        int[] shape = shape(file, where, m.get("shape"));
        long[] offsets = offsets(file, where, m.get("data_offsets"));
        long numel = 1;
        for (int d : shape) {
            numel *= d;
            if (numel > Integer.MAX_VALUE) {
                throw new SafetensorsException(file, where + "shape " + Shape.str(shape) + " has more than 2^31 - 1 elements");
            }
        }
        long expected = numel * dtype.byteSize();
        if (offsets[1] - offsets[0] != expected) {
            throw new SafetensorsException(file, where + dtype + " " + Shape.str(shape) + " needs " + expected
                    + " bytes but data_offsets [" + offsets[0] + ", " + offsets[1] + "] span " + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dtype, shape, (int) numel, offsets[0], offsets[1]);
    }

    private static DType dtype(Path file, String where, Object v) throws SafetensorsException {
        if (!(v instanceof String)) {
            throw new SafetensorsException(file, where + "dtype must be a string, got " + Json.write(v));
        }
        DType d = DTYPES.get(v);
        if (d == null) {
            throw new SafetensorsException(file, where + (OTHER_FORMAT_DTYPES.contains(v)
                    ? "dtype " + v + " is not supported (astrograd reads F32, F64, I32, I64, BOOL)"
                    : "unknown dtype \"" + v + "\""));
        }
        return d;
    }

    private static int[] shape(Path file, String where, Object v) throws SafetensorsException {
        if (!(v instanceof List)) {
            throw new SafetensorsException(file, where + "shape must be an array of integers, got " + Json.write(v));
        }
        List<?> list = (List<?>) v;
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = list.get(i);
            if (!(d instanceof Long) || (Long) d < 0 || (Long) d > Integer.MAX_VALUE) {
                throw new SafetensorsException(file, where + "shape " + Json.write(v) + ": dimension " + i
                        + " must be an integer in [0, 2^31 - 1]");
            }
            shape[i] = (int) (long) (Long) d;
        }
        return shape;
    }

    private static long[] offsets(Path file, String where, Object v) throws SafetensorsException {
        if (!(v instanceof List) || ((List<?>) v).size() != 2 || !(((List<?>) v).get(0) instanceof Long)
                || !(((List<?>) v).get(1) instanceof Long)) {
            throw new SafetensorsException(file, where + "data_offsets must be [begin, end] integers, got " + Json.write(v));
        }
        long begin = (Long) ((List<?>) v).get(0);
        long end = (Long) ((List<?>) v).get(1);
        if (begin < 0 || end < begin) {
            throw new SafetensorsException(file, where + "data_offsets [" + begin + ", " + end + "] must satisfy 0 <= begin <= end");
        }
        return new long[] {begin, end};
    }

    /** The ranges, sorted, must be in the data buffer and cover it exactly once. */
    private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws SafetensorsException {
        for (Entry e : entries) {
            if (e.end() > dataLength) {
                throw new SafetensorsException(file, "tensor \"" + e.name() + "\": data_offsets [" + e.begin() + ", " + e.end()
                        + "] run past the end of the data (" + dataLength + " bytes; truncated?)");
            }
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered) {
                throw new SafetensorsException(file, "tensors \"" + previous.name() + "\" [" + previous.begin() + ", "
                        + previous.end() + ") and \"" + e.name() + "\" [" + e.begin() + ", " + e.end() + ") overlap");
            }
            if (e.begin() > covered) {
                throw new SafetensorsException(file, "bytes [" + covered + ", " + e.begin() + ") of the data before tensor \""
                        + e.name() + "\" belong to no tensor");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw new SafetensorsException(file, (dataLength - covered) + " trailing bytes after the last tensor belong to"
                    + " no tensor (data is " + dataLength + " bytes, tensors end at " + covered + ")");
        }
    }

    private static Tensor readTensor(Path file, FileChannel ch, long dataStart, Entry e) throws IOException {
        try {
            return TensorBytes.read(ch, dataStart + e.begin(), e.dtype(), e.shape(), e.numel());
        } catch (IllegalArgumentException | EOFException bad) {
            throw new SafetensorsException(file, "tensor \"" + e.name() + "\": " + bad.getMessage(), bad);
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new SafetensorsException(file, "file ends at byte " + (position + b.position()) + " (truncated?)");
            }
        }
    }
}
