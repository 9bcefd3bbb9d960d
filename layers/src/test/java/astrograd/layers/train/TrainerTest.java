package astrograd.layers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.metrics.Metrics;
import astrograd.layers.optim.Adam;
import astrograd.layers.optim.OneCycleLr;
import astrograd.layers.optim.Optimizer;
import astrograd.layers.optim.Sgd;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** Points in [-2, 2]²; label 1 inside the circle of radius 1.2. */
    private static TensorDataset circles(Rng rng, int n) {
        Tensor x = rng.uniform(DType.F32, -2, 2, n, 2);
        float[] v = x.toFloatArray();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = v[2 * i] * v[2 * i] + v[2 * i + 1] * v[2 * i + 1] < 1.44f ? 1 : 0;
        }
        return new TensorDataset(x, Tensor.of(y, n, 1));
    }

    private static Sequential mlp(Rng rng) {
        return new Sequential(new Linear(2, 32, rng), Activation.tanh(), new Linear(32, 1, rng));
    }

    /** Binary cross-entropy with logits: mean(softplus(z) − y z). */
    private static Var bceWithLogits(Sequential m, List<Tensor> batch) {
        Var z = m.forward(Var.constant(batch.get(0)));
        return z.softplus().sub(z.mul(Var.constant(batch.get(1)))).mean();
    }

    private static double accuracy(Sequential m, TensorDataset d) {
        Tensor z = m.forward(Var.constant(d.fields().get(0))).value();
        return Metrics.accuracy(d.fields().get(1).gt(0.5).to(DType.I32), z.gt(0).to(DType.I32));
    }

    @Test
    void trainsAnMlpToHighAccuracy() {
        Rng rng = new Rng(2024);
        TensorDataset train = circles(rng, 512);
        TensorDataset val = circles(rng, 256);
        Sequential m = mlp(rng);
        Adam adam = new Adam(m.parameters(), 0.02);
        Trainer t = new Trainer(m, adam, b -> bceWithLogits(m, b))
                .validation(model -> Map.of("val_acc", accuracy(m, val)))
                .clipGradNorm(5)
                .callback(new ProgressBarCallback());
        History h = t.fit(new DataLoader(train, 32, rng, false), 40);
        assertEquals(40, h.size());
        assertEquals(40 * 16, t.globalStep());
        double[] loss = h.values("loss");
        assertTrue(loss[39] < 0.25 * loss[0], "loss " + loss[0] + " -> " + loss[39]);
        assertTrue(h.last().get("val_acc") > 0.93, h.toString());
        assertEquals(List.of("loss", "lr", "val_acc"), List.copyOf(h.last().keySet()));
    }

    /**
     * fit() inside the caller's scope: the model and the optimizer state (built outside it, updated by every step)
     * stay readable after that scope closes, and the model still predicts.
     */
    @Test
    void aModelTrainedInsideACallersScopeOutlivesIt() {
        Rng rng = new Rng(7);
        TensorDataset train = circles(rng, 128);
        Sequential m = mlp(rng);
        Adam adam = new Adam(m.parameters(), 0.02);
        Trainer t = new Trainer(m, adam, b -> bceWithLogits(m, b));
        try (TensorScope scope = TensorScope.open()) {
            t.fit(new DataLoader(train, 32, rng, false), 2);
        }
        m.namedParameters().forEach((name, p) -> assertTrue(p.value().abs().sum().item() > 0, name));
        adam.state().forEach((name, s) -> assertTrue(Double.isFinite(s.sum().item()), name));
        assertTrue(accuracy(m, train) > 0.5);
    }

    /** A validation metric that follows a script, and a callback recording the parameters at each epoch end. */
    private static final class Scripted implements Trainer.Validation {
        private final double[] values;
        private int epoch;

        Scripted(double... values) {
            this.values = values;
        }

        @Override
        public Map<String, Double> evaluate(Module model) {
            return Map.of("val_loss", values[epoch++]);
        }
    }

    private static final class Recorder implements Callback {
        final List<Map<String, Tensor>> snapshots = new ArrayList<>();

        @Override
        public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
            Map<String, Tensor> s = new LinkedHashMap<>();
            trainer.model().namedParameters().forEach((n, p) -> s.put(n, p.value()));
            snapshots.add(s);
        }
    }

    @Test
    void earlyStoppingFiresAndKeepBestRestoresTheBestWeights() {
        Rng rng = new Rng(7);
        Sequential m = mlp(rng);
        List<Integer> bestEpochs = new ArrayList<>();
        EarlyStopping stop = new EarlyStopping("val_loss", Mode.MIN, 3, 0.01);
        KeepBest keep = new KeepBest(m, "val_loss", Mode.MIN, (epoch, metrics, model) -> bestEpochs.add(epoch), true);
        Recorder rec = new Recorder();
        Trainer t = new Trainer(m, new Sgd(m.parameters(), 0.05), b -> bceWithLogits(m, b))
                .validation(new Scripted(1.0, 0.8, 0.795, 0.85, 0.9, 0.7, 0.6))
                .callback(rec).callback(stop).callback(keep);
        History h = t.fit(new DataLoader(circles(rng, 64), 16, rng, false), 50);
        assertEquals(4, stop.stoppedEpoch());
        assertEquals(5, h.size());
        assertEquals(1, stop.bestEpoch());
        assertEquals(List.of(0, 1, 2), bestEpochs);
        assertEquals(2, keep.bestEpoch());
        m.namedParameters().forEach((n, p) -> assertTrue(p.value() == rec.snapshots.get(2).get(n), n));
        assertFalse(rec.snapshots.get(4).get("0.weight") == m.namedParameters().get("0.weight").value());
        assertThrows(IllegalArgumentException.class, () -> new Trainer(m, new Sgd(m.parameters(), 0.1), b -> bceWithLogits(m, b))
                .callback(new EarlyStopping("val_auc", Mode.MAX, 1, 0)).fit(new DataLoader(circles(rng, 8), 4), 1));
    }

    @Test
    void keepBestWritesTheBestEpochAsACheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Rng rng = new Rng(8);
        Sequential m = mlp(rng);
        Sgd opt = new Sgd(m.parameters(), 0.05, 0.9, 0, false, 0);
        java.nio.file.Path file = dir.resolve("best.safetensors");
        KeepBest keep = new KeepBest(m, "val_loss", Mode.MIN,
                astrograd.layers.io.Checkpoint.writeOnBest(file, Map.of("hidden", 8), opt), true);
        Recorder rec = new Recorder();
        new Trainer(m, opt, b -> bceWithLogits(m, b)).validation(new Scripted(1.0, 0.5, 0.7, 0.9))
                .callback(rec).callback(keep).fit(new DataLoader(circles(rng, 32), 16, rng, false), 4);
        astrograd.layers.io.Checkpoint cp = astrograd.layers.io.Checkpoint.load(file);
        assertEquals(1, cp.epoch());
        assertEquals(8L, ((Number) cp.config().get("hidden")).longValue());
        assertFalse(cp.optimizerState().isEmpty());
        Sequential fresh = mlp(new Rng(123));
        cp.loadInto(fresh);
        fresh.namedParameters().forEach((n, p) -> assertArrayEquals(rec.snapshots.get(1).get(n).toDoubleArray(),
                p.value().toDoubleArray(), n));
    }

    private static double[] flatParams(Module m) {
        List<Double> out = new ArrayList<>();
        m.parameters().forEach(p -> {
            for (double d : p.value().toDoubleArray()) {
                out.add(d);
            }
        });
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void resumedTrainingContinuesBitForBit() {
        TensorDataset data = circles(new Rng(3), 96);
        Sequential a = mlp(new Rng(5));
        DataLoader la = new DataLoader(data, 16, new Rng(9), false);
        Adam oa = new Adam(a.parameters(), 0.01);
        new Trainer(a, oa, b -> bceWithLogits(a, b)).schedulePerBatch(new OneCycleLr(oa, 0.05, 6 * 6)).fit(la, 6);

        Sequential b = mlp(new Rng(5));
        DataLoader lb = new DataLoader(data, 16, new Rng(9), false);
        Adam ob = new Adam(b.parameters(), 0.01);
        OneCycleLr sb = new OneCycleLr(ob, 0.05, 6 * 6);
        new Trainer(b, ob, batch -> bceWithLogits(b, batch)).schedulePerBatch(sb).fit(lb, 0, 3);

        Sequential c = mlp(new Rng(99));
        b.namedParameters().forEach((n, p) -> c.namedParameters().get(n).set(p.value()));
        DataLoader lc = new DataLoader(data, 16, new Rng(9), false);
        Adam oc = new Adam(c.parameters(), 0.5);
        OneCycleLr sc = new OneCycleLr(oc, 0.05, 6 * 6);
        oc.loadState(ob.state());
        sc.loadState(sb.state());
        new Trainer(c, oc, batch -> bceWithLogits(c, batch)).schedulePerBatch(sc).fit(lc, 3, 6);
        assertArrayEquals(flatParams(a), flatParams(c), 0.0);
        assertEquals(oa.lr(), oc.lr(), 0.0);
        assertEquals(oa.momentum(), oc.momentum(), 0.0);
    }

    @Test
    void stepScopesKeepParametersAndOptimizerStateReadable() {
        Rng rng = new Rng(11);
        Sequential m = mlp(rng);
        Optimizer opt = Sgd.withMomentum(m.parameters(), 0.05, 0.9, true);
        Trainer t = new Trainer(m, opt, b -> bceWithLogits(m, b));
        DataLoader loader = new DataLoader(circles(rng, 40), 8, rng, false);
        t.fit(loader, 2);
        for (Tensor s : opt.state().values()) {
            s.toDoubleArray();
        }
        flatParams(m);
        m.namedParameters().values().forEach(p -> assertEquals(null, p.grad()));
        t.fit(loader, 2, 3);
        assertTrue(Double.isFinite(flatParams(m)[0]));
    }

    @Test
    void epochSchedulesAndPlateauReductionStepAfterEachEpoch() {
        Rng rng = new Rng(12);
        Sequential m = mlp(rng);
        Sgd sgd = new Sgd(m.parameters(), 0.1);
        Sgd other = new Sgd(mlp(rng).parameters(), 1.0);
        Trainer t = new Trainer(m, sgd, b -> bceWithLogits(m, b))
                .validation(new Scripted(1, 1, 1, 1, 1, 1))
                .reduceOnPlateau(new astrograd.layers.optim.ReduceLrOnPlateau(sgd, astrograd.layers.optim.ReduceLrOnPlateau.Mode.MIN,
                        0.5, 1, 1e-4, true, 0, 0), "val_loss")
                .schedulePerEpoch(new astrograd.layers.optim.ExponentialLr(other, 0.5));
        History h = t.fit(new DataLoader(circles(rng, 16), 8), 6);
        // epoch 0 sets the best; bad epochs 1, 2 -> reduce after epoch 2; bad 3, 4 -> reduce after epoch 4
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.025}, h.values("lr"), 1e-15);
        assertEquals(1.0 / 64, other.lr(), 0.0);
    }

    @Test
    void progressBarIsQuietWithoutATerminalAndNonFiniteLossFails() {
        assertFalse(new ProgressBarCallback().active());
        assertFalse(new ProgressBarCallback(false).active());
        Rng rng = new Rng(1);
        Sequential m = mlp(rng);
        Trainer t = new Trainer(m, new Sgd(m.parameters(), 0.1), b -> bceWithLogits(m, b).mul(Double.NaN));
        assertTrue(assertThrows(ArithmeticException.class, () -> t.fit(new DataLoader(circles(rng, 8), 4), 1)).getMessage()
                .contains("loss is NaN at epoch 0, batch 0"));
    }
}
