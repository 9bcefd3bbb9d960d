package astrograd.inference.uq;

import astrograd.autodiff.Var;
import astrograd.layers.Module;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.Callback;
import astrograd.layers.train.DeepEnsemble;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.History;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Trains {@link GaussianMlp}s: Adam on shuffled mini-batches of the loss {@code mean NLL + regularizer}, early
 * stopping on the validation NLL (evaluation mode, no regularizer) and the best epoch's weights kept, as plan-net
 * trains (Keras's EarlyStopping and ModelCheckpoint). Ensembles train member by member from split streams
 * ({@link DeepEnsemble}).
 */
public final class GaussianTraining {
    /**
     * @param epochs    maximum epochs
     * @param batchSize examples per step
     * @param lr        Adam's learning rate
     * @param patience  epochs without a better validation NLL before stopping
     */
    public record Settings(int epochs, int batchSize, double lr, int patience) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(lr > 0) || patience < 1) {
                throw new IllegalArgumentException("GaussianTraining: need epochs, batch size, patience >= 1 and lr > 0, got "
                        + epochs + ", " + batchSize + ", " + patience + ", " + lr);
            }
        }
    }

    /** Training and validation inputs {@code [N, F]} and targets {@code [N, D]}. */
    public record Data(Tensor xTrain, Tensor yTrain, Tensor xVal, Tensor yVal) {
        public Data {
            if (xTrain.size(0) != yTrain.size(0) || xVal.size(0) != yVal.size(0)) {
                throw new IllegalArgumentException("GaussianTraining: " + xTrain.size(0) + " training inputs for "
                        + yTrain.size(0) + " targets, " + xVal.size(0) + " validation inputs for " + yVal.size(0));
            }
        }
    }

    private GaussianTraining() {
    }

    /** Trains one network in place; returns its history (metrics {@code loss} and {@code val_nll}). */
    public static History fit(GaussianMlp model, Data data, Settings settings, Rng rng, List<Callback> callbacks) {
        DataLoader loader = new DataLoader(new TensorDataset(data.xTrain(), data.yTrain()), settings.batchSize(), rng,
                false);
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), settings.lr()),
                batch -> model.loss(batch.get(0), batch.get(1)))
                .validation(m -> Map.of("val_nll", validationNll(model, data.xVal(), data.yVal())))
                .callback(new EarlyStopping("val_nll", Mode.MIN, settings.patience(), 0))
                .callback(new KeepBest(model, "val_nll", Mode.MIN));
        callbacks.forEach(trainer::callback);
        return trainer.fit(loader, settings.epochs());
    }

    /** Mean NLL of a network in its current mode, in chunks of 4096 rows, without a graph. */
    public static double validationNll(GaussianMlp model, Tensor x, Tensor y) {
        double sum = 0;
        int n = x.size(0);
        for (int from = 0; from < n; from += 4096) {
            int len = Math.min(4096, n - from);
            Var nll = model.forward(Var.constant(x.narrow(0, from, len))).logProb(Var.constant(y.narrow(0, from, len)))
                    .neg().sum();
            sum += nll.value().to(DType.F64).item();
        }
        return sum / n;
    }

    /**
     * An ensemble of {@code members} networks of {@code config}, member i built and trained from stream i of
     * {@code rng.split(members)}.
     *
     * @param callbacks per member index, extra callbacks (progress) or an empty list
     */
    public static DeepEnsemble<GaussianMlp> ensemble(int members, GaussianMlp.Config config, DType dtype, Data data,
            Settings settings, Rng rng, IntFunction<List<Callback>> callbacks) {
        return DeepEnsemble.train(members, rng, (i, r) -> new GaussianMlp(config, dtype, r),
                (i, model, r) -> fit(model, data, settings, r, callbacks.apply(i)));
    }

    /** The members as {@link GaussianModel}s for {@link Predictive#mixture}. */
    public static List<GaussianModel> predictors(List<? extends Module> members) {
        return members.stream().map(m -> ((GaussianMlp) m).predictor()).toList();
    }
}
