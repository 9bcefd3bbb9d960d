package astrograd.examples;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Dropout;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.io.Checkpoint;
import astrograd.layers.io.StateDict;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.Callback;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * How-to "checkpoints and resume" ({@code docs/howto/checkpoints.md}): a run saved in the middle of an epoch,
 * interrupted, and resumed in a new trainer ends with the same bits as a run never interrupted (dropout masks,
 * shuffling and optimizer moments included).
 */
public final class CheckpointExample {
    static final int EPOCHS = 3;

    private CheckpointExample() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("astrograd-checkpoint");
        System.out.println(run(dir.resolve("run.safetensors"))
                ? "resumed run identical to the uninterrupted one" : "resumed run DIFFERS");
    }

    /** A small regression set: 512 examples, y = x·w + noise. */
    static TensorDataset data() {
        Rng rng = new Rng(5);
        Tensor x = rng.randn(DType.F32, 512, 8);
        Tensor y = x.matmul(rng.randn(DType.F32, 8, 1)).add(rng.normal(DType.F32, 0, 0.1, 512, 1));
        return new TensorDataset(x, y);
    }

    // docs:begin setup
    /** The model, optimizer and trainer: built the same way for the first run and for the resumed one. */
    static Trainer newTrainer(long seed) {
        Rng rng = new Rng(seed);
        Sequential model = new Sequential(new Linear(8, 32, rng), Activation.relu(),
                new Dropout(0.2, rng.split()), new Linear(32, 1, rng));
        return new Trainer(model, new Adam(model.parameters(), 1e-2), batch -> Losses.mse(
                model.forward(Var.constant(batch.get(0))), Var.constant(batch.get(1)), Reduction.MEAN));
    }

    static DataLoader newLoader() {
        return new DataLoader(data(), 32, new Rng(99), false);   // shuffled: its stream is saved too
    }
    // docs:end setup

    /** Runs both and reports whether every parameter has the same bits. */
    public static boolean run(Path file) throws IOException {
        Trainer reference = newTrainer(1);
        reference.fit(newLoader(), EPOCHS);

        // docs:begin save
        Trainer first = newTrainer(1);
        first.callback(new Callback() {
            @Override
            public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
                if (epoch == 1 && batch == 5) {
                    try {
                        Checkpoint.save(file, trainer, Map.of("hidden", 32));   // atomic: temp file + rename
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    throw new IllegalStateException("simulated crash");       // the run dies here
                }
            }
        });
        try {
            first.fit(newLoader(), EPOCHS);
        } catch (IllegalStateException crash) {
            System.out.println("interrupted at epoch 1, batch 6: " + crash.getMessage());
        }
        // docs:end save
        // docs:begin resume
        Trainer resumed = newTrainer(12345);                 // fresh weights: the checkpoint replaces them
        Checkpoint checkpoint = Checkpoint.load(file);
        checkpoint.restore(resumed);                         // model (strict), optimizer state, position, schedules
        System.out.println("config " + checkpoint.config() + ", epoch " + checkpoint.epoch()
                + ", next batch " + resumed.batch());
        resumed.resume(newLoader(), EPOCHS);                 // the rest of epoch 1, then epoch 2
        // docs:end resume
        return sameBits(StateDict.of(reference.model()), StateDict.of(resumed.model()));
    }

    static boolean sameBits(Map<String, Tensor> a, Map<String, Tensor> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String key : a.keySet()) {
            if (!Arrays.equals(a.get(key).toFloatArray(), b.get(key).toFloatArray())) {
                return false;
            }
        }
        return true;
    }
}
