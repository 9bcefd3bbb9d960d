package astrograd.astro.images;

import java.util.Arrays;

/**
 * A 2-d image of doubles, row-major: pixel {@code (x, y)} (column x, row y, both 0-based) is
 * {@code pixels[y·width + x]}. NaN marks a blank pixel. The array is owned by the image; {@link #copy()} copies it.
 */
public final class Image {
    private final int width;
    private final int height;
    private final double[] pixels;

    /** Wraps {@code pixels} (not copied) as a {@code width × height} image. */
    public Image(int width, int height, double[] pixels) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Image: size " + width + "x" + height + " must be at least 1x1");
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("Image: " + pixels.length + " pixels for a " + width + "x" + height
                    + " image (expected " + (long) width * height + ")");
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** A zero image. */
    public static Image zeros(int width, int height) {
        return new Image(width, height, new double[width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (row-major, not a copy). */
    public double[] pixels() {
        return pixels;
    }

    public double get(int x, int y) {
        return pixels[y * width + x];
    }

    public void set(int x, int y, double v) {
        pixels[y * width + x] = v;
    }

    public Image copy() {
        return new Image(width, height, pixels.clone());
    }

    /** {@code this - other}, pixel by pixel. */
    public Image minus(Image other) {
        requireSameSize("minus", other);
        double[] d = new double[pixels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = pixels[i] - other.pixels[i];
        }
        return new Image(width, height, d);
    }

    /** {@code a·this + b}. */
    public Image affine(double a, double b) {
        double[] d = new double[pixels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a * pixels[i] + b;
        }
        return new Image(width, height, d);
    }

    /** Throws naming {@code op} and both sizes unless {@code other} has this image's size. */
    public void requireSameSize(String op, Image other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException(op + ": images differ in size (" + width + "x" + height + " vs "
                    + other.width + "x" + other.height + ")");
        }
    }

    /** The number of NaN (blank) pixels. */
    public int blankCount() {
        int n = 0;
        for (double v : pixels) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && i.width == width && i.height == height && Arrays.equals(i.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Image[" + width + "x" + height + "]";
    }
}
