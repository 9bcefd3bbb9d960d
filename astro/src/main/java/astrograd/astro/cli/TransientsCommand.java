package astrograd.astro.cli;

import astrograd.astro.plot.TransientPlots;
import astrograd.astro.transients.LightCurveGp;
import astrograd.astro.transients.TransientLightCurve;
import astrograd.inference.gp.GpFitter;
import astrograd.inference.gp.TimeWavelengthGp;
import astrograd.layers.io.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code astrograd transients}: GP light curves, anomaly scores, active anomaly discovery and SOMs of transients. */
@Command(name = "transients", mixinStandardHelpOptions = true,
        description = "Rare-transient discovery: 2-D GP light curves, VRAENN, isolation forest, AAD, SOM.",
        subcommands = {TransientsCommand.FitGp.class, TransientsAnomalyCommands.Score.class,
            TransientsAnomalyCommands.Active.class, TransientsAnomalyCommands.Som.class,
            TransientsVraennCommand.class, TransientsSyntheticCommand.class})
final class TransientsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** GP options shared by the subcommands that densify light curves. */
    static final class GpOptions {
        @Option(names = "--kernel", description = "time kernel: se or matern32 (default se)")
        String kernel = "se";

        @Option(names = "--restarts", description = "optimizer starts per object (default 3)")
        int restarts = 3;

        @Option(names = "--zero-mean", description = "SuperRAENN's zero mean instead of a constant mean per band")
        boolean zeroMean;

        @Option(names = "--seed", description = "seed (default 1)")
        long seed = 1;

        LightCurveGp build() {
            TimeWavelengthGp.TimeKernel k = switch (kernel.toLowerCase(Locale.ROOT)) {
                case "se" -> TimeWavelengthGp.TimeKernel.SQUARED_EXPONENTIAL;
                case "matern32" -> TimeWavelengthGp.TimeKernel.MATERN_32;
                default -> throw new IllegalArgumentException("--kernel must be se or matern32, got '" + kernel + "'");
            };
            if (restarts < 1) {
                throw new IllegalArgumentException("--restarts must be >= 1, got " + restarts);
            }
            return new LightCurveGp(k, LightCurveGp.BandAxis.WAVELENGTH, !zeroMean, restarts, seed, Double.NaN);
        }
    }

    /** Fits every object in chunks on the engine pool with a progress bar; returns the dense curves. */
    static List<LightCurveGp.Dense> fitAll(LightCurveGp gp, List<TransientLightCurve> objs, double dt, boolean quiet) {
        List<LightCurveGp.Dense> out = new ArrayList<>();
        int chunk = 32;
        try (SampleProgress bar = new SampleProgress("GP fits", 0, objs.size(), quiet)) {
            for (int s = 0; s < objs.size(); s += chunk) {
                out.addAll(gp.fitAll(objs.subList(s, Math.min(objs.size(), s + chunk)), dt));
                bar.stepTo(out.size());
            }
        }
        return out;
    }

    @Command(name = "fit-gp", mixinStandardHelpOptions = true,
            description = "Fit the 2-D GP (time x wavelength) to every light curve; write the fits, dense curves and"
                    + " plots, and report the time per object.")
    static final class FitGp implements Callable<Integer> {
        @Mixin
        TransientInputs inputs = new TransientInputs();

        @Mixin
        GpOptions gp = new GpOptions();

        @Option(names = "--out", required = true, description = "output folder (gp_fits.csv, dense.csv, plots/)")
        Path out;

        @Option(names = "--step", description = "dense grid step in days (default 1)")
        double step = 1;

        @Option(names = "--plots", description = "plot the first N fits (default 6)")
        int plots = 6;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Override
        public Integer call() throws IOException {
            if (!(step > 0)) {
                throw new IllegalArgumentException("--step must be > 0, got " + step);
            }
            List<TransientLightCurve> objs = inputs.load();
            LightCurveGp model = gp.build();
            long t0 = System.nanoTime();
            List<LightCurveGp.Dense> fits = fitAll(model, objs, step, quiet);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            Files.createDirectories(out);
            writeFits(out.resolve("gp_fits.csv"), fits);
            writeDense(out.resolve("dense.csv"), fits);
            for (int i = 0; i < Math.min(plots, fits.size()); i++) {
                LightCurveGp.Dense d = fits.get(i);
                if (d.fit().gp() != null) {
                    TransientPlots.gpFit(out.resolve("plots").resolve(d.source().id() + "_gp.png"), d,
                            d.source().id() + (d.source().type() == null ? "" : " (" + d.source().type() + ")"));
                }
            }
            long failed = fits.stream().filter(f -> f.fit().status() == GpFitter.Status.FAILED).count();
            long notConverged = fits.stream().filter(f -> f.fit().status() == GpFitter.Status.NOT_CONVERGED).count();
            long atBound = fits.stream().filter(f -> f.fit().atBounds().length > 0).count();
            System.out.printf(Locale.ROOT, "%d objects, %d observations: %.1f s wall, %.1f ms per object (%s kernel,"
                    + " %d starts, %d engine threads)%n", objs.size(),
                    objs.stream().mapToInt(TransientLightCurve::size).sum(), seconds, 1e3 * seconds / objs.size(),
                    gp.kernel, gp.restarts, astrograd.tensor.cpu.EnginePool.threads());
            System.out.printf(Locale.ROOT, "fit failures %d, not converged %d, a hyperparameter at a bound %d;"
                    + " results in %s%n", failed, notConverged, atBound, out);
            return 0;
        }
    }

    static void writeFits(Path file, List<LightCurveGp.Dense> fits) throws IOException {
        StringBuilder sb = new StringBuilder("id,type,observations,status,log_likelihood,ln_amplitude2,ln_time_scale,"
                + "ln_wavelength_scale,at_bounds,message\n");
        for (LightCurveGp.Dense d : fits) {
            GpFitter.Fit f = d.fit();
            double[] th = f.theta() == null ? new double[] {Double.NaN, Double.NaN, Double.NaN} : f.theta();
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%.6f,%.6f,%.6f,%.6f,%s,%s%n", d.source().id(),
                    csv(d.source().type()), d.source().size(), f.status(), f.logLikelihood(), th[0], th[1], th[2],
                    Arrays.toString(f.atBounds()).replace(",", ";"), csv(f.message())));
        }
        AtomicFile.write(file, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static void writeDense(Path file, List<LightCurveGp.Dense> fits) throws IOException {
        StringBuilder sb = new StringBuilder("id,band,mjd,mag,mag_sd\n");
        for (LightCurveGp.Dense d : fits) {
            if (d.fit().gp() == null) {
                continue;
            }
            for (int b = 0; b < d.mag().length; b++) {
                for (int k = 0; k < d.time().length; k++) {
                    sb.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f%n", d.source().id(),
                            d.source().bands().get(b).name(), d.time()[k], d.mag()[b][k], d.magSd()[b][k]));
                }
            }
        }
        AtomicFile.write(file, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String csv(String s) {
        return s == null ? "" : s.replace(",", ";").replace("\n", " ");
    }
}
