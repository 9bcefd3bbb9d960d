package astrograd.astro.transients;

import astrograd.layers.Parameter;
import astrograd.layers.optim.Adam;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Trains a {@link Vraenn} with Adam on shuffled minibatches, holding out a validation fraction and stopping early when
 * the validation loss has not improved for {@code patience} epochs, then restoring the best weights (the reference's
 * EarlyStopping(restore_best_weights)). Unlike the reference's {@code validation_split} with {@code shuffle=False},
 * which takes the last 33 % of the rows as they come (biased when rows are ordered by class), the held-out rows are
 * drawn at random.
 */
public final class VraennTrainer {
    /** Optimisation settings (reference: lr 1e-4, validation 0.33, patience 50, up to 1000 epochs). */
    public record Options(int epochs, int batchSize, double lr, double validationFraction, int patience, long seed) {
    }

    /** Per-epoch training and validation losses and the epoch whose weights were kept. */
    public record History(double[] train, double[] validation, int bestEpoch) {
    }

    private VraennTrainer() {
    }

    /** Trains {@code model} on {@code data}; {@code onEpoch} (may be null) is told each finished epoch. */
    public static History train(Vraenn model, VraennData data, Options o, IntConsumer onEpoch) {
        if (o.epochs() < 1 || o.batchSize() < 1 || !(o.lr() > 0) || !(o.validationFraction() >= 0
                && o.validationFraction() < 1) || o.patience() < 1) {
            throw new IllegalArgumentException("VraennTrainer: bad options " + o);
        }
        Rng rng = new Rng(o.seed());
        int[] perm = astrograd.inference.stats.Rows.permutation(data.size(), rng.split());
        int nVal = (int) Math.round(o.validationFraction() * data.size());
        int[] valIdx = Arrays.copyOfRange(perm, 0, nVal);
        int[] trainIdx = Arrays.copyOfRange(perm, nVal, perm.length);
        if (trainIdx.length == 0) {
            throw new IllegalArgumentException("VraennTrainer: no training rows left after the validation split");
        }
        VraennData val = nVal > 0 ? data.rows(valIdx) : null;
        List<Parameter> params = model.parameters();
        Adam adam = new Adam(params, o.lr());
        Rng noise = rng.split();
        double[] trainLoss = new double[o.epochs()];
        double[] valLoss = new double[o.epochs()];
        Arrays.fill(valLoss, Double.NaN);
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        List<Tensor> bestWeights = null;
        int epochsRun = 0;
        for (int e = 0; e < o.epochs(); e++) {
            int[] order = astrograd.inference.stats.Rows.permutation(trainIdx.length, rng.split());
            double sum = 0;
            int batches = 0;
            for (int s = 0; s < order.length; s += o.batchSize()) {
                int[] idx = new int[Math.min(o.batchSize(), order.length - s)];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = trainIdx[order[s + k]];
                }
                VraennData batch = data.rows(idx);
                adam.zeroGrad();
                var loss = model.loss(batch, model.forward(batch, noise));
                loss.backward();
                adam.step();
                sum += loss.value().item();
                batches++;
            }
            trainLoss[e] = sum / batches;
            double monitored = trainLoss[e];
            if (val != null) {
                valLoss[e] = model.loss(val, model.forward(val, noise)).value().item();
                monitored = valLoss[e];
            }
            epochsRun = e + 1;
            if (monitored < best) {
                best = monitored;
                bestEpoch = e;
                bestWeights = snapshot(params);
            }
            if (onEpoch != null) {
                onEpoch.accept(e);
            }
            if (e - bestEpoch >= o.patience()) {
                break;
            }
        }
        if (bestWeights != null) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).set(bestWeights.get(i));
            }
        }
        return new History(Arrays.copyOf(trainLoss, epochsRun), Arrays.copyOf(valLoss, epochsRun), bestEpoch);
    }

    private static List<Tensor> snapshot(List<Parameter> params) {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.value().contiguous().add(0));
        }
        return out;
    }
}
