package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Layer;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path tmp;

    /** A layer with a parameter and a buffer, like a normalization layer: y = (x - running_mean) * weight. */
    private static final class Shift extends Module implements Layer {
        private final Parameter weight;

        Shift(int n, DType dtype) {
            weight = parameter("weight", Tensor.ones(dtype, n));
            buffer("running_mean", Tensor.zeros(dtype, n));
            buffer("num_batches_tracked", Tensor.zeros(DType.I64));
        }

        @Override
        public Var forward(Var x) {
            return x.sub(Var.constant(buffer("running_mean"))).mul(weight.var());
        }
    }

    private static Sequential model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(3, 5, true, DType.F64, rng), new Shift(5, DType.F64), Activation.tanh(),
                new Linear(5, 2, true, DType.F64, rng));
    }

    private static Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("layers", List.of(3, 5, 2));
        c.put("activation", "tanh");
        c.put("lr", 0.05);
        c.put("nested", Map.of("dropout", false));
        return c;
    }

    private static void assertSameState(Module expected, Module actual) {
        Map<String, Tensor> e = StateDict.of(expected);
        Map<String, Tensor> a = StateDict.of(actual);
        assertEquals(e.keySet(), a.keySet());
        e.forEach((k, t) -> SafetensorsTest.assertBitIdentical(t, a.get(k), k));
    }

    @Test
    void savesAndRestoresEverything() throws IOException {
        Sequential m = model(1);
        m.setBufferByName("1.running_mean", Tensor.of(new double[] {0.5, -1, 2, 0, 3}, 5));
        m.setBufferByName("1.num_batches_tracked", Tensor.of(new long[] {17}, new int[0]));
        Rng rng = new Rng(0xdeadbeefcafeL, -5);
        Map<String, Tensor> opt = Map.of("step", Tensor.of(new long[] {40}, new int[0]),
                "momentum.0.weight", Tensor.full(DType.F64, 0.25, 5, 3));
        Path file = tmp.resolve("ckpt.safetensors");
        Checkpoint.save(file, m, config(), opt, 7, rng);

        Checkpoint c = Checkpoint.load(file);
        assertEquals(7, c.epoch());
        assertEquals(Checkpoint.FORMAT_VERSION, c.formatVersion());
        assertEquals(List.of(3L, 5L, 2L), c.config().get("layers"));
        assertEquals(0.05, c.config().get("lr"));
        assertEquals(Map.of("dropout", false), c.config().get("nested"));
        assertEquals(0xdeadbeefcafeL, c.rng().key());
        assertEquals(-5, c.rng().counter());
        assertEquals(rng.nextLong(), c.rng().nextLong());
        assertEquals(opt.keySet(), c.optimizerState().keySet());
        SafetensorsTest.assertBitIdentical(opt.get("momentum.0.weight"), c.optimizerState().get("momentum.0.weight"), "m");
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "3.weight", "3.bias", "1.running_mean", "1.num_batches_tracked"),
                List.copyOf(c.modelState().keySet()));

        Sequential fresh = model(2);
        fresh.freeze("0.");
        assertTrue(c.loadInto(fresh).isExact());
        assertSameState(m, fresh);
        assertTrue(fresh.namedParameters().get("0.weight").frozen(), "frozen flag survives loading");
        Tensor x = new Rng(9).randn(DType.F64, 4, 3);
        assertArrayEquals(m.forward(Var.constant(x)).value().toDoubleArray(),
                fresh.forward(Var.constant(x)).value().toDoubleArray(), 0);

        Map<String, String> meta = Safetensors.read(file).metadata();
        assertEquals("pt", meta.get("format"));
        assertEquals("{\"format_version\":1,\"epoch\":7,\"config\":{\"layers\":[3,5,2],\"activation\":\"tanh\",\"lr\":0.05,"
                + "\"nested\":{\"dropout\":false}},\"rng\":{\"key\":\"244837814094590\",\"counter\":\"18446744073709551611\"}}",
                meta.get(Checkpoint.METADATA_KEY));
    }

    @Test
    void strictLoadingListsMissingUnexpectedAndMismatchedKeys() throws IOException {
        Path file = tmp.resolve("ckpt.safetensors");
        Checkpoint.save(file, model(1), null, null, 0, null);
        Checkpoint c = Checkpoint.load(file);
        assertFalse(c.hasRng());
        assertThrows(IllegalStateException.class, c::rng);

        Sequential other = new Sequential(new Linear(3, 5, true, DType.F64, new Rng(3)), new Shift(5, DType.F64),
                Activation.tanh(), new Linear(5, 2, false, DType.F64, new Rng(4)), new Linear(2, 1, true, DType.F64, new Rng(5)));
        Map<String, Tensor> before = StateDict.of(other);
        StateDict.MismatchException e = assertThrows(StateDict.MismatchException.class, () -> c.loadInto(other));
        assertEquals(List.of("4.weight", "4.bias"), e.missingKeys());
        assertEquals(List.of("3.bias"), e.unexpectedKeys());
        assertEquals("loading checkpoint " + file + " into Sequential (strict): 2 missing keys [4.weight, 4.bias];"
                + " 1 unexpected key [3.bias]", e.getMessage());
        assertEquals(before, StateDict.of(other), "a failed load changes nothing");

        StateDict.LoadResult r = c.loadInto(other, false);
        assertEquals(List.of("4.weight", "4.bias"), r.missingKeys());
        assertEquals(List.of("3.bias"), r.unexpectedKeys());
        SafetensorsTest.assertBitIdentical(c.modelState().get("3.weight"), other.namedParameters().get("3.weight").value(), "3.weight");

        Sequential wrongShape = new Sequential(new Linear(3, 4, true, DType.F64, new Rng(3)));
        Sequential wrongDtype = new Sequential(new Linear(3, 5, true, DType.F32, new Rng(3)));
        StateDict.MismatchException shape = assertThrows(StateDict.MismatchException.class, () -> c.loadInto(wrongShape, false));
        assertEquals(List.of("0.weight", "0.bias"), shape.mismatchedKeys());
        assertTrue(shape.getMessage().contains("(non-strict): 2 shape/dtype mismatches [0.weight: state has F64 [5, 3],"
                + " module has F64 [4, 3], 0.bias: state has F64 [5], module has F64 [4]]"), shape.getMessage());
        StateDict.MismatchException dtype = assertThrows(StateDict.MismatchException.class, () -> c.loadInto(wrongDtype, false));
        assertTrue(dtype.getMessage().contains("0.weight: state has F64 [5, 3], module has F32 [5, 3]"), dtype.getMessage());
    }

    @Test
    void refusesNonCheckpointsAndCollidingNames() throws IOException {
        Path plain = Fixtures.path("stella_cnn.safetensors");
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Checkpoint.load(plain));
        assertTrue(e.getMessage().contains("not an astrograd checkpoint"), e.getMessage());

        Path future = tmp.resolve("future.safetensors");
        Safetensors.write(future, Map.of(), Map.of(Checkpoint.METADATA_KEY, "{\"format_version\":2,\"epoch\":0,\"config\":{}}"));
        assertTrue(assertThrows(SafetensorsException.class, () -> Checkpoint.load(future)).getMessage()
                .contains("checkpoint format version 2 is not supported"));
        Path badRng = tmp.resolve("rng.safetensors");
        Safetensors.write(badRng, Map.of(), Map.of(Checkpoint.METADATA_KEY,
                "{\"format_version\":1,\"epoch\":0,\"config\":{},\"rng\":{\"key\":\"-1\",\"counter\":\"0\"}}"));
        assertTrue(assertThrows(SafetensorsException.class, () -> Checkpoint.load(badRng)).getMessage()
                .contains("unsigned 64-bit decimals"));

        class Holder extends Module {
            Holder() {
                module("optimizer", new Linear(2, 2, new Rng(1)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(tmp.resolve("x"), new Holder(), null, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(tmp.resolve("x"), model(1),
                Map.of("bad", Double.NaN), null, 0, null));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    /** A channel that fails on its {@code failAt}-th write (1-based); the first write is the length + header. */
    private static final class FailingChannel implements WritableByteChannel {
        private final WritableByteChannel inner;
        private final int failAt;
        private int writes;

        FailingChannel(WritableByteChannel inner, int failAt) {
            this.inner = inner;
            this.failAt = failAt;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (++writes == failAt) {
                throw new IOException("injected failure on write " + writes);
            }
            return inner.write(src);
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @Test
    void failedWriteKeepsThePreviousCheckpoint() throws IOException {
        Path file = tmp.resolve("ckpt.safetensors");
        Sequential m = model(1);
        Checkpoint.save(file, m, config(), null, 1, new Rng(5));
        byte[] before = Files.readAllBytes(file);

        Sequential changed = model(2);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.save(file, changed, config(), null, null, 2, new Rng(6),
                ch -> new FailingChannel(ch, 2)));
        assertEquals("injected failure on write 2", e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(file));
        Checkpoint c = Checkpoint.load(file);
        assertEquals(1, c.epoch());
        Sequential restored = model(3);
        c.loadInto(restored);
        assertSameState(m, restored);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList(), "the temporary file is removed");
        }

        Checkpoint.save(file, changed, config(), null, 2, new Rng(6));
        assertEquals(2, Checkpoint.load(file).epoch());
        assertNotEquals(before.length, 0);
    }

    static void writeJavaCheckpoint(Path file) throws IOException {
        Sequential mlp = SafetensorsTest.fixtureMlp();
        Rng rng = new Rng(42);
        rng.nextLong();
        Map<String, Tensor> momentum = new LinkedHashMap<>();
        mlp.namedParameters().forEach((name, p) -> momentum.put("momentum." + name, p.value().mul(0.5)));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("layers", List.of(4, 8, 2));
        config.put("activation", "relu");
        config.put("lr", 0.01);
        Checkpoint.save(file, mlp, config, momentum, 3, rng);
    }

    @Test
    void javaWrittenCheckpointIsReproducedAndReadable() throws IOException {
        Path committed = Fixtures.checkJavaWritten("java_mlp_checkpoint.safetensors", tmp, CheckpointTest::writeJavaCheckpoint);
        Checkpoint c = Checkpoint.load(committed);
        assertEquals(3, c.epoch());
        Sequential mlp = new Sequential(new Linear(4, 8, true, DType.F64, new Rng(0)), Activation.relu(),
                new Linear(8, 2, true, DType.F64, new Rng(0)));
        c.loadInto(mlp);
        assertSameState(SafetensorsTest.fixtureMlp(), mlp);
    }
}
