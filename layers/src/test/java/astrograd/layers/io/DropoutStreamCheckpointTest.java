package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Dropout;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint holds the positions of the model's dropout streams: a run resumed at an epoch boundary with
 * {@link Checkpoint#save(Path, Module, Map, Map, long, Rng)} and {@link Checkpoint#loadInto} draws the same masks
 * as the uninterrupted one, whatever seed built the resumed model.
 */
class DropoutStreamCheckpointTest {
    @TempDir
    Path tmp;

    private static Sequential model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(4, 16, rng), Activation.tanh(), new Dropout(0.3, rng), new Linear(16, 6, rng),
                Activation.relu(), new Dropout(0.2, rng), new Linear(6, 1, rng));
    }

    private static Trainer trainer(Sequential m, Adam opt) {
        return new Trainer(m, opt, b -> m.forward(Var.constant(b.get(0))).sub(Var.constant(b.get(1))).square().mean());
    }

    private static DataLoader loader() {
        Rng data = new Rng(3);
        Tensor x = data.randn(DType.F32, 40, 4);
        return new DataLoader(new TensorDataset(x, x.select(1, 0).sin().reshape(40, 1)), 8, new Rng(5), false);
    }

    private static float[] flat(Module m) {
        return Tensor.cat(0, m.parameters().stream().map(p -> p.value().reshape(-1)).toList()).toFloatArray();
    }

    @Test
    void resumedDropoutDrawsTheSameMasks() throws IOException {
        Sequential straight = model(11);
        trainer(straight, new Adam(straight.parameters(), 0.01)).fit(loader(), 0, 4);

        Sequential first = model(11);
        Adam opt = new Adam(first.parameters(), 0.01);
        trainer(first, opt).fit(loader(), 0, 2);
        Path file = tmp.resolve("epoch2.safetensors");
        Checkpoint.save(file, first, null, opt.state(), 2, null);

        Checkpoint c = Checkpoint.load(file);
        Sequential resumed = model(999);
        c.loadInto(resumed);
        Adam resumedOpt = new Adam(resumed.parameters(), 0.01);
        resumedOpt.loadState(c.optimizerState());
        trainer(resumed, resumedOpt).fit(loader(), 2, 4);
        assertArrayEquals(flat(straight), flat(resumed));
    }

    @Test
    void streamsAreCopiedOutAndInAndStrictLoadingNeedsTheSameOnes() throws IOException {
        Sequential m = model(1);
        Rng out = m.namedStreams().get("2.mask");
        out.split();
        assertEquals(0, m.namedStreams().get("2.mask").counter(), "advancing a returned copy moves nothing");
        Rng in = new Rng(42, 9);
        m.setStreamByName("5.mask", in);
        in.split();
        assertEquals("Rng(key=0x2a, counter=9)", m.namedStreams().get("5.mask").toString());

        Path file = tmp.resolve("m.safetensors");
        Checkpoint.save(file, m, null, null, 0, null);
        Sequential fewer = new Sequential(new Linear(4, 16, new Rng(2)), Activation.tanh(), new Linear(16, 6, new Rng(2)),
                Activation.relu(), new Dropout(0.2, new Rng(2)), new Linear(6, 1, new Rng(2)));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file).loadInto(fewer));
        Sequential same = model(3);
        Checkpoint.load(file).loadInto(same);
        assertEquals(m.namedStreams().toString(), same.namedStreams().toString());
    }
}
