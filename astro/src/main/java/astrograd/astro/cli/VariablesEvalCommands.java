package astrograd.astro.cli;

import astrograd.astro.variables.CrossValidation;
import astrograd.astro.variables.Features;
import astrograd.astro.variables.ModelConfig;
import astrograd.astro.variables.PreparedStars;
import astrograd.astro.variables.StarCatalog;
import astrograd.astro.variables.SyntheticEvaluation;
import astrograd.astro.variables.SyntheticVariables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The evaluation subcommands of {@code variables}: cross-validation on a catalogue and the synthetic experiment. */
final class VariablesEvalCommands {
    private VariablesEvalCommands() {
    }

    /** {@code variables cv}. */
    @Command(name = "cv", mixinStandardHelpOptions = true,
            description = "Stratified k-fold cross-validation on labelled light curves: per-fold and pooled accuracy,"
                    + " balanced accuracy and confusion matrix.")
    static final class CrossValidate implements Callable<Integer> {
        @Mixin
        VariablesOptions.Data data;

        @Mixin
        VariablesOptions.Model model;

        @Mixin
        VariablesOptions.Fit fit;

        @Option(names = "--folds", defaultValue = "5", description = "Number of folds. Default: ${DEFAULT-VALUE}.")
        int folds;

        @Option(names = "--report", paramLabel = "FILE", description = "Also write the report to this file.")
        Path report;

        @Option(names = "--predictions", paramLabel = "FILE",
                description = "Write every star's held-out probabilities (of the model and, for a hybrid, of its parts) to this CSV.")
        Path predictions;

        @Override
        public Integer call() throws IOException {
            StarCatalog.Result cat = data.catalog().read(data.lightCurves, data.meta, data.bands, true);
            Features f = model.features(cat.bandNames().size());
            PreparedStars stars = PreparedStars.of(cat, f, null);
            VariablesCommand.reportProblems(stars.problems(), System.err, 20);
            ModelConfig config = model.config(f, stars.codes().size());
            String head = String.format(Locale.ROOT, "%d stars (%d skipped), bands %s, classes %s with counts %s%n%s, L=%d%s%s%n",
                    stars.curves().size(), stars.problems().size(), cat.bandNames(), stars.codes(),
                    Arrays.toString(stars.classCounts()), config, f.length(), f.withErrors() ? ", error channel" : "",
                    f.shapeAux() ? ", shape inputs" : "");
            System.out.print(head);
            long t0 = System.nanoTime();
            CrossValidation.Report r = CrossValidation.run(stars, cat.bandNames(), f, config, fit.options(), folds, System.out);
            String text = head + r.format() + String.format(Locale.ROOT, "wall time %.0f s%n", (System.nanoTime() - t0) / 1e9);
            System.out.print(text);
            if (report != null) {
                VariablesPredictions.writeAtomically(report, text);
            }
            if (predictions != null) {
                VariablesPredictions.writeAtomically(predictions, heldOutCsv(stars, r));
            }
            return 0;
        }

        /** {@code id,fold,type,p_<part>_<code>...}: one row per star, fold numbered from 1. */
        private static String heldOutCsv(PreparedStars stars, CrossValidation.Report r) {
            StringBuilder sb = new StringBuilder("id,fold,type");
            r.heldOut().keySet().forEach(key -> stars.codes().forEach(c -> sb.append(",p_").append(key).append('_').append(c)));
            sb.append('\n');
            for (int i = 0; i < stars.curves().size(); i++) {
                sb.append(stars.curves().get(i).source().id()).append(',').append(r.fold()[i] + 1).append(',')
                        .append(stars.codes().get(stars.labels()[i]));
                for (double[][] p : r.heldOut().values()) {
                    for (double v : p[i]) {
                        sb.append(',').append(String.format(Locale.ROOT, "%.6f", v));
                    }
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }

    /** {@code variables synthetic}. */
    @Command(name = "synthetic", mixinStandardHelpOptions = true,
            description = "The synthetic six-class experiment: invariant model vs zero-padded baseline, roll and re-phasing checks.")
    static final class Synthetic implements Callable<Integer> {
        @Mixin
        VariablesOptions.Model model;

        @Mixin
        VariablesOptions.Fit fit;

        @Option(names = "--per-class", defaultValue = "3000", description = "Stars per class. Default: ${DEFAULT-VALUE}.")
        int perClass;

        @Option(names = "--points", defaultValue = "100,200", split = ",", paramLabel = "MIN,MAX",
                description = "Observations per star, uniform in [MIN, MAX]. Default: ${DEFAULT-VALUE}.")
        int[] points;

        @Option(names = "--max-noise", defaultValue = "0.3",
                description = "Largest noise / amplitude ratio (the smallest is 0.02). Default: ${DEFAULT-VALUE}.")
        double maxNoise;

        @Option(names = "--report", paramLabel = "FILE", description = "Also write the report to this file.")
        Path report;

        @Override
        public Integer call() throws IOException {
            if (points.length != 2) {
                throw new IllegalArgumentException("--points takes MIN,MAX, got " + Arrays.toString(points));
            }
            Features f = model.features(1);
            ModelConfig config = model.config(f, SyntheticVariables.Shape.values().length);
            String head = String.format(Locale.ROOT, "synthetic: %d per class, %d-%d points, noise ratio 0.02-%.2f; %s, L=%d%n",
                    perClass, points[0], points[1], maxNoise, config, f.length());
            System.out.print(head);
            long t0 = System.nanoTime();
            SyntheticEvaluation.Report r = new SyntheticEvaluation(perClass, new SyntheticVariables(points[0], points[1], maxNoise),
                    f, config, fit.options()).run(fit.seed, System.out);
            String text = head + r.format() + String.format(Locale.ROOT, "wall time %.0f s%n", (System.nanoTime() - t0) / 1e9);
            System.out.print(text);
            if (report != null) {
                VariablesPredictions.writeAtomically(report, text);
            }
            return 0;
        }
    }
}
