package astrograd.examples;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.AdamW;
import astrograd.layers.optim.CosineAnnealingLr;
import astrograd.layers.train.Callback;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.History;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How-to "a training loop with Trainer and callbacks" ({@code docs/howto/training-loop.md}): regression of
 * {@code y = sin(3 x₀) + x₁²} plus noise (σ = 0.1) with an MLP, shuffled mini-batches, AdamW with a cosine
 * schedule, a validation metric, early stopping, keep-best, and a callback of one's own.
 */
public final class TrainingLoopExample {
    /** The history, the epoch KeepBest restored and what the custom callback recorded. */
    public record Result(History history, int bestEpoch, double bestValidationMse, List<String> log) {
    }

    private TrainingLoopExample() {
    }

    public static void main(String[] args) {
        Result r = run(40);
        r.log().forEach(System.out::println);
        System.out.printf("best epoch %d, validation MSE %.4f%n", r.bestEpoch(), r.bestValidationMse());
    }

    /** Targets for inputs {@code [N, 2]}: {@code sin(3 x₀) + x₁² + N(0, 0.1²)}, shape {@code [N, 1]}. */
    static Tensor targets(Tensor x, Rng rng) {
        Tensor clean = x.select(1, 0).mul(3).sin().add(x.select(1, 1).square());
        return clean.add(rng.normal(DType.F32, 0, 0.1, x.size(0))).reshape(x.size(0), 1);
    }

    public static Result run(int epochs) {
        // docs:begin data
        Rng rng = new Rng(11);
        Tensor xTrain = rng.uniform(DType.F32, -1, 1, 2048, 2);
        Tensor yTrain = targets(xTrain, rng);
        Tensor xVal = rng.uniform(DType.F32, -1, 1, 512, 2);
        Tensor yVal = targets(xVal, rng);
        DataLoader loader = new DataLoader(new TensorDataset(xTrain, yTrain), 64, rng.split(), false);
        // docs:end data
        // docs:begin trainer
        Sequential model = new Sequential(new Linear(2, 64, rng), Activation.gelu(),
                new Linear(64, 64, rng), Activation.gelu(), new Linear(64, 1, rng));
        AdamW optimizer = new AdamW(model.parameters(), 3e-3);
        List<String> log = new ArrayList<>();
        Callback logger = new Callback() {                       // every hook has a default that does nothing
            @Override
            public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
                log.add(String.format("epoch %2d  loss %.4f  val_mse %.4f  lr %.2e", epoch,
                        metrics.get("loss"), metrics.get("val_mse"), metrics.get("lr")));
            }
        };
        KeepBest keepBest = new KeepBest(model, "val_mse", Mode.MIN);   // restores the best epoch at the end
        Trainer trainer = new Trainer(model, optimizer, batch -> Losses.mse(
                model.forward(Var.constant(batch.get(0))), Var.constant(batch.get(1)), Reduction.MEAN))
                .validation(m -> Map.of("val_mse", mse(m, xVal, yVal)))  // in eval mode, without a graph
                .schedulePerEpoch(new CosineAnnealingLr(optimizer, epochs, 1e-5))
                .callback(new EarlyStopping("val_mse", Mode.MIN, 8, 1e-4))
                .callback(keepBest)
                .callback(logger);
        History history = trainer.fit(loader, epochs);
        // docs:end trainer
        return new Result(history, keepBest.bestEpoch(), keepBest.best(), log);
    }

    // docs:begin validation
    /** The mean squared error of the model's predictions. */
    static double mse(Module model, Tensor x, Tensor y) {
        Var predicted = ((Sequential) model).forward(Var.constant(x));
        return predicted.value().sub(y).square().mean().item();
    }
    // docs:end validation
}
