package astrograd.astro.galaxies;

import astrograd.astro.images.Fft2;
import astrograd.astro.images.GaussianPsf;
import astrograd.astro.images.Image;
import astrograd.astro.images.Sersic;
import astrograd.tensor.Rng;

/**
 * Seeded bulge + disk galaxies for GaMorNet's synthetic acceptance test (spec sheet §3 (e)), in two domains:
 * <ul>
 *   <li>{@link Domain#SIMULATION} ("A"): an exponential disk (Sérsic n = 1) and a de Vaucouleurs bulge (n = 4),
 *       a Gaussian PSF of FWHM 3.3 px and sky noise σ;</li>
 *   <li>{@link Domain#SURVEY} ("B"): disk n ~ U(0.7, 1.5) and bulge n ~ U(2.5, 5), a Moffat PSF (β = 3) of FWHM
 *       U(2.5, 4.5) px, twice the sky noise, and on 20 % of the galaxies a faint two-armed logarithmic spiral carrying
 *       up to 10 % of the disk's light.</li>
 * </ul>
 * Both: B/T ~ U(0, 1); disk R_e U(2, 10) px with axis ratio U(0.2, 1); bulge R_e U(0.5, 4) px with axis ratio
 * U(0.6, 1); one random position angle; centre within ±1 px of the image centre. The total flux F gives a signal to
 * noise S/N ~ log-uniform(20, 500), with {@code S/N = F / (σ √(π (2R)²))} and R the flux-weighted effective radius
 * {@code R = (B/T) R_bulge + (1 − B/T) R_disk} (the noise in a disc of radius 2R). Labels as GaMorNet's tutorial:
 * disk-dominated if B/T &lt; 0.45, bulge-dominated if B/T &gt; 0.55, indeterminate between. Images are periodic
 * (FFT convolution), in units of the sky σ of domain A.
 */
public final class GalaxySimulator {
    /** The two domains of the test. */
    public enum Domain {
        SIMULATION, SURVEY
    }

    /**
     * One galaxy: its noisy image, bulge-to-total ratio, class (0 disk, 1 indeterminate, 2 bulge), S/N, total flux, PSF
     * FWHM (px), whether it has spiral arms, and the sky σ of its domain.
     */
    public record Galaxy(Image image, double bulgeToTotal, int label, double snr, double flux, double psfFwhm,
            boolean spiral, double skySigma) {
    }

    /** The sky noise of domain A, in image units. */
    public static final double SKY_SIGMA = 1.0;
    private static final double GAUSSIAN_FWHM = 3.3;
    private static final double MOFFAT_BETA = 3;

    private final int size;
    private final Domain domain;

    public GalaxySimulator(int size, Domain domain) {
        if (size < 16) {
            throw new IllegalArgumentException("GalaxySimulator: size must be >= 16 px, got " + size);
        }
        this.size = size;
        this.domain = domain;
    }

    /** Galaxy {@code index} of the stream of {@code seed}: the same for any order or thread. */
    public Galaxy galaxy(long seed, long index) {
        Rng rng = new Rng(seed).fold(index);
        double bt = rng.nextDouble();
        double diskRe = 2 + 8 * rng.nextDouble();
        double bulgeRe = 0.5 + 3.5 * rng.nextDouble();
        double diskQ = 0.2 + 0.8 * rng.nextDouble();
        double bulgeQ = 0.6 + 0.4 * rng.nextDouble();
        double angle = Math.PI * rng.nextDouble();
        double cx = size / 2.0 + 2 * rng.nextDouble() - 1;
        double cy = size / 2.0 + 2 * rng.nextDouble() - 1;
        double snr = Math.exp(Math.log(20) + (Math.log(500) - Math.log(20)) * rng.nextDouble());
        boolean survey = domain == Domain.SURVEY;
        double diskN = survey ? 0.7 + 0.8 * rng.nextDouble() : 1;
        double bulgeN = survey ? 2.5 + 2.5 * rng.nextDouble() : 4;
        double fwhm = survey ? 2.5 + 2 * rng.nextDouble() : GAUSSIAN_FWHM;
        double sigma = survey ? 2 * SKY_SIGMA : SKY_SIGMA;
        double radius = bt * bulgeRe + (1 - bt) * diskRe;
        double flux = snr * sigma * Math.sqrt(Math.PI) * 2 * radius;
        Image light = Image.zeros(size, size);
        double diskFlux = (1 - bt) * flux;
        boolean spiral = survey && rng.nextDouble() < 0.2;
        double spiralShare = spiral ? 0.1 * rng.nextDouble() : 0;
        new Sersic(cx, cy, diskFlux * (1 - spiralShare), diskN, diskRe, diskQ, angle).addTo(light);
        new Sersic(cx, cy, bt * flux, bulgeN, bulgeRe, bulgeQ, angle).addTo(light);
        if (spiral) {
            addSpiral(light, cx, cy, diskFlux * spiralShare, diskRe, diskQ, angle, 2 * Math.PI * rng.nextDouble());
        }
        Image kernel = survey ? moffat(fwhm) : GaussianPsf.round(fwhm / (2 * Math.sqrt(2 * Math.log(2))))
                .image(size, size);
        Image image = Fft2.convolve(light, kernel);
        double[] p = image.pixels();
        for (int i = 0; i < p.length; i++) {
            p[i] += sigma * rng.nextGaussian();
        }
        int label = bt < 0.45 ? 0 : bt > 0.55 ? 2 : 1;
        return new Galaxy(image, bt, label, snr, flux, fwhm, spiral, sigma);
    }

    /**
     * A two-armed logarithmic spiral on the disk: the disk's exponential profile times
     * {@code max(0, cos(2(φ − ln(r/R_e)/tan 20°) − phase))}, scaled to {@code flux}.
     */
    private void addSpiral(Image image, double cx, double cy, double flux, double re, double q, double angle,
            double phase) {
        double[] arm = new double[size * size];
        double total = 0;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double winding = 1 / Math.tan(Math.toRadians(20));
        double bn = Sersic.b(1);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double u = c * dx + s * dy;
                double v = (-s * dx + c * dy) / q;
                double r = Math.hypot(u, v) + 1e-9;
                double phi = Math.atan2(v, u);
                double profile = Math.exp(-bn * r / re);
                double a = profile * Math.max(0, Math.cos(2 * (phi - winding * Math.log(r / re)) - phase));
                arm[y * size + x] = a;
                total += a;
            }
        }
        if (total > 0) {
            double[] p = image.pixels();
            for (int i = 0; i < p.length; i++) {
                p[i] += flux * arm[i] / total;
            }
        }
    }

    /**
     * The Moffat PSF {@code (1 + (r/α)²)^{−β}}, β = 3, of the given FWHM ({@code α = FWHM / (2√(2^{1/β} − 1))}),
     * origin-centred, wrapped and summing to 1.
     */
    Image moffat(double fwhm) {
        double alpha = fwhm / (2 * Math.sqrt(Math.pow(2, 1 / MOFFAT_BETA) - 1));
        Image k = Image.zeros(size, size);
        double total = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = Math.min(x, size - x);
                double dy = Math.min(y, size - y);
                double v = Math.pow(1 + (dx * dx + dy * dy) / (alpha * alpha), -MOFFAT_BETA);
                k.set(x, y, v);
                total += v;
            }
        }
        return k.affine(1 / total, 0);
    }
}
