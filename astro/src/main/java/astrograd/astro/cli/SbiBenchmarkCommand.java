package astrograd.astro.cli;

import astrograd.inference.sbi.C2st;
import astrograd.inference.sbi.Posterior;
import astrograd.inference.sbi.Snpe;
import astrograd.inference.sbi.SnpeConfig;
import astrograd.inference.sbi.tasks.Task;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code astrograd sbi benchmark}: sbibm's protocol on one task and budget — C2ST between {@code n} posterior
 * draws and {@code n} exact reference draws at each of the task's observations 1..M, and their mean. NPE is
 * amortized, so it is trained once and evaluated at every observation (sbibm retrains per observation); the
 * sequential methods are trained per observation.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "sbibm-style C2ST of NPE/SNPE on a benchmark task against its exact reference posterior.",
        footer = {"", "Example:", "  astrograd sbi benchmark --task two_moons --simulations 10000 --observations 10"})
final class SbiBenchmarkCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    @Option(names = "--task", required = true, description = "gaussian_linear, two_moons, slcp or linear_gaussian")
    String task;

    @Option(names = "--simulations", required = true, description = "simulation budget (all rounds)")
    int simulations;

    @Option(names = "--observations", defaultValue = "10", description = "observations 1..M (default ${DEFAULT-VALUE})")
    int observations;

    @Option(names = "--samples", defaultValue = "10000",
            description = "posterior and reference draws per C2ST (default ${DEFAULT-VALUE}, as sbibm)")
    int samples;

    @Option(names = "--csv", description = "append one line per observation to this CSV file")
    Path csv;

    @CommandLine.Mixin
    SbiCommand.MethodOptions options = new SbiCommand.MethodOptions();

    @Override
    public Integer call() throws IOException {
        if (observations < 1 || samples < 10) {
            throw new IllegalArgumentException("need --observations >= 1 and --samples >= 10");
        }
        Task t = Task.byName(task);
        SnpeConfig cfg = options.config(simulations, true);
        Posterior amortized = null;
        double sum = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= observations; i++) {
            Task.Observation obs = t.observation(i);
            Posterior p;
            if (cfg.rounds() == 1) {
                if (amortized == null) {
                    amortized = Snpe.run(cfg, t.prior(), t.simulator(), null).posterior();
                }
                p = amortized;
            } else {
                p = Snpe.run(cfg.withSeed(cfg.seed() + i), t.prior(), t.simulator(), obs.x()).posterior();
            }
            Posterior.Samples draws = p.sample(samples, obs.x(), new Rng(1000 + i));
            Tensor reference = t.referencePosterior(obs.x(), samples, new Rng(2000 + i));
            double c2st = C2st.sbibm().score(reference, draws.theta(), 3000 + i);
            sum += c2st;
            String line = String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.4f,%.4f", t.name(), options.method,
                    options.estimator, simulations, i, c2st, draws.acceptanceRate());
            System.out.println(line);
            if (csv != null) {
                Files.writeString(csv, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
        System.out.printf(Locale.ROOT, "%s %s-%s %d simulations: mean C2ST over %d observations = %.4f (%.0f s)%n",
                t.name(), options.method, options.estimator, simulations, observations, sum / observations,
                (System.nanoTime() - start) * 1e-9);
        return 0;
    }
}
