package astrograd.astro.images;

/**
 * The 2-d discrete Fourier transform of a {@code width × height} image, interleaved complex row-major:
 * {@code data[2(v·width + u)]} is the real part at frequency index (u, v), the next element the imaginary part.
 * Frequency index u stands for {@code Fft2.frequency(u, width)} cycles per pixel.
 */
public final class Spectrum {
    private final int width;
    private final int height;
    private final double[] data;

    public Spectrum(int width, int height, double[] data) {
        if (data.length != 2L * width * height) {
            throw new IllegalArgumentException("Spectrum: " + data.length + " values for " + width + "x" + height
                    + " complex frequencies");
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** All zero. */
    public static Spectrum zeros(int width, int height) {
        return new Spectrum(width, height, new double[2 * width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The interleaved backing array (not a copy). */
    public double[] data() {
        return data;
    }

    public double re(int u, int v) {
        return data[2 * (v * width + u)];
    }

    public double im(int u, int v) {
        return data[2 * (v * width + u) + 1];
    }

    /** {@code |X(u, v)|²}. */
    public double power(int u, int v) {
        double re = re(u, v);
        double im = im(u, v);
        return re * re + im * im;
    }

    public Spectrum copy() {
        return new Spectrum(width, height, data.clone());
    }

    /** {@code this · other} frequency by frequency (a convolution in image space). */
    public Spectrum times(Spectrum other) {
        return product(other, false);
    }

    /** {@code this · conj(other)} (a cross-correlation in image space). */
    public Spectrum timesConjugate(Spectrum other) {
        return product(other, true);
    }

    private Spectrum product(Spectrum o, boolean conjugate) {
        if (o.width != width || o.height != height) {
            throw new IllegalArgumentException("Spectrum product: " + width + "x" + height + " vs " + o.width + "x"
                    + o.height);
        }
        double[] r = new double[data.length];
        double sign = conjugate ? -1 : 1;
        for (int i = 0; i < r.length; i += 2) {
            double ar = data[i];
            double ai = data[i + 1];
            double br = o.data[i];
            double bi = sign * o.data[i + 1];
            r[i] = ar * br - ai * bi;
            r[i + 1] = ar * bi + ai * br;
        }
        return new Spectrum(width, height, r);
    }

    /** Adds {@code a · other} into this spectrum (modified). */
    public void addScaled(double a, Spectrum other) {
        for (int i = 0; i < data.length; i++) {
            data[i] += a * other.data[i];
        }
    }
}
