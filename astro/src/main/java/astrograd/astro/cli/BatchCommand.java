package astrograd.astro.cli;

import astrograd.astro.flares.Flare;
import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareFrequency;
import astrograd.astro.flares.FlarePipeline;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.LightCurveReader;
import astrograd.astro.lightcurve.Normalization;
import astrograd.astro.lightcurve.ReadOptions;
import astrograd.layers.io.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code astrograd flares batch}: the flare finder over many light curves. Writes one flare table for all of them
 * ({@code --out}, with the file and star in the first columns), a status table beside it
 * ({@code <out>.status.csv}: file, status, cadences, flares, seconds, message) and a per-star summary
 * ({@code <out>.stars.csv}: flares, days, rate and the power-law index of the equivalent durations by maximum
 * likelihood, uncorrected — {@code flares ffd} corrects one star by injection–recovery). A file that cannot be
 * read is reported in the status table and skipped. Rerun with the same {@code --out} after an interruption and
 * the files already in the status table are not redone (flare rows of a file cut short are dropped first).
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Find the flares of many light curves: a folder (its .npy and .fits files) or a text file listing"
                + " one path per line. Resumable: rerun with the same --out to continue."})
final class BatchCommand implements Callable<Integer> {
    static final String STATUS_HEADER = "file,status,cadences,flares,seconds,message";

    @Option(names = "--input", required = true, description = "folder of light curves, or a text file of paths")
    Path input;

    @Option(names = "--out", required = true, description = "flare table CSV for all light curves")
    Path out;

    @Option(names = "--model", description = "model folder, or 'series' for the shipped series"
                + " ensemble (every cadence scored, about 10× faster; default: the shipped stella ensemble)")
    Path model;

    @Option(names = "--threshold", defaultValue = "0.5", description = "probability threshold (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        List<Path> files = list(input);
        Path statusFile = sibling(out, ".status.csv");
        Map<String, String[]> done = readStatus(statusFile);
        keepFinishedRows(done);
        FlareEnsemble e = FlareEnsemble.resolve(model);
        long start = System.nanoTime();
        int ran = 0;
        try (BufferedWriter table = append(out, "file,star," + astrograd.astro.flares.FlareTable.HEADER);
             BufferedWriter status = append(statusFile, STATUS_HEADER);
             SampleProgress bar = new SampleProgress("light curves", done.size(), files.size(), quiet)) {
            for (Path f : files) {
                String key = quote(f.toString());
                if (done.containsKey(key)) {
                    continue;
                }
                String[] row = runOne(f, e, table);
                table.flush();
                status.write(String.join(",", row) + "\n");
                status.flush();
                done.put(key, row);
                ran++;
                bar.stepTo(done.size());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        writeStars(done);
        long failed = done.values().stream().filter(r -> !r[1].equals("ok")).count();
        System.out.printf(Locale.ROOT, "%d light curves (%d this run in %.1f s, %.2f per second), %d unreadable;"
                + " flares in %s, status in %s, per-star summary in %s%n", done.size(), ran, seconds,
                ran / Math.max(seconds, 1e-9), failed, out, statusFile, sibling(out, ".stars.csv"));
        return 0;
    }

    /** Reads, scores and writes one light curve; returns its status row. */
    private String[] runOne(Path f, FlareEnsemble e, BufferedWriter table) throws IOException {
        long t0 = System.nanoTime();
        LightCurve lc;
        try {
            lc = Normalization.perOrbit(LightCurveReader.read(f, ReadOptions.defaults()));
        } catch (IOException | RuntimeException ex) {
            return new String[] {f.toString(), "unreadable", "0", "0", "0", quote(ex.getMessage())};
        }
        FlarePipeline.Prediction p = FlarePipeline.predict(lc, e, threshold);
        String star = quote(lc.name());
        for (Flare fl : p.flares()) {
            table.write(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6g,%.6g,%.6g,%.4f,%.2f%n", quote(f.toString()),
                    star, fl.tpeak(), fl.tstart(), fl.tstop(), fl.amplitude(), fl.fwhmDays(), fl.equivalentDurationS(),
                    fl.probability(), fl.significance()));
        }
        return new String[] {quote(f.toString()), "ok", String.valueOf(lc.size()), String.valueOf(p.flares().size()),
            String.format(Locale.ROOT, "%.3f", (System.nanoTime() - t0) / 1e9),
            String.format(Locale.ROOT, "%.4f d scored", p.scoredDays())};
    }

    static List<Path> list(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            try (Stream<Path> s = Files.list(input)) {
                return s.filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".npy") || n.endsWith(".fits") || n.endsWith(".fits.gz") || n.endsWith(".fit");
                }).sorted().toList();
            }
        }
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("--input " + input + ": no such folder or list file");
        }
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(input)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(Path.of(t));
            }
        }
        return out;
    }

    private static Map<String, String[]> readStatus(Path statusFile) throws IOException {
        Map<String, String[]> done = new LinkedHashMap<>();
        if (Files.isRegularFile(statusFile)) {
            for (String line : Files.readAllLines(statusFile)) {
                String[] r = split(line);
                if (r.length == 6 && !line.equals(STATUS_HEADER)) {
                    done.put(r[0], r);
                }
            }
        }
        return done;
    }

    /** Drops the flare rows of files without a status line (a run cut short while writing them). */
    private void keepFinishedRows(Map<String, String[]> done) throws IOException {
        if (!Files.isRegularFile(out)) {
            return;
        }
        List<String> lines = Files.readAllLines(out);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0 || done.containsKey(split(lines.get(i))[0])) {
                kept.append(lines.get(i)).append('\n');
            }
        }
        AtomicFile.write(out, kept.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Per star: flares, days, rate and the uncorrected power-law index of the equivalent durations. */
    private void writeStars(Map<String, String[]> done) throws IOException {
        Map<String, List<Double>> eds = new LinkedHashMap<>();
        Map<String, Double> days = new LinkedHashMap<>();
        for (String[] r : done.values()) {
            if (r[1].equals("ok")) {
                eds.putIfAbsent(r[0], new ArrayList<>());
                days.put(r[0], Double.parseDouble(r[5].split(" ")[0]));
            }
        }
        if (Files.isRegularFile(out)) {
            List<String> lines = Files.readAllLines(out);
            for (String line : lines.subList(1, lines.size())) {
                String[] c = split(line);
                eds.computeIfAbsent(c[0], k -> new ArrayList<>()).add(Double.parseDouble(c[7]));
            }
        }
        StringBuilder s = new StringBuilder("file,flares,days,flares_per_day,alpha,alpha_sigma,alpha_low_95,alpha_high_95\n");
        for (Map.Entry<String, List<Double>> en : eds.entrySet()) {
            double d = days.getOrDefault(en.getKey(), Double.NaN);
            double[] x = en.getValue().stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).toArray();
            String fit = ",,,";
            if (x.length >= 5) {
                FlareFrequency.PowerLaw pl = FlareFrequency.fitPowerLaw(x);
                fit = String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f", pl.alpha(), pl.sigma(), pl.lower(), pl.upper());
            }
            s.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%s%n", en.getKey(), en.getValue().size(), d,
                    en.getValue().size() / d, fit));
        }
        AtomicFile.write(sibling(out, ".stars.csv"), s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static BufferedWriter append(Path file, String header) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        boolean fresh = !Files.isRegularFile(file) || Files.size(file) == 0;
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(header + "\n");
        }
        return w;
    }

    static Path sibling(Path out, String suffix) {
        String n = out.getFileName().toString();
        String base = n.toLowerCase(Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
        return out.resolveSibling(base + suffix);
    }

    /** A CSV field: commas and quotes replaced, so that rows split on commas. */
    private static String quote(String s) {
        return s == null ? "" : s.replace(',', ';').replace('"', '\'').replace('\n', ' ');
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }
}
