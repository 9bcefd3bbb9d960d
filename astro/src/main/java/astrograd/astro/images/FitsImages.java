package astrograd.astro.images;

import astrograd.layers.io.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.util.FitsOutputStream;

/**
 * FITS images through nom-tam-fits: the primary array or an IMAGE extension, BITPIX 8, 16, 32, 64, −32 and −64.
 * Stored values become physical ones as {@code BZERO + BSCALE · stored}; integer pixels equal to {@code BLANK} and
 * floating-point NaNs become NaN. Images are 2-d (a 3-d cube with one plane is accepted). Files are written
 * atomically as BITPIX −32 or −64 in the primary HDU.
 */
public final class FitsImages {
    /**
     * nom-tam-fits logs its own warnings (with stack traces) for junk and truncated files; our exceptions say what
     * went wrong in one line, so its logger is quieted (held here so that the setting is not collected).
     */
    private static final java.util.logging.Logger NOM_TAM = java.util.logging.Logger.getLogger("nom.tam");

    static {
        NOM_TAM.setLevel(java.util.logging.Level.OFF);
    }

    private FitsImages() {
    }

    /** The first HDU (primary or extension) that holds a non-empty image. */
    public static Image read(Path file) throws IOException {
        return read(file, -1);
    }

    /** The image in HDU {@code hdu} (0 = primary), or the first image when {@code hdu < 0}. */
    public static Image read(Path file, int hdu) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (Fits fits = new Fits(file.toFile())) {
            ImageHDU image = hdu < 0 ? firstImage(file, fits) : imageAt(file, fits, hdu);
            return toImage(file, image);
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
            throw new IOException(file + ": unreadable FITS image" + (truncated(e) ? " (truncated: the data ends "
                    + "before the size its header declares)" : "") + ": " + e.getMessage(), e);
        }
    }

    private static ImageHDU firstImage(Path file, Fits fits) throws IOException {
        for (int i = 0; ; i++) {
            BasicHDU<?> h = hduOrNull(fits, i);
            if (h == null) {
                throw new IOException(file + (i == 0 ? ": not a FITS file (no valid primary header)"
                        : ": no HDU holds an image (" + i + " HDUs read)"));
            }
            if (h instanceof ImageHDU im && im.getHeader().getIntValue("NAXIS", 0) >= 2) {
                return im;
            }
        }
    }

    private static ImageHDU imageAt(Path file, Fits fits, int index) throws IOException {
        BasicHDU<?> h = hduOrNull(fits, index);
        if (h == null) {
            throw new IOException(file + ": has no HDU " + index);
        }
        if (!(h instanceof ImageHDU im)) {
            throw new IOException(file + ": HDU " + index + " is not an image (XTENSION = "
                    + h.getHeader().getStringValue("XTENSION", "?").trim() + ")");
        }
        return im;
    }

    private static BasicHDU<?> hduOrNull(Fits fits, int index) throws IOException {
        try {
            return fits.getHDU(index);
        } catch (IndexOutOfBoundsException e) {
            return null;
        } catch (FitsException e) {
            if (truncated(e)) {
                throw new IOException("truncated: the file ends inside HDU " + index + ": " + e.getMessage(), e);
            }
            throw new IOException("HDU " + index + ": " + e.getMessage(), e);
        }
    }

    private static Image toImage(Path file, ImageHDU hdu) throws IOException, FitsException {
        Header h = hdu.getHeader();
        int naxis = h.getIntValue("NAXIS", 0);
        int width = h.getIntValue("NAXIS1", 0);
        int height = h.getIntValue("NAXIS2", 0);
        for (int a = 3; a <= naxis; a++) {
            if (h.getIntValue("NAXIS" + a, 1) != 1) {
                throw new IOException(file + ": the image is " + naxis + "-d (NAXIS" + a + " = "
                        + h.getIntValue("NAXIS" + a) + "); only 2-d images are read");
            }
        }
        if (naxis < 2 || width < 1 || height < 1) {
            throw new IOException(file + ": the HDU holds no 2-d image (NAXIS = " + naxis + ")");
        }
        Object kernel = hdu.getKernel();
        if (kernel == null) {
            throw new IOException(file + ": the image data could not be read (truncated?)");
        }
        int bitpix = h.getIntValue("BITPIX");
        double scale = h.getDoubleValue("BSCALE", 1.0);
        double zero = h.getDoubleValue("BZERO", 0.0);
        boolean hasBlank = bitpix > 0 && h.containsKey("BLANK");
        long blank = hasBlank ? h.getLongValue("BLANK") : 0;
        double[] pixels = new double[width * height];
        Object plane = kernel;
        while (Array.getLength(plane) == 1 && Array.get(plane, 0).getClass().isArray()
                && Array.get(Array.get(plane, 0), 0).getClass().isArray()) {
            plane = Array.get(plane, 0);
        }
        for (int y = 0; y < height; y++) {
            Object row = Array.get(plane, y);
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = physical(row, x, bitpix, scale, zero, hasBlank, blank);
            }
        }
        return new Image(width, height, pixels);
    }

    private static double physical(Object row, int x, int bitpix, double scale, double zero, boolean hasBlank,
            long blank) {
        long stored;
        switch (bitpix) {
            case 8 -> stored = ((byte[]) row)[x] & 0xff;
            case 16 -> stored = ((short[]) row)[x];
            case 32 -> stored = ((int[]) row)[x];
            case 64 -> stored = ((long[]) row)[x];
            case -32 -> {
                return zero + scale * ((float[]) row)[x];
            }
            case -64 -> {
                return zero + scale * ((double[]) row)[x];
            }
            default -> throw new IllegalArgumentException("unsupported BITPIX " + bitpix);
        }
        return hasBlank && stored == blank ? Double.NaN : zero + scale * stored;
    }

    private static boolean truncated(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof EOFException || String.valueOf(c.getMessage()).contains("EOF")) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code image} as a single-HDU FITS file, BITPIX −32 (float32); NaN stays NaN. */
    public static void write(Path file, Image image) throws IOException {
        write(file, image, false);
    }

    /** Writes {@code image} as BITPIX −64 when {@code float64}, else −32. */
    public static void write(Path file, Image image, boolean float64) throws IOException {
        Object data = float64 ? rows64(image) : rows32(image);
        try (Fits fits = new Fits(); ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                FitsOutputStream out = new FitsOutputStream(bytes)) {
            fits.addHDU(Fits.makeHDU(data));
            fits.write(out);
            out.flush();
            AtomicFile.write(file, bytes.toByteArray());
        } catch (FitsException e) {
            throw new IOException(file + ": cannot write FITS image: " + e.getMessage(), e);
        }
    }

    private static float[][] rows32(Image image) {
        float[][] r = new float[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                r[y][x] = (float) image.get(x, y);
            }
        }
        return r;
    }

    private static double[][] rows64(Image image) {
        double[][] r = new double[image.height()][];
        for (int y = 0; y < image.height(); y++) {
            r[y] = java.util.Arrays.copyOfRange(image.pixels(), y * image.width(), (y + 1) * image.width());
        }
        return r;
    }
}
