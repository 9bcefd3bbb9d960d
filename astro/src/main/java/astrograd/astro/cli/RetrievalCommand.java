package astrograd.astro.cli;

import astrograd.astro.io.DataPaths;
import astrograd.astro.retrieval.EmulatorConfig;
import astrograd.astro.retrieval.EmulatorMetrics;
import astrograd.astro.retrieval.ObservedSpectrum;
import astrograd.astro.retrieval.PriorBox;
import astrograd.astro.retrieval.Simulations;
import astrograd.astro.retrieval.SpectrumEmulator;
import astrograd.astro.retrieval.SurrogateRetrieval;
import astrograd.astro.retrieval.TransmissionModel;
import astrograd.astro.retrieval.WavelengthBins;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
 * {@code astrograd retrieval}: the MARGE/HOMER surrogate retrieval end to end. Simulates the transmission model at
 * draws from HELA's prior box, trains the MLP emulator (test R² and RMSE per bin), then runs DEMC with the emulator
 * and with the true model on a synthetic observation and/or the WASP-12b spectrum, and prints each marginal's
 * Bhattacharyya coefficient and the speed-ups; writes {@code emulator_metrics.csv}, {@code draws_<target>_<model>.csv}
 * and {@code comparison.csv} to {@code --out}.
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {PlanNetTrainCommand.class, PlanNetInferCommand.class},
        description = {"Surrogate-accelerated retrieval (MARGE/HOMER, Himes et al. 2022): simulate an isothermal "
            + "transmission model (synthetic line lists) from the prior, train an MLP emulator, run DEMC with the "
            + "emulator and with the true model, and compare the marginals (Bhattacharyya coefficient) and the time.",
            "Reads spectra/wasp12b_transmission_spectrum.csv under -Dastrograd.data (default ../shared/data) for the "
                + "WFC3 bins and the wasp12b target; without it the synthetic target uses 13 equal bins over "
                + "0.838-1.666 um.",
            "Subcommands 'train' and 'infer' run plan-net instead: a concrete-dropout ensemble trained on HELA "
                + "simulations that retrieves posteriors directly from spectra (see 'retrieval train --help')."},
        footer = {"", "Examples:", "  astrograd retrieval --target both --out runs/retrieval",
            "  astrograd retrieval --simulations 2000 --epochs 50 --steps 1000 --out runs/quick",
            "  astrograd retrieval train --sims ../shared/data/spectra/hela_sim_spectra_part1.npy --out models/plannet",
            "  astrograd retrieval infer --model models/plannet --spectrum "
                + "../shared/data/spectra/wasp12b_transmission_spectrum.csv --out posterior.csv --plot corner.png"})
final class RetrievalCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    static final String SPECTRUM = "spectra/wasp12b_transmission_spectrum.csv";

    @Spec
    CommandSpec spec;

    @Option(names = "--target", defaultValue = "synthetic", paramLabel = "WHICH",
            description = "synthetic, wasp12b or both (default ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--truth", split = ",", paramLabel = "T,H2O,HCN,NH3,KAPPA",
            defaultValue = "1400,-3.5,-6,-8,-5",
            description = "synthetic target: T [K], log10 X of H2O, HCN, NH3, log10 kappa_cloud (default ${DEFAULT-VALUE})")
    double[] truth;

    @Option(names = "--noise", defaultValue = "0.005", description = "synthetic target: 1-sigma error per bin in % "
            + "(default ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--simulations", defaultValue = "10000", description = "forward-model simulations, split "
            + "80/10/10 into training, validation and test (default ${DEFAULT-VALUE})")
    int simulations;

    @Option(names = "--hidden", split = ",", defaultValue = "256,256", description = "hidden widths (default "
            + "${DEFAULT-VALUE})")
    int[] hidden;

    @Option(names = "--epochs", defaultValue = "400", description = "maximum epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--patience", defaultValue = "30", description = "early-stopping patience (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--chains", defaultValue = "10", description = "DEMC chains (default ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--steps", defaultValue = "4000", description = "DEMC generations (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--burn-in", description = "generations discarded (default: half of --steps)")
    Integer burnIn;

    @Option(names = "--seed", defaultValue = "1", description = "seed of simulations, weights and chains (default "
            + "${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (required)")
    Path out;

    @Option(names = "--emulator", paramLabel = "FILE", description = "reuse the emulator saved in FILE (it must "
            + "emulate the same forward model and prior with the same training settings); if FILE does not exist, "
            + "train one and save it there")
    Path emulatorFile;

    @Override
    public Integer call() throws IOException {
        int burn = validate();
        Path csv = DataPaths.sharedFile(SPECTRUM);
        List<String> targets = target.equals("both") ? List.of("synthetic", "wasp12b") : List.of(target);
        if (targets.contains("wasp12b") && csv == null) {
            throw new IllegalArgumentException("--target " + target + " needs " + DataPaths.sharedData().resolve(SPECTRUM)
                    + " (set -Dastrograd.data)");
        }
        ObservedSpectrum wasp = csv == null ? null : ObservedSpectrum.read(csv);
        WavelengthBins bins = wasp == null ? WavelengthBins.uniform(0.838, 1.666, 13)
                : WavelengthBins.fromCentres(wasp.wavelength());
        PrintStream o = System.out;
        TransmissionModel model = TransmissionModel.standard(bins);
        PriorBox prior = PriorBox.hela();
        Files.createDirectories(out);
        SpectrumEmulator emulator = emulator(model, prior, o);
        StringBuilder table = new StringBuilder("target,parameter,bc,bc_true_split_halves,mean_emulator,sd_emulator,mean_true,sd_true\n");
        for (String t : targets) {
            ObservedSpectrum obs = t.equals("wasp12b") ? wasp : ObservedSpectrum.synthetic(model, truth,
                    filled(bins.count(), noise), seed + 17);
            SurrogateRetrieval.Comparison c = SurrogateRetrieval.compare(obs, prior, emulator, model, chains, steps,
                    burn, seed);
            report(t, c, prior, o, table);
            c.emulator().draws().writeCsv(out.resolve("draws_" + t + "_emulator.csv"));
            c.truth().draws().writeCsv(out.resolve("draws_" + t + "_true.csv"));
        }
        Files.writeString(out.resolve("comparison.csv"), table.toString());
        o.println("wrote " + out);
        return 0;
    }

    /** The emulator from {@code --emulator FILE} if it exists, else a new one (saved to FILE when given). */
    private SpectrumEmulator emulator(TransmissionModel model, PriorBox prior, PrintStream o) throws IOException {
        String fingerprint = emulatorFingerprint(model, prior);
        if (emulatorFile != null && Files.exists(emulatorFile)) {
            SpectrumEmulator e = SpectrumEmulator.load(emulatorFile, fingerprint);
            o.printf(Locale.ROOT, "emulator loaded from %s (%d epochs, best %d; its test metrics were written by the "
                    + "run that trained it)%n", emulatorFile, e.epochsRun(), e.bestEpoch());
            return e;
        }
        SpectrumEmulator e = trainEmulator(model, prior, o);
        if (emulatorFile != null) {
            e.save(emulatorFile, fingerprint);
            o.println("emulator saved to " + emulatorFile);
        }
        return e;
    }

    /** What an emulator emulates and how it was trained: a saved one is reused only when all of this is equal. */
    private String emulatorFingerprint(TransmissionModel model, PriorBox prior) {
        return String.format(Locale.ROOT, "transmission model (%d grid points, %d synthetic lines, bins %s), prior %s "
                + "%s %s, %d simulations, hidden %s, %d epochs, patience %d, lr %s, seed %d", model.gridPoints(),
                model.lineCount(), Arrays.toString(model.bins().centres()), prior.names(),
                Arrays.toString(prior.lower()), Arrays.toString(prior.upper()), simulations, Arrays.toString(hidden),
                epochs, patience, lr, seed);
    }

    private SpectrumEmulator trainEmulator(TransmissionModel model, PriorBox prior, PrintStream o) throws IOException {
        o.printf(Locale.ROOT, "forward model: %d grid points, %d synthetic lines, %d bins%n", model.gridPoints(),
                model.lineCount(), model.bins().count());
        long t0 = System.nanoTime();
        Simulations sims = Simulations.draw(prior, model::spectrum, simulations, seed);
        o.printf(Locale.ROOT, "%d simulations in %.1f s%n", simulations, (System.nanoTime() - t0) / 1e9);
        int nTrain = (int) (0.8 * simulations);
        int nVal = (int) (0.9 * simulations);
        t0 = System.nanoTime();
        SpectrumEmulator e = SpectrumEmulator.train(sims.rows(0, nTrain), sims.rows(nTrain, nVal),
                new EmulatorConfig(hidden, epochs, 64, lr, patience, false, seed), o);
        o.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        EmulatorMetrics m = EmulatorMetrics.of(e, sims.rows(nVal, simulations));
        StringBuilder csv = new StringBuilder("bin,wavelength_um,r2,rmse_percent,rmse_scaled\n");
        double[] centres = model.bins().centres();
        for (int b = 0; b < m.r2().length; b++) {
            csv.append(String.format(Locale.ROOT, "%d,%.4f,%.7f,%.3e,%.3e%n", b, centres[b], m.r2()[b], m.rmse()[b],
                    m.scaledRmse()[b]));
        }
        Files.writeString(out.resolve("emulator_metrics.csv"), csv.toString());
        o.printf(Locale.ROOT, "test set (%d): R2 mean %.6f, min %.6f; RMSE mean %.2e %% (per bin in "
                + "emulator_metrics.csv)%n", simulations - nVal, m.meanR2(), m.minR2(), m.meanRmse());
        return e;
    }

    private static void report(String t, SurrogateRetrieval.Comparison c, PriorBox prior, PrintStream o,
            StringBuilder table) {
        o.printf(Locale.ROOT, "%n%s: emulator run %.1f s (%.4f ms per evaluation, acceptance %.3f), true-model run "
                + "%.1f s (%.3f ms per evaluation, acceptance %.3f)%n", t, c.emulator().seconds(),
                c.emulator().msPerEvaluation(), c.emulator().acceptance(), c.truth().seconds(),
                c.truth().msPerEvaluation(), c.truth().acceptance());
        o.printf(Locale.ROOT, "%s: speed-up per chain %.1fx (run), %.0fx (per evaluation)%n", t, c.runSpeedup(),
                c.evaluationSpeedup());
        double[] split = c.splitBc();
        for (int j = 0; j < prior.dim(); j++) {
            double[] a = c.emulator().draws().flat(j);
            double[] b = c.truth().draws().flat(j);
            String row = String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4g,%.4g,%.4g,%.4g", t, prior.names().get(j),
                    c.bc()[j], split[j], mean(a), sd(a), mean(b), sd(b));
            table.append(row).append('\n');
            o.printf(Locale.ROOT, "  %-16s BC %.4f (true vs true, half the chains each: %.4f)   emulator %.4g +- %.3g"
                    + "   true %.4g +- %.3g%n", prior.names().get(j), c.bc()[j], split[j], mean(a), sd(a), mean(b), sd(b));
        }
    }

    private int validate() {
        require(out != null, "Missing required option: '--out=DIR'");
        require(List.of("synthetic", "wasp12b", "both").contains(target), "--target must be synthetic, wasp12b or "
                + "both, got '" + target + "'");
        require(truth.length == 5, "--truth needs 5 values, got " + truth.length);
        require(PriorBox.hela().contains(truth), "--truth " + Arrays.toString(truth) + " is outside the prior box");
        require(noise > 0 && Double.isFinite(noise), "--noise must be > 0, got " + noise);
        require(simulations >= 100, "--simulations must be >= 100, got " + simulations);
        require(epochs >= 1 && patience >= 1, "--epochs and --patience must be >= 1");
        require(lr > 0 && Double.isFinite(lr), "--lr must be > 0, got " + lr);
        require(Arrays.stream(hidden).allMatch(h -> h >= 1), "--hidden widths must be >= 1");
        require(chains >= 3, "--chains must be >= 3, got " + chains);
        require(steps >= 10 && steps <= 10_000_000, "--steps must be in [10, 10^7], got " + steps);
        int burn = burnIn != null ? burnIn : (int) (steps / 2);
        require(burn >= 0 && burn <= steps - 4, "--burn-in must leave at least 4 generations, got " + burn);
        return burn;
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static double[] filled(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double sd(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).average().orElse(Double.NaN));
    }
}
