package astrograd.astro.xray;

import astrograd.astro.lightcurve.FitsColumn;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;

/**
 * Reads X-ray event lists from FITS files (OGIP/HEASARC conventions; gzip-compressed files too):
 * <ul>
 *   <li>the events table is the binary table named {@code EVENTS}, else the first with {@code HDUCLAS1} =
 *       {@code EVENTS} or {@code EVENT}, else the first whose {@code EXTNAME} contains "EVENT" (RXTE's
 *       {@code XTE_SE} carries {@code HDUCLAS1}; AstroSat LAXPC names it "event file");</li>
 *   <li>its {@code TIME} column (any case; {@code TSCAL}/{@code TZERO} applied) plus {@code TIMEZERO} (or
 *       {@code TIMEZERI + TIMEZERF}) gives the arrival times in seconds of mission time, sorted;</li>
 *   <li>{@code MJDREFI + MJDREFF} (preferred) or {@code MJDREF} gives the MJD of time 0, {@code TIMESYS} its time
 *       scale, {@code TIMEUNIT} must be seconds; each keyword is looked up in the table header, then the primary
 *       header;</li>
 *   <li>every table named {@code GTI}, {@code STDGTI}, {@code GTI<n>} or {@code STDGTI<n>}, or with {@code HDUCLAS1}
 *       = {@code GTI}, contributes its {@code START}/{@code STOP} columns (plus that table's own {@code TIMEZERO},
 *       else the primary header's);
 *       the GTIs of several tables are intersected (stingray's {@code get_gti_from_all_extensions}). Without any,
 *       the GTI is {@code [TSTART, TSTOP]} (+ TIMEZERO), else the span of the events.</li>
 * </ul>
 * Every failure is an {@link IOException} whose message starts with the file and names the HDU, column or card.
 */
public final class EventFileReader {
    private static final Pattern GTI_NAME = Pattern.compile("(STD)?GTI[0-9]*");

    private EventFileReader() {
    }

    /** Reads the events, GTIs and time reference of {@code file}. */
    public static EventList read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (Fits fits = new Fits(file.toFile())) {
            BasicHDU<?>[] hdus = fits.read();
            if (hdus == null || hdus.length == 0) {
                throw new IOException(file + ": not a FITS file (no HDU)");
            }
            FitsCompleteness.check(file, hdus);
            return read(file, hdus);
        } catch (RuntimeException e) { // nom.tam's FitsException is an IllegalStateException
            throw new IOException(file + ": unreadable FITS file" + (truncated(e) ? " (truncated: the data ends before "
                    + "the size its headers declare)" : "") + ": " + e.getMessage(), e);
        }
    }

    private static EventList read(Path file, BasicHDU<?>[] hdus) throws IOException {
        Header primary = hdus[0].getHeader();
        int ev = eventsHdu(file, hdus);
        BinaryTableHDU table = (BinaryTableHDU) hdus[ev];
        Header header = table.getHeader();
        String hduName = "HDU " + ev + " '" + extName(header) + "'";
        double[] raw = column(file, table, hduName, "TIME");
        for (int i = 0; i < raw.length; i++) {
            if (Double.isNaN(raw[i])) {
                throw new IOException(file + ": " + hduName + " column TIME is undefined (TNULL) at row " + (i + 1));
            }
            if (!Double.isFinite(raw[i])) {
                throw new IOException(file + ": " + hduName + " column TIME is not finite at row " + (i + 1));
            }
        }
        checkTimeUnit(file, header, primary);
        double timeZero = timeZero(file, header, primary);
        double[] times = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            times[i] = raw[i] + timeZero;
        }
        Arrays.sort(times);
        List<String> gtiNames = new ArrayList<>();
        Gti gti = gtiFromExtensions(file, hdus, primary, gtiNames);
        String gtiSource = "GTI extensions " + String.join(" ∩ ", gtiNames);
        if (gti == null) {
            double tStart = number(file, header, primary, "TSTART", Double.NaN);
            double tStop = number(file, header, primary, "TSTOP", Double.NaN);
            if (tStart < tStop) {
                gti = Gti.of(tStart + timeZero, tStop + timeZero);
                gtiSource = "TSTART/TSTOP (no GTI extension)";
            } else if (times.length > 1 && times[0] < times[times.length - 1]) {
                gti = Gti.of(times[0], Math.nextUp(times[times.length - 1]));
                gtiSource = "event span (no GTI extension, no TSTART/TSTOP)";
            } else {
                throw new IOException(file + ": no GTI extension, no TSTART/TSTOP and fewer than two distinct event "
                        + "times: the good time is unknown");
            }
        }
        EventList.Meta meta = new EventList.Meta(file.toString(), hduName, text(header, primary, "TELESCOP",
                text(header, primary, "MISSION", "")), text(header, primary, "INSTRUME", ""), mjdRef(file, header,
                primary), text(header, primary, "TIMESYS", ""), timeZero, gtiSource);
        return new EventList(times, gti, meta);
    }

    private static int eventsHdu(Path file, BasicHDU<?>[] hdus) throws IOException {
        int byClass = -1;
        int byName = -1;
        for (int i = 1; i < hdus.length; i++) {
            if (!(hdus[i] instanceof BinaryTableHDU)) {
                continue;
            }
            Header h = hdus[i].getHeader();
            String name = extName(h).toUpperCase(Locale.ROOT);
            String hduClass = h.getStringValue("HDUCLAS1", "").trim().toUpperCase(Locale.ROOT);
            if (name.equals("EVENTS")) {
                return i;
            }
            if (byClass < 0 && (hduClass.equals("EVENTS") || hduClass.equals("EVENT"))) {
                byClass = i;
            }
            if (byName < 0 && name.contains("EVENT")) {
                byName = i;
            }
        }
        if (byClass >= 0 || byName >= 0) {
            return byClass >= 0 ? byClass : byName;
        }
        throw new IOException(file + ": no events extension (a binary table named EVENTS, or with HDUCLAS1 = EVENTS) "
                + "among " + describe(hdus));
    }

    /** The intersection of the GTI tables' intervals, or null when there is no GTI table. */
    private static Gti gtiFromExtensions(Path file, BasicHDU<?>[] hdus, Header primary, List<String> names)
            throws IOException {
        Gti gti = null;
        for (int i = 1; i < hdus.length; i++) {
            Header h = hdus[i].getHeader();
            String name = extName(h).toUpperCase(Locale.ROOT);
            boolean isGti = GTI_NAME.matcher(name).matches()
                    || h.getStringValue("HDUCLAS1", "").trim().equalsIgnoreCase("GTI");
            if (!isGti) {
                continue;
            }
            String hduName = "HDU " + i + " '" + extName(h) + "'";
            if (!(hdus[i] instanceof BinaryTableHDU table)) {
                throw new IOException(file + ": GTI extension " + hduName + " is not a binary table");
            }
            double[] start = column(file, table, hduName, "START");
            double[] stop = column(file, table, hduName, "STOP");
            double zero = timeZero(file, h, primary);
            for (int k = 0; k < start.length; k++) {
                start[k] += zero;
                stop[k] += zero;
            }
            Gti one;
            try {
                one = Gti.normalized(start, stop);
                gti = gti == null ? one : gti.intersect(one);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": GTI extension " + hduName + ": " + e.getMessage(), e);
            }
            names.add(hduName);
        }
        return gti;
    }

    private static double[] column(Path file, BinaryTableHDU table, String hduName, String wanted) throws IOException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < table.getNCols(); c++) {
            String n = table.getColumnName(c);
            if (n != null) {
                columns.putIfAbsent(n.trim().toUpperCase(Locale.ROOT), c);
            }
        }
        Integer index = columns.get(wanted);
        if (index == null) {
            throw new IOException(file + ": " + hduName + " has no column " + wanted + " (columns: " + columns.keySet()
                    + ")");
        }
        return FitsColumn.read(file, table.getData(), table.getHeader(), index, wanted).physical();
    }

    private static void checkTimeUnit(Path file, Header header, Header primary) throws IOException {
        String unit = text(header, primary, "TIMEUNIT", "s").toLowerCase(Locale.ROOT);
        if (!unit.equals("s") && !unit.equals("sec") && !unit.equals("second") && !unit.equals("seconds")) {
            throw new IOException(file + ": TIMEUNIT '" + unit + "' is not supported (event times must be in "
                    + "seconds)");
        }
    }

    /** {@code TIMEZERO}, else {@code TIMEZERI + TIMEZERF}, else 0. */
    private static double timeZero(Path file, Header header, Header primary) throws IOException {
        double zero = number(file, header, primary, "TIMEZERO", Double.NaN);
        if (!Double.isNaN(zero)) {
            return zero;
        }
        return number(file, header, primary, "TIMEZERI", 0) + number(file, header, primary, "TIMEZERF", 0);
    }

    /** {@code MJDREFI + MJDREFF}, else {@code MJDREF}, else NaN. */
    private static double mjdRef(Path file, Header header, Header primary) throws IOException {
        double i = number(file, header, primary, "MJDREFI", Double.NaN);
        if (!Double.isNaN(i)) {
            return i + number(file, header, primary, "MJDREFF", 0);
        }
        return number(file, header, primary, "MJDREF", Double.NaN);
    }

    private static double number(Path file, Header header, Header primary, String key, double absent)
            throws IOException {
        Header h = header.containsKey(key) ? header : primary;
        return FitsColumn.headerNumber(file, h, key, absent);
    }

    private static String text(Header header, Header primary, String key, String absent) {
        for (Header h : List.of(header, primary)) {
            HeaderCard card = h.findCard(key);
            if (card != null && card.getValue() != null && !card.getValue().isBlank()) {
                return card.getValue().trim();
            }
        }
        return absent;
    }

    private static String extName(Header h) {
        String name = h.getStringValue("EXTNAME", "");
        return name == null ? "" : name.trim();
    }

    private static String describe(BasicHDU<?>[] hdus) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hdus.length; i++) {
            b.append(i == 0 ? "" : ", ").append(i).append(" '").append(extName(hdus[i].getHeader())).append("' (")
                    .append(hdus[i] instanceof BinaryTableHDU ? "binary table" : i == 0 ? "primary"
                            : hdus[i].getClass().getSimpleName()).append(')');
        }
        return "HDUs " + b;
    }

    private static boolean truncated(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
