package astrograd.astro.images;

import astrograd.layers.io.AtomicFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * PNG and JPEG images through {@code javax.imageio}. Reading gives the luminance
 * {@code 0.299 R + 0.587 G + 0.114 B} in [0, 255] (grey images as stored); writing maps an image to 8-bit grey with
 * a linear or asinh stretch between two levels.
 */
public final class RasterImages {
    private RasterImages() {
    }

    /** How flux maps to grey levels between {@code lo} (black) and {@code hi} (white). */
    public enum Stretch {
        LINEAR, ASINH
    }

    /** Reads a PNG or JPEG file as luminance. */
    public static Image read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        BufferedImage img;
        try (InputStream in = Files.newInputStream(file)) {
            img = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": unreadable PNG/JPEG image (corrupt or truncated): " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException(file + ": not a PNG or JPEG image (no image reader recognises its bytes)");
        }
        return luminance(img);
    }

    static Image luminance(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[] p = new double[w * h];
        boolean grey = img.getColorModel().getNumColorComponents() == 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey) {
                    p[y * w + x] = img.getRaster().getSample(x, y, 0);
                } else {
                    int rgb = img.getRGB(x, y);
                    p[y * w + x] = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                }
            }
        }
        return new Image(w, h, p);
    }

    /**
     * Writes {@code image} as 8-bit grey (PNG or JPEG by the file's extension): {@code g = 255 · s((v − lo)/(hi − lo))}
     * clipped to [0, 255], with {@code s(t) = t} or {@code asinh(10 t)/asinh(10)}; NaN is black.
     */
    public static void write(Path file, Image image, double lo, double hi, Stretch stretch) throws IOException {
        write(file, toGrey(image, lo, hi, stretch));
    }

    /** Writes {@code image} with a linear stretch between its 0.5 and 99.5 percentiles. */
    public static void write(Path file, Image image) throws IOException {
        double[] range = percentileRange(image, 0.005, 0.995);
        write(file, image, range[0], range[1], Stretch.LINEAR);
    }

    /** Writes any rendered image as PNG or JPEG by the extension of {@code file}. */
    public static void write(Path file, BufferedImage img) throws IOException {
        String format = format(file);
        BufferedImage out = img;
        if (format.equals("jpg") && img.getType() != BufferedImage.TYPE_BYTE_GRAY
                && img.getType() != BufferedImage.TYPE_INT_RGB) {
            out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            out.getGraphics().drawImage(img, 0, 0, null);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(out, format, bytes)) {
            throw new IOException(file + ": no image writer for format " + format);
        }
        AtomicFile.write(file, bytes.toByteArray());
    }

    private static String format(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpg";
        }
        throw new IOException(file + ": unknown image format (use .png, .jpg or .jpeg)");
    }

    /** The grey rendering used by {@link #write(Path, Image, double, double, Stretch)}. */
    public static BufferedImage toGrey(Image image, double lo, double hi, Stretch stretch) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double t = (image.get(x, y) - lo) / (hi - lo);
                if (stretch == Stretch.ASINH) {
                    t = asinh(10 * t) / asinh(10);
                }
                int g = Double.isNaN(t) ? 0 : (int) Math.round(255 * Math.max(0, Math.min(1, t)));
                img.getRaster().setSample(x, y, 0, g);
            }
        }
        return img;
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** The {@code qLo} and {@code qHi} quantiles of the finite pixels ({0, 1} when there are none). */
    public static double[] percentileRange(Image image, double qLo, double qHi) {
        double[] v = Arrays.stream(image.pixels()).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return new double[] {0, 1};
        }
        return new double[] {v[(int) Math.floor(qLo * (v.length - 1))], v[(int) Math.ceil(qHi * (v.length - 1))]};
    }
}
