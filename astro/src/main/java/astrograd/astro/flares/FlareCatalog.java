package astrograd.astro.flares;

import astrograd.astro.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flare catalogue of Günther et al. (2020, AJ 159, 60) as distributed with stella: columns {@code TIC},
 * {@code tpeak} (full BJD), {@code Amp} (relative amplitude) and {@code FWHMdt} (days). Peak times are turned
 * into BTJD = BJD − 2 457 000, the time system of TESS light curves.
 */
public final class FlareCatalog {
    /** The offset between full BJD and TESS's BTJD. */
    public static final double BTJD_OFFSET = 2_457_000.0;

    /** One catalogued flare: peak time in BTJD, relative amplitude and FWHM in days (NaN when empty). */
    public record Entry(long tic, double tpeakBtjd, double amplitude, double fwhmDays) {
    }

    private final Map<Long, List<Entry>> byTic;

    private FlareCatalog(Map<Long, List<Entry>> byTic) {
        this.byTic = byTic;
    }

    /** Reads the catalogue CSV. */
    public static FlareCatalog read(Path file) throws IOException {
        Map<Long, List<Entry>> byTic = new LinkedHashMap<>();
        Csv.forEach(file, List.of("TIC", "tpeak", "Amp", "FWHMdt"), row -> {
            long tic = (long) row.number("TIC");
            double tpeak = row.number("tpeak");
            if (!Double.isFinite(tpeak)) {
                throw new IllegalArgumentException(file + ", line " + row.lineNumber() + ": tpeak is empty");
            }
            byTic.computeIfAbsent(tic, k -> new ArrayList<>())
                    .add(new Entry(tic, tpeak - BTJD_OFFSET, row.number("Amp"), row.number("FWHMdt")));
        });
        return new FlareCatalog(byTic);
    }

    /** The flares of one star, in catalogue order (empty when the star is not catalogued). */
    public List<Entry> flares(long tic) {
        return byTic.getOrDefault(tic, List.of());
    }

    /** The flares of one star with peaks inside [t0, t1]. */
    public List<Entry> flares(long tic, double t0, double t1) {
        return flares(tic).stream().filter(e -> e.tpeakBtjd() >= t0 && e.tpeakBtjd() <= t1).toList();
    }

    /** The number of catalogued flares. */
    public int size() {
        return byTic.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The TIC number in a light-curve name such as {@code 002760232_sector02} or {@code TIC 2760232}: the first
     * run of digits; -1 when there is none.
     */
    public static long ticFromName(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(name);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
