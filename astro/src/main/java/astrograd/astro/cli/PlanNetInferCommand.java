package astrograd.astro.cli;

import astrograd.astro.plot.PosteriorPlots;
import astrograd.astro.retrieval.HelaSimulations;
import astrograd.astro.retrieval.ObservedSpectrum;
import astrograd.astro.retrieval.PlanNet;
import astrograd.inference.Draws;
import astrograd.inference.uq.Calibration;
import astrograd.inference.uq.PredictiveMixture;
import astrograd.layers.io.AtomicFile;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

/**
 * {@code astrograd retrieval infer}: plan-net posteriors. For one spectrum (a CSV like the WASP-12b file, or an
 * {@code .npy} of one row) it writes the draws and prints their summary; for an {@code .npy} of many spectra it
 * writes per row the median, 16 % and 84 % quantiles, mean and standard deviation of each parameter.
 */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Retrieve posteriors with a trained plan-net model: the mixture of every member's Gaussians over "
            + "--passes Monte-Carlo-dropout passes (mean and covariance by the law of total variance), sampled and kept "
            + "inside HELA's prior box.",
            "--spectrum takes a CSV with columns wavelength_um, transit_depth_percent, transit_depth_err_percent (13 "
                + "WFC3 bins; the errors are not used: plan-net learned the noise from the simulations) or an .npy of "
                + "[n, 13] spectra ([n, 18] with the true parameters also works; they are copied beside the estimates)."},
        footer = {"", "Examples:", "  astrograd retrieval infer --model models/plannet --spectrum "
            + "../shared/data/spectra/wasp12b_transmission_spectrum.csv --out wasp12b_posterior.csv --plot corner.png",
            "  astrograd retrieval infer --model models/plannet --spectrum spectra.npy --out summary.csv"})
final class PlanNetInferCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    private static final int CHUNK = 250;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "folder written by 'retrieval train'")
    Path model;

    @Option(names = "--spectrum", required = true, paramLabel = "FILE.csv|FILE.npy", description = "spectrum or spectra")
    Path spectrum;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "draws (one spectrum) or per-row "
            + "summary (several)")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "corner plot (one spectrum only)")
    Path plot;

    @Option(names = "--passes", defaultValue = "30", description = "MC-dropout passes per member (default ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--draws", defaultValue = "2000", description = "posterior draws per spectrum (default ${DEFAULT-VALUE})")
    int draws;

    @Option(names = "--bounds", defaultValue = "clip", description = "draws beyond the prior box: clip (set to the bound) "
            + "or truncate (rejected) (default ${DEFAULT-VALUE})")
    String bounds;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the dropout masks and draws (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        require(passes >= 1 && draws >= 10, "--passes must be >= 1 and --draws >= 10");
        require(bounds.equals("clip") || bounds.equals("truncate"), "--bounds must be clip or truncate, got '" + bounds
                + "'");
        PlanNet.Bounds mode = PlanNet.Bounds.valueOf(bounds.toUpperCase(Locale.ROOT));
        String name = spectrum.getFileName().toString().toLowerCase(Locale.ROOT);
        require(name.endsWith(".csv") || name.endsWith(".npy"), "--spectrum must be a .csv or .npy file, got " + spectrum);
        HelaSimulations input = name.endsWith(".csv") ? fromCsv(spectrum) : HelaSimulations.read(spectrum);
        require(plot == null || input.size() == 1, "--plot needs a single spectrum, " + spectrum + " has " + input.size());
        PlanNet net = PlanNet.load(model);
        Rng rng = new Rng(seed);
        net.reseed(rng.split());
        if (input.size() == 1) {
            single(net, input, mode, rng, System.out);
        } else {
            many(net, input, mode, rng, System.out);
        }
        return 0;
    }

    private static HelaSimulations fromCsv(Path csv) throws IOException {
        ObservedSpectrum s = ObservedSpectrum.read(csv);
        if (s.bins() != HelaSimulations.BINS) {
            throw new IOException(csv + ": " + s.bins() + " bins, plan-net needs the " + HelaSimulations.BINS + " WFC3 bins");
        }
        double[] none = new double[HelaSimulations.PARAMETERS];
        Arrays.fill(none, Double.NaN);
        return new HelaSimulations(new double[][] {s.depth()}, new double[][] {none});
    }

    private void single(PlanNet net, HelaSimulations input, PlanNet.Bounds mode, Rng rng, PrintStream o)
            throws IOException {
        PredictiveMixture m = net.mixture(input.spectra(), passes);
        PlanNet.Moments g = net.moments(m);
        double[][] s = net.samples(m, draws, mode, rng)[0];
        List<String> names = net.prior().names();
        StringBuilder csv = new StringBuilder(String.join(",", names)).append('\n');
        double[] flat = new double[s.length * names.size()];
        for (int k = 0; k < s.length; k++) {
            for (int j = 0; j < names.size(); j++) {
                csv.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", s[k][j]));
                flat[k * names.size() + j] = s[k][j];
            }
            csv.append('\n');
        }
        AtomicFile.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        o.printf(Locale.ROOT, "%s: %d members x %d passes, %d draws (%s to the prior box) in %s%n", spectrum,
                net.members().size(), passes, draws, mode == PlanNet.Bounds.CLIP ? "clipped" : "truncated", out);
        o.println("parameter          mean +- std (draws)   median [16%, 84%]          Gaussian mean +- std "
                + "(aleatoric, epistemic)");
        for (int j = 0; j < names.size(); j++) {
            double[] col = column(s, j);
            double[] q = quantiles(col);
            o.printf(Locale.ROOT, "%-16s %9.4g +- %-8.3g %9.4g [%.4g, %.4g]   %9.4g +- %.3g (%.3g, %.3g)%n", names.get(j),
                    mean(col), std(col), q[1], q[0], q[2], g.mean()[0][j], g.std(0, j), g.aleatoricStd()[0][j],
                    g.epistemicStd()[0][j]);
        }
        if (plot != null) {
            PosteriorPlots.corner(plot, new Draws(flat, 1, s.length, names), null, "plan-net posterior: "
                    + spectrum.getFileName());
            o.println("corner plot: " + plot);
        }
    }

    private void many(PlanNet net, HelaSimulations input, PlanNet.Bounds mode, Rng rng, PrintStream o)
            throws IOException {
        List<String> names = net.prior().names();
        boolean truth = input.labelled();
        StringBuilder csv = new StringBuilder("row");
        for (String p : names) {
            csv.append(String.format(",%1$s_median,%1$s_q16,%1$s_q84,%1$s_mean,%1$s_std", p));
            if (truth) {
                csv.append(',').append(p).append("_true");
            }
        }
        csv.append('\n');
        try (SampleProgress bar = new SampleProgress("plan-net", 0, input.size(), false)) {
            for (int from = 0; from < input.size(); from += CHUNK) {
                int to = Math.min(input.size(), from + CHUNK);
                double[][] x = Arrays.copyOfRange(input.spectra(), from, to);
                double[][][] s = net.samples(net.mixture(x, passes), draws, mode, rng);
                for (int i = from; i < to; i++) {
                    csv.append(i);
                    for (int j = 0; j < names.size(); j++) {
                        double[] col = column(s[i - from], j);
                        double[] q = quantiles(col);
                        csv.append(String.format(Locale.ROOT, ",%.6g,%.6g,%.6g,%.6g,%.6g", q[1], q[0], q[2], mean(col),
                                std(col)));
                        if (truth) {
                            csv.append(String.format(Locale.ROOT, ",%.6g", input.parameters()[i][j]));
                        }
                    }
                    csv.append('\n');
                }
                bar.stepTo(to);
            }
        }
        AtomicFile.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        o.printf(Locale.ROOT, "%d spectra, %d members x %d passes, %d draws each: median, 16/84 %% quantiles, mean and "
                + "std per parameter in %s%n", input.size(), net.members().size(), passes, draws, out);
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static double[] column(double[][] rows, int j) {
        return Arrays.stream(rows).mapToDouble(r -> r[j]).toArray();
    }

    /** The 16 %, 50 % and 84 % quantiles. */
    private static double[] quantiles(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return new double[] {Calibration.quantileSorted(s, 0.16), Calibration.quantileSorted(s, 0.5),
            Calibration.quantileSorted(s, 0.84)};
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
