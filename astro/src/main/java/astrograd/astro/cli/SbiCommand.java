package astrograd.astro.cli;

import astrograd.inference.sbi.Posterior;
import astrograd.inference.sbi.PosteriorIo;
import astrograd.inference.sbi.Snpe;
import astrograd.inference.sbi.SnpeConfig;
import astrograd.inference.sbi.tasks.Task;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code astrograd sbi}: neural posterior estimation on the benchmark tasks — {@code train} fits NPE, SNPE-A or
 * SNPE-C and saves the posterior, {@code sample} draws from a saved posterior at an observation read from a file,
 * {@code benchmark} reports sbibm-style C2ST against the exact reference posteriors.
 */
@Command(name = "sbi", mixinStandardHelpOptions = true,
        description = "Simulation-based inference: neural posterior estimation (MDN or neural spline flow).",
        subcommands = {SbiCommand.Train.class, SbiCommand.Sample.class, SbiBenchmarkCommand.class})
final class SbiCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The method and estimator options shared by train and benchmark. */
    static final class MethodOptions {
        @Option(names = "--method", defaultValue = "npe", description = "npe, snpe-a or snpe-c (default ${DEFAULT-VALUE})")
        String method;

        @Option(names = "--estimator", defaultValue = "nsf", description = "mdn or nsf (default ${DEFAULT-VALUE}; snpe-a needs mdn)")
        String estimator;

        @Option(names = "--rounds", defaultValue = "1", description = "rounds for snpe-a/snpe-c; the simulations are split evenly (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--components", defaultValue = "10", description = "MDN components (default ${DEFAULT-VALUE})")
        int components;

        @Option(names = "--max-epochs", defaultValue = "1000", description = "cap on epochs per round (default ${DEFAULT-VALUE})")
        int maxEpochs;

        @Option(names = "--seed", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        SnpeConfig config(int simulations, boolean progress) {
            SnpeConfig.Method m = switch (method.toLowerCase(Locale.ROOT)) {
                case "npe" -> SnpeConfig.Method.NPE;
                case "snpe-a" -> SnpeConfig.Method.SNPE_A;
                case "snpe-c" -> SnpeConfig.Method.SNPE_C;
                default -> throw new IllegalArgumentException("--method must be npe, snpe-a or snpe-c, got " + method);
            };
            SnpeConfig.Estimator e = switch (estimator.toLowerCase(Locale.ROOT)) {
                case "mdn" -> SnpeConfig.Estimator.MDN;
                case "nsf" -> SnpeConfig.Estimator.NSF;
                default -> throw new IllegalArgumentException("--estimator must be mdn or nsf, got " + estimator);
            };
            int r = m == SnpeConfig.Method.NPE ? 1 : rounds;
            if (r < 1 || simulations < 10 * r) {
                throw new IllegalArgumentException("need --rounds >= 1 and at least 10 simulations per round, got "
                        + simulations + " simulations in " + r + " rounds");
            }
            int[] perRound = new int[r];
            for (int i = 0; i < r; i++) {
                perRound[i] = simulations / r + (i < simulations % r ? 1 : 0);
            }
            SnpeConfig base = SnpeConfig.defaults(m, e, perRound).withComponents(components).withSeed(seed)
                    .withProgress(progress);
            return base.withTraining(base.batchSize(), base.learningRate(), base.patience(), maxEpochs);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Simulate, train a posterior estimator and save it to a folder.",
            footer = {"", "Examples:", "  astrograd sbi train --task two_moons --simulations 10000 --out runs/tm",
                "  astrograd sbi train --task linear_gaussian --simulations 2000 --method snpe-c --estimator mdn "
                    + "--rounds 2 --observation 1 --out runs/lg"})
    static final class Train implements Callable<Integer>, Main.OneLineUsageErrors {
        @Option(names = "--task", required = true, description = "gaussian_linear, two_moons, slcp or linear_gaussian")
        String task;

        @Option(names = "--simulations", required = true, description = "simulation budget (all rounds)")
        int simulations;

        @Option(names = "--out", required = true, description = "folder for the trained posterior")
        Path out;

        @Option(names = "--observation", defaultValue = "1",
                description = "task observation number that sequential rounds focus on (default ${DEFAULT-VALUE})")
        int observation;

        @CommandLine.Mixin
        MethodOptions options = new MethodOptions();

        @Override
        public Integer call() throws IOException {
            Task t = Task.byName(task);
            SnpeConfig cfg = options.config(simulations, true);
            Task.Observation obs = t.observation(observation);
            Snpe.Result r = Snpe.run(cfg, t.prior(), t.simulator(), cfg.rounds() > 1 ? obs.x() : null);
            for (Snpe.RoundReport report : r.rounds()) {
                System.out.printf(Locale.ROOT, "round %d: %d simulations (%d dropped), %d epochs, best validation"
                        + " loss %.4f, proposal acceptance %.3f, %.1f s%n", report.round(), report.simulations(),
                        report.dropped(), report.epochs(), report.bestValidationLoss(), report.proposalAcceptance(),
                        report.seconds());
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("task", t.name());
            extra.put("config", cfg.toString());
            extra.put("observation", observation);
            extra.put("command", String.join(" ", Main.currentArgs()));
            PosteriorIo.save(out, r.posterior(), extra);
            Path obsFile = out.resolve("observation_" + observation + ".txt");
            Files.writeString(obsFile, join(obs.x().toDoubleArray()) + "\n", StandardCharsets.UTF_8);
            System.out.println("saved " + out.resolve(PosteriorIo.WEIGHTS) + " (task observation " + observation
                    + " written to " + obsFile + ")");
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Draw from a saved posterior at an observation and write the draws as CSV.",
            footer = {"", "Example:", "  astrograd sbi sample --model runs/tm --observation runs/tm/observation_1.txt"})
    static final class Sample implements Callable<Integer>, Main.OneLineUsageErrors {
        @Option(names = "--model", required = true, description = "folder written by 'sbi train'")
        Path model;

        @Option(names = "--observation", required = true, description = "text file with the F numbers of x_o")
        Path observation;

        @Option(names = "--samples", defaultValue = "10000", description = "draws (default ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--out", description = "CSV file for the draws (default MODEL/samples.csv)")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws IOException {
            if (samples < 1) {
                throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
            }
            Posterior p = PosteriorIo.load(model).posterior();
            Tensor x = readObservation(observation, p.xScore().dim());
            Posterior.Samples s = p.sample(samples, x, new Rng(seed));
            Tensor map = p.map(x, Math.min(samples, 1000), 200, new Rng(seed + 1));
            Path target = out != null ? out : model.resolve("samples.csv");
            writeCsv(target, s.theta());
            double[] mean = s.theta().mean(new int[] {0}, false).toDoubleArray();
            double[] sd = s.theta().std(new int[] {0}, true, false).toDoubleArray();
            System.out.printf(Locale.ROOT, "%d draws, acceptance into the prior support %.4f%n", samples,
                    s.acceptanceRate());
            for (int d = 0; d < mean.length; d++) {
                System.out.printf(Locale.ROOT, "theta%d: mean %.5f sd %.5f MAP %.5f%n", d, mean[d], sd[d],
                        map.getDouble(d));
            }
            System.out.println("wrote " + target);
            return 0;
        }
    }

    /** The numbers of a text file (commas or whitespace between them), which must be {@code dim} finite values. */
    static Tensor readObservation(Path file, int dim) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("observation file " + file + " does not exist");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        String[] parts = text.isEmpty() ? new String[0] : text.split("[,\\s]+");
        if (parts.length != dim) {
            throw new IllegalArgumentException("observation file " + file + " has " + parts.length
                    + " numbers; the model expects " + dim);
        }
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("observation file " + file + ": value " + (i + 1) + " '" + parts[i]
                        + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("observation file " + file + ": value " + (i + 1) + " is " + v[i]);
            }
        }
        return Tensor.of(v);
    }

    static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.toString();
    }

    static void writeCsv(Path file, Tensor rows) throws IOException {
        int d = rows.size(1);
        double[] v = rows.to(DType.F64).contiguous().toDoubleArray();
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < d; j++) {
            sb.append(j == 0 ? "" : ",").append("theta").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < rows.size(0); i++) {
            sb.append(join(java.util.Arrays.copyOfRange(v, i * d, (i + 1) * d))).append('\n');
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        astrograd.layers.io.AtomicFile.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<String> tasks() {
        return Task.names();
    }
}
