package astrograd.astro.images;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * 2-d FFTs (JTransforms) and circular convolution. The forward transform is
 * {@code X(u, v) = Σ_{x, y} img(x, y) · exp(−2πi (u x / W + v y / H))}; the inverse divides by {@code W·H} and
 * keeps the real part. Convolutions are circular: images are treated as periodic.
 */
public final class Fft2 {
    private Fft2() {
    }

    /** The forward transform of a real image (NaN pixels are rejected). */
    public static Spectrum forward(Image image) {
        int w = image.width();
        int h = image.height();
        double[] a = new double[2 * w * h];
        double[] p = image.pixels();
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                throw new IllegalArgumentException("Fft2.forward: pixel (" + i % w + ", " + i / w + ") is NaN; "
                        + "fill blank pixels first");
            }
            a[2 * i] = p[i];
        }
        new DoubleFFT_2D(h, w).complexForward(a);
        return new Spectrum(w, h, a);
    }

    /** The real part of the inverse transform (scaled by 1/(W·H)). */
    public static Image inverse(Spectrum s) {
        double[] a = s.data().clone();
        new DoubleFFT_2D(s.height(), s.width()).complexInverse(a, true);
        double[] p = new double[s.width() * s.height()];
        for (int i = 0; i < p.length; i++) {
            p[i] = a[2 * i];
        }
        return new Image(s.width(), s.height(), p);
    }

    /**
     * Circular convolution {@code (a ⊗ k)(x) = Σ_t a(x − t) k(t)} with the kernel stored origin-centred and
     * wrapped (k(0, 0) at pixel (0, 0), k(−1, 0) at pixel (W − 1, 0)).
     */
    public static Image convolve(Image a, Image kernel) {
        a.requireSameSize("Fft2.convolve", kernel);
        return inverse(forward(a).times(forward(kernel)));
    }

    /** The signed frequency in cycles per pixel of index {@code i} of an {@code n}-point transform, in [−1/2, 1/2). */
    public static double frequency(int i, int n) {
        return (i < (n + 1) / 2 ? i : i - n) / (double) n;
    }

    /**
     * Moves a small centred kernel (odd size, centre pixel at its middle) into a {@code width × height}
     * origin-centred wrapped image for {@link #convolve}.
     */
    public static Image wrapKernel(Image small, int width, int height) {
        if (small.width() > width || small.height() > height) {
            throw new IllegalArgumentException("Fft2.wrapKernel: kernel " + small.width() + "x" + small.height()
                    + " is larger than the image " + width + "x" + height);
        }
        Image k = Image.zeros(width, height);
        int cx = small.width() / 2;
        int cy = small.height() / 2;
        for (int y = 0; y < small.height(); y++) {
            for (int x = 0; x < small.width(); x++) {
                int tx = Math.floorMod(x - cx, width);
                int ty = Math.floorMod(y - cy, height);
                k.set(tx, ty, k.get(tx, ty) + small.get(x, y));
            }
        }
        return k;
    }
}
