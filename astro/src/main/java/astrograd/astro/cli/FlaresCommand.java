package astrograd.astro.cli;

import astrograd.astro.flares.FlareCatalog;
import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareEvaluation;
import astrograd.astro.flares.FlarePipeline;
import astrograd.astro.flares.FlareTable;
import astrograd.astro.flares.LabelledLightCurve;
import astrograd.astro.lightcurve.BundledData;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.LightCurveReader;
import astrograd.astro.lightcurve.Normalization;
import astrograd.astro.lightcurve.QualityMask;
import astrograd.astro.lightcurve.ReadOptions;
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
import picocli.CommandLine.Parameters;

/** {@code astrograd flares}: train, run and evaluate the stella flare finder. */
@Command(name = "flares", mixinStandardHelpOptions = true,
        description = "Find flares in TESS light curves with stella's CNN ensemble (Feinstein et al. 2020).",
        subcommands = {FlaresCommand.Train.class, FlaresCommand.Predict.class, FlaresCommand.Evaluate.class,
            FfdCommand.class, BatchCommand.class})
final class FlaresCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Light curves and catalogue given on the command line, or the bundled ones. */
    static final class Inputs {
        @Option(names = "--catalogue", description = "flare catalogue CSV (Günther et al. 2020 columns; default: the"
                + " bundled rows of the five stella stars)")
        Path catalogue;

        @Parameters(arity = "0..*", paramLabel = "LIGHTCURVE",
                description = "light curves (.npy or SPOC/Kepler FITS; default: the five bundled stella Sector 2 curves)")
        List<Path> lightCurves = new ArrayList<>();

        List<LabelledLightCurve> load() throws IOException {
            List<Path> files = lightCurves.isEmpty() ? BundledData.stellaLightCurves() : lightCurves;
            Path cat = catalogue != null ? catalogue : BundledData.stellaCatalogue();
            FlareCatalog catalog = FlareCatalog.read(cat);
            System.out.println("flare catalogue " + catalog.timeNote());
            return FlarePipeline.load(files, catalog);
        }

        List<String> describe() {
            return lightCurves.isEmpty() ? List.of("bundled stella Sector 2: TIC 2760232, 2761472, 5640393, 5656273,"
                    + " 5676537") : lightCurves.stream().map(p -> p.getFileName().toString()).toList();
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train an ensemble on light curves with catalogued flares plus injected flares.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "folder for the model (ensemble.json + members)")
        Path out;

        @Mixin
        Inputs inputs = new Inputs();

        @Mixin
        TrainingOptions training = new TrainingOptions(5, 20);

        @Option(names = "--plot", description = "also write the training curves to this PNG")
        Path plot;

        @Override
        public Integer call() throws IOException {
            List<LabelledLightCurve> curves = inputs.load();
            long start = System.nanoTime();
            FlareEnsemble e = FlarePipeline.train(curves, training.config(), training.dataScale,
                    new Rng(training.seed), System.out::println);
            Map<String, Object> info = training.describe();
            info.put("light_curves", inputs.describe());
            info.put("catalogued_flares", curves.stream().mapToInt(c -> c.flares().size()).sum());
            info.put("cadence_days", curves.get(0).lightCurve().cadence());
            info.put("command", "astrograd " + String.join(" ", Main.currentArgs()));
            e.save(out, info);
            if (plot != null) {
                Plots.trainingCurves(plot, FlareReports.series(e), "flare ensemble training");
            }
            System.out.printf(Locale.ROOT, "trained %d members in %.1f s; model written to %s%n", e.size(),
                    (System.nanoTime() - start) / 1e9, out);
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Score every cadence of a light curve and write its flares as CSV.")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", description = "model folder, or 'series' for the shipped series"
                + " ensemble (every cadence scored, about 10× faster; default: the shipped stella ensemble)")
        Path model;

        @Option(names = "--input", required = true, description = "light curve: .npy (time, flux, error) or SPOC/Kepler FITS")
        Path input;

        @Option(names = "--threshold", defaultValue = "0.5", description = "probability threshold (default: ${DEFAULT-VALUE})")
        double threshold;

        @Option(names = "--out", description = "flare table CSV (default: print to standard output)")
        Path out;

        @Option(names = "--min-sigma", defaultValue = "3", description = "least flare amplitude in units of the light"
                + " curve's noise (default: ${DEFAULT-VALUE})")
        double minSigma;

        @Option(names = "--plot", description = "PNG of the light curve with the flares and the probability")
        Path plot;

        @Option(names = "--gallery", description = "PNG of cut-outs of the flares (the 16 most significant) with their"
                + " fitted Davenport templates")
        Path gallery;

        @Option(names = "--flux", defaultValue = "PDCSAP", description = "FITS flux column: PDCSAP or SAP (default: ${DEFAULT-VALUE})")
        ReadOptions.FluxColumn flux;

        @Option(names = "--quality", defaultValue = "default",
                description = "FITS quality mask: default, hard, hardest, none, or a number (default: ${DEFAULT-VALUE})")
        String quality;

        @Override
        public Integer call() throws IOException {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("--threshold must be in (0, 1), got " + threshold);
            }
            ReadOptions options = ReadOptions.defaults().withFluxColumn(flux).withQualityMask(QualityMask.parse(quality));
            LightCurve lc = Normalization.perOrbit(LightCurveReader.read(input, options));
            FlareEnsemble e = FlareEnsemble.resolve(model);
            warnOnCadence(e, lc);
            FlarePipeline.Prediction p = FlarePipeline.predict(lc, e, threshold, minSigma);
            if (out != null) {
                FlareTable.write(out, p.flares());
            } else {
                System.out.print(FlareTable.csv(p.flares()));
            }
            if (plot != null) {
                Plots.lightCurve(plot, lc, p.probability(), p.flares(), lc.name() + ": " + p.flares().size() + " flares");
            }
            if (gallery != null && !p.flares().isEmpty()) {
                astrograd.astro.plot.FlarePlots.gallery(gallery, lc, p.flares(), 16);
            }
            System.err.printf(Locale.ROOT, "%s: %d cadences, %d scored, %d flares at threshold %.2f%s%n", lc.name(),
                    lc.size(), java.util.Arrays.stream(p.probability()).filter(v -> !Double.isNaN(v)).count(),
                    p.flares().size(), threshold, out == null ? "" : "; table written to " + out);
            return 0;
        }
    }

    /** The network sees cadences, not days: at another cadence a window spans another time scale. */
    static void warnOnCadence(FlareEnsemble e, LightCurve lc) {
        Object trained = e.info().get("cadence_days");
        if (trained instanceof Number t && Math.abs(lc.cadence() / t.doubleValue() - 1) > 0.2) {
            System.err.printf(Locale.ROOT, "warning: %s has a %.1f-minute cadence but the model was trained on"
                    + " %.1f-minute cadences; expect false positives from variability%n", lc.name(), lc.cadence() * 1440,
                    t.doubleValue() * 1440);
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Leave-one-star-out: train on all light curves but one, score the held-out one against its"
                    + " catalogued flares and against flares injected into it.")
    static final class Evaluate implements Callable<Integer> {
        @Mixin
        Inputs inputs = new Inputs();

        @Mixin
        TrainingOptions training = new TrainingOptions(3, 12);

        @Option(names = "--threshold", defaultValue = "0.5", description = "probability threshold (default: ${DEFAULT-VALUE})")
        double threshold;

        @Option(names = "--out", description = "write the results as JSON to this file")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<LabelledLightCurve> curves = inputs.load();
            if (curves.size() < 2) {
                throw new IllegalArgumentException("leave-one-star-out needs at least two light curves, got " + curves.size());
            }
            long start = System.nanoTime();
            List<FlarePipeline.Fold> folds = FlarePipeline.leaveOneStarOut(curves, training.config(),
                    training.dataScale, threshold, new Rng(training.seed), System.out::println);
            List<FlareEvaluation.CatalogReport> reports = folds.stream().map(FlarePipeline.Fold::catalogue).toList();
            FlareEvaluation.SyntheticReport pooled = FlarePipeline.pooledSynthetic(folds, threshold);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("command", "astrograd " + String.join(" ", Main.currentArgs()));
            result.put("light_curves", inputs.describe());
            result.put("training", training.describe());
            result.put("threshold", threshold);
            result.put("folds", folds.stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>(f.catalogue().toMap());
                m.put("injection_test", f.synthetic(threshold).toMap());
                return m;
            }).toList());
            result.put("catalogue_overall", FlareReports.overall(reports));
            result.put("injection_test_pooled", pooled.toMap());
            result.put("seconds", (System.nanoTime() - start) / 1e9);
            System.out.println(FlareReports.formatOverall(reports));
            System.out.println("pooled over the folds, " + FlareReports.formatSynthetic(pooled));
            if (out != null) {
                FlareReports.writeJson(out, result);
            }
            return 0;
        }
    }
}
