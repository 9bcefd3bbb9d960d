package astrograd.astro.cli;

import astrograd.astro.plot.XrayPlots;
import astrograd.astro.xray.AveragedPeriodogram;
import astrograd.astro.xray.Binning;
import astrograd.astro.xray.EventFileReader;
import astrograd.astro.xray.EventList;
import astrograd.astro.xray.Periodograms;
import astrograd.astro.xray.PowerNorm;
import astrograd.astro.xray.XrayLightCurve;
import astrograd.astro.xray.ZhangDeadTimeModel;
import astrograd.layers.io.AtomicFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code astrograd xray lightcurve|pds}: X-ray event lists to light curves and averaged periodograms. */
@Command(name = "xray", mixinStandardHelpOptions = true,
        description = "X-ray timing on FITS event lists (EVENTS and GTI extensions): light curves and periodograms.",
        subcommands = {XrayCommand.LightCurveCommand.class, XrayCommand.PdsCommand.class,
            XraySimulateCommand.class})
final class XrayCommand implements Runnable {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options shared by both subcommands. */
    static final class Input {
        @Option(names = "--events", required = true, paramLabel = "FILE",
                description = "FITS event list (.evt, .fits, optionally .gz)")
        Path events;

        @Option(names = "--gti", defaultValue = "file", paramLabel = "FROM",
                description = "good time intervals: 'file' (GTI extensions, else TSTART/TSTOP) or 'events' (first to "
                        + "last event) (default ${DEFAULT-VALUE})")
        String gti;

        @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "output folder (default "
                + "${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--no-plot", description = "write the CSV table only")
        boolean noPlot;

        EventList load(CommandSpec spec) throws IOException {
            if (!gti.equals("file") && !gti.equals("events")) {
                throw new ParameterException(spec.commandLine(), "--gti must be 'file' or 'events', got '" + gti + "'");
            }
            EventList ev = EventFileReader.read(events);
            if (gti.equals("events")) {
                ev = ev.withEventSpanGti();
            }
            Files.createDirectories(out);
            return ev;
        }

        String baseName() {
            String name = events.getFileName().toString();
            for (String ext : new String[] {".gz", ".fits", ".fit", ".evt", ".fts"}) {
                if (name.toLowerCase(Locale.ROOT).endsWith(ext) && name.length() > ext.length()) {
                    name = name.substring(0, name.length() - ext.length());
                }
            }
            return name;
        }
    }

    static void describe(PrintStream o, EventList ev) {
        EventList.Meta m = ev.meta();
        String detector = (m.mission() + " " + m.instrument()).trim();
        o.printf(Locale.ROOT, "%s: %d events (%d in GTIs) from %s; %s; MJDREF %.11f %s; TIMEZERO %s s%n",
                m.source(), ev.size(), ev.inGti().size(), m.eventsHdu(), detector.isEmpty() ? "no TELESCOP/INSTRUME"
                : detector, m.mjdRef(), m.timeSystem().isEmpty() ? "(no TIMESYS)" : m.timeSystem(), num(m.timeZero()));
        o.printf(Locale.ROOT, "GTIs: %d intervals, %.3f s (%s)%n", ev.gti().size(), ev.gti().exposure(),
                m.gtiSource());
    }

    /** A number without trailing zeros (4, 0.001, 3.37842941). */
    static String num(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** {@code xray lightcurve}. */
    @Command(name = "lightcurve", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Bin an event list into a light curve inside its good time intervals (whole bins only) "
                + "and write <name>_lc.csv (time, time_rel, counts, rate) and <name>_lc.png."},
            footer = {"", "Example:", "  astrograd xray lightcurve --events chandra_test.fits --dt 4.41 --out runs/xray"})
    static final class LightCurveCommand implements Callable<Integer>, Main.OneLineUsageErrors {
        @Spec
        CommandSpec spec;

        @Mixin
        Input input;

        @Option(names = "--dt", defaultValue = "1", description = "bin time in seconds (default ${DEFAULT-VALUE})")
        double dt;

        @Override
        public Integer call() throws IOException {
            require(spec, dt > 0 && Double.isFinite(dt), "--dt must be > 0, got " + dt);
            EventList ev = input.load(spec);
            PrintStream o = System.out;
            describe(o, ev);
            XrayLightCurve lc = Binning.lightCurve(ev, dt);
            StringBuilder csv = new StringBuilder("time,time_rel,counts,rate\n");
            for (int i = 0; i < lc.size(); i++) {
                csv.append(String.format(Locale.ROOT, "%.9f,%.9f,%.0f,%.9g%n", lc.time()[i],
                        lc.time()[i] - lc.time()[0], lc.counts()[i], lc.counts()[i] / dt));
            }
            Path table = input.out.resolve(input.baseName() + "_lc.csv");
            AtomicFile.write(table, csv.toString().getBytes(StandardCharsets.UTF_8));
            o.printf(Locale.ROOT, "light curve: %d bins of %s s, %.0f counts, mean rate %.4g counts/s%n", lc.size(),
                    num(dt), lc.totalCounts(), lc.meanRate());
            o.println("wrote " + table);
            if (!input.noPlot) {
                Path png = input.out.resolve(input.baseName() + "_lc.png");
                XrayPlots.lightCurve(png, lc, input.baseName() + ": " + num(dt) + " s bins");
                o.println("wrote " + png);
            }
            return 0;
        }
    }

    /** {@code xray pds}. */
    @Command(name = "pds", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Averaged periodogram of an event list: segments wholly inside the good time intervals, "
                + "Leahy (Poisson level 2) or fractional-rms (level 2/rate) normalization. Writes <name>_pds.csv "
                + "(freq, power, power_err), <name>_pds_logbin.csv with --log-rebin, and <name>_pds.png."},
            footer = {"", "Example:", "  astrograd xray pds --events monol_testA.evt --dt 0.001 --segment 4 --out runs/xray"})
    static final class PdsCommand implements Callable<Integer>, Main.OneLineUsageErrors {
        @Spec
        CommandSpec spec;

        @Mixin
        Input input;

        @Option(names = "--dt", defaultValue = "0.0009765625", description = "bin time in seconds (default "
                + "${DEFAULT-VALUE} = 1/1024)")
        double dt;

        @Option(names = "--segment", defaultValue = "16", description = "segment length in seconds, a whole number "
                + "of bins (default ${DEFAULT-VALUE})")
        double segment;

        @Option(names = "--norm", defaultValue = "leahy", description = "leahy, frac or none (default ${DEFAULT-VALUE})")
        String norm;

        @Option(names = "--log-rebin", defaultValue = "0", paramLabel = "F", description = "log-rebin factor (each "
                + "bin 1+F wider than the last; 0: none) (default ${DEFAULT-VALUE})")
        double logRebin;

        @Option(names = "--dead-time", paramLabel = "TAU", description = "also write and draw Zhang et al. (1995)'s "
                + "Leahy periodogram of Poisson events through a non-paralyzable dead time TAU seconds, at the "
                + "observed rate (needs --norm leahy)")
        Double deadTime;

        @Override
        public Integer call() throws IOException {
            require(spec, dt > 0 && Double.isFinite(dt), "--dt must be > 0, got " + dt);
            require(spec, segment > 0 && Double.isFinite(segment), "--segment must be > 0, got " + segment);
            require(spec, logRebin >= 0 && Double.isFinite(logRebin), "--log-rebin must be >= 0, got " + logRebin);
            PowerNorm pn;
            try {
                pn = PowerNorm.parse(norm);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--norm: " + e.getMessage());
            }
            require(spec, deadTime == null || (deadTime > 0 && deadTime < segment), "--dead-time must be > 0 and "
                    + "shorter than a segment, got " + deadTime);
            require(spec, deadTime == null || pn == PowerNorm.LEAHY, "--dead-time draws a Leahy model: use --norm "
                    + "leahy");
            EventList ev = input.load(spec);
            PrintStream o = System.out;
            describe(o, ev);
            AveragedPeriodogram p = Periodograms.averaged(ev, dt, segment, pn);
            double[] model = deadTime == null ? null : ZhangDeadTimeModel.nonParalyzable(p.freq(), deadTime,
                    p.meanRate(), 0, dt, 200);
            StringBuilder csv = new StringBuilder("freq,power,power_err" + (model == null ? "" : ",zhang_model")
                    + "\n");
            for (int k = 0; k < p.freq().length; k++) {
                csv.append(String.format(Locale.ROOT, "%.9g,%.9g,%.9g", p.freq()[k], p.power()[k],
                        p.power()[k] / Math.sqrt(p.segments())));
                csv.append(model == null ? "\n" : String.format(Locale.ROOT, ",%.9g%n", model[k]));
            }
            Path table = input.out.resolve(input.baseName() + "_pds.csv");
            AtomicFile.write(table, csv.toString().getBytes(StandardCharsets.UTF_8));
            double[] mean = p.meanPower(0, Double.POSITIVE_INFINITY);
            o.printf(Locale.ROOT, "periodogram: %d segments of %s s (%d bins of %s s), %d frequencies %.4g-%.4g Hz, "
                    + "mean rate %.4g counts/s%n", p.segments(), num(segment), p.binsPerSegment(), num(dt),
                    p.freq().length, p.freq()[0], p.freq()[p.freq().length - 1], p.meanRate());
            o.printf(Locale.ROOT, "mean power %.5g +- %.2g (Poisson level %.5g)%n", mean[0],
                    mean[0] / Math.sqrt(p.segments() * mean[1]), p.poissonLevel());
            if (model != null) {
                o.printf(Locale.ROOT, "Zhang model, dead time %s s at %.4g counts/s: mean %.5g%n", num(deadTime),
                        p.meanRate(), java.util.Arrays.stream(model).average().orElseThrow());
            }
            if (p.emptySegments() > 0) {
                o.printf(Locale.ROOT, "note: %d segments inside the GTIs held no photon and were left out (if the "
                        + "events cover only part of the GTIs, try --gti events)%n", p.emptySegments());
            }
            o.println("wrote " + table);
            double[][] rebinned = null;
            if (logRebin > 0) {
                Periodograms.LogBinned b = Periodograms.logRebin(p.freq(), p.power(), logRebin);
                StringBuilder lb = new StringBuilder("freq,power,power_err,n\n");
                for (int i = 0; i < b.freq().length; i++) {
                    lb.append(String.format(Locale.ROOT, "%.9g,%.9g,%.9g,%d%n", b.freq()[i], b.power()[i],
                            b.power()[i] / Math.sqrt((double) p.segments() * b.count()[i]), b.count()[i]));
                }
                Path logTable = input.out.resolve(input.baseName() + "_pds_logbin.csv");
                AtomicFile.write(logTable, lb.toString().getBytes(StandardCharsets.UTF_8));
                o.println("wrote " + logTable);
                rebinned = new double[][] {b.freq(), b.power()};
            }
            if (!input.noPlot) {
                Path png = input.out.resolve(input.baseName() + "_pds.png");
                XrayPlots.periodogram(png, p, rebinned, model, input.baseName() + ": " + p.segments() + " x " + num(segment)
                        + " s, " + pn.name().toLowerCase(Locale.ROOT));
                o.println("wrote " + png);
            }
            return 0;
        }
    }
}
