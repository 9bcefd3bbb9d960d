package astrograd.astro.images;

import astrograd.tensor.Linalg;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Alard &amp; Lupton (1998) PSF-matched subtraction with a spatially constant kernel: the reference R is convolved with
 * {@code K = Σ_i a_i B_i}, where {@code B_i(u, v) = exp(−(u² + v²)/(2σ_g²)) u^p v^q} for Gaussian widths σ_g with
 * polynomial degrees {@code p + q ≤ d_g}, and a constant background difference b is fitted with them by least
 * squares: {@code min Σ (N − R ⊗ K − b)²} over all pixels, refitted once without pixels whose residual exceeds
 * {@code clip} robust σ (transients, variables, bad registration). The difference is {@code D = N − R ⊗ K − b}.
 * The normal equations are solved by Cholesky ({@link Linalg}).
 */
public final class AlardLupton {
    /** The default basis of Alard &amp; Lupton: σ = 0.7, 1.5, 3.0 px with degrees 4, 2, 2 (27 functions). */
    public static final double[] SIGMAS = {0.7, 1.5, 3.0};
    public static final int[] DEGREES = {4, 2, 2};

    private final int halfWidth;
    private final double[] sigmas;
    private final int[] degrees;
    private final double clip;
    private double[] coefficients;

    /** The default basis on a 21 × 21 kernel, 5σ clipping. */
    public AlardLupton() {
        this(10, SIGMAS, DEGREES, 5);
    }

    public AlardLupton(int halfWidth, double[] sigmas, int[] degrees, double clip) {
        if (sigmas.length != degrees.length || sigmas.length == 0) {
            throw new IllegalArgumentException("AlardLupton: " + sigmas.length + " widths but " + degrees.length
                    + " degrees");
        }
        this.halfWidth = halfWidth;
        this.sigmas = sigmas.clone();
        this.degrees = degrees.clone();
        this.clip = clip;
    }

    /** The fitted coefficients {@code a_1..a_m, b} of the last call. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * The matched difference, with detection by a matched filter. The image with the sharper PSF (smaller
     * geometric-mean σ) is the one convolved, as kernel matching cannot deconvolve: normally the reference
     * ({@code D = N − R ⊗ K − b}, filter P_n); otherwise the science image ({@code D = N ⊗ K − R − b}, filter P_r).
     */
    public DifferenceResult difference(Image reference, Image science, GaussianPsf psfReference,
            GaussianPsf psfScience) {
        if (psfReference.sigma() <= psfScience.sigma()) {
            return MatchedFilter.result(subtract(reference, science), psfScience);
        }
        return MatchedFilter.result(subtract(science, reference).affine(-1, 0), psfReference);
    }

    /** {@code N − R ⊗ K − b} after median background subtraction of both (R is the image convolved). */
    public Image subtract(Image reference, Image science) {
        reference.requireSameSize("alard-lupton", science);
        Image r = Robust.backgroundSubtracted(reference);
        Image n = Robust.backgroundSubtracted(science);
        List<double[]> columns = convolvedBasis(r);
        int m = n.pixels().length;
        columns.add(filled(m, 1.0));
        boolean[] use = new boolean[m];
        java.util.Arrays.fill(use, true);
        double[] a = solve(columns, n.pixels(), use);
        double[] res = residual(columns, n.pixels(), a);
        double sigma = Robust.sigma(res);
        for (int i = 0; i < m; i++) {
            use[i] = Math.abs(res[i]) <= clip * sigma;
        }
        coefficients = solve(columns, n.pixels(), use);
        return new Image(n.width(), n.height(), residual(columns, n.pixels(), coefficients));
    }

    private List<double[]> convolvedBasis(Image r) {
        Spectrum rHat = Fft2.forward(r);
        List<double[]> cols = new ArrayList<>();
        int side = 2 * halfWidth + 1;
        for (int g = 0; g < sigmas.length; g++) {
            for (int p = 0; p <= degrees[g]; p++) {
                for (int q = 0; p + q <= degrees[g]; q++) {
                    Image k = Image.zeros(side, side);
                    double norm = 0;
                    for (int v = -halfWidth; v <= halfWidth; v++) {
                        for (int u = -halfWidth; u <= halfWidth; u++) {
                            double val = Math.exp(-(u * u + v * v) / (2 * sigmas[g] * sigmas[g]))
                                    * Math.pow(u, p) * Math.pow(v, q);
                            k.set(u + halfWidth, v + halfWidth, val);
                            norm += Math.abs(val);
                        }
                    }
                    Image wrapped = Fft2.wrapKernel(k.affine(1 / norm, 0), r.width(), r.height());
                    cols.add(Fft2.inverse(rHat.times(Fft2.forward(wrapped))).pixels());
                }
            }
        }
        return cols;
    }

    private static double[] solve(List<double[]> cols, double[] y, boolean[] use) {
        int k = cols.size();
        double[] ata = new double[k * k];
        double[] aty = new double[k];
        for (int i = 0; i < k; i++) {
            double[] ci = cols.get(i);
            for (int j = 0; j <= i; j++) {
                double[] cj = cols.get(j);
                double s = 0;
                for (int p = 0; p < y.length; p++) {
                    if (use[p]) {
                        s += ci[p] * cj[p];
                    }
                }
                ata[i * k + j] = s;
                ata[j * k + i] = s;
            }
            double s = 0;
            for (int p = 0; p < y.length; p++) {
                if (use[p]) {
                    s += ci[p] * y[p];
                }
            }
            aty[i] = s;
        }
        double trace = 0;
        for (int i = 0; i < k; i++) {
            trace += ata[i * k + i];
        }
        for (int i = 0; i < k; i++) {
            ata[i * k + i] += 1e-12 * trace / k;
        }
        Tensor l = Linalg.cholesky(Tensor.of(ata, k, k));
        return Linalg.choleskySolve(l, Tensor.of(aty, k, 1)).toDoubleArray();
    }

    private static double[] residual(List<double[]> cols, double[] y, double[] a) {
        double[] r = y.clone();
        for (int i = 0; i < cols.size(); i++) {
            double[] c = cols.get(i);
            for (int p = 0; p < r.length; p++) {
                r[p] -= a[i] * c[p];
            }
        }
        return r;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
