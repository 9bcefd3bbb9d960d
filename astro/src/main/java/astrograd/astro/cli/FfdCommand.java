package astrograd.astro.cli;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareFrequency;
import astrograd.astro.flares.FlarePipeline;
import astrograd.astro.flares.InjectionRecovery;
import astrograd.astro.flares.StarFfd;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.LightCurveReader;
import astrograd.astro.lightcurve.Normalization;
import astrograd.astro.lightcurve.ReadOptions;
import astrograd.astro.plot.FfdPlot;
import astrograd.layers.io.AtomicFile;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code astrograd flares ffd}: one star's flare frequency distribution, corrected by injection–recovery. */
@Command(name = "ffd", mixinStandardHelpOptions = true,
        description = {"Flare frequency distribution of one light curve: find its flares, inject and recover Davenport"
                + " flares in it to measure the detection probability and the equivalent-duration bias, and fit the"
                + " power-law index α by maximum likelihood (95 % interval).",
            "Sizes are equivalent durations (s), or energies (erg) with --luminosity."})
final class FfdCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "light curve: .npy (time, flux, error) or SPOC/Kepler FITS")
    Path input;

    @Option(names = "--model", description = "model folder, or 'series' for the shipped series"
                + " ensemble (every cadence scored, about 10× faster; default: the shipped stella ensemble)")
    Path model;

    @Option(names = "--luminosity", description = "the star's luminosity in erg/s: report energies E = ED · L")
    Double luminosity;

    @Option(names = "--passes", defaultValue = "20", description = "injection passes (default: ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--per-pass", defaultValue = "10", description = "flares injected per pass (default: ${DEFAULT-VALUE})")
    int perPass;

    @Option(names = "--near-edge-share", defaultValue = "0.25", description = "share of the injected flares that peak"
            + " within 100 cadences of an end of the light curve or a gap (default: ${DEFAULT-VALUE})")
    double nearEdgeShare;

    @Option(names = "--threshold", defaultValue = "0.5", description = "probability threshold (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the injections (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "write the FFD (size, rate, corrected rate, weight) as CSV")
    Path out;

    @Option(names = "--plot", description = "PNG of the cumulative FFD with the fitted power law")
    Path plot;

    @Override
    public Integer call() throws IOException {
        LightCurve lc = Normalization.perOrbit(LightCurveReader.read(input, ReadOptions.defaults()));
        FlareEnsemble e = FlareEnsemble.resolve(model);
        FlarePipeline.Prediction p = FlarePipeline.predict(lc, e, threshold);
        InjectionRecovery.Config config = new InjectionRecovery.Config(passes, perPass, 2, 300, 2.0 / 1440,
                60.0 / 1440, nearEdgeShare);
        List<InjectionRecovery.Trial> trials = InjectionRecovery.run(lc, e, config, threshold, new Rng(seed));
        StarFfd ffd = StarFfd.of(lc.name(), p.scoredDays(), p.flares(), trials,
                luminosity == null ? Double.NaN : luminosity);
        System.out.println(summary(ffd, trials.size()));
        double[] edge = InjectionRecovery.recoveredNearAndFar(trials, 5);
        System.out.printf(Locale.ROOT, "injected ≥ 5σ recovered: %.3f of %d within %d cadences of an edge or gap,"
                + " %.3f of %d farther%n", edge[0], (int) edge[1], InjectionRecovery.NEAR_EDGE, edge[2], (int) edge[3]);
        if (out != null) {
            AtomicFile.write(out, csv(ffd).getBytes(StandardCharsets.UTF_8));
        }
        if (plot != null) {
            FfdPlot.write(plot, ffd);
        }
        return 0;
    }

    static String summary(StarFfd ffd, int trials) {
        String unit = Double.isNaN(ffd.luminosity()) ? "s" : "erg";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %d flares in %.2f d; %d injected flares",
                ffd.name(), ffd.sizes().length, ffd.days(), trials));
        FlareFrequency.PowerLaw fit = ffd.fit();
        if (fit == null) {
            s.append("; too few flares above x_min for a power-law fit");
        } else {
            s.append(String.format(Locale.ROOT, "%nα = %.2f ± %.2f (95 %%: %.2f–%.2f) from %d flares ≥ %.3g %s",
                    fit.alpha(), fit.sigma(), fit.lower(), fit.upper(), fit.n(), fit.xmin(), unit));
        }
        return s.toString();
    }

    static String csv(StarFfd ffd) {
        StringBuilder s = new StringBuilder(Double.isNaN(ffd.luminosity()) ? "equivalent_duration_s" : "energy_erg");
        s.append(",rate_per_day,corrected_rate_per_day\n");
        for (FlareFrequency.Point pt : ffd.points()) {
            s.append(String.format(Locale.ROOT, "%.6g,%.6g,%.6g%n", pt.size(), pt.rate(), pt.correctedRate()));
        }
        return s.toString();
    }
}
