package astrograd.astro.lightcurve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;

/** The FITS half of {@link LightCurveReader}: SPOC, TESS-SPOC HLSP and Kepler/K2 light-curve tables. */
final class FitsLightCurves {
    private static final int TESS_BJDREF = 2457000;
    private static final int KEPLER_BJDREF = 2454833;

    private FitsLightCurves() {
    }

    static LightCurveReader.Result read(Path file, ReadOptions options) throws IOException {
        try (Fits fits = new Fits(file.toFile())) {
            Header primary = fits.getHDU(0).getHeader();
            BinaryTableHDU table = lightCurveTable(file, fits);
            return read(file, primary, table, options);
        } catch (RuntimeException e) { // FitsException is a RuntimeException
            throw new IOException(file + ": unreadable FITS file" + (truncated(e) ? " (truncated: the data ends "
                    + "before the size its headers declare)" : "") + ": " + e.getMessage(), e);
        }
    }

    private static boolean truncated(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    private static BinaryTableHDU lightCurveTable(Path file, Fits fits) throws IOException, FitsException {
        BasicHDU<?> hdu;
        try {
            hdu = fits.getHDU(1);
        } catch (IndexOutOfBoundsException e) {
            hdu = null;
        }
        if (hdu == null) {
            throw new IOException(file + ": has no HDU 1 (a light curve is the binary table in HDU 1)");
        }
        if (!(hdu instanceof BinaryTableHDU table)) {
            String kind = hdu.getHeader().getStringValue("XTENSION", hdu.getClass().getSimpleName());
            throw new IOException(file + ": HDU 1 is not a binary table (XTENSION = " + kind.trim() + ")");
        }
        return table;
    }

    private static LightCurveReader.Result read(Path file, Header primary, BinaryTableHDU table, ReadOptions options)
            throws IOException, FitsException {
        Header header = table.getHeader();
        Map<String, Integer> columns = columns(table);
        ReadOptions.FluxColumn flux = options.fluxColumn();
        if (flux == ReadOptions.FluxColumn.PDCSAP && !columns.containsKey(flux.fluxName())
                && !columns.containsKey(flux.errorName())) {
            flux = ReadOptions.FluxColumn.SAP;
        }
        String qualityName = columns.containsKey("QUALITY") ? "QUALITY"
                : columns.containsKey("SAP_QUALITY") ? "SAP_QUALITY" : null;
        Mission mission = mission(primary, header, qualityName);
        int mask = options.qualityMask().bitsFor(mission);
        if (qualityName == null && mask != 0) {
            throw new IOException(file + ": no quality column (QUALITY or SAP_QUALITY) in HDU 1 (columns: "
                    + columns.keySet() + "); read with QualityMask.NONE to keep every cadence");
        }
        BinaryTable data = table.getData();
        double[] time = doubles(file, data, header, columns, "TIME");
        double[] f = doubles(file, data, header, columns, flux.fluxName());
        double[] e = doubles(file, data, header, columns, flux.errorName());
        long[] quality = qualityName == null ? null : longs(file, data, header, columns, qualityName);
        LightCurve lc = LightCurveReader.assemble(file, name(file, primary, header), time, f, e, quality, mask,
                options);
        double bjdRef = FitsColumn.headerNumber(file, header, "BJDREFI", Double.NaN);
        String system;
        if (Double.isNaN(bjdRef)) {
            system = mission.timeSystem();
            bjdRef = mission.bjdReference();
        } else {
            bjdRef += FitsColumn.headerNumber(file, header, "BJDREFF", 0.0);
            system = bjdRef == TESS_BJDREF ? "BTJD" : bjdRef == KEPLER_BJDREF ? "BKJD" : "BJD-" + bjdRef;
        }
        return new LightCurveReader.Result(lc, mission, system, bjdRef, flux.fluxName(), quality == null ? 0 : mask,
                time.length, tic(file, primary, header));
    }

    /** {@code TICID} of the table header, else of the primary header; it must be a positive integer. */
    private static OptionalLong tic(Path file, Header primary, Header table) throws IOException {
        for (Header h : List.of(table, primary)) {
            HeaderCard card = h.findCard("TICID");
            if (card != null && card.getValue() != null) {
                String value = card.getValue().trim();
                long tic = positiveInteger(value);
                if (tic > 0) {
                    return OptionalLong.of(tic);
                }
                throw new IOException(file + ": TICID is not a positive integer: '" + value + "'");
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The value of {@code text} when it is a positive integer, written as one or as an integral number
     * ({@code 123}, {@code 123.0}, {@code 1.23E2}); 0 otherwise.
     */
    static long positiveInteger(String text) {
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(text.trim());
            return d.signum() > 0 ? d.longValueExact() : 0;
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    /** Upper-case column name → 0-based column index. */
    private static Map<String, Integer> columns(BinaryTableHDU table) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < table.getNCols(); i++) {
            String name = table.getColumnName(i);
            if (name != null) {
                columns.putIfAbsent(name.trim().toUpperCase(Locale.ROOT), i);
            }
        }
        return columns;
    }

    private static Mission mission(Header primary, Header table, String qualityName) {
        for (Header h : List.of(table, primary)) {
            for (String key : List.of("TELESCOP", "MISSION")) {
                Mission m = Mission.fromTelescope(h.getStringValue(key, null));
                if (m != Mission.UNKNOWN) {
                    return m;
                }
            }
        }
        if ("SAP_QUALITY".equals(qualityName)) {
            return Mission.KEPLER;
        }
        return "QUALITY".equals(qualityName) ? Mission.TESS : Mission.UNKNOWN;
    }

    private static String name(Path file, Header primary, Header table) {
        for (Header h : List.of(table, primary)) {
            String object = h.getStringValue("OBJECT", null);
            if (object != null && !object.isBlank()) {
                return object.trim();
            }
        }
        for (Header h : List.of(table, primary)) {
            if (h.containsKey("TICID")) {
                return "TIC " + h.getLongValue("TICID");
            }
            if (h.containsKey("KEPLERID")) {
                return "KIC " + h.getLongValue("KEPLERID");
            }
        }
        return LightCurveReader.baseName(file);
    }

    private static FitsColumn column(Path file, BinaryTable data, Header header, Map<String, Integer> columns,
            String name) throws IOException, FitsException {
        Integer index = columns.get(name);
        if (index == null) {
            throw new IOException(file + ": HDU 1 has no column '" + name + "' (columns: " + columns.keySet() + ")");
        }
        return FitsColumn.read(file, data, header, index, name);
    }

    private static double[] doubles(Path file, BinaryTable data, Header header, Map<String, Integer> columns,
            String name) throws IOException, FitsException {
        return column(file, data, header, columns, name).physical();
    }

    private static long[] longs(Path file, BinaryTable data, Header header, Map<String, Integer> columns,
            String name) throws IOException, FitsException {
        return column(file, data, header, columns, name).flags();
    }
}
