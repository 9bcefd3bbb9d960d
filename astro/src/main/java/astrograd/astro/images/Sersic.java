package astrograd.astro.images;

/**
 * A Sérsic galaxy profile {@code I(r) ∝ exp(−b_n ((r/R_e)^{1/n} − 1))} with elliptical radius
 * {@code r² = x'² + (y'/q)²} in axes turned by {@code angle}; {@code b_n ≈ 2n − 1/3 + 4/(405 n) + 46/(25515 n²)}
 * (Ciotti &amp; Bertin 1999), so that R_e encloses half the light.
 */
public record Sersic(double x, double y, double flux, double n, double effectiveRadius, double axisRatio,
        double angle) {
    /** {@code b_n}. */
    public static double b(double n) {
        return 2 * n - 1.0 / 3 + 4 / (405 * n) + 46 / (25515 * n * n);
    }

    /**
     * Adds the profile into {@code image} (modified), pixel-integrated by 3×3 sub-sampling over a box of radius
     * {@code min(8 R_e, W/2)} around the centre with periodic wrap, normalised so that the box holds {@code flux}.
     */
    public void addTo(Image image) {
        int w = image.width();
        int h = image.height();
        int half = (int) Math.min(Math.ceil(8 * effectiveRadius), Math.min(w, h) / 2 - 1);
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        int side = 2 * half + 1;
        double[] box = new double[side * side];
        double bn = b(n);
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double total = 0;
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                double sum = 0;
                for (int sy = -1; sy <= 1; sy++) {
                    for (int sx = -1; sx <= 1; sx++) {
                        double dx = cx - half + i + sx / 3.0 - x;
                        double dy = cy - half + j + sy / 3.0 - y;
                        double u = c * dx + s * dy;
                        double v = (-s * dx + c * dy) / axisRatio;
                        double r = Math.sqrt(u * u + v * v) / effectiveRadius;
                        sum += Math.exp(-bn * (Math.pow(r, 1 / n) - 1));
                    }
                }
                box[j * side + i] = sum;
                total += sum;
            }
        }
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                int px = Math.floorMod(cx - half + i, w);
                int py = Math.floorMod(cy - half + j, h);
                image.set(px, py, image.get(px, py) + flux * box[j * side + i] / total);
            }
        }
    }
}
