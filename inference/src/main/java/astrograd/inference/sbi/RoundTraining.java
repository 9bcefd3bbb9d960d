package astrograd.inference.sbi;

import astrograd.autodiff.Var;
import astrograd.inference.flows.ConditionalDensity;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.History;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.ProgressBarCallback;
import astrograd.layers.train.Trainer;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Map;

/**
 * One round of estimator training on {@link Trainer}: Adam, global-norm gradient clipping, the validation loss
 * after every epoch, {@link EarlyStopping} after {@code patience} epochs without improvement and {@link KeepBest}
 * restoring the best weights.
 */
final class RoundTraining {
    /** Validation rows per loss evaluation. */
    private static final int VALIDATION_CHUNK = 1000;

    private RoundTraining() {
    }

    /** A loss on z-scored θ {@code [N, D]}, x {@code [N, F]} and {@code log p(θ)} {@code [N]}. */
    @FunctionalInterface
    interface Loss {
        Var loss(Var theta, Var x, Tensor logPrior, Rng rng);
    }

    record Outcome(int epochs, double bestValidationLoss) {
    }

    /** @param train and validation {@code [θ_z, x_z, log p(θ)]} */
    static Outcome train(ConditionalDensity estimator, SnpeConfig config, Loss loss, Tensor[] train,
            Tensor[] validation, Rng rng, String label) {
        Rng batchRng = rng.split();
        DataLoader loader = new DataLoader(new TensorDataset(train[0], train[1], train[2]),
                Math.min(config.batchSize(), train[0].size(0)), rng.split(), false);
        KeepBest best = new KeepBest(estimator.module(), "val_loss", Mode.MIN);
        Trainer trainer = new Trainer(estimator.module(), new Adam(estimator.module().parameters(),
                config.learningRate()), batch -> loss.loss(Var.constant(batch.get(0)), Var.constant(batch.get(1)),
                batch.get(2), batchRng))
                .clipGradNorm(config.clipNorm())
                .validation(m -> Map.of("val_loss", validationLoss(loss, validation)))
                .callback(new EarlyStopping("val_loss", Mode.MIN, config.patience(), 0))
                .callback(best);
        if (config.progress()) {
            trainer.callback(ProgressBarCallback.perRun(label, true));
        }
        History h = trainer.fit(loader, config.maxEpochs());
        return new Outcome(h.size(), best.best());
    }

    /** The mean loss over the validation rows, atoms drawn from a fixed stream so epochs compare. */
    private static double validationLoss(Loss loss, Tensor[] validation) {
        int n = validation[0].size(0);
        Rng fixed = new Rng(0x7a1L);
        double sum = 0;
        for (int s = 0; s < n; s += VALIDATION_CHUNK) {
            int m = Math.min(VALIDATION_CHUNK, n - s);
            if (m < 2 && s > 0) {
                break;
            }
            Var l = loss.loss(Var.constant(validation[0].narrow(0, s, m)), Var.constant(validation[1].narrow(0, s, m)),
                    validation[2].narrow(0, s, m), fixed);
            sum += l.value().item() * m;
        }
        return sum / n;
    }
}
