package astrograd.astro.variables;

import astrograd.astro.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads periodic-variable catalogues in two CSV files: light curves in long format (one row per observation:
 * star id, band, time, magnitude, error) and a meta table (one row per star: id, period, optionally a divisor of the
 * period and the class). The true period is {@code period / div_period} when a divisor column is named. Stars that
 * cannot be used — no or bad period, no light curve — are listed in {@link Result#problems()} with a message each,
 * never thrown; rows with a non-finite time or magnitude are dropped and counted.
 *
 * @param columns the column names of both files
 */
public record StarCatalog(Columns columns) {
    /**
     * Column names. {@code metaId} null means the meta table's first column; {@code divPeriod} and {@code type} may be
     * null (no divisor; no labels).
     */
    public record Columns(String id, String band, String time, String mag, String err, String metaId, String period,
                          String divPeriod, String type) {
    }

    /** The EROS-1 files of {@code ../shared/data/variables} (meta id in the first column, {@code "Unnamed: 0"}). */
    public static StarCatalog eros() {
        return new StarCatalog(new Columns("id", "band", "time", "mag", "mag_err", null, "period", "div_period", "type"));
    }

    /** The SDSS Stripe 82 RR Lyrae files (periods file {@code Num, Type, Per}). */
    public static StarCatalog sdss() {
        return new StarCatalog(new Columns("id", "band", "time", "mag", "magerr", "Num", "Per", null, "Type"));
    }

    /** One usable star: its light curve (bands indexed as in {@link Result#bandNames()}) and its class code or null. */
    public record Star(LightCurve curve, String type) {
    }

    /**
     * What was read.
     *
     * @param stars       usable stars in meta-table order
     * @param problems    one message per star that was left out, in meta-table order
     * @param bandNames   the band names in index order
     * @param droppedRows observations dropped for a non-finite time or magnitude
     */
    public record Result(List<Star> stars, List<BadStarException> problems, List<String> bandNames, long droppedRows) {
    }

    /**
     * Reads both files.
     *
     * @param bands     the band names to use, in index order, or null for every band in the file (sorted)
     * @param needTypes whether the meta table must have the type column (training)
     */
    public Result read(Path lightCurves, Path meta, List<String> bands, boolean needTypes) throws IOException {
        Map<String, double[]> periods = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        List<BadStarException> problems = new ArrayList<>();
        readMeta(meta, needTypes, periods, types, problems);
        Map<String, List<double[]>> obs = new LinkedHashMap<>();
        Map<String, List<String>> obsBand = new LinkedHashMap<>();
        TreeSet<String> seenBands = new TreeSet<>();
        long[] dropped = {0};
        List<String> required = List.of(columns.id(), columns.band(), columns.time(), columns.mag(), columns.err());
        Csv.forEach(lightCurves, required, row -> {
            String id = row.text(columns.id());
            if (!periods.containsKey(id)) {
                return;
            }
            double t = row.number(columns.time());
            double m = row.number(columns.mag());
            if (!Double.isFinite(t) || !Double.isFinite(m)) {
                dropped[0]++;
                return;
            }
            String b = row.text(columns.band());
            seenBands.add(b);
            obs.computeIfAbsent(id, k -> new ArrayList<>()).add(new double[] {t, m, row.number(columns.err())});
            obsBand.computeIfAbsent(id, k -> new ArrayList<>()).add(b);
        });
        List<String> bandNames = bands == null ? List.copyOf(seenBands) : List.copyOf(bands);
        if (bandNames.isEmpty()) {
            throw new IOException(lightCurves + ": no observations of the stars in " + meta);
        }
        List<Star> stars = new ArrayList<>();
        for (Map.Entry<String, double[]> e : periods.entrySet()) {
            String id = e.getKey();
            try {
                stars.add(new Star(curve(id, e.getValue(), obs.get(id), obsBand.get(id), bandNames), types.get(id)));
            } catch (BadStarException ex) {
                problems.add(ex);
            }
        }
        return new Result(stars, problems, bandNames, dropped[0]);
    }

    private void readMeta(Path meta, boolean needTypes, Map<String, double[]> periods, Map<String, String> types,
                          List<BadStarException> problems) throws IOException {
        String idColumn = columns.metaId() != null ? columns.metaId() : Csv.header(meta).get(0).trim().replace("\"", "");
        List<String> required = new ArrayList<>(List.of(idColumn, columns.period()));
        if (columns.divPeriod() != null) {
            required.add(columns.divPeriod());
        }
        if (needTypes) {
            required.add(columns.type());
        }
        boolean hasTypes = needTypes || Csv.header(meta).stream().anyMatch(h -> h.trim().equals(columns.type()));
        Csv.forEach(meta, required, row -> {
            String id = row.text(idColumn);
            if (id.isEmpty() || periods.containsKey(id) || problemFor(problems, id)) {
                problems.add(new BadStarException(id.isEmpty() ? "(line " + row.lineNumber() + ")" : id,
                        id.isEmpty() ? "empty id in " + meta : "listed twice in " + meta + " (line " + row.lineNumber() + ")"));
                return;
            }
            String problem = null;
            double p = Double.NaN;
            try {
                p = truePeriod(row);
            } catch (IllegalArgumentException ex) {
                problem = ex.getMessage();
            }
            String type = hasTypes ? typeCode(row.text(columns.type())) : null;
            if (problem == null && !(p > 0 && Double.isFinite(p))) {
                problem = "bad period " + p + " (" + columns.period() + (columns.divPeriod() == null ? "" : " / " + columns.divPeriod())
                        + " must be a positive finite number of days)";
            }
            if (problem == null && needTypes && type.isEmpty()) {
                problem = "no class in column '" + columns.type() + "'";
            }
            if (problem != null) {
                problems.add(new BadStarException(id, problem));
                return;
            }
            periods.put(id, new double[] {p});
            types.put(id, type);
        });
    }

    private static boolean problemFor(List<BadStarException> problems, String id) {
        return problems.stream().anyMatch(b -> b.starId().equals(id));
    }

    private double truePeriod(Csv.Row row) {
        double p = row.number(columns.period());
        if (columns.divPeriod() == null) {
            return p;
        }
        return p / row.number(columns.divPeriod());
    }

    /** Class codes as written, with numeric codes normalized ({@code "3.0"} → {@code "3"}). */
    static String typeCode(String raw) {
        String t = raw.trim();
        try {
            double v = Double.parseDouble(t);
            if (v == Math.rint(v) && Math.abs(v) < 1e9) {
                return Long.toString((long) v);
            }
        } catch (NumberFormatException ignored) {
            // a text code, kept as is
        }
        return t;
    }

    private static LightCurve curve(String id, double[] period, List<double[]> rows, List<String> bandOf,
                                    List<String> bandNames) {
        if (rows == null) {
            throw new BadStarException(id, "no observations in the light-curve file");
        }
        List<double[]> kept = new ArrayList<>();
        List<Integer> band = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int b = bandNames.indexOf(bandOf.get(i));
            if (b >= 0) {
                kept.add(rows.get(i));
                band.add(b);
            }
        }
        int n = kept.size();
        double[] t = new double[n];
        double[] m = new double[n];
        double[] e = new double[n];
        int[] bi = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = kept.get(i)[0];
            m[i] = kept.get(i)[1];
            e[i] = kept.get(i)[2];
            bi[i] = band.get(i);
        }
        return new LightCurve(id, t, m, e, bi, bandNames.size(), period[0]);
    }
}
