package astrograd.astro.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads and writes an image by its file extension: FITS ({@code .fits .fit .fts}) or PNG/JPEG. */
public final class Images {
    private Images() {
    }

    /** FITS files give physical values; PNG/JPEG give luminance in [0, 255]. */
    public static Image read(Path file) throws IOException {
        return isFits(file) ? FitsImages.read(file) : RasterImages.read(file);
    }

    /** FITS files are written as float32; PNG/JPEG with a linear 0.5–99.5 % stretch. */
    public static void write(Path file, Image image) throws IOException {
        if (isFits(file)) {
            FitsImages.write(file, image);
        } else {
            RasterImages.write(file, image);
        }
    }

    static boolean isFits(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts") || n.endsWith(".fits.gz");
    }
}
