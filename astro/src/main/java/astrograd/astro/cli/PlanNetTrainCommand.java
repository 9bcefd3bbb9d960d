package astrograd.astro.cli;

import astrograd.astro.retrieval.HelaSimulations;
import astrograd.astro.retrieval.PlanNet;
import astrograd.astro.retrieval.PlanNetEvaluation;
import astrograd.inference.uq.PackedCholesky;
import astrograd.layers.io.AtomicFile;
import astrograd.layers.train.Callback;
import astrograd.layers.train.ProgressBarCallback;
import astrograd.layers.train.Trainer;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code astrograd retrieval train}: trains a plan-net ensemble on HELA simulations and scores it on a held-out split. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train plan-net (Cobb et al. 2019): an ensemble of concrete-dropout networks "
            + "13 -> 4 x 1024 -> Gaussian (mean and packed precision Cholesky) on HELA simulations [n, 18] "
            + "(spectrum in columns 0-12, T, log H2O, log HCN, log NH3, log kappa0 in 13-17).",
            "Rows are split with --seed into training, validation (early stopping) and test shares; the test split is "
                + "scored (R^2, RMSE, interval coverage, CRPS) into DIR/test_metrics.csv. The model (plannet.json and "
                + "one safetensors file per member) goes to DIR."},
        footer = {"", "Example:", "  astrograd retrieval train --sims ../shared/data/spectra/hela_sim_spectra_part1.npy "
            + "--out models/plannet"})
final class PlanNetTrainCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    @Spec
    CommandSpec spec;

    @Option(names = "--sims", required = true, paramLabel = "FILE.npy", description = "labelled simulations [n, 18]")
    Path sims;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "model folder")
    Path out;

    @Option(names = "--members", defaultValue = "5", description = "ensemble members (default ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--hidden", split = ",", defaultValue = "1024,1024,1024,1024",
            description = "hidden widths (default ${DEFAULT-VALUE})")
    int[] hidden;

    @Option(names = "--epochs", defaultValue = "500", description = "maximum epochs per member (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--patience", defaultValue = "50", description = "early-stopping patience (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--batch", defaultValue = "512", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--split", split = ",", defaultValue = "0.8,0.1", paramLabel = "TRAIN,VAL",
            description = "training and validation shares; the rest is the test split (default ${DEFAULT-VALUE})")
    double[] split;

    @Option(names = "--diagonal", defaultValue = "softplus", description = "precision-Cholesky diagonal: softplus "
            + "(softplus + 1e-4) or exp (clamped exp, plan-net's) (default ${DEFAULT-VALUE})")
    String diagonal;

    @Option(names = "--passes", defaultValue = "30", description = "MC-dropout passes per member when scoring the "
            + "test split (default ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--bounds", defaultValue = "clip", description = "draws beyond the prior box when scoring: clip "
            + "(set to the bound) or truncate (rejected) (default ${DEFAULT-VALUE})")
    String bounds;

    @Option(names = "--evaluate-only", description = "do not train: score the model already in DIR on the test split")
    boolean evaluateOnly;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the split and the member streams "
            + "(default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        PackedCholesky.Diagonal diag = validate();
        PrintStream o = System.out;
        HelaSimulations all = HelaSimulations.read(sims);
        if (!all.labelled()) {
            throw new IllegalArgumentException(sims + ": needs 18 columns (spectrum and the 5 parameters)");
        }
        HelaSimulations[] parts = all.split(seed, split[0], split[1]);
        o.printf(Locale.ROOT, "%d simulations: %d training, %d validation, %d test rows (seed %d)%n", all.size(),
                parts[0].size(), parts[1].size(), parts[2].size(), seed);
        PlanNet model = evaluateOnly ? PlanNet.load(out) : train(parts, diag, o);
        PlanNetEvaluation e = PlanNetEvaluation.of(model, parts[2], passes, 200, PlanNet.Bounds.valueOf(
                bounds.toUpperCase(Locale.ROOT)), new Rng(seed).fold(7));
        String csv = e.csv(model.prior().names());
        AtomicFile.write(out.resolve("test_metrics.csv"), csv.getBytes(StandardCharsets.UTF_8));
        o.printf(Locale.ROOT, "test split (%d rows, %d members x %d passes, draws %s to the prior box):%n%s", e.rows(),
                model.members().size(), passes, bounds.equals("clip") ? "clipped" : "truncated", csv);
        return 0;
    }

    private PlanNet train(HelaSimulations[] parts, PackedCholesky.Diagonal diag, PrintStream o) throws IOException {
        PlanNet.Settings s = new PlanNet.Settings(members, hidden, epochs, batch, lr, patience, seed, diag);
        long t0 = System.nanoTime();
        PlanNet model = PlanNet.train(parts[0], parts[1], s, i -> List.of(
                ProgressBarCallback.perRun(String.format(Locale.ROOT, "member %d/%d", i + 1, members), true),
                new EpochLog(o, i)), soFar -> {
                    soFar.info().put("command", String.join(" ", Main.currentArgs()));
                    soFar.info().put("train_seconds", (System.nanoTime() - t0) / 1e9);
                    try {
                        soFar.save(out);
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                    o.printf(Locale.ROOT, "saved %d member(s) to %s%n", soFar.members().size(), out);
                });
        o.printf(Locale.ROOT, "trained %d members in %.0f s; model in %s%n", members, (System.nanoTime() - t0) / 1e9,
                out);
        return model;
    }

    private PackedCholesky.Diagonal validate() {
        require(members >= 1, "--members must be >= 1, got " + members);
        require(hidden.length >= 1 && Arrays.stream(hidden).allMatch(h -> h >= 1), "--hidden widths must be >= 1");
        require(epochs >= 1 && patience >= 1 && batch >= 1 && passes >= 1, "--epochs, --patience, --batch and --passes "
                + "must be >= 1");
        require(lr > 0 && Double.isFinite(lr), "--lr must be > 0, got " + lr);
        require(split.length == 2 && split[0] > 0 && split[1] > 0 && split[0] + split[1] < 1,
                "--split needs two shares > 0 with a sum < 1, got " + Arrays.toString(split));
        require(bounds.equals("clip") || bounds.equals("truncate"), "--bounds must be clip or truncate, got '" + bounds
                + "'");
        require(diagonal.equals("softplus") || diagonal.equals("exp"), "--diagonal must be softplus or exp, got '"
                + diagonal + "'");
        return diagonal.equals("exp") ? PackedCholesky.Diagonal.EXP_CLAMPED : PackedCholesky.Diagonal.SOFTPLUS;
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** One line per epoch: member, epoch, training loss, validation NLL and the seconds it took. */
    private static final class EpochLog implements Callback {
        private final PrintStream out;
        private final int member;
        private long start;

        EpochLog(PrintStream out, int member) {
            this.out = out;
            this.member = member;
        }

        @Override
        public void onEpochBegin(Trainer trainer, int epoch) {
            start = System.nanoTime();
        }

        @Override
        public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> metrics) {
            out.printf(Locale.ROOT, "member %d epoch %d: loss %.4f, val_nll %.4f (%.1f s)%n", member + 1, epoch + 1,
                    metrics.get("loss"), metrics.get("val_nll"), (System.nanoTime() - start) / 1e9);
            out.flush();
        }
    }
}
