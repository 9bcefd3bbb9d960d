package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.layers.data.DataLoader;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.metrics.Metrics;
import astrograd.layers.optim.Adam;
import astrograd.layers.optim.ReduceLrOnPlateau;
import astrograd.layers.train.EarlyStopping;
import astrograd.layers.train.History;
import astrograd.layers.train.KeepBest;
import astrograd.layers.train.Mode;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a {@link PhaseNet} to labelled folded stars: a stratified validation hold-out, the auxiliary inputs
 * standardized on the rest, class-weighted cross-entropy with weights {@code w_c = N / (K · N_c)} (so every class
 * weighs the same in total), Adam, the rate halved when the validation loss stalls, early stopping and keep-best on
 * the validation balanced accuracy (the weights of the best epoch are restored at the end); for an ensemble
 * ({@link ModelConfig#members()} > 1) each member in turn, combined in a {@link PhaseEnsemble}; with aux MLPs
 * ({@link ModelConfig#mlp()}) then the MLPs ({@link AuxMlpTraining}) on the same split and standardization, combined
 * with the network in a {@link HybridNet}.
 */
public final class Training {
    private Training() {
    }

    /**
     * A fitted model and, per ensemble member, its training history, the epoch whose weights were kept and that
     * epoch's validation balanced accuracy.
     */
    public record Result(TrainedModel model, List<History> histories, int[] bestEpochs, double[] bestValBalancedAccuracies) {
    }

    /**
     * With {@code config.members() > 1} every member is trained in turn on the same split and standardization, with
     * its own weights, batch order, chunks and dropout (member 0 is the single network of the same seed).
     *
     * @param labels    class indices 0 .. K−1 matching {@code codes}
     * @param bandNames the name of each band index
     * @param log    where epoch lines go when {@code options.verbose()} (may be null)
     */
    public static Result fit(ModelConfig config, Features features, List<FoldedCurve> curves, int[] labels,
                             List<String> codes, List<String> bandNames, TrainOptions options, PrintStream log) {
        Rng rng = new Rng(options.seed());
        boolean[] held = Splits.stratifiedHoldout(labels, options.valFraction(), rng.fold(1));
        List<FoldedCurve> trainCurves = pick(curves, Splits.where(held, false));
        List<FoldedCurve> valCurves = pick(curves, Splits.where(held, true));
        int[] trainLabels = pick(labels, Splits.where(held, false));
        int[] valLabels = pick(labels, Splits.where(held, true));
        List<double[]> rawAux = new ArrayList<>();
        trainCurves.forEach(fc -> rawAux.add(features.rawAux(fc)));
        AuxScaler scaler = AuxScaler.fit(rawAux);
        List<double[]> aux = new ArrayList<>();
        rawAux.forEach(a -> aux.add(scaler.apply(a)));

        ModelConfig seqConfig = config.withMlp(AuxMlpConfig.NONE);
        int m = config.members();
        List<PhaseNet> nets = new ArrayList<>();
        List<History> histories = new ArrayList<>();
        int[] bestEpochs = new int[m];
        double[] bestVal = new double[m];
        for (int i = 0; i < m; i++) {
            if (m > 1 && options.verbose() && log != null) {
                log.printf("member %d of %d%n", i + 1, m);
            }
            Rng r = i == 0 ? rng : rng.fold(1000 + i);
            PhaseNet net = seqConfig.withMembers(1).build(r.fold(2));
            TrainedModel model = new TrainedModel(net, features, scaler, codes, bandNames);
            Tensor weights = classWeights(trainLabels, config.classes(), config.dtype());
            ChunkDataset data = new ChunkDataset(features, trainCurves, trainLabels, aux, options.batchSize(), config.dtype(),
                    r.fold(3));
            DataLoader loader = new DataLoader(data, 1, r.fold(4), false);
            Adam adam = new Adam(net.parameters(), options.lr());
            KeepBest best = new KeepBest(net, "val_bacc", Mode.MAX);
            Trainer trainer = new Trainer(net, adam, batch -> Losses.crossEntropy(net.forward(Var.constant(batch.get(0))),
                    batch.get(1), weights, 0, Reduction.MEAN))
                    .validation(mm -> validate(model, valCurves, valLabels))
                    .reduceOnPlateau(new ReduceLrOnPlateau(adam, ReduceLrOnPlateau.Mode.MIN, 0.5, options.plateauPatience(),
                            1e-4, true, 0, options.lr() / 100), "val_loss")
                    .callback(best);
            if (options.earlyStop() > 0) {
                trainer.callback(new EarlyStopping("val_bacc", Mode.MAX, options.earlyStop(), 0));
            }
            if (options.verbose() && log != null) {
                trainer.callback(new EpochLog(log));
            }
            histories.add(trainer.fit(loader, options.epochs()));
            net.eval();
            nets.add(net);
            bestEpochs[i] = best.bestEpoch();
            bestVal[i] = best.best();
        }
        PhaseNet net = m == 1 ? nets.get(0) : new PhaseEnsemble(seqConfig, nets);
        if (config.mlp().present()) {
            List<double[]> valAux = new ArrayList<>();
            valCurves.forEach(fc -> valAux.add(scaler.apply(features.rawAux(fc))));
            List<AuxMlp> mlps = AuxMlpTraining.fit(config, aux, trainLabels, valAux, valLabels, rng, options.verbose() ? log : null);
            ModelConfig hybrid = config;
            if (config.mlp().weightFromValidation()) {
                double[][] pNet = new TrainedModel(net, features, scaler, codes, bandNames).predictProba(valCurves);
                double w = AuxMlpTraining.chooseWeight(pNet, mlps, valAux, valLabels, config.dtype());
                hybrid = config.withMlp(config.mlp().withWeight(w));
                if (options.verbose() && log != null) {
                    log.printf(Locale.ROOT, "aux MLP weight chosen on validation: %.2f%n", w);
                }
            }
            net = new HybridNet(hybrid, net, mlps);
        }
        net.eval();
        return new Result(new TrainedModel(net, features, scaler, codes, bandNames), histories, bestEpochs, bestVal);
    }

    /** {@code w_c = N / (K · N_c)} ({@code 0} for a class without examples). */
    static Tensor classWeights(int[] labels, int classes, DType dtype) {
        double[] count = new double[classes];
        for (int y : labels) {
            count[y]++;
        }
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = count[c] == 0 ? 0 : labels.length / (classes * count[c]);
        }
        return Tensor.of(w, classes).to(dtype);
    }

    /** Validation loss (mean −log p of the true class, chunk-averaged), accuracy and balanced accuracy. */
    static Map<String, Double> validate(TrainedModel model, List<FoldedCurve> curves, int[] labels) {
        double[][] p = model.predictProba(curves);
        double nll = 0;
        for (int i = 0; i < p.length; i++) {
            nll -= Math.log(Math.max(p[i][labels[i]], 1e-12));
        }
        int[] pred = TrainedModel.argmax(p);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", nll / p.length);
        m.put("val_acc", Metrics.accuracy(labels, pred));
        m.put("val_bacc", Metrics.balancedAccuracy(labels, pred));
        return m;
    }

    static <T> List<T> pick(List<T> all, int[] idx) {
        List<T> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(all.get(i));
        }
        return out;
    }

    static int[] pick(int[] all, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }

    /** One line per epoch. */
    private static final class EpochLog implements astrograd.layers.train.Callback {
        private final PrintStream out;
        private long start = System.nanoTime();

        EpochLog(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %3d", epoch));
            metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4g", k, v)));
            sb.append(String.format(Locale.ROOT, "  (%.0f s)", (System.nanoTime() - start) / 1e9));
            out.println(sb);
            out.flush();
        }
    }
}
