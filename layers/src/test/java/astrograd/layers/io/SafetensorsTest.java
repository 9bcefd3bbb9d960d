package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path tmp;

    /** The tensors {@code checkpoint_fixtures.py} computes with the same formulas ({@code formula_tensors}). */
    static Map<String, Tensor> formulaTensors() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        boolean[] bool = new boolean[7];
        for (int i = 0; i < 7; i++) {
            bool[i] = i % 3 == 0;
        }
        double[] f64 = new double[6];
        for (int i = 0; i < 6; i++) {
            f64[i] = i / 3.0;
        }
        float[] f32 = new float[12];
        for (int i = 0; i < 12; i++) {
            f32[i] = i * 0.25f - 1;
        }
        int[] i32 = new int[10];
        for (int i = 0; i < 10; i++) {
            i32[i] = (i - 5) * 100000;
        }
        long[] i64 = new long[9];
        for (int i = 0; i < 6; i++) {
            i64[i] = (1L << 40) + 7L * i;
        }
        i64[6] = -(1L << 62);
        i64[7] = Long.MAX_VALUE;
        i64[8] = Long.MIN_VALUE;
        m.put("bool", Tensor.of(bool, 7));
        m.put("f64", Tensor.of(f64, 2, 3));
        m.put("f32", Tensor.of(f32, 3, 4));
        m.put("i32", Tensor.of(i32, 2, 5));
        m.put("i64", Tensor.of(i64, 9));
        m.put("f32_special", Tensor.of(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
            Float.MIN_VALUE, Float.MAX_VALUE}, 5));
        m.put("scalar", Tensor.scalar(2.5, DType.F64));
        m.put("empty", Tensor.zeros(DType.F32, 0, 3));
        return m;
    }

    /** Same dtype, shape and bits (so NaN, -0.0 and denormals count). */
    static void assertBitIdentical(Tensor expected, Tensor actual, String name) {
        assertEquals(expected.dtype(), actual.dtype(), name);
        assertArrayEquals(expected.shape(), actual.shape(), name);
        switch (expected.dtype()) {
            case F32: {
                float[] e = expected.toFloatArray();
                float[] a = actual.toFloatArray();
                for (int i = 0; i < e.length; i++) {
                    assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), name + "[" + i + "]");
                }
                break;
            }
            case F64: {
                double[] e = expected.toDoubleArray();
                double[] a = actual.toDoubleArray();
                for (int i = 0; i < e.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]), name + "[" + i + "]");
                }
                break;
            }
            case I32: assertArrayEquals(expected.toIntArray(), actual.toIntArray(), name); break;
            case I64: assertArrayEquals(expected.toLongArray(), actual.toLongArray(), name); break;
            default: assertArrayEquals(expected.toBooleanArray(), actual.toBooleanArray(), name);
        }
    }

    @Test
    void roundTripsEveryDtypeScalarEmptyAndStridedTensors() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(formulaTensors());
        Tensor base = Tensor.arange(0, 24, 1, DType.F64).reshape(2, 3, 4);
        tensors.put("transposed", base.permute(2, 0, 1));
        tensors.put("sliced", base.slice(2, 1, 4, 2).flip(0));
        tensors.put("expanded", Tensor.of(new float[] {1, 2, 3}, 3, 1).expand(3, 4));
        Path file = tmp.resolve("all.safetensors");
        Safetensors.write(file, tensors, Map.of("k", "v ✓"));
        Safetensors.Contents back = Safetensors.read(file);
        assertEquals(Map.of("k", "v ✓"), back.metadata());
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            assertBitIdentical(e.getValue().contiguous(), back.tensors().get(e.getKey()), e.getKey());
        }
    }

    @Test
    void headerIsPaddedAndTensorsAligned() throws IOException {
        Path file = tmp.resolve("aligned.safetensors");
        Safetensors.write(file, formulaTensors(), null);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"bool\":{\"dtype\":\"BOOL\",\"shape\":[7],\"data_offsets\":[236,243]},"
                + "\"f64\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}"), header);
        assertFalse(header.contains("__metadata__"));
        Map<?, ?> json = (Map<?, ?>) Json.parse(header);
        for (Object entry : json.values()) {
            Map<?, ?> e = (Map<?, ?>) entry;
            long begin = (Long) ((List<?>) e.get("data_offsets")).get(0);
            int size = DType.valueOf((String) e.get("dtype")).byteSize();
            assertEquals(0, begin % size, e.toString());
        }
    }

    @Test
    void readsPytorchWrittenFileWithIdenticalValues() throws IOException {
        Safetensors.Contents c = Safetensors.read(Fixtures.path("torch_dtypes.safetensors"));
        assertEquals("Stern ✓ ü", c.metadata().get("unicode"));
        assertEquals("checkpoint_fixtures.py", c.metadata().get("writer"));
        Map<String, Tensor> expected = formulaTensors();
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            assertBitIdentical(e.getValue(), c.tensors().get(e.getKey()), e.getKey());
        }
        List<String> lines = Files.readAllLines(Fixtures.path("torch_randn.txt"));
        float[] randn = parseFloats(lines);
        assertBitIdentical(Tensor.of(randn, 4, 5), c.tensors().get("randn"), "randn");
        assertEquals(List.of("bool", "f64", "f32", "i32", "i64", "f32_special", "scalar", "empty", "randn"),
                List.copyOf(c.tensors().keySet()));
    }

    private static float[] parseFloats(List<String> lines) {
        return toFloats(lines.stream().filter(l -> !l.startsWith("#")).mapToDouble(Double::parseDouble).toArray());
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** The MLP whose checkpoint {@code checkpoint_fixtures.py} loads into torch, and a probe input. */
    static Sequential fixtureMlp() {
        Rng rng = new Rng(42);
        return new Sequential(new Linear(4, 8, true, DType.F64, rng), Activation.relu(), new Linear(8, 2, true, DType.F64, rng));
    }

    static void writeJavaDtypes(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(formulaTensors());
        Tensor probe = new Rng(43).randn(DType.F64, 5, 4);
        tensors.put("probe_input", probe);
        tensors.put("probe_output", fixtureMlp().forward(Var.constant(probe)).value());
        Safetensors.write(file, tensors, Map.of("writer", "astrograd"));
    }

    @Test
    void javaWrittenFixtureIsReproducedAndReadable() throws IOException {
        Path committed = Fixtures.checkJavaWritten("java_dtypes.safetensors", tmp, SafetensorsTest::writeJavaDtypes);
        Safetensors.Contents c = Safetensors.read(committed);
        formulaTensors().forEach((name, t) -> assertBitIdentical(t, c.tensors().get(name), name));
    }

    // ---------------------------------------------------------------- malformed files

    private Path raw(String name, byte[] lengthField, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(lengthField.length + h.length + data.length);
        b.put(lengthField).put(h).put(data);
        Path file = tmp.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    private Path raw(String name, String header, int dataBytes) throws IOException {
        return raw(name, header, new byte[dataBytes]);
    }

    private Path raw(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return raw(name, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array(), header, data);
    }

    private void assertRefused(Path file, String... fragments) {
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith("safetensors file " + file + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void refusesBadHeaderLengths() throws IOException {
        assertRefused(raw("short", new byte[5], "", new byte[0]), "file is 5 bytes, too short");
        byte[] huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertRefused(raw("huge", huge, "{}", new byte[0]), "header length 18446744073709551615 exceeds the limit");
        byte[] past = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(100).array();
        assertRefused(raw("past", past, "{}", new byte[0]), "header length 100 runs past the end of the file (10 bytes");
        assertRefused(raw("notobject", " {}", 0), "header must start with '{'");
        byte[] latin1 = {'{', '"', (byte) 0xfc, '"', ':', '1', '}', ' '};
        assertRefused(raw("utf8", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(8).array(), "",
                latin1), "header is not valid UTF-8");
    }

    @Test
    void refusesInvalidJsonAndEntries() throws IOException {
        assertRefused(raw("json", "{\"a\":{\"dtype\":\"F32\",}}", 0), "header is not valid JSON", "offset 20");
        assertRefused(raw("dup", "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}", 8),
                "duplicate key \"a\"");
        assertRefused(raw("dtype", "{" + entry("a", "F33", "[1]", 0, 4) + "}", 4), "tensor \"a\": unknown dtype \"F33\"");
        assertRefused(raw("f16", "{" + entry("a", "F16", "[2]", 0, 4) + "}", 4), "dtype F16 is not supported");
        assertRefused(raw("shape", "{" + entry("a", "F32", "[2,-1]", 0, 4) + "}", 4), "dimension 1 must be an integer");
        assertRefused(raw("shape2", "{" + entry("a", "F32", "[2.0]", 0, 8) + "}", 8), "dimension 0 must be an integer");
        assertRefused(raw("size", "{" + entry("a", "F32", "[2,3]", 0, 20) + "}", 20),
                "tensor \"a\": F32 [2, 3] needs 24 bytes but data_offsets [0, 20] span 20");
        assertRefused(raw("field", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4),
                "unknown field \"x\"");
        assertRefused(raw("missing", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "missing field \"data_offsets\"");
        assertRefused(raw("offsets", "{" + entry("a", "F32", "[1]", 4, 0) + "}", 4), "must satisfy 0 <= begin <= end");
        assertRefused(raw("meta", "{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ value of \"k\" must be a string, got 1");
        assertRefused(raw("array", "[]", 0), "header must start with '{'");
    }

    @Test
    void refusesRangesThatDoNotTileTheData() throws IOException {
        assertRefused(raw("truncated", "{" + entry("a", "F32", "[4]", 0, 16) + "}", 10),
                "tensor \"a\": data_offsets [0, 16] run past the end of the data (10 bytes; truncated?)");
        assertRefused(raw("overlap", "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", 12),
                "tensors \"a\" [0, 8) and \"b\" [4, 12) overlap");
        assertRefused(raw("hole", "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", 12),
                "bytes [4, 8) of the data before tensor \"b\" belong to no tensor");
        assertRefused(raw("trailing", "{" + entry("a", "F32", "[1]", 0, 4) + "}", 6), "2 trailing bytes after the last tensor");
        assertRefused(raw("bool", "{" + entry("a", "BOOL", "[2]", 0, 2) + "}", 0), "run past the end");
        Path badBool = raw("boolbyte", "{" + entry("a", "BOOL", "[2]", 0, 2) + "}   ", new byte[] {1, 7});
        assertRefused(badBool, "tensor \"a\": BOOL element 1 has byte value 7");
    }

    @Test
    void acceptsUnpaddedHeadersZeroSizedTensorsAndTruncationIsCaught() throws IOException {
        Path file = raw("ok", "{" + entry("e", "F32", "[0,3]", 0, 0) + "," + entry("a", "I32", "[1]", 0, 4) + ","
                + entry("z", "I64", "[0]", 4, 4) + "}", 4);
        Safetensors.Contents c = Safetensors.read(file);
        assertArrayEquals(new int[] {0, 3}, c.tensors().get("e").shape());
        assertArrayEquals(new int[] {0}, c.tensors().get("a").toIntArray());

        Path good = tmp.resolve("good.safetensors");
        Safetensors.write(good, formulaTensors(), null);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 3));
        assertRefused(cut, "run past the end of the data", "truncated?");
    }

    @Test
    void writerRefusesReservedNamesAndNulls() {
        Path file = tmp.resolve("w.safetensors");
        assertThrows(SafetensorsException.class, () -> Safetensors.write(file, Map.of("__metadata__", Tensor.zeros(1)), null));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("k", null);
        assertThrows(SafetensorsException.class, () -> Safetensors.write(file, Map.of("a", Tensor.zeros(1)), meta));
        assertFalse(Files.exists(file));
    }
}
