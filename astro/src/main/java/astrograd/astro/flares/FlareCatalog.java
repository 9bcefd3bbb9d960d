package astrograd.astro.flares;

import astrograd.astro.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flare catalogue of Günther et al. (2020, AJ 159, 60) as distributed with stella: columns {@code TIC},
 * {@code tpeak}, {@code Amp} (relative amplitude) and {@code FWHMdt} (days). Peak times are held in BTJD =
 * BJD − 2 457 000, the time system of TESS light curves. The published catalogue gives full BJD; a catalogue whose
 * peaks are all below {@value #MAX_BTJD} is taken to be in BTJD already ({@link #timeNote()} says which). Anything
 * else — an empty or non-integer TIC, peaks in neither system or in both — is an error naming the line.
 */
public final class FlareCatalog {
    /** The offset between full BJD and TESS's BTJD. */
    public static final double BTJD_OFFSET = 2_457_000.0;
    /** The offset between full BJD and Kepler's BKJD. */
    public static final double BKJD_OFFSET = 2_454_833.0;
    /** Peak times at or above this are full BJD (JD 2 400 000 is 1858). */
    public static final double MIN_FULL_BJD = 2_400_000.0;
    /** Peak times below this are BTJD (BTJD 20 000 is in 2073; MJDs of the TESS era are above 58 000). */
    public static final double MAX_BTJD = 20_000.0;

    /** One catalogued flare: peak time in BTJD, relative amplitude and FWHM in days (NaN when empty). */
    public record Entry(long tic, double tpeakBtjd, double amplitude, double fwhmDays) {
    }

    private final Path file;
    private final Map<Long, List<Entry>> byTic;
    private final boolean fullBjd;

    private FlareCatalog(Path file, Map<Long, List<Entry>> byTic, boolean fullBjd) {
        this.file = file;
        this.byTic = byTic;
        this.fullBjd = fullBjd;
    }

    /** Reads the catalogue CSV; errors name the file and the line. */
    public static FlareCatalog read(Path file) throws IOException {
        Map<Long, List<Entry>> byTic = new LinkedHashMap<>();
        long[] firstLine = {-1, -1}; // the first line in full BJD, the first in BTJD
        Csv.forEach(file, List.of("TIC", "tpeak", "Amp", "FWHMdt"), row -> {
            long tic = tic(file, row);
            double tpeak = row.number("tpeak");
            String where = file + ", line " + row.lineNumber() + ": ";
            if (!Double.isFinite(tpeak)) {
                throw new IllegalArgumentException(where + "tpeak is empty");
            }
            int system = tpeak >= MIN_FULL_BJD ? 0 : tpeak >= 0 && tpeak < MAX_BTJD ? 1 : -1;
            if (system < 0) {
                throw new IllegalArgumentException(where + "tpeak " + tpeak + " is neither full BJD (≥ 2 400 000) nor"
                        + " BTJD (0 to " + (long) MAX_BTJD + ")");
            }
            if (firstLine[system] < 0) {
                firstLine[system] = row.lineNumber();
            }
            if (firstLine[1 - system] >= 0) {
                throw new IllegalArgumentException(file + ": tpeak is full BJD on line " + firstLine[0]
                        + " but BTJD on line " + firstLine[1] + "; a catalogue must use one time system");
            }
            byTic.computeIfAbsent(tic, k -> new ArrayList<>())
                    .add(new Entry(tic, tpeak, row.number("Amp"), row.number("FWHMdt")));
        });
        boolean fullBjd = firstLine[0] >= 0;
        if (fullBjd) {
            byTic.replaceAll((tic, list) -> list.stream()
                    .map(e -> new Entry(tic, e.tpeakBtjd() - BTJD_OFFSET, e.amplitude(), e.fwhmDays())).toList());
        }
        return new FlareCatalog(file, byTic, fullBjd);
    }

    private static long tic(Path file, Csv.Row row) {
        String text = row.text("TIC");
        try {
            long tic = new java.math.BigDecimal(text).longValueExact(); // integral floats (pandas' 123.0) too
            if (tic > 0) {
                return tic;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + ", line " + row.lineNumber() + ": TIC "
                + (text.isEmpty() ? "is empty" : "'" + text + "' is not a positive integer"));
    }

    /** The flares of one star, in catalogue order (empty when the star is not catalogued). */
    public List<Entry> flares(long tic) {
        return byTic.getOrDefault(tic, List.of());
    }

    /** The flares of one star with peaks inside [t0, t1] (BTJD). */
    public List<Entry> flares(long tic, double t0, double t1) {
        return flares(tic).stream().filter(e -> e.tpeakBtjd() >= t0 && e.tpeakBtjd() <= t1).toList();
    }

    /**
     * The flares of one star inside a light curve that spans [t0, t1] in BTJD, after checking that the two time
     * systems agree: when none of the star's flares falls inside, but they would with the light curve's times
     * shifted by the BJD–BTJD or BKJD–BTJD offset, the light curve is not in BTJD and this throws.
     *
     * @param source the light curve, for the message
     */
    public List<Entry> flaresDuring(String source, long tic, double t0, double t1) {
        List<Entry> inside = flares(tic, t0, t1);
        if (!inside.isEmpty() || flares(tic).isEmpty()) {
            return inside;
        }
        for (double offset : new double[] {BTJD_OFFSET, -BTJD_OFFSET, BTJD_OFFSET - BKJD_OFFSET,
                BKJD_OFFSET - BTJD_OFFSET}) {
            if (!flares(tic, t0 - offset, t1 - offset).isEmpty()) {
                List<Entry> all = flares(tic);
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: spans %.2f–%.2f, but the %d"
                        + " catalogued flares of TIC %d (%s) are at BTJD %.2f–%.2f: they would fall inside with the"
                        + " light curve's times shifted by %+.0f d, so the light curve is not in BTJD (full BJD − 2 457"
                        + " 000); convert its times", source, t0, t1, all.size(), tic, file.getFileName(),
                        all.stream().mapToDouble(Entry::tpeakBtjd).min().orElseThrow(),
                        all.stream().mapToDouble(Entry::tpeakBtjd).max().orElseThrow(), -offset));
            }
        }
        return inside;
    }

    /** The number of catalogued flares. */
    public int size() {
        return byTic.values().stream().mapToInt(List::size).sum();
    }

    /** The number of stars with catalogued flares. */
    public int stars() {
        return byTic.size();
    }

    /** Whether the file gave full BJD (converted) rather than BTJD (kept). */
    public boolean convertedFromFullBjd() {
        return fullBjd;
    }

    /** One line for the user: the file, its size and how its peak times were read. */
    public String timeNote() {
        return String.format(Locale.ROOT, "%s: %d flares of %d stars; tpeak %s", file, size(), stars(), fullBjd
                ? "in full BJD, converted to BTJD (− 2 457 000)" : "below " + (long) MAX_BTJD + ", taken as BTJD as is");
    }
}
