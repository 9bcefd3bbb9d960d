package astrograd.astro.transients;

import astrograd.astro.io.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of the ZTF Bright Transient Survey light curves in long format ({@code ztf_id, time, mag, magerr, band}; time
 * in MJD, AB magnitudes, bands {@code g}, {@code R}, {@code i}; detections only) joined with the BTS catalogue
 * ({@code ZTFID, type, redshift, A_V, peakt}, peakt in JD − 2 458 000). Fluxes in µJy follow from the magnitudes,
 * {@code f = 10^((23.9 − m)/2.5)}, {@code σ_f = f · σ_m · ln 10 / 2.5}.
 *
 * <p>A malformed row (non-numeric or non-finite time or magnitude, an error ≤ 0, an unknown band) or an object
 * missing from the catalogue drops that object, with a message naming the file, line and object in
 * {@link ReadResult#problems()}; a missing column, a line with the wrong number of fields or a truncated gzip stream
 * fail the whole read.
 */
public final class ZtfBtsReader {
    /** Offset from the catalogue's {@code peakt} (JD − 2 458 000) to MJD. */
    public static final double PEAKT_TO_MJD = 2_458_000 - 2_400_000.5;

    private ZtfBtsReader() {
    }

    /** Catalogue row: class, redshift, Milky-Way A_V and peak time (MJD). */
    public record CatalogEntry(String type, double redshift, double av, double peakMjd) {
    }

    /** The catalogue by ZTF id. */
    public static Map<String, CatalogEntry> readCatalog(Path file) throws IOException {
        Map<String, CatalogEntry> out = new HashMap<>();
        Csv.forEach(file, List.of("ZTFID", "type", "redshift", "A_V", "peakt"), row -> {
            double av = row.number("A_V");
            out.put(row.text("ZTFID"), new CatalogEntry(row.text("type"), row.number("redshift"),
                    Double.isNaN(av) ? 0 : av, row.number("peakt") + PEAKT_TO_MJD));
        });
        return out;
    }

    /** Light curves of {@code lightCurves} joined with {@code catalog} (null: no types, A_V = 0). */
    public static ReadResult read(Path lightCurves, Path catalog) throws IOException {
        Map<String, CatalogEntry> meta = catalog == null ? null : readCatalog(catalog);
        Map<String, ObservationBuffer> buffers = new LinkedHashMap<>();
        String name = lightCurves.getFileName().toString();
        Csv.forEach(lightCurves, List.of("ztf_id", "time", "mag", "magerr", "band"), row -> {
            String id = row.text("ztf_id");
            ObservationBuffer buf = buffers.computeIfAbsent(id, k -> new ObservationBuffer());
            String where = name + ", line " + row.lineNumber() + ", object " + id + ": ";
            try {
                addRow(row, buf, where);
            } catch (IllegalArgumentException e) {
                buf.fail(where + e.getMessage());
            }
        });
        List<TransientLightCurve> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ObservationBuffer> e : buffers.entrySet()) {
            ObservationBuffer buf = e.getValue();
            CatalogEntry c = meta == null ? new CatalogEntry(null, Double.NaN, 0, Double.NaN) : meta.get(e.getKey());
            if (c == null) {
                buf.fail(name + ", object " + e.getKey() + ": not in the catalogue");
            }
            if (buf.problem != null) {
                problems.add(buf.problem);
                continue;
            }
            objects.add(buf.build(e.getKey(), c.type(), c.redshift(), c.av(), c.peakMjd()));
        }
        return new ReadResult(objects, problems);
    }

    private static void addRow(Csv.Row row, ObservationBuffer buf, String where) {
        double t = row.number("time");
        double m = row.number("mag");
        double e = row.number("magerr");
        Passband band = Passband.ztf(row.text("band"));
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("time is " + row.text("time") + ", must be a finite MJD");
        }
        if (!Double.isFinite(m)) {
            throw new IllegalArgumentException("mag is '" + row.text("mag") + "', must be finite");
        }
        if (!(e > 0) || !Double.isFinite(e)) {
            throw new IllegalArgumentException("magerr is '" + row.text("magerr") + "', must be > 0");
        }
        if (band == null) {
            throw new IllegalArgumentException("unknown band '" + row.text("band") + "' (expected g, R or i)");
        }
        double f = TransientLightCurve.fluxOfMag(m);
        buf.add(t, band, f, f * e * Math.log(10) / 2.5, m, e, true);
    }
}
