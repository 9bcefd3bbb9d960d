package astrograd.astro.transients;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reader of SNANA "terse" light-curve text files as in the Pan-STARRS1 Medium Deep sample of SuperRAENN: header
 * lines {@code KEY: value} ({@code SNID}, {@code MWEBV}, {@code REDSHIFT_FINAL}, {@code SEARCH_PEAKMJD},
 * {@code NOBS}, {@code VARLIST}), then {@code NOBS} lines {@code OBS: …} in VARLIST's order, then {@code END:}.
 * {@code FLUXCAL} has zero point 27.5, so {@code f[µJy] = FLUXCAL · 10^((23.9 − 27.5)/2.5)}. An observation with
 * {@code FLUXCAL/FLUXCALERR < 3} (forced photometry before explosion, negative fluxes) is a non-detection whose
 * magnitude is the 3σ limit; {@code A_V = 3.1 · MWEBV}.
 *
 * <p>Errors name the file and line: a missing VARLIST column, an OBS line with the wrong number of fields or a
 * non-numeric value, a flux error ≤ 0, an unknown filter, a count of OBS lines other than NOBS (a truncated file).
 */
public final class SnanaReader {
    /** µJy per FLUXCAL unit (zero point 27.5 to 23.9). */
    public static final double UJY_PER_FLUXCAL = Math.pow(10, (23.9 - 27.5) / 2.5);
    /** Signal-to-noise below which an observation is a non-detection. */
    public static final double DETECTION_SNR = 3;

    private SnanaReader() {
    }

    /** Every {@code *.dat} file of {@code dir} but the meta table, with types from {@code metaTable} (null: none). */
    public static ReadResult readDirectory(Path dir, Path metaTable) throws IOException {
        Map<String, String> types = metaTable == null ? Map.of() : readTypes(metaTable);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".snana.dat")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no *.snana.dat files");
        }
        List<TransientLightCurve> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                TransientLightCurve lc = read(f);
                objects.add(withType(lc, types.get(lc.id())));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return new ReadResult(objects, problems);
    }

    /** The meta table {@code SN Redshift Type T_explosion MW(EBV)}: type by SNID ("-" means unlabelled). */
    public static Map<String, String> readTypes(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 3) {
                throw new IOException(file + ", line " + lineNo + ": expected 'SN Redshift Type …', got '" + t + "'");
            }
            if (!f[2].equals("-")) {
                out.put(f[0], f[2]);
            }
        }
        return out;
    }

    /** One SNANA file. */
    public static TransientLightCurve read(Path file) throws IOException {
        Map<String, String> header = new HashMap<>();
        List<String> varlist = null;
        ObservationBuffer buf = new ObservationBuffer();
        int obs = 0;
        boolean ended = false;
        int lineNo = 0;
        String name = file.getFileName().toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int colon = t.indexOf(':');
                if (colon < 0) {
                    throw new IOException(name + ", line " + lineNo + ": expected 'KEY: value', got '" + t + "'");
                }
                String key = t.substring(0, colon).trim();
                String value = t.substring(colon + 1).trim();
                if (key.equals("OBS")) {
                    if (varlist == null) {
                        throw new IOException(name + ", line " + lineNo + ": OBS line before VARLIST");
                    }
                    addObservation(value, varlist, buf, name + ", line " + lineNo);
                    obs++;
                } else if (key.equals("VARLIST")) {
                    varlist = List.of(value.split("\\s+"));
                    for (String need : List.of("MJD", "FLT", "FLUXCAL", "FLUXCALERR")) {
                        if (!varlist.contains(need)) {
                            throw new IOException(name + ", line " + lineNo + ": VARLIST lacks " + need);
                        }
                    }
                } else if (key.equals("END")) {
                    ended = true;
                    break;
                } else {
                    header.putIfAbsent(key, value);
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(name + ": not UTF-8 text", e);
        }
        return finish(name, header, buf, obs, ended);
    }

    private static TransientLightCurve finish(String name, Map<String, String> header, ObservationBuffer buf, int obs,
                                              boolean ended) throws IOException {
        String id = header.get("SNID");
        if (id == null) {
            throw new IOException(name + ": no SNID header");
        }
        String nobs = header.get("NOBS");
        if (nobs == null) {
            throw new IOException(name + ": no NOBS header");
        }
        int expected = (int) firstNumber(name, "NOBS", nobs);
        if (obs != expected || !ended) {
            throw new IOException(name + ": NOBS says " + expected + " observations, found " + obs
                    + (ended ? "" : " and no END: line") + " (a truncated file?)");
        }
        if (buf.problem != null) {
            throw new IOException(buf.problem);
        }
        double ebv = header.containsKey("MWEBV") ? firstNumber(name, "MWEBV", header.get("MWEBV")) : 0;
        double z = header.containsKey("REDSHIFT_FINAL") ? firstNumber(name, "REDSHIFT_FINAL",
                header.get("REDSHIFT_FINAL")) : Double.NaN;
        double peak = header.containsKey("SEARCH_PEAKMJD") ? firstNumber(name, "SEARCH_PEAKMJD",
                header.get("SEARCH_PEAKMJD")) : Double.NaN;
        return buf.build(id, null, z, Extinction.DEFAULT_RV * ebv, peak);
    }

    private static void addObservation(String value, List<String> varlist, ObservationBuffer buf, String where) {
        String[] f = value.split("\\s+");
        if (f.length != varlist.size()) {
            buf.fail(where + ": " + f.length + " fields, VARLIST has " + varlist.size());
            return;
        }
        try {
            double t = parse(f[varlist.indexOf("MJD")], "MJD");
            String flt = f[varlist.indexOf("FLT")];
            double flux = parse(f[varlist.indexOf("FLUXCAL")], "FLUXCAL") * UJY_PER_FLUXCAL;
            double err = parse(f[varlist.indexOf("FLUXCALERR")], "FLUXCALERR") * UJY_PER_FLUXCAL;
            Passband band = Passband.ps1(flt);
            if (band == null) {
                throw new IllegalArgumentException("unknown filter '" + flt + "' (expected g, r, i or z)");
            }
            if (!(err > 0) || !Double.isFinite(t) || !Double.isFinite(flux)) {
                throw new IllegalArgumentException("need finite MJD and FLUXCAL and FLUXCALERR > 0, got " + value);
            }
            boolean detected = flux / err >= DETECTION_SNR;
            double mag = TransientLightCurve.magOfFlux(detected ? flux : DETECTION_SNR * err);
            buf.add(t, band, flux, err, mag, detected ? 2.5 / Math.log(10) * err / flux : Double.NaN, detected);
        } catch (IllegalArgumentException e) {
            buf.fail(where + ": " + e.getMessage());
        }
    }

    private static double parse(String s, String column) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a number: '" + s + "'");
        }
    }

    private static double firstNumber(String name, String key, String value) throws IOException {
        String first = value.split("\\s+")[0];
        try {
            return Double.parseDouble(first);
        } catch (NumberFormatException e) {
            throw new IOException(name + ": header " + key + " is not a number: '" + value + "'");
        }
    }

    private static TransientLightCurve withType(TransientLightCurve lc, String type) {
        return new TransientLightCurve(lc.id(), type, lc.redshift(), lc.mwAv(), lc.peakTime(), lc.bands(), lc.time(),
                lc.band(), lc.flux(), lc.fluxErr(), lc.mag(), lc.magErr(), lc.detected());
    }
}
