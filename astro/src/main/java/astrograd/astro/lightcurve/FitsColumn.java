package astrograd.astro.lightcurve;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Locale;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;

/**
 * One scalar column of a FITS binary table, decoded to its physical values (FITS Standard 4.0, §7.3.2):
 * {@code physical = TZEROn + TSCALn · stored}, and for an integer column a stored value equal to {@code TNULLn}
 * is undefined (NaN). {@code B} columns are unsigned bytes; {@code TZERO = −128} makes them signed, and
 * {@code TZERO = 2¹⁵, 2³¹, 2⁶³} make {@code I, J, K} columns unsigned, by the same formula.
 *
 * @param file the file, for error messages
 * @param name the column's name, for error messages
 * @param stored the values as stored (a primitive array from nom-tam-fits)
 * @param scale {@code TSCALn} (1 when absent)
 * @param zero {@code TZEROn} as written (null when absent, i.e. 0)
 * @param nullValue {@code TNULLn} of an integer column, or null
 */
public record FitsColumn(Path file, String name, Object stored, double scale, String zero, Long nullValue) {
    private static final String TWO_TO_63 = "9223372036854775808";

    /** Reads column {@code index} (0-based) of {@code data} with the cards of {@code header}. */
    public static FitsColumn read(Path file, BinaryTable data, Header header, int index, String name)
            throws IOException, FitsException {
        int n = index + 1;
        Object stored = data.getColumn(index);
        if (!stored.getClass().isArray() || !stored.getClass().getComponentType().isPrimitive()
                || stored instanceof boolean[] || stored instanceof char[]) {
            throw new IOException(file + ": column '" + name + "' has an unsupported type "
                    + stored.getClass().getSimpleName() + " (expected a numeric scalar column)");
        }
        int length = Array.getLength(stored);
        if (length != data.getNRows()) {
            throw new IOException(file + ": column '" + name + "' is not a scalar column (" + length + " values in "
                    + data.getNRows() + " rows)");
        }
        double scale = headerNumber(file, header, "TSCAL" + n, 1.0);
        if (scale == 0) {
            throw new IOException(file + ": column '" + name + "' has TSCAL" + n + " = 0");
        }
        String zero = text(header, "TZERO" + n);
        if (zero != null) {
            headerNumber(file, header, "TZERO" + n, 0.0); // checks that it is a number
        }
        boolean integer = !(stored instanceof float[] || stored instanceof double[]);
        Long nullValue = integer && text(header, "TNULL" + n) != null ? integer(file, header, "TNULL" + n) : null;
        return new FitsColumn(file, name, stored, scale, zero, nullValue);
    }

    /** The physical values: scaled, NaN where the stored value is {@code TNULLn}. */
    public double[] physical() {
        double z = zero == null ? 0.0 : Double.parseDouble(fortranExponent(zero));
        int n = Array.getLength(stored);
        double[] out = new double[n];
        if (stored instanceof double[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = z + scale * v[i];
            }
            return out;
        }
        if (stored instanceof float[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = z + scale * v[i];
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            long raw = storedInteger(i);
            out[i] = nullValue != null && raw == nullValue ? Double.NaN : z + scale * raw;
        }
        return out;
    }

    /**
     * The values of an integer flag column (such as {@code QUALITY}) as exact integers. The column must be an
     * integer column with {@code TSCAL = 1} and an integral {@code TZERO} (the unsigned conventions included); a
     * {@code TNULL} value becomes all bits set, so that any quality mask drops the cadence.
     */
    long[] flags() throws IOException {
        if (stored instanceof float[] || stored instanceof double[] || scale != 1.0) {
            throw new IOException(file + ": flag column '" + name + "' must hold unscaled integers (it is "
                    + stored.getClass().getSimpleName() + (scale != 1.0 ? " with TSCAL " + scale : "") + ")");
        }
        long offset = integerZero();
        int n = Array.getLength(stored);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long raw = storedInteger(i);
            out[i] = nullValue != null && raw == nullValue ? -1L : raw + offset; // 2⁶³ wraps to the unsigned bits
        }
        return out;
    }

    private long integerZero() throws IOException {
        if (zero == null) {
            return 0;
        }
        String z = zero.trim();
        if (z.equals(TWO_TO_63) || z.equals("+" + TWO_TO_63)) {
            return Long.MIN_VALUE; // adding 2⁶³ modulo 2⁶⁴
        }
        double d = Double.parseDouble(fortranExponent(z));
        if (d != Math.rint(d) || Math.abs(d) > 1L << 53) {
            throw new IOException(file + ": flag column '" + name + "' has a non-integral TZERO (" + z + ")");
        }
        return (long) d;
    }

    /** The stored integer of row {@code i}; a {@code B} column is unsigned. */
    private long storedInteger(int i) {
        if (stored instanceof long[] v) {
            return v[i];
        }
        if (stored instanceof int[] v) {
            return v[i];
        }
        if (stored instanceof short[] v) {
            return v[i];
        }
        return ((byte[]) stored)[i] & 0xff;
    }

    private static String text(Header header, String key) {
        HeaderCard card = header.findCard(key);
        return card == null || card.getValue() == null ? null : card.getValue().trim();
    }

    /**
     * The numeric value of card {@code key} ({@code absent} when there is none), whether it was written as a number
     * or as a string; any other value is an error naming the file and the card.
     */
    public static double headerNumber(Path file, Header header, String key, double absent) throws IOException {
        String t = text(header, key);
        if (t == null) {
            return absent;
        }
        try {
            double v = Double.parseDouble(fortranExponent(t));
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(file + ": " + key + " is not a finite number: '" + t + "'");
    }

    private static long integer(Path file, Header header, String key) throws IOException {
        String t = text(header, key);
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + key + " is not an integer: '" + t + "'");
        }
    }

    /** FITS allows {@code D} as the exponent letter of a double ({@code 1.5D-3}). */
    private static String fortranExponent(String t) {
        return t.toUpperCase(Locale.ROOT).replace('D', 'E');
    }
}
