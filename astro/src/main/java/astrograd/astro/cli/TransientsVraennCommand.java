package astrograd.astro.cli;

import astrograd.astro.plot.Plots;
import astrograd.astro.transients.FeatureTable;
import astrograd.astro.transients.LightCurveGp;
import astrograd.astro.transients.Passband;
import astrograd.astro.transients.TransientLightCurve;
import astrograd.astro.transients.Vraenn;
import astrograd.astro.transients.VraennData;
import astrograd.astro.transients.VraennTrainer;
import astrograd.inference.anomaly.IsolationForest;
import astrograd.layers.KerasGru;
import astrograd.layers.io.AtomicFile;
import astrograd.layers.io.Checkpoint;
import astrograd.layers.metrics.Metrics;
import astrograd.tensor.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code astrograd transients train-vraenn}: GP-densify every light curve, train a VRAENN on the objects of the
 * training types, encode everything, and rank all objects by an isolation forest on the latent means.
 */
@Command(name = "train-vraenn", mixinStandardHelpOptions = true,
        description = "Train the VRAENN (Villar et al. 2021) on GP-densified light curves of the --train-types,"
                + " encode every object (latent means and sigmas), and rank all objects with an isolation forest on"
                + " the means.")
final class TransientsVraennCommand implements Callable<Integer> {
    @Mixin
    TransientInputs inputs = new TransientInputs();

    @Mixin
    TransientsCommand.GpOptions gp = new TransientsCommand.GpOptions();

    @Option(names = "--out", required = true, description = "output folder (vraenn.safetensors, encodings.csv,"
            + " vraenn_scores.csv, training.png)")
    Path out;

    @Option(names = "--train-types", split = ",", description = "catalogue types to train on (default: all objects)")
    List<String> trainTypes;

    @Option(names = "--anomalous-types", split = ",", description = "types whose AUROC against the rest is reported")
    List<String> anomalousTypes;

    @Option(names = "--hidden", description = "GRU units (reference 100; default 32)")
    int hidden = 32;

    @Option(names = "--latent", description = "latent dimensions (default 10)")
    int latent = 10;

    @Option(names = "--epochs", description = "training epochs (default 20)")
    int epochs = 20;

    @Option(names = "--batch", description = "batch size (default 64)")
    int batch = 64;

    @Option(names = "--lr", description = "Adam learning rate (reference 1e-4; default 3e-3)")
    double lr = 3e-3;

    @Option(names = "--max-steps", description = "epochs kept per light curve (default 64)")
    int maxSteps = 64;

    @Option(names = "--loss", description = "paper (ln MSE + mean KL) or elbo (default paper)")
    String loss = "paper";

    @Option(names = "--no-mask", description = "do not mask padded epochs in the loss (the reference's behaviour)")
    boolean noMask;

    @Option(names = "--hard-sigmoid", description = "keras2 (0.2x+0.5) or keras3 (x/6+0.5) (default keras2)")
    String hardSigmoid = "keras2";

    @Option(names = "--with-gp-features", description = "rank on the latent means plus the GP light-curve features"
            + " (peak absolute magnitude, rise, declines, colour, time scale) instead of the means alone")
    boolean withGpFeatures;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        config(1); // validate the options before the GP fits
        List<TransientLightCurve> objs = inputs.load();
        List<Passband> bands = commonBands(objs);
        List<TransientLightCurve> usable = objs.stream().filter(o -> o.bands().containsAll(bands)).toList();
        if (usable.size() < objs.size()) {
            System.err.println("skipped " + (objs.size() - usable.size()) + " objects not observed in every one of "
                    + bands.stream().map(Passband::name).toList());
        }
        LightCurveGp model = gp.build();
        List<LightCurveGp.Dense> dense = TransientsCommand.fitAll(model, usable, 1.0, quiet).stream()
                .filter(d -> d.fit().gp() != null).toList();
        List<VraennData.Sequence> all = new ArrayList<>();
        List<VraennData.Sequence> train = new ArrayList<>();
        for (LightCurveGp.Dense d : dense) {
            VraennData.Sequence s = VraennData.fromGp(model, d, bands);
            all.add(s);
            if (trainTypes == null || trainTypes.contains(d.source().type())) {
                train.add(s);
            }
        }
        if (train.size() < 4) {
            throw new IllegalArgumentException("only " + train.size() + " training objects (check --train-types)");
        }
        VraennData trainData = VraennData.of(train, maxSteps, Double.NaN, Double.NaN);
        VraennData allData = VraennData.of(all, maxSteps, trainData.lo(), trainData.hi());
        Vraenn.Config config = config(trainData.bands());
        Vraenn vraenn = new Vraenn(config, new Rng(gp.seed));
        VraennTrainer.History h;
        try (SampleProgress bar = new SampleProgress("VRAENN epochs", 0, epochs, quiet)) {
            h = VraennTrainer.train(vraenn, trainData, new VraennTrainer.Options(epochs, batch, lr, 0.2, 10, gp.seed),
                    e -> bar.stepTo(e + 1));
        }
        Files.createDirectories(out);
        Checkpoint.save(out.resolve("vraenn.safetensors"), vraenn, describe(config, trainData), null,
                h.bestEpoch(), null);
        Plots.trainingCurves(out.resolve("training.png"), List.of(Map.of("loss", h.train(), "val_loss",
                h.validation())), "VRAENN training");
        double[][][] enc = vraenn.encode(allData, 256);
        writeEncodings(dense, enc);
        score(dense, enc[0]);
        System.out.printf(Locale.ROOT, "trained on %d objects for %d epochs (best %d, validation loss %.4f); encoded"
                + " %d; results in %s%n", train.size(), h.train().length, h.bestEpoch() + 1,
                h.validation()[h.bestEpoch()], all.size(), out);
        return 0;
    }

    /** Passbands observed in at least half of the objects, in wavelength order. */
    static List<Passband> commonBands(List<TransientLightCurve> objs) {
        Map<Passband, Integer> count = new LinkedHashMap<>();
        for (TransientLightCurve o : objs) {
            o.bands().forEach(b -> count.merge(b, 1, Integer::sum));
        }
        List<Passband> out = count.entrySet().stream().filter(e -> 2 * e.getValue() >= objs.size())
                .map(Map.Entry::getKey).sorted(java.util.Comparator.comparingDouble(Passband::wavelength)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no passband is observed in half of the objects");
        }
        return out;
    }

    private Vraenn.Config config(int bands) {
        Vraenn.Loss l = switch (loss.toLowerCase(Locale.ROOT)) {
            case "paper" -> Vraenn.Loss.PAPER;
            case "elbo" -> Vraenn.Loss.ELBO;
            default -> throw new IllegalArgumentException("--loss must be paper or elbo, got '" + loss + "'");
        };
        KerasGru.Gate g = switch (hardSigmoid.toLowerCase(Locale.ROOT)) {
            case "keras2" -> KerasGru.Gate.HARD_SIGMOID_KERAS2;
            case "keras3" -> KerasGru.Gate.HARD_SIGMOID_KERAS3;
            default -> throw new IllegalArgumentException("--hard-sigmoid must be keras2 or keras3");
        };
        if (hidden < 1 || latent < 1 || epochs < 1 || batch < 1 || maxSteps < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("--hidden, --latent, --epochs, --batch, --max-steps and --lr must be"
                    + " positive");
        }
        return new Vraenn.Config(bands, hidden, latent, g, false, l, !noMask);
    }

    private Map<String, Object> describe(Vraenn.Config c, VraennData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", c.hidden());
        m.put("latent", c.latent());
        m.put("bands", d.bands());
        m.put("gate", c.gate().name());
        m.put("loss", c.loss().name());
        m.put("mask_padding", c.maskPadding());
        m.put("mag_lo", d.lo());
        m.put("mag_hi", d.hi());
        return m;
    }

    private void writeEncodings(List<LightCurveGp.Dense> dense, double[][][] enc) throws IOException {
        StringBuilder sb = new StringBuilder("id,type");
        for (int j = 0; j < latent; j++) {
            sb.append(",mu_").append(j);
        }
        for (int j = 0; j < latent; j++) {
            sb.append(",sigma_").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < dense.size(); i++) {
            TransientLightCurve lc = dense.get(i).source();
            sb.append(lc.id()).append(',').append(TransientsCommand.csv(lc.type()));
            for (double v : enc[0][i]) {
                sb.append(String.format(Locale.ROOT, ",%.6f", v));
            }
            for (double v : enc[1][i]) {
                sb.append(String.format(Locale.ROOT, ",%.6f", v));
            }
            sb.append('\n');
        }
        AtomicFile.write(out.resolve("encodings.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void score(List<LightCurveGp.Dense> dense, double[][] mu) throws IOException {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < latent; j++) {
            names.add("mu_" + j);
        }
        List<double[]> muRows = java.util.Arrays.asList(mu);
        FeatureTable table = withGpFeatures ? FeatureTable.of(dense, names, muRows) : null;
        List<TransientLightCurve> objs = table != null ? table.objects()
                : dense.stream().map(LightCurveGp.Dense::source).toList();
        int n = objs.size();
        int d = table != null ? table.columns() : latent;
        double[] x = table != null ? table.x() : new double[n * latent];
        if (table == null) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(mu[i], 0, x, i * latent, latent);
            }
        }
        IsolationForest forest = IsolationForest.fit(x, n, d, 100, 256, gp.seed);
        double[][] s = forest.scoreWithSpread(x, n);
        Integer[] order = TransientsAnomalyCommands.rankDescending(s[0]);
        StringBuilder sb = new StringBuilder("rank,id,type,score,score_se\n");
        for (int k = 0; k < n; k++) {
            TransientLightCurve lc = objs.get(order[k]);
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%.6f,%.6f%n", k + 1, lc.id(),
                    TransientsCommand.csv(lc.type()), s[0][order[k]], s[1][order[k]]));
        }
        AtomicFile.write(out.resolve("vraenn_scores.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
        if (anomalousTypes != null) {
            int[] y = objs.stream().mapToInt(o -> anomalousTypes.contains(o.type()) ? 1 : 0).toArray();
            int pos = java.util.Arrays.stream(y).sum();
            if (pos > 0 && pos < n) {
                System.out.printf(Locale.ROOT, "AUROC of %s against the rest (isolation forest on %s): %.3f (%d of"
                        + " %d)%n", anomalousTypes, withGpFeatures ? "mu + GP features" : "mu",
                        Metrics.rocAuc(y, s[0]), pos, n);
            }
        }
    }
}
