package astrograd.astro.xray;

import astrograd.tensor.cpu.SpecialFunctions;

/**
 * The Leahy-normalised periodogram of Poisson events through a non-paralyzable dead time (Zhang, Jahoda, Swank et
 * al. 1995, ApJ 449, 930, Eqs. 34–45), as stingray's {@code pds_model_zhang} computes it. With incident rate
 * {@code 1/τ}, detected rate {@code r₀}, dead time {@code τ_d} and bin time {@code t_b}:
 * <ul>
 *   <li>{@code G_n(x) = Σ_{m=0}^{n−1} (n−m) e^{−x} x^m/m!};</li>
 *   <li>{@code h(k,n) = k − n(τ_d+τ)/t_b + (τ/t_b) G_n((k t_b − n τ_d)/τ)} if {@code k t_b ≥ n τ_d}, else 0 (k·t_b
 *       where Zhang prints k·τ_d, stingray's correction);</li>
 *   <li>{@code A_0 = r₀ t_b (1 + 2 Σ_{n≥1} h(1,n))},
 *       {@code A_k = r₀ t_b Σ_{n≥1} [h(k+1,n) − 2h(k,n) + h(k−1,n)]}; {@code A_k → r₀² t_b²} as k → ∞;</li>
 *   <li>{@code B_0 = 2(A_0 − r₀²t_b²)/(r₀ t_b)}, {@code B_k = 4(A_k − r₀²t_b²)/(r₀ t_b)}, and 0 beyond
 *       {@code limitK};</li>
 *   <li>{@code P_j = B_0 + Σ_{k=1}^{min(N, K)−1} ((N−k)/N) B_k cos(2πjk/N)} at {@code f_j = j/(N t_b)},
 *       {@code j = 0 … N/2 − 1}.</li>
 * </ul>
 * {@code e^{−x} x^m/m!} is built by the recurrence {@code ·x/m} from {@code e^{−x}}, or for {@code x ≥ 700}
 * (where {@code e^{−x}} underflows) as {@code exp(−x + m ln x − ln Γ(m+1))}, which stays finite where the factors
 * overflow (stingray's Stirling form does the same job).
 */
public final class ZhangDeadTimeModel {
    /** Relative size below which the tail of {@code G_n} is dropped (stingray: 15 decimal digits). */
    private static final double PRECISION = 1e-15;

    private final double r0;
    private final double tauIn;
    private final double deadTime;
    private final double binTime;

    private ZhangDeadTimeModel(double r0, double tauIn, double deadTime, double binTime) {
        this.r0 = r0;
        this.tauIn = tauIn;
        this.deadTime = deadTime;
        this.binTime = binTime;
    }

    /**
     * @param rate the count rate, incident or detected as {@code rateIsIncident} says
     * @param deadTime {@code τ_d} in seconds, &gt; 0
     * @param binTime {@code t_b} in seconds, &gt; 0
     */
    public static ZhangDeadTimeModel of(double rate, double deadTime, double binTime, boolean rateIsIncident) {
        if (!(rate > 0) || !(deadTime > 0) || !(binTime > 0)) {
            throw new IllegalArgumentException("ZhangDeadTimeModel: need rate, dead time and bin time > 0, got "
                    + rate + ", " + deadTime + ", " + binTime);
        }
        double rIn = rateIsIncident ? rate : DeadTime.incidentRate(rate, deadTime);
        double rDet = rateIsIncident ? DeadTime.detectedRate(rate, deadTime, false) : rate;
        return new ZhangDeadTimeModel(rDet, 1 / rIn, deadTime, binTime);
    }

    /** The detected rate {@code r₀}. */
    public double detectedRate() {
        return r0;
    }

    static double poissonTerm(double x, int m) {
        if (m == 0) {
            return Math.exp(-x);
        }
        if (x == 0) {
            return 0;
        }
        return Math.exp(-x + m * Math.log(x) - SpecialFunctions.lgamma(m + 1.0));
    }

    static double gn(double x, int n) {
        double s = 0;
        double term = Math.exp(-x); // e^{-x} x^m/m! by recurrence while e^{-x} is a normal double
        boolean recurrence = x < 700;
        for (int m = 0; m < n; m++) {
            if (m > 0) {
                term = recurrence ? term * x / m : poissonTerm(x, m);
            } else if (!recurrence) {
                term = poissonTerm(x, 0);
            }
            double weighted = term * (n - m);
            s += weighted;
            if (x != 0 && s > 0 && m > 2 * x && Math.abs(weighted / s) < PRECISION) {
                break;
            }
        }
        return s;
    }

    double h(int k, int n) {
        double factor = k * binTime - n * deadTime;
        if (factor < 0) {
            return 0;
        }
        return k - n * (deadTime + tauIn) / binTime + tauIn / binTime * gn(factor / tauIn, n);
    }

    /** {@code A_k} (Eqs. 38–39). */
    public double a(int k) {
        if (k == 0) {
            double s = 0;
            int nMax = (int) Math.max(2, binTime / deadTime * 2 + 1);
            for (int n = 1; n < nMax; n++) {
                s += h(1, n);
            }
            return r0 * binTime * (1 + 2 * s);
        }
        double s = 0;
        int nMax = (int) Math.max(3, (k + 1) * binTime / deadTime * 2);
        for (int n = 1; n < nMax; n++) {
            s += h(k + 1, n) - 2 * h(k, n) + h(k - 1, n);
        }
        return r0 * binTime * s;
    }

    /** {@code B_k} (Eq. 45), without the {@code limitK} cut. */
    public double b(int k) {
        double limit = r0 * r0 * binTime * binTime;
        return (k == 0 ? 2 : 4) * (a(k) - limit) / (r0 * binTime);
    }

    /**
     * The model at {@code f_j = j/(N t_b)}, {@code j = 0 … N/2 − 1}.
     *
     * @param n N, the number of bins of the light curve the model describes
     * @param limitK the last k with a nonzero {@code B_k} (stingray: 60 by default, 600 in its accuracy test)
     * @return {@code {freq, power}}
     */
    public double[][] leahyPower(int n, int limitK) {
        if (n < 2 || limitK < 1) {
            throw new IllegalArgumentException("ZhangDeadTimeModel.leahyPower: need N >= 2 and limitK >= 1, got " + n
                    + ", " + limitK);
        }
        int kMax = Math.min(n, limitK + 1);
        double[] bk = new double[kMax];
        for (int k = 0; k < kMax; k++) {
            bk[k] = b(k);
        }
        double[] freq = new double[n / 2];
        double[] power = new double[n / 2];
        for (int j = 0; j < n / 2; j++) {
            double s = bk[0];
            for (int k = 1; k < kMax; k++) {
                s += (double) (n - k) / n * bk[k] * Math.cos(2 * Math.PI * ((long) j * k % n) / n);
            }
            freq[j] = j / (n * binTime);
            power[j] = s;
        }
        return new double[][] {freq, power};
    }

    /**
     * The model linearly interpolated (and extrapolated beyond its ends) at {@code freq}.
     *
     * @param model {@code {freq, power}} from {@link #leahyPower}
     */
    public static double[] interpolate(double[][] model, double[] freq) {
        double[] mf = model[0];
        double[] mp = model[1];
        double[] out = new double[freq.length];
        for (int i = 0; i < freq.length; i++) {
            int hi = Math.min(Math.max(Binning.firstAtOrAfter(mf, freq[i]), 1), mf.length - 1);
            int lo = hi - 1;
            double w = (freq[i] - mf[lo]) / (mf[hi] - mf[lo]);
            out[i] = mp[lo] + w * (mp[hi] - mp[lo]);
        }
        return out;
    }

    /**
     * stingray's {@code non_paralyzable_dead_time_model}: the Leahy power at {@code freq} for detected source and
     * background rates sharing one dead time, {@code P = (P_Zhang(r + r_bkg) − 2)·r/(r + r_bkg) + 2}, computed on
     * {@code 2·max(⌊f_max⌋, 10)} bins of {@code t_b = 1/(2 f_max)} unless {@code binTime} is given.
     *
     * @param binTime the light curve's bin time, or NaN for {@code 1/(2 f_max)}
     */
    public static double[] nonParalyzable(double[] freq, double deadTime, double rate, double backgroundRate,
            double binTime, int limitK) {
        if ((rate + backgroundRate) * deadTime >= 1) {
            throw new IllegalArgumentException("ZhangDeadTimeModel: detected rates " + rate + " + " + backgroundRate
                    + " exceed 1/dead time (" + 1 / deadTime + "/s): not physical");
        }
        double fMax = freq[freq.length - 1];
        double tb = Double.isNaN(binTime) ? 1 / (2 * fMax) : binTime;
        int n = 2 * (int) Math.max(fMax, 10);
        double[][] model = of(rate + backgroundRate, deadTime, tb, false).leahyPower(n, limitK);
        double[] p = interpolate(model, freq);
        if (backgroundRate > 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (p[i] - 2) * rate / (rate + backgroundRate) + 2;
            }
        }
        return p;
    }
}
