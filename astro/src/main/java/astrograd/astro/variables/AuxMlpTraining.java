package astrograd.astro.variables;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.metrics.Metrics;
import astrograd.layers.optim.AdamW;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits the {@link AuxMlp}s of a {@link HybridNet} on the standardized auxiliary inputs of the training stars: per MLP,
 * class-weighted cross-entropy (the weights of {@link Training#classWeights}), AdamW (lr {@value #LR}, decoupled weight
 * decay {@value #WEIGHT_DECAY}), batches of {@value #BATCH} stars in a fresh random order every epoch, at most
 * {@value #EPOCHS} epochs, keep-best and early stopping after {@value #PATIENCE} epochs on the validation loss (smoother
 * than the balanced accuracy on a small hold-out: the MLPs take seconds, so many short epochs are cheap).
 */
final class AuxMlpTraining {
    static final int EPOCHS = 200;
    static final int PATIENCE = 25;
    static final int BATCH = 64;
    static final double LR = 3e-3;
    static final double WEIGHT_DECAY = 1e-4;

    private AuxMlpTraining() {
    }

    /**
     * The {@code config.mlp().members()} MLPs, MLP i drawn and shuffled from {@code rng.fold(5000 + i)}.
     *
     * @param aux    the standardized auxiliary inputs of the training stars
     * @param valAux those of the validation stars
     * @param log    where one line per MLP goes (may be null)
     */
    static List<AuxMlp> fit(ModelConfig config, List<double[]> aux, int[] labels, List<double[]> valAux, int[] valLabels,
                            Rng rng, PrintStream log) {
        DType dtype = config.dtype();
        Tensor x = matrix(aux, dtype);
        Tensor y = Tensor.of(Arrays.stream(labels).asLongStream().toArray(), labels.length);
        Tensor valX = matrix(valAux, dtype);
        Tensor weights = Training.classWeights(labels, config.classes(), dtype);
        List<AuxMlp> out = new ArrayList<>();
        for (int i = 0; i < config.mlp().members(); i++) {
            Rng r = rng.fold(5000 + i);
            AuxMlp mlp = HybridNet.freshMlp(config, r);
            DataLoader loader = new DataLoader(new TensorDataset(x, y), BATCH, r.fold(7), false);
            AdamW opt = new AdamW(mlp.parameters(), LR, 0.9, 0.999, 1e-8, WEIGHT_DECAY, false);
            KeepBest best = new KeepBest(mlp, "val_loss", Mode.MIN);
            Trainer trainer = new Trainer(mlp, opt, b -> Losses.crossEntropy(mlp.forwardAux(Var.constant(b.get(0))), b.get(1),
                    weights, 0, Reduction.MEAN))
                    .validation(m -> validate(mlp, valX, valLabels))
                    .callback(best)
                    .callback(new EarlyStopping("val_loss", Mode.MIN, PATIENCE, 0));
            trainer.fit(loader, EPOCHS);
            mlp.eval();
            out.add(mlp);
            if (log != null) {
                log.printf(Locale.ROOT, "aux MLP %d of %d: best epoch %d, val_loss %.4f%n", i + 1, config.mlp().members(),
                        best.bestEpoch(), best.best());
            }
        }
        return out;
    }

    /** The candidate weights of {@link #chooseWeight}: 0.1, 0.2, …, 0.9 (both parts always count). */
    static final double[] WEIGHTS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /**
     * The MLPs' share w among {@link #WEIGHTS} whose mixture {@code (1 − w)·pNet + w·mean_i softmax(g_i)} has the lowest
     * mean −log p of the true class on the validation stars (the first such w on ties).
     *
     * @param pNet the sequence network's probabilities {@code [star][K]} of the validation stars
     */
    @SuppressWarnings("try")
    static double chooseWeight(double[][] pNet, List<AuxMlp> mlps, List<double[]> valAux, int[] valLabels, DType dtype) {
        int k = pNet[0].length;
        double[] pMlp = new double[pNet.length * k];
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Tensor x = matrix(valAux, dtype);
            for (AuxMlp m : mlps) {
                double[] p = m.forwardAux(Var.constant(x)).value().softmax(1).to(DType.F64).contiguous().toDoubleArray();
                for (int i = 0; i < p.length; i++) {
                    pMlp[i] += p[i] / mlps.size();
                }
            }
        }
        double best = WEIGHTS[0];
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double w : WEIGHTS) {
            double nll = 0;
            for (int i = 0; i < pNet.length; i++) {
                int y = valLabels[i];
                nll -= Math.log(Math.max((1 - w) * pNet[i][y] + w * pMlp[i * k + y], 1e-12));
            }
            if (nll < bestLoss) {
                bestLoss = nll;
                best = w;
            }
        }
        return best;
    }

    /** Validation loss (mean −log p of the true class), accuracy and balanced accuracy of one MLP. */
    @SuppressWarnings("try")
    static Map<String, Double> validate(AuxMlp mlp, Tensor x, int[] labels) {
        double[] p;
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            p = mlp.forwardAux(Var.constant(x)).value().softmax(1).to(DType.F64).contiguous().toDoubleArray();
        }
        int k = p.length / labels.length;
        int[] pred = new int[labels.length];
        double nll = 0;
        for (int i = 0; i < labels.length; i++) {
            nll -= Math.log(Math.max(p[i * k + labels[i]], 1e-12));
            for (int c = 1; c < k; c++) {
                pred[i] = p[i * k + c] > p[i * k + pred[i]] ? c : pred[i];
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", nll / labels.length);
        m.put("val_acc", Metrics.accuracy(labels, pred));
        m.put("val_bacc", Metrics.balancedAccuracy(labels, pred));
        return m;
    }

    /** The rows as an {@code [N, A]} tensor. */
    static Tensor matrix(List<double[]> rows, DType dtype) {
        int a = rows.get(0).length;
        double[] flat = new double[rows.size() * a];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * a, a);
        }
        return Tensor.of(flat, rows.size(), a).to(dtype);
    }
}
