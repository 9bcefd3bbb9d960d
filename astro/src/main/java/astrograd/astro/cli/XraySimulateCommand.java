package astrograd.astro.cli;

import astrograd.astro.xray.DeadTimeQpoSimulator;
import astrograd.layers.io.AtomicFile;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xray simulate}: prior draws and dead-time-distorted periodogram summaries for simulation-based inference. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw θ = (rate, nu0, q, rms) from the box prior and simulate dead-time-distorted, averaged, "
            + "log-rebinned frac-rms periodograms (Huppenkothen & Bachetti 2022). Writes simulations.csv (θ and the "
            + "summary s0..sK-1 per row) and frequencies.csv (the summary's frequencies) to --out, and prints the "
            + "time per simulation.", "Simulation i uses the Rng stream new Rng(seed).fold(i); θ comes from "
                + "new Rng(seed).fold(Long.MAX_VALUE)."},
        footer = {"", "Example:", "  astrograd xray simulate --simulations 10000 --setup reduced --out runs/deadtime"})
final class XraySimulateCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    private static final int CHUNK = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--simulations", defaultValue = "1000", description = "number of simulations (default "
            + "${DEFAULT-VALUE})")
    int simulations;

    @Option(names = "--setup", defaultValue = "reduced", description = "reduced (1 detector, 0.1 ms grid; spec 4(d)7) "
            + "or paper (2 detectors, 10 us grid) (default ${DEFAULT-VALUE})")
    String setup;

    @Option(names = "--dead-time", description = "dead time in seconds (default: 0.0025; 0 turns it off)")
    Double deadTime;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--serial", description = "one simulation at a time (default: all cores)")
    boolean serial;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Override
    public Integer call() throws IOException {
        XrayCommand.require(spec, simulations >= 1 && simulations <= 10_000_000, "--simulations must be in [1, 10^7], "
                + "got " + simulations);
        XrayCommand.require(spec, setup.equals("reduced") || setup.equals("paper"), "--setup must be reduced or "
                + "paper, got '" + setup + "'");
        XrayCommand.require(spec, deadTime == null || (deadTime >= 0 && deadTime < 1), "--dead-time must be in "
                + "[0, 1) s, got " + deadTime);
        DeadTimeQpoSimulator.Config config = setup.equals("paper") ? DeadTimeQpoSimulator.Config.paper()
                : DeadTimeQpoSimulator.Config.reduced();
        if (deadTime != null) {
            config = config.withDeadTime(deadTime);
        }
        DeadTimeQpoSimulator sim = new DeadTimeQpoSimulator(config);
        DeadTimeQpoSimulator.Prior prior = DeadTimeQpoSimulator.Prior.reduced();
        Rng priorRng = new Rng(seed).fold(Long.MAX_VALUE);
        double[][] thetas = new double[simulations][];
        for (int i = 0; i < simulations; i++) {
            thetas[i] = prior.sample(priorRng);
        }
        Files.createDirectories(out);
        double[][] summaries = new double[simulations][];
        long start = System.nanoTime();
        try (SampleProgress bar = new SampleProgress("simulate", 0, simulations, quiet)) {
            for (int first = 0; first < simulations; first += CHUNK) {
                int last = Math.min(simulations, first + CHUNK);
                double[][] part = sim.simulateSummaries(Arrays.copyOfRange(thetas, first, last), seed, first, !serial);
                System.arraycopy(part, 0, summaries, first, part.length);
                bar.stepTo(last);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        write(thetas, summaries, sim.summaryFrequencies());
        PrintStream o = System.out;
        o.printf(Locale.ROOT, "%d simulations (%s set-up, dead time %s s, %d summary entries) in %.2f s: %.3f ms per "
                + "simulation (%s, %d cores)%n", simulations, setup, XrayCommand.num(config.deadTime()),
                sim.summaryFrequencies().length, seconds, 1e3 * seconds / simulations, serial ? "serial" : "parallel",
                Runtime.getRuntime().availableProcessors());
        o.println("wrote " + out.resolve("simulations.csv") + " and " + out.resolve("frequencies.csv"));
        return 0;
    }

    private void write(double[][] thetas, double[][] summaries, double[] freq) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", DeadTimeQpoSimulator.Parameters.NAMES));
        for (int k = 0; k < freq.length; k++) {
            csv.append(",s").append(k);
        }
        csv.append('\n');
        for (int i = 0; i < thetas.length; i++) {
            for (int j = 0; j < 4; j++) {
                csv.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", thetas[i][j]));
            }
            for (double v : summaries[i]) {
                csv.append(',').append(String.format(Locale.ROOT, "%.7g", v));
            }
            csv.append('\n');
        }
        AtomicFile.write(out.resolve("simulations.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder f = new StringBuilder("index,freq\n");
        for (int k = 0; k < freq.length; k++) {
            f.append(k).append(',').append(String.format(Locale.ROOT, "%.9g", freq[k])).append('\n');
        }
        AtomicFile.write(out.resolve("frequencies.csv"), f.toString().getBytes(StandardCharsets.UTF_8));
    }
}
