package astrograd.astro.variables;

import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A generator of labelled periodic light curves in six shape classes, with the same period distribution for
 * every class (so only the shape tells them apart). Each star draws
 * <ul>
 *   <li>a period P, log-uniform in {@code [0.2, 200]} d, and a phase origin φ₀ uniform in [0, 1): the shape's
 *       reference point (maximum light, primary eclipse) falls at phase φ₀ of {@code frac(t / P)};</li>
 *   <li>n observation times uniform in a 1000-day baseline (irregular sampling), n uniform in
 *       {@code [minPoints, maxPoints]};</li>
 *   <li>an amplitude A log-uniform in [0.1, 1] mag, a mean magnitude uniform in [14, 20], and a noise level
 *       {@code σ = r·A} with r uniform in {@code [0.02, maxNoise]}; each magnitude gets Gaussian noise σ and the
 *       error column holds σ;</li>
 *   <li>the shape {@code m(φ) = mean + A · s((φ − φ₀) mod 1)}, s ranging over [−1/2, 1/2] (brighter = smaller
 *       magnitude) with per-star shape parameters (see {@link Shape}).</li>
 * </ul>
 */
public final class SyntheticVariables {
    /** The six classes, with their shape functions (magnitude units of the amplitude, maximum light at φ = 0). */
    public enum Shape {
        /** {@code −cos(2πφ)/2}. */
        SINUSOID,
        /** RRab-like sawtooth: a fast rise over a fraction ρ ∈ [0.10, 0.20] of the cycle, a slow linear decline. */
        RRAB,
        /** RRc-like: a nearly sinusoidal, slightly skewed curve, second harmonic ratio R21 ∈ [0.12, 0.25]. */
        RRC,
        /** Detached eclipsing binary: flat with two Gaussian eclipses (width 0.015–0.04), the second 30–90 % deep. */
        DETACHED_EB,
        /** Contact binary (W UMa): {@code cos 4πφ} light variation with minima differing by 0–20 %. */
        CONTACT_EB,
        /** Cepheid-like Fourier series with three harmonics (see {@link #shape}). */
        CEPHEID
    }

    private final int minPoints;
    private final int maxPoints;
    private final double maxNoise;

    /**
     * @param maxNoise the largest noise-to-amplitude ratio r (the smallest is 0.02)
     */
    public SyntheticVariables(int minPoints, int maxPoints, double maxNoise) {
        if (minPoints < 2 || maxPoints < minPoints || !(maxNoise > 0.02)) {
            throw new IllegalArgumentException("SyntheticVariables: need 2 <= minPoints <= maxPoints and maxNoise > 0.02, got "
                    + minPoints + ", " + maxPoints + ", " + maxNoise);
        }
        this.minPoints = minPoints;
        this.maxPoints = maxPoints;
        this.maxNoise = maxNoise;
    }

    /** One generated star: its light curve, class, noise ratio r and phase origin φ₀. */
    public record Star(LightCurve curve, int label, double noiseRatio, double phaseOrigin) {
        /**
         * The same observations with the phase origin moved to the shape's reference point: every time moved by
         * {@code −φ₀·P}, so that folding puts the reference point at phase 0.
         */
        public Star anchored() {
            return new Star(curve.shiftTime(-phaseOrigin * curve.period()), label, noiseRatio, 0);
        }
    }

    /**
     * {@code perClass} stars of every class, class by class, with random phase origins (see {@link Star#anchored()});
     * star i uses the stream {@code rng.fold(i)}.
     */
    public List<Star> generate(int perClass, Rng rng) {
        List<Star> out = new ArrayList<>();
        Shape[] shapes = Shape.values();
        for (int c = 0; c < shapes.length; c++) {
            for (int i = 0; i < perClass; i++) {
                int index = c * perClass + i;
                out.add(star("syn" + index, shapes[c], rng.fold(index)));
            }
        }
        return out;
    }

    /** One star of {@code shape} with a random phase origin. */
    public Star star(String id, Shape shape, Rng rng) {
        double period = Math.pow(10, uniform(rng, Math.log10(0.2), Math.log10(200)));
        double phi0 = rng.nextDouble();
        double amp = Math.pow(10, uniform(rng, -1, 0));
        double mean = uniform(rng, 14, 20);
        double ratio = uniform(rng, 0.02, maxNoise);
        double sigma = ratio * amp;
        double[] shapeParams = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        int n = minPoints + rng.nextInt(maxPoints - minPoints + 1);
        double[] t = new double[n];
        double[] m = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1000 * rng.nextDouble();
            double phase = FoldedCurve.phaseOf(t[i], period) - phi0;
            phase -= Math.floor(phase);
            m[i] = mean + amp * shape(shape, phase, shapeParams) + sigma * rng.nextGaussian();
            e[i] = sigma;
        }
        return new Star(new LightCurve(id, t, m, e, null, 1, period), shape.ordinal(), ratio, phi0);
    }

    private static double uniform(Rng rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** The shape s(φ) in [−1/2, 1/2] (magnitudes; maximum light, the minimum of s, at or near φ = 0). */
    static double shape(Shape shape, double phi, double[] u) {
        switch (shape) {
            case SINUSOID:
                return -0.5 * Math.cos(2 * Math.PI * phi);
            case RRAB:
                return sawtooth(phi, 0.10 + 0.10 * u[0]);
            case RRC: {
                double r21 = 0.12 + 0.13 * u[0];
                double f = -Math.cos(2 * Math.PI * phi) - r21 * Math.sin(4 * Math.PI * phi);
                return 0.5 * f / (1 + r21);
            }
            case DETACHED_EB: {
                double w = 0.015 + 0.025 * u[0];
                double depth2 = 0.3 + 0.6 * u[1];
                return -0.5 + eclipse(phi, 0, w) + depth2 * eclipse(phi, 0.5, w);
            }
            case CONTACT_EB: {
                double d = 0.2 * u[0];
                return -0.5 * (Math.cos(4 * Math.PI * phi) + d * Math.cos(2 * Math.PI * phi)) / (1 + d);
            }
            default:
                return cepheid(phi, u);
        }
    }

    /** Rise (magnitude falling) linearly over [0, ρ) after the minimum at the end of the cycle, then a linear decline. */
    private static double sawtooth(double phi, double rise) {
        double x = phi < rise ? 1 - phi / rise : (phi - rise) / (1 - rise);
        double smooth = x - 0.5;
        return Math.max(-0.5, Math.min(0.5, smooth));
    }

    /** A Gaussian dip of depth 1 (in magnitude, positive = fainter) centred at {@code c} on the circle. */
    private static double eclipse(double phi, double c, double w) {
        double d = phi - c;
        d -= Math.rint(d);
        return Math.exp(-0.5 * d * d / (w * w));
    }

    /**
     * A Cepheid-like Fourier series {@code −[cos 2πφ + R21 cos(4πφ + φ21) + R31 cos(6πφ + φ31)] / (1 + R21 + R31)} / 2
     * with R21 ∈ [0.30, 0.45], R31 ∈ [0.12, 0.25], φ21 ∈ [0.8, 1.2] rad, φ31 ∈ [1.8, 2.4] rad (a steeper rise and a
     * shoulder on the decline).
     */
    private static double cepheid(double phi, double[] u) {
        double r21 = 0.30 + 0.15 * u[0];
        double r31 = 0.12 + 0.13 * u[1];
        double p21 = 0.8 + 0.4 * u[2];
        double p31 = 1.8 + 0.6 * u[2];
        double w = 2 * Math.PI * phi;
        double f = Math.cos(w) + r21 * Math.cos(2 * w + p21) + r31 * Math.cos(3 * w + p31);
        return -0.5 * f / (1 + r21 + r31);
    }
}
