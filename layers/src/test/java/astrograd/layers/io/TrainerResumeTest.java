package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Dropout;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.optim.Adam;
import astrograd.layers.optim.AdamW;
import astrograd.layers.optim.ExponentialLr;
import astrograd.layers.optim.OneCycleLr;
import astrograd.layers.optim.Optimizer;
import astrograd.layers.optim.ReduceLrOnPlateau;
import astrograd.layers.train.Callback;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.History;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library's {@link Trainer} (F32 model with dropout, Adam or AdamW on the fused F32 path, learning-rate
 * schedules, a shuffling {@link DataLoader} whose 50 examples make 7 batches, the last one partial) is
 * interrupted mid-epoch: a callback writes a {@link Checkpoint} to disk and the run dies. A new process's
 * objects, built with other seeds and another learning rate, restore it and finish: weights, optimizer moments,
 * schedule positions, dropout streams, the loader's stream and the metrics of every later epoch have the same
 * bits as an uninterrupted run.
 */
class TrainerResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    Path tmp;

    /** The dead run's end. */
    private static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    /** One training setup, built from seeds (which a resumed run changes: the checkpoint must not need them). */
    private static final class Run {
        final Sequential model;
        final Optimizer optimizer;
        final Trainer trainer;
        final DataLoader loader;

        Run(String setup, long seed, double lr) {
            Rng rng = new Rng(seed);
            model = new Sequential(new Linear(4, 16, rng), Activation.tanh(), new Dropout(0.25, rng), new Linear(16, 1, rng));
            Rng data = new Rng(3);
            Tensor x = data.randn(DType.F32, 50, 4);
            Tensor y = x.select(1, 0).sin().add(x.select(1, 1).mul(x.select(1, 2))).reshape(50, 1);
            loader = new DataLoader(new TensorDataset(x, y), 8, rng, false);
            boolean oneCycle = setup.equals("adamw_onecycle_clip");
            optimizer = oneCycle ? new AdamW(model.parameters(), lr) : new Adam(model.parameters(), lr);
            trainer = new Trainer(model, optimizer, b -> model.forward(Var.constant(b.get(0))).sub(Var.constant(b.get(1)))
                    .square().mean());
            if (oneCycle) {
                trainer.schedulePerBatch(new OneCycleLr(optimizer, 0.05, EPOCHS * loader.batchCount())).clipGradNorm(1.0);
            } else {
                trainer.schedulePerEpoch(new ExponentialLr(optimizer, 0.7)).reduceOnPlateau(new ReduceLrOnPlateau(optimizer,
                        ReduceLrOnPlateau.Mode.MIN, 0.5, 0, 0.5, true, 0, 0), "loss");
            }
        }
    }

    private static Callback crashAt(int epoch, int batch, Path file) {
        return new Callback() {
            @Override
            public void onBatchEnd(Trainer t, int e, int b, double loss) {
                if (e == epoch && b == batch) {
                    try {
                        Checkpoint.save(file, t, Map.of("hidden", 16));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    throw new Crash();
                }
            }
        };
    }

    @ParameterizedTest(name = "{0}, checkpoint after epoch {1} batch {2}")
    @CsvSource({"adamw_onecycle_clip, 2, 3", "adam_exponential_plateau, 1, 2", "adam_exponential_plateau, 1, 6",
        "adamw_onecycle_clip, 0, 0"})
    void aRunInterruptedMidEpochResumesBitForBit(String setup, int epoch, int batch) throws IOException {
        Run straight = new Run(setup, 11, 0.01);
        History full = straight.trainer.fit(straight.loader, EPOCHS);

        Path file = tmp.resolve("run.safetensors");
        Run dying = new Run(setup, 11, 0.01);
        dying.trainer.callback(crashAt(epoch, batch, file));
        assertThrows(Crash.class, () -> dying.trainer.fit(dying.loader, EPOCHS));

        Checkpoint c = Checkpoint.load(file);
        Map<String, long[]> saved = bits(c.optimizerState());
        Run resumed = new Run(setup, 999, 0.5);
        c.restore(resumed.trainer);
        assertEquals(epoch, resumed.trainer.epoch());
        assertEquals(batch + 1, resumed.trainer.batch());
        History rest = resumed.trainer.resume(resumed.loader, EPOCHS);

        assertSameBits(bits(straight.model), bits(resumed.model), "parameters");
        assertSameBits(bits(straight.optimizer.state()), bits(resumed.optimizer.state()), "optimizer state");
        assertSameBits(bits(straight.trainer.state()), bits(resumed.trainer.state()), "trainer state");
        assertEquals(streams(straight.model), streams(resumed.model), "dropout streams");
        assertEquals(full.epochs().subList(epoch, EPOCHS), rest.epochs());
        for (int i = 0; i < rest.size(); i++) {
            assertEquals(full.get(epoch + i), rest.get(i), "metrics of epoch " + (epoch + i));
        }
        assertSameBits(saved, bits(c.optimizerState()), "the checkpoint's optimizer tensors after the resumed run");
    }

    /**
     * Early stopping's patience count and the best-weights snapshot survive the checkpoint: the resumed run, with
     * fresh callbacks, stops at the same epoch and ends with the same best weights as the uninterrupted one.
     */
    @org.junit.jupiter.api.Test
    void earlyStoppingAndKeepBestResumeWhereTheyWere() throws IOException {
        int epochs = 30;
        Run straight = new Run("adam_exponential_plateau", 11, 0.01);
        EarlyStopping stop = new EarlyStopping("loss", Mode.MIN, 2, 0.01);
        KeepBest best = new KeepBest(straight.model, "loss", Mode.MIN);
        straight.trainer.callback(stop).callback(best);
        History full = straight.trainer.fit(straight.loader, epochs);
        assertTrue(stop.stoppedEpoch() > 3 && stop.stoppedEpoch() < epochs - 1, "stopped at " + stop.stoppedEpoch()
                + ", losses " + full.epochs());

        int crashEpoch = stop.stoppedEpoch() - 1;
        Path file = tmp.resolve("run.safetensors");
        Run dying = new Run("adam_exponential_plateau", 11, 0.01);
        dying.trainer.callback(new EarlyStopping("loss", Mode.MIN, 2, 0.01))
                .callback(new KeepBest(dying.model, "loss", Mode.MIN)).callback(crashAt(crashEpoch, 2, file));
        assertThrows(Crash.class, () -> dying.trainer.fit(dying.loader, epochs));

        Run resumed = new Run("adam_exponential_plateau", 999, 0.5);
        EarlyStopping stop2 = new EarlyStopping("loss", Mode.MIN, 2, 0.01);
        KeepBest best2 = new KeepBest(resumed.model, "loss", Mode.MIN);
        resumed.trainer.callback(stop2).callback(best2);
        Checkpoint.load(file).restore(resumed.trainer);
        History rest = resumed.trainer.resume(resumed.loader, epochs);

        assertEquals(stop.stoppedEpoch(), stop2.stoppedEpoch());
        assertEquals(stop.bestEpoch(), stop2.bestEpoch());
        assertEquals(best.bestEpoch(), best2.bestEpoch());
        assertEquals(full.epochs().subList(crashEpoch, full.size()), rest.epochs());
        assertSameBits(bits(straight.model), bits(resumed.model), "the restored best parameters");
    }

    @org.junit.jupiter.api.Test
    void aCallbackStateForAnotherModelIsRefused() throws IOException {
        Path file = tmp.resolve("run.safetensors");
        Run dying = new Run("adam_exponential_plateau", 11, 0.01);
        dying.trainer.callback(new KeepBest(dying.model, "loss", Mode.MIN)).callback(crashAt(1, 2, file));
        assertThrows(Crash.class, () -> dying.trainer.fit(dying.loader, EPOCHS));
        Run other = new Run("adam_exponential_plateau", 11, 0.01);
        other.trainer.callback(new KeepBest(new Sequential(new Linear(4, 1, new Rng(1))), "loss", Mode.MIN));
        Checkpoint c = Checkpoint.load(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.restore(other.trainer));
        assertTrue(e.getMessage().contains("KeepBest"), e.getMessage());
        Run none = new Run("adam_exponential_plateau", 11, 0.01);
        e = assertThrows(IllegalArgumentException.class, () -> c.restore(none.trainer));
        assertTrue(e.getMessage().contains("callback.0.KeepBest"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aStateForOtherSchedulesOrAPlainCheckpointIsRefused() throws IOException {
        Path file = tmp.resolve("run.safetensors");
        Run dying = new Run("adamw_onecycle_clip", 11, 0.01);
        dying.trainer.callback(crashAt(0, 2, file));
        assertThrows(Crash.class, () -> dying.trainer.fit(dying.loader, EPOCHS));
        Checkpoint c = Checkpoint.load(file);
        Run other = new Run("adam_exponential_plateau", 11, 0.01);
        Map<String, Tensor> before = other.trainer.state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.trainer.loadState(c.trainerState()));
        assertEquals(true, e.getMessage().contains("epoch_schedule.0.ExponentialLr.epoch"), e.getMessage());
        assertSameBits(bits(before), bits(other.trainer.state()), "a refused state changes nothing");

        Path plain = tmp.resolve("plain.safetensors");
        Checkpoint.save(plain, dying.model, null, dying.optimizer.state(), 0, null);
        assertThrows(IllegalStateException.class, () -> Checkpoint.load(plain).restore(new Run("adamw_onecycle_clip", 1, 0.1).trainer));
    }

    private static Map<String, long[]> bits(Module m) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        m.namedParameters().forEach((n, p) -> values.put(n, p.value()));
        return bits(values);
    }

    private static Map<String, long[]> bits(Map<String, Tensor> state) {
        Map<String, long[]> out = new LinkedHashMap<>();
        state.forEach((k, t) -> {
            if (t.dtype() == DType.I64) {
                out.put(k, t.toLongArray());
            } else {
                double[] d = t.toDoubleArray();
                long[] b = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    b[i] = Double.doubleToRawLongBits(d[i]);
                }
                out.put(k, b);
            }
        });
        return out;
    }

    private static void assertSameBits(Map<String, long[]> expected, Map<String, long[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), what + ": " + k));
    }

    private static List<String> streams(Module m) {
        List<String> out = new ArrayList<>();
        m.namedStreams().forEach((n, r) -> out.add(n + "=" + r));
        return out;
    }
}
