package astrograd.astro.cli;

import astrograd.astro.uq.PendulumStudy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code astrograd pendulum}: the "Deeply Uncertain" pendulum study. */
@Command(name = "pendulum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The 'Deeply Uncertain' study (Caldeira & Nord 2021): simulate pendulums (length, periods with "
            + "1 to --max-noise timing noise), estimate g with a deep ensemble, concrete dropout and a Flipout BNN, and "
            + "compare their uncertainties with analytic error propagation.",
            "Writes metrics.csv (coverage of the total 68/95 % intervals, Spearman correlation of sigma_ale/g with "
                + "the analytic dg/g, RMSE, CRPS, NLL, epistemic sigma beyond the training lengths over in "
                + "distribution) and reliability.png, pit.png, aleatoric_vs_analytic.png, epistemic_vs_length.png."},
        footer = {"", "Example:", "  astrograd pendulum --out runs/pendulum --train 20000 --epochs 40"})
final class PendulumCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--train", defaultValue = "20000", description = "training pendulums (default ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--test", defaultValue = "5000", description = "test pendulums (default ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--max-noise", defaultValue = "0.2", description = "t_max of the timing noise U[0.01, t_max]: 0.05, "
            + "0.1 or 0.2 in the paper (default ${DEFAULT-VALUE})")
    double maxNoise;

    @Option(names = "--hidden", split = ",", defaultValue = "100,100,100", description = "hidden widths (default "
            + "${DEFAULT-VALUE})")
    int[] hidden;

    @Option(names = "--epochs", defaultValue = "40", description = "maximum epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--members", defaultValue = "5", description = "deep-ensemble members (default ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--passes", defaultValue = "10", description = "stochastic passes of CD and BNN (default "
            + "${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        require(train >= 100 && test >= 100, "--train and --test must be >= 100");
        require(maxNoise > 0.01 && maxNoise < 1, "--max-noise must be in (0.01, 1), got " + maxNoise);
        require(hidden.length >= 1 && Arrays.stream(hidden).allMatch(h -> h >= 1), "--hidden widths must be >= 1");
        require(epochs >= 1 && members >= 2 && passes >= 2, "--epochs must be >= 1, --members and --passes >= 2");
        PrintStream o = System.out;
        PendulumStudy study = new PendulumStudy(new PendulumStudy.Config(train, test, maxNoise, hidden, epochs, members,
                passes, seed));
        List<PendulumStudy.Scores> scores = study.run(out, o);
        o.println("method            cover68  cover95  spearman  rmse    crps    nll     ood/in-dist sigma_epi");
        for (PendulumStudy.Scores s : scores) {
            o.printf(Locale.ROOT, "%-17s %6.3f   %6.3f   %6.3f   %6.3f  %6.3f  %6.3f  %6.2f  %s%n", s.method(),
                    s.coverage68(), s.coverage95(), s.spearman(), s.rmse(), s.crps(), s.nll(), s.oodRatio(), s.notes());
        }
        o.println("wrote " + out);
        return 0;
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
