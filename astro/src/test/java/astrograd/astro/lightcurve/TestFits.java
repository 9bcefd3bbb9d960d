package astrograd.astro.lightcurve;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.NullDataHDU;

/** Writes small light-curve FITS files for the reader tests. */
final class TestFits {
    private TestFits() {
    }

    /**
     * Writes a primary HDU and a binary table with the given column names and scalar columns (double[], float[],
     * int[]). {@code telescope} (may be null) goes into the table header as TELESCOP.
     */
    static Path table(Path file, String telescope, String[] names, Object... columns) throws IOException {
        try (Fits fits = new Fits()) {
            fits.addHDU(new NullDataHDU());
            BinaryTableHDU hdu = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(columns));
            for (int i = 0; i < names.length; i++) {
                hdu.setColumnName(i, names[i], null);
            }
            if (telescope != null) {
                hdu.addValue("TELESCOP", telescope, "telescope");
            }
            fits.addHDU(hdu);
            fits.write(file.toFile());
        }
        return file;
    }
}
