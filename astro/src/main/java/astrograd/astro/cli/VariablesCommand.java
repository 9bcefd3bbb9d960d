package astrograd.astro.cli;

import astrograd.astro.variables.BadStarException;
import astrograd.astro.variables.Features;
import astrograd.astro.variables.FoldedCurve;
import astrograd.astro.variables.ModelConfig;
import astrograd.astro.variables.PreparedStars;
import astrograd.astro.variables.StarCatalog;
import astrograd.astro.variables.TrainedModel;
import astrograd.astro.variables.Training;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code variables} command: phase-invariant classification of periodic variable stars. */
@Command(name = "variables", mixinStandardHelpOptions = true,
        description = "Phase-invariant classification of periodic variable stars (iTCN / iResNet on folded light curves).",
        subcommands = {VariablesCommand.Train.class, VariablesCommand.Classify.class, VariablesEvalCommands.CrossValidate.class,
                VariablesEvalCommands.Synthetic.class})
final class VariablesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the stars that were left out, one line each (at most {@code limit}, then a count). */
    static void reportProblems(List<BadStarException> problems, PrintStream err, int limit) {
        for (int i = 0; i < Math.min(limit, problems.size()); i++) {
            err.println("skipped " + problems.get(i).getMessage());
        }
        if (problems.size() > limit) {
            err.println("... and " + (problems.size() - limit) + " more stars skipped");
        }
    }

    /** {@code variables train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a classifier on labelled light curves and save it to a directory.")
    static final class Train implements java.util.concurrent.Callable<Integer> {
        @Mixin
        VariablesOptions.Data data;

        @Mixin
        VariablesOptions.Model model;

        @Mixin
        VariablesOptions.Fit fit;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
        Path out;

        @Override
        public Integer call() throws IOException {
            StarCatalog.Result cat = data.catalog().read(data.lightCurves, data.meta, data.bands, true);
            Features f = model.features(cat.bandNames().size());
            PreparedStars stars = PreparedStars.of(cat, f, null);
            reportProblems(stars.problems(), System.err, 20);
            if (stars.codes().size() < 2) {
                throw new IllegalArgumentException("training needs at least two classes, found " + stars.codes());
            }
            ModelConfig config = model.config(f, stars.codes().size());
            System.out.printf(Locale.ROOT, "%d stars (%d skipped), bands %s, classes %s with counts %s%n%s%n",
                    stars.curves().size(), stars.problems().size(), cat.bandNames(), stars.codes(),
                    Arrays.toString(stars.classCounts()), config);
            Training.Result r = Training.fit(config, f, stars.curves(), stars.labels(), stars.codes(), cat.bandNames(),
                    fit.options(), System.out);
            r.model().save(out);
            for (int i = 0; i < r.bestEpochs().length; i++) {
                System.out.printf(Locale.ROOT, "%sbest epoch %d, validation balanced accuracy %.4f%n",
                        r.bestEpochs().length > 1 ? "member " + (i + 1) + ": " : "", r.bestEpochs()[i],
                        r.bestValBalancedAccuracies()[i]);
            }
            System.out.printf(Locale.ROOT, "model written to %s%n", out.resolve(TrainedModel.FILE));
            return 0;
        }
    }

    /** {@code variables classify}. */
    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = "Classify light curves with a trained model; writes id, predicted class and one probability per class.")
    static final class Classify implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "A directory written by 'variables train'.")
        Path modelDir;

        @Option(names = "--lightcurves", required = true, paramLabel = "LC.csv[.gz]", description = "Light curves in long format.")
        Path lightCurves;

        @Option(names = "--meta", required = true, paramLabel = "META.csv",
                description = "Star ids with period (and div_period for EROS); a class column is not needed.")
        Path meta;

        @Option(names = "--format", defaultValue = "eros", paramLabel = "eros|sdss", description = "Column names (as for train).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "pred.csv", description = "Predictions to write.")
        Path out;

        @Override
        public Integer call() throws IOException {
            TrainedModel m = TrainedModel.load(modelDir);
            VariablesOptions.Data d = new VariablesOptions.Data();
            d.format = format;
            StarCatalog.Result cat = d.catalog().read(lightCurves, meta, m.bandNames(), false);
            PreparedStars stars = PreparedStars.of(cat, m.features(), m.classCodes());
            reportProblems(stars.problems(), System.err, Integer.MAX_VALUE);
            double[][] p = m.predictProba(stars.curves());
            VariablesPredictions.write(out, m.classCodes(), stars.curves().stream().map(FoldedCurve::id).toList(), p,
                    stars.problems());
            System.out.printf(Locale.ROOT, "%d stars classified, %d skipped (rows with an empty prediction and a note);"
                    + " written to %s%n", stars.curves().size(), stars.problems().size(), out);
            return 0;
        }
    }
}
