package astrograd.astro.cli;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareEvaluation;
import astrograd.astro.flares.FlarePipeline;
import astrograd.astro.flares.FlareTable;
import astrograd.astro.flares.LabelledLightCurve;
import astrograd.astro.flares.WindowSet;
import astrograd.astro.plot.Plots;
import astrograd.layers.io.AtomicFile;
import astrograd.layers.io.Json;
import astrograd.layers.train.History;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code astrograd demo}: the flare finder end to end on the bundled data — train a small ensemble on four
 * stella light curves, evaluate it on flares injected into the fifth and on the fifth's catalogued flares, and
 * write the flare table, plots and metrics.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a small flare-finder ensemble on four bundled TESS light curves, evaluate it on the fifth,"
                + " and write the flare table, plots and metrics.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "astrograd-demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--held-out", defaultValue = "2761472",
            description = "TIC of the bundled light curve kept out of training (default: ${DEFAULT-VALUE})")
    long heldOut;

    @Mixin
    TrainingOptions training = new TrainingOptions(3, 10);

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        List<LabelledLightCurve> curves = FlarePipeline.bundled();
        LabelledLightCurve held = curves.stream()
                .filter(c -> astrograd.astro.flares.FlareCatalog.ticFromName(c.lightCurve().name()) == heldOut)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--held-out " + heldOut
                        + " is not one of the bundled stars " + astrograd.astro.lightcurve.BundledData.STELLA_TICS));
        List<LabelledLightCurve> train = new ArrayList<>(curves);
        train.remove(held);
        System.out.printf(Locale.ROOT, "astrograd demo: training %d members on %d stella light curves, holding out TIC %d%n",
                training.members, train.size(), heldOut);
        List<Rng> streams = new Rng(training.seed).split(2);
        FlareEnsemble ensemble = FlarePipeline.train(train, training.config(), training.dataScale, streams.get(0),
                System.out::println);
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        WindowSet injected = FlarePipeline.injectionTestSet(List.of(held), 1.0, streams.get(1));
        FlareEvaluation.SyntheticReport synthetic = FlareEvaluation.synthetic(injected,
                ensemble.predict(injected.inputs()), 0.5);
        FlarePipeline.Prediction prediction = FlarePipeline.predict(held.lightCurve(), ensemble, 0.5);
        FlareEvaluation.CatalogReport catalogue = FlarePipeline.score(prediction, held);

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("held_out", held.lightCurve().name());
        metrics.put("training", training.describe());
        metrics.put("injection_test", synthetic.toMap());
        metrics.put("catalogue", catalogue.toMap());
        Path table = out.resolve("flares.csv");
        Path lcPlot = out.resolve("lightcurve.png");
        Path trainingPlot = out.resolve("training.png");
        Path metricsFile = out.resolve("metrics.json");
        Path modelDir = out.resolve("model");
        Map<String, Object> info = training.describe();
        info.put("command", "astrograd " + String.join(" ", Main.currentArgs()));
        ensemble.save(modelDir, info);
        FlareTable.write(table, prediction.flares());
        Plots.lightCurve(lcPlot, held.lightCurve(), prediction.probability(), prediction.flares(),
                String.format(Locale.ROOT, "%s (held out): %d flares found, %d catalogued", held.lightCurve().name(),
                        prediction.flares().size(), held.flares().size()));
        Plots.trainingCurves(trainingPlot, series(ensemble), "flare ensemble training (" + train.size() + " light curves)");
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.put("seconds", Map.of("training", trainSeconds, "total", seconds));
        writeJson(metricsFile, metrics);

        System.out.println();
        System.out.println(formatSynthetic(synthetic));
        System.out.printf(Locale.ROOT, "catalogued flares of %s: recovered %d of %d (recall %.3f); %d detections not in"
                        + " the catalogue (%.2f per day)%n", catalogue.name(), catalogue.recovered(), catalogue.catalogued(),
                catalogue.recall(), catalogue.extra(), catalogue.extraPerDay());
        System.out.printf(Locale.ROOT, "%nwritten to %s/: %s, %s, %s, %s, %s/ (%.0f s in all)%n", out,
                table.getFileName(), lcPlot.getFileName(), trainingPlot.getFileName(), metricsFile.getFileName(),
                modelDir.getFileName(), seconds);
        return 0;
    }

    /** The per-epoch metrics of each member, for {@link Plots#trainingCurves}. */
    static List<Map<String, double[]>> series(FlareEnsemble e) {
        List<Map<String, double[]>> out = new ArrayList<>();
        for (History h : e.histories()) {
            Map<String, double[]> m = new LinkedHashMap<>();
            for (String key : List.of("loss", "val_loss", "val_ap")) {
                m.put(key, h.values(key));
            }
            out.add(m);
        }
        return out;
    }

    static String formatSynthetic(FlareEvaluation.SyntheticReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "injected flares ≥ 5σ: average precision %.4f, precision %.4f, recall %.4f"
                        + " at 0.5 (%d flares, %d negatives); single-cadence spikes rejected: %.3f of %d%n",
                r.averagePrecision(), r.precision(), r.recall(), r.positives(), r.negatives(), r.spikeRejection(), r.spikes()));
        sb.append("recovery vs peak significance:");
        for (FlareEvaluation.RecoveryBin b : r.recovery()) {
            sb.append(String.format(Locale.ROOT, "  [%.0f, %.0f)σ %.2f (n=%d)", b.loSigma(), b.hiSigma(), b.recovered(),
                    b.injected()));
        }
        return sb.toString();
    }

    static Map<String, Object> overall(List<FlareEvaluation.CatalogReport> reports) {
        int catalogued = reports.stream().mapToInt(FlareEvaluation.CatalogReport::catalogued).sum();
        int recovered = reports.stream().mapToInt(FlareEvaluation.CatalogReport::recovered).sum();
        int extra = reports.stream().mapToInt(FlareEvaluation.CatalogReport::extra).sum();
        double days = reports.stream().mapToDouble(FlareEvaluation.CatalogReport::days).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("catalogued", catalogued);
        m.put("recovered", recovered);
        m.put("recall", (double) recovered / catalogued);
        m.put("not_in_catalogue", extra);
        m.put("not_in_catalogue_per_day", extra / days);
        return m;
    }

    static String formatOverall(List<FlareEvaluation.CatalogReport> reports) {
        Map<String, Object> m = overall(reports);
        return String.format(Locale.ROOT, "overall: recovered %d of %d catalogued flares (recall %.3f); %d detections not"
                + " in the catalogue (%.2f per day)", m.get("recovered"), m.get("catalogued"), m.get("recall"),
                m.get("not_in_catalogue"), m.get("not_in_catalogue_per_day"));
    }

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFile.write(file, (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
