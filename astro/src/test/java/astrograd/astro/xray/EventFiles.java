package astrograd.astro.xray;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.NullDataHDU;

/** Writes small event-list FITS files for the reader tests. */
final class EventFiles {
    /** One binary-table extension: its name, column names and columns, and header cards (key, value pairs). */
    record Table(String extName, String[] names, Object[] columns, Object... cards) {
    }

    private EventFiles() {
    }

    static Table events(Object time, Object... cards) {
        int n = java.lang.reflect.Array.getLength(time);
        int[] pi = new int[n];
        return new Table("EVENTS", new String[] {"TIME", "PI"}, new Object[] {time, pi}, cards);
    }

    static Table gti(String name, double[] start, double[] stop, Object... cards) {
        return new Table(name, new String[] {"START", "STOP"}, new Object[] {start, stop}, cards);
    }

    /** A primary HDU with {@code primaryCards} and the given tables, in order. */
    static Path write(Path file, Object[] primaryCards, Table... tables) throws IOException {
        try (Fits fits = new Fits()) {
            NullDataHDU primary = new NullDataHDU();
            addCards(primary.getHeader(), primaryCards);
            fits.addHDU(primary);
            for (Table t : tables) {
                BinaryTableHDU hdu = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(t.columns()));
                for (int i = 0; i < t.names().length; i++) {
                    hdu.setColumnName(i, t.names()[i], null);
                }
                if (t.extName() != null) {
                    hdu.addValue("EXTNAME", t.extName(), "");
                }
                addCards(hdu.getHeader(), t.cards());
                fits.addHDU(hdu);
            }
            fits.write(file.toFile());
        } catch (FitsException e) {
            throw new IOException(e);
        }
        return file;
    }

    static Object[] cards(Object... keyValues) {
        return keyValues;
    }

    private static void addCards(nom.tam.fits.Header h, Object[] cards) throws FitsException {
        for (int i = 0; i < cards.length; i += 2) {
            String key = (String) cards[i];
            Object v = cards[i + 1];
            if (v instanceof Double d) {
                h.addValue(key, d, "");
            } else if (v instanceof Long l) {
                h.addValue(key, l, "");
            } else if (v instanceof Integer k) {
                h.addValue(key, k, "");
            } else {
                h.addValue(key, (String) v, "");
            }
        }
    }

    static double[] doubles(double... v) {
        return v;
    }
}
