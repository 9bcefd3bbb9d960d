package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming from a checkpoint is exact: K steps, save, load into a freshly (differently) initialized
 * model and optimizer, K more steps gives bit for bit the parameters of 2K uninterrupted steps. The
 * batches come from the training Rng, so its saved key and counter matter.
 */
class ResumeTrainingTest {
    private static final int K = 12;

    @TempDir
    Path tmp;

    /** Minimal SGD with momentum, PyTorch's form: {@code v ← μ v + g} (v = g on the first step), {@code p ← p − lr v}. */
    private static final class MomentumSgd {
        private final double lr;
        private final double momentum;
        private final Map<String, Tensor> velocity = new LinkedHashMap<>();
        private long steps;

        MomentumSgd(double lr, double momentum) {
            this.lr = lr;
            this.momentum = momentum;
        }

        void step(Module model) {
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                Parameter p = e.getValue();
                Tensor v = velocity.get(e.getKey());
                v = v == null ? p.grad() : v.mul(momentum).add(p.grad());
                velocity.put(e.getKey(), v);
                p.set(p.value().sub(v.mul(lr)));
            }
            steps++;
        }

        Map<String, Tensor> state() {
            Map<String, Tensor> s = new LinkedHashMap<>();
            velocity.forEach((name, v) -> s.put("velocity." + name, v));
            s.put("steps", Tensor.of(new long[] {steps}, new int[0]));
            return s;
        }

        void load(Map<String, Tensor> state) {
            velocity.clear();
            state.forEach((name, t) -> {
                if (name.startsWith("velocity.")) {
                    velocity.put(name.substring("velocity.".length()), t);
                }
            });
            steps = state.get("steps").toLongArray()[0];
        }
    }

    private static Sequential mlp(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(3, 16, rng), Activation.tanh(), new Linear(16, 16, rng), Activation.relu(),
                new Linear(16, 1, rng));
    }

    /** One step on a fresh batch from {@code data}: target {@code y = sin(x0) + x1 x2}; returns the loss. */
    private static double trainStep(Sequential model, MomentumSgd opt, Rng data) {
        Tensor x = data.randn(DType.F32, 32, 3);
        Tensor y = x.select(1, 0).sin().add(x.select(1, 1).mul(x.select(1, 2))).reshape(32, 1);
        model.zeroGrad();
        Var loss = model.forward(Var.constant(x)).sub(Var.constant(y)).square().mean();
        loss.backward();
        opt.step(model);
        return loss.value().item();
    }

    private static float[] flatParameters(Module m) {
        float[][] parts = m.parameters().stream().map(p -> p.value().toFloatArray()).toArray(float[][]::new);
        int n = Arrays.stream(parts).mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void assertBitIdentical(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "parameter element " + i);
        }
    }

    @Test
    void resumedTrainingIsBitIdenticalToUninterrupted() throws IOException {
        Sequential straight = mlp(11);
        MomentumSgd straightOpt = new MomentumSgd(0.05, 0.9);
        Rng straightData = new Rng(77);
        double first = trainStep(straight, straightOpt, straightData);
        double last = first;
        for (int i = 1; i < 2 * K; i++) {
            last = trainStep(straight, straightOpt, straightData);
        }
        assertTrue(last < first, "training reduces the loss: " + first + " -> " + last);

        Sequential part1 = mlp(11);
        MomentumSgd opt1 = new MomentumSgd(0.05, 0.9);
        Rng data1 = new Rng(77);
        for (int i = 0; i < K; i++) {
            trainStep(part1, opt1, data1);
        }
        Path file = tmp.resolve("step" + K + ".safetensors");
        Checkpoint.save(file, part1, Map.of("hidden", 16, "lr", 0.05, "momentum", 0.9), opt1.state(), K, data1);

        Checkpoint c = Checkpoint.load(file);
        Sequential part2 = mlp(999);
        c.loadInto(part2);
        MomentumSgd opt2 = new MomentumSgd(((Number) c.config().get("lr")).doubleValue(),
                ((Number) c.config().get("momentum")).doubleValue());
        opt2.load(c.optimizerState());
        Rng data2 = c.rng();
        for (long step = c.epoch(); step < 2 * K; step++) {
            trainStep(part2, opt2, data2);
        }

        assertBitIdentical(flatParameters(straight), flatParameters(part2));
        assertEquals(straightOpt.steps, opt2.steps);
        straightOpt.velocity.forEach((name, v) ->
                assertBitIdentical(v.toFloatArray(), opt2.velocity.get(name).toFloatArray()));
        assertEquals(straightData.counter(), data2.counter());

        Sequential noRng = mlp(999);
        c.loadInto(noRng);
        MomentumSgd opt3 = new MomentumSgd(0.05, 0.9);
        opt3.load(c.optimizerState());
        Rng restarted = new Rng(77);
        for (int i = 0; i < K; i++) {
            trainStep(noRng, opt3, restarted);
        }
        assertFalse(Arrays.equals(flatParameters(straight), flatParameters(noRng)),
                "without the saved Rng state the resumed run sees different batches");
    }
}
