package astrograd.astro.cli;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareEvaluation;
import astrograd.astro.flares.FlarePipeline;
import astrograd.astro.flares.FlareTable;
import astrograd.astro.flares.LabelledLightCurve;
import astrograd.astro.flares.WindowSet;
import astrograd.astro.plot.Plots;
import astrograd.tensor.Rng;
import java.io.IOException;
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
                .filter(c -> astrograd.astro.flares.TicNumber.fromName(c.lightCurve().name()).orElse(-1) == heldOut)
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

        WindowSet injected = FlarePipeline.injectionTestSet(List.of(held), 1.0, streams.get(1),
                ensemble.input());
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
        Path gallery = out.resolve("gallery.png");
        Path overview = out.resolve("overview.png");
        Path metricsFile = out.resolve("metrics.json");
        Path modelDir = out.resolve("model");
        Map<String, Object> info = training.describe();
        info.put("command", "astrograd " + String.join(" ", Main.currentArgs()));
        ensemble.save(modelDir, info);
        FlareTable.write(table, prediction.flares());
        Plots.lightCurve(lcPlot, held.lightCurve(), prediction.probability(), prediction.flares(),
                String.format(Locale.ROOT, "%s (held out): %d flares found, %d catalogued", held.lightCurve().name(),
                        prediction.flares().size(), held.flares().size()));
        writeFlarePlots(held, prediction, gallery, overview);
        Plots.trainingCurves(trainingPlot, FlareReports.series(ensemble), "flare ensemble training (" + train.size() + " light curves)");
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.put("seconds", Map.of("training", trainSeconds, "total", seconds));
        FlareReports.writeJson(metricsFile, metrics);

        System.out.println();
        System.out.println(FlareReports.formatSynthetic(synthetic));
        System.out.printf(Locale.ROOT, "catalogued flares of %s: recovered %d of %d (recall %.3f); %d detections not in"
                        + " the catalogue (%.2f per day)%n", catalogue.name(), catalogue.recovered(), catalogue.catalogued(),
                catalogue.recall(), catalogue.extra(), catalogue.extraPerDay());
        System.out.printf(Locale.ROOT, "%nwritten to %s/: %s, %s, %s, %s, %s, %s, %s/ (%.0f s in all)%n", out,
                table.getFileName(), lcPlot.getFileName(), overview.getFileName(), gallery.getFileName(),
                trainingPlot.getFileName(), metricsFile.getFileName(), modelDir.getFileName(), seconds);
        return 0;
    }

    /** The overview (catalogued and new flares marked apart) and the gallery of cut-outs with fitted templates. */
    static void writeFlarePlots(LabelledLightCurve held, FlarePipeline.Prediction prediction, Path gallery,
                                Path overview) throws IOException {
        double[] catalogued = held.flares().stream().mapToDouble(e -> e.tpeakBtjd()).toArray();
        double sigma = astrograd.astro.flares.Windows.noise(held.lightCurve().flux());
        astrograd.astro.plot.FlarePlots.overview(overview, held.lightCurve(), prediction.flares(), catalogued,
                FlarePipeline.MATCH_TOLERANCE_DAYS, sigma, held.lightCurve().name() + ": detections against the"
                        + " catalogue");
        if (!prediction.flares().isEmpty()) {
            astrograd.astro.plot.FlarePlots.gallery(gallery, held.lightCurve(), prediction.flares(), 16);
        }
    }
}
