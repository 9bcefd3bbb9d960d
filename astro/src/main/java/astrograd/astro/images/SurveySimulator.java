package astrograd.astro.images;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded synthetic survey pairs (spec §5(e)). One scene (stars, Sérsic galaxies) is laid out in the reference
 * frame; the science frame is the reference frame turned by θ about the centre c and shifted by s,
 * {@code x_n = c + R(θ)(x_r − c) + s}. Each image renders the scene in its own frame: point sources exactly as
 * phase ramps in Fourier space and galaxies pixel-integrated, convolved with that image's PSF (band-limited,
 * periodic), plus a constant sky and Gaussian noise (background-limited, no source photon noise). The science
 * image alone gets the transients; variable stars change flux by ±amplitude between the epochs and are not
 * transients (the ground truth counts only injected transients, as the original does).
 * Pair {@code i} of seed s is {@code new Rng(s).fold(i)}: any pair can be regenerated on its own.
 */
public final class SurveySimulator {
    private final SurveyConfig config;
    private final long seed;
    private final long first;

    public SurveySimulator(SurveyConfig config, long seed) {
        this(config, seed, 0);
    }

    private SurveySimulator(SurveyConfig config, long seed, long first) {
        this.config = config;
        this.seed = seed;
        this.first = first;
    }

    /** The same pairs numbered from {@code n}: its pair i is this simulator's pair {@code n + i}. */
    public SurveySimulator skipping(long n) {
        return new SurveySimulator(config, seed, first + n);
    }

    public SurveyConfig config() {
        return config;
    }

    /** Pair number {@code index}. */
    public SurveyPair pair(long index) {
        return generate(new Rng(seed).fold(first + index));
    }

    private record Star(double x, double y, double flux) {
    }

    private SurveyPair generate(Rng rng) {
        SurveyConfig c = config;
        int n = c.size();
        double area = n * (double) n / (256.0 * 256.0);
        double sigmaN = uniform(rng, c.psfSciMin(), c.psfSciMax());
        double q = 1 - uniform(rng, 0, c.maxEllipticity());
        GaussianPsf psfSci = new GaussianPsf(sigmaN / Math.sqrt(q), sigmaN * Math.sqrt(q), uniform(rng, 0, Math.PI));
        GaussianPsf psfRef = GaussianPsf.round(uniform(rng, c.psfRefMin(), c.psfRefMax()));
        double fluxPerSnr = c.noiseSci() * Math.sqrt(psfSci.noiseEquivalentArea());
        double theta = Math.toRadians(uniform(rng, -c.maxRotationDeg(), c.maxRotationDeg()));
        double sx = uniform(rng, -c.maxShift(), c.maxShift());
        double sy = uniform(rng, -c.maxShift(), c.maxShift());

        List<Star> stars = new ArrayList<>();
        int nStars = count(rng, c.starsMin() * area, c.starsMax() * area);
        for (int i = 0; i < nStars; i++) {
            stars.add(new Star(uniform(rng, 0, n), uniform(rng, 0, n), fluxPerSnr * powerLawSnr(rng)));
        }
        List<Sersic> galaxies = new ArrayList<>();
        int nGal = count(rng, c.galaxiesMin() * area, c.galaxiesMax() * area);
        for (int i = 0; i < nGal; i++) {
            galaxies.add(new Sersic(uniform(rng, 0, n), uniform(rng, 0, n),
                    fluxPerSnr * logUniform(rng, c.galaxySnrMin(), c.galaxySnrMax()),
                    uniform(rng, c.sersicMin(), c.sersicMax()), logUniform(rng, c.radiusMin(), c.radiusMax()),
                    uniform(rng, 0.4, 1.0), uniform(rng, 0, Math.PI)));
        }
        List<Star> sciStars = new ArrayList<>(stars);
        List<double[]> variables = new ArrayList<>();
        int nVar = Math.min(stars.size(), c.variablesMin() + (int) (rng.nextDouble() * (c.variablesMax() - c.variablesMin() + 1)));
        for (int i = 0; i < nVar; i++) {
            Star s = stars.get(i);
            double factor = 1 + (rng.nextDouble() < 0.5 ? -1 : 1) * c.variableAmplitude();
            sciStars.set(i, new Star(s.x, s.y, s.flux * factor));
        }
        Frame sci = new Frame(n, theta, sx, sy);
        for (int i = 0; i < nVar; i++) {
            variables.add(sci.map(stars.get(i).x, stars.get(i).y));
        }
        List<SurveyPair.Transient> transients = transients(rng, galaxies, sci, fluxPerSnr);

        Frame ref = new Frame(n, 0, 0, 0);
        Image reference = render(ref, stars, galaxies, List.of(), psfRef, c.skyRef(), c.noiseSci() * c.depthRatio(), rng);
        Image science = render(sci, sciStars, galaxies, transients, psfSci, c.skySci(), c.noiseSci(), rng);
        Spectrum tSpec = Spectrum.zeros(n, n);
        for (SurveyPair.Transient t : transients) {
            addPoint(tSpec, t.x(), t.y(), t.flux());
        }
        Image truth = Fft2.inverse(tSpec.times(psfSci.spectrum(n, n)));
        return new SurveyPair(reference, science, truth, transients, variables, psfRef, psfSci,
                c.noiseSci() * c.depthRatio(), c.noiseSci(), sx, sy, theta);
    }

    private List<SurveyPair.Transient> transients(Rng rng, List<Sersic> galaxies, Frame sci, double fluxPerSnr) {
        SurveyConfig c = config;
        int count = c.transientsMin() + (int) (rng.nextDouble() * (c.transientsMax() - c.transientsMin() + 1));
        List<SurveyPair.Transient> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double snr = logUniform(rng, c.transientSnrMin(), c.transientSnrMax());
            boolean onGalaxy = !galaxies.isEmpty() && rng.nextDouble() < c.onGalaxyFraction();
            double x;
            double y;
            if (onGalaxy) {
                Sersic g = galaxies.get((int) (rng.nextDouble() * galaxies.size()));
                double r = g.effectiveRadius() * Math.sqrt(rng.nextDouble());
                double phi = uniform(rng, 0, 2 * Math.PI);
                x = g.x() + r * Math.cos(phi);
                y = g.y() + r * g.axisRatio() * Math.sin(phi);
            } else {
                x = uniform(rng, 0, c.size());
                y = uniform(rng, 0, c.size());
            }
            double[] p = sci.map(x, y);
            list.add(new SurveyPair.Transient(wrap(p[0], c.size()), wrap(p[1], c.size()), snr * fluxPerSnr, snr,
                    onGalaxy));
        }
        return list;
    }

    /** The science frame: {@code x_n = c + R(θ)(x_r − c) + s}. */
    private record Frame(int size, double theta, double sx, double sy) {
        double[] map(double x, double y) {
            double c = size / 2.0;
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            return new double[] {c + cos * (x - c) - sin * (y - c) + sx, c + sin * (x - c) + cos * (y - c) + sy};
        }
    }

    private static Image render(Frame f, List<Star> stars, List<Sersic> galaxies, List<SurveyPair.Transient> transients,
            GaussianPsf psf, double sky, double noise, Rng rng) {
        int n = f.size();
        Image galaxyImage = Image.zeros(n, n);
        for (Sersic g : galaxies) {
            double[] p = f.map(g.x(), g.y());
            new Sersic(p[0], p[1], g.flux(), g.n(), g.effectiveRadius(), g.axisRatio(), g.angle() + f.theta())
                    .addTo(galaxyImage);
        }
        Spectrum scene = Fft2.forward(galaxyImage);
        for (Star s : stars) {
            double[] p = f.map(s.x, s.y);
            addPoint(scene, p[0], p[1], s.flux);
        }
        for (SurveyPair.Transient t : transients) {
            addPoint(scene, t.x(), t.y(), t.flux());
        }
        Image img = Fft2.inverse(scene.times(psf.spectrum(n, n)));
        double[] eps = rng.randn(DType.F64, n * n).toDoubleArray();
        double[] px = img.pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] += sky + noise * eps[i];
        }
        return img;
    }

    /** Adds a point source of {@code flux} at (x, y): {@code F(u, v) += flux · exp(−2πi (f_u x + f_v y))}. */
    static void addPoint(Spectrum s, double x, double y, double flux) {
        int w = s.width();
        int h = s.height();
        double[] cx = new double[w];
        double[] sxs = new double[w];
        for (int u = 0; u < w; u++) {
            double a = -2 * Math.PI * Fft2.frequency(u, w) * x;
            cx[u] = Math.cos(a);
            sxs[u] = Math.sin(a);
        }
        double[] d = s.data();
        for (int v = 0; v < h; v++) {
            double b = -2 * Math.PI * Fft2.frequency(v, h) * y;
            double yr = flux * Math.cos(b);
            double yi = flux * Math.sin(b);
            int row = 2 * v * w;
            for (int u = 0; u < w; u++) {
                d[row + 2 * u] += yr * cx[u] - yi * sxs[u];
                d[row + 2 * u + 1] += yr * sxs[u] + yi * cx[u];
            }
        }
    }

    /** {@code v} moved into [0, n) on the periodic image. */
    private static double wrap(double v, int n) {
        return v - n * Math.floor(v / n);
    }

    private double powerLawSnr(Rng rng) {
        double a = config.starIndex();
        double ratio = Math.pow(config.starSnrMin() / config.starSnrMax(), a);
        return config.starSnrMin() * Math.pow(1 - rng.nextDouble() * (1 - ratio), -1 / a);
    }

    private static int count(Rng rng, double lo, double hi) {
        double v = uniform(rng, lo, hi);
        int base = (int) Math.floor(v);
        return base + (rng.nextDouble() < v - base ? 1 : 0);
    }

    private static double uniform(Rng rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double logUniform(Rng rng, double lo, double hi) {
        return Math.exp(uniform(rng, Math.log(lo), Math.log(hi)));
    }
}
