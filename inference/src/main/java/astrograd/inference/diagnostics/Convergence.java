package astrograd.inference.diagnostics;

import astrograd.inference.stats.Fft;
import astrograd.inference.stats.NormalDistribution;
import astrograd.inference.stats.Ranks;

/**
 * Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner (2021) on draws {@code [M][N]} (M
 * chains of N draws of one parameter), and mc3's Gelman–Rubin.
 *
 * <ul>
 *   <li>split: each chain becomes its first and last ⌊N/2⌋ draws (the middle one dropped for odd N);</li>
 *   <li>rank normalization: {@code z = Φ⁻¹((r − 3/8)/(S + 1/4))}, r the average rank among all S draws;</li>
 *   <li>basic R̂: {@code √((B/W + N − 1)/N)}, {@code B = N·var(chain means)}, {@code W = mean(chain variances)}
 *       (both with ddof = 1);</li>
 *   <li>R̂: the larger of the basic R̂ of the rank-normalized split draws and of the rank-normalized split
 *       {@code |x − median|} (folded);</li>
 *   <li>ESS: {@code MN/τ̂} with {@code τ̂ = −1 + 2 Σ ρ̂ₜ} over Geyer's initial positive sequence, made monotone,
 *       {@code ρ̂ₜ = 1 − (W − mean(γₜ))/var⁺}, {@code var⁺ = W(N−1)/N + var(chain means)}, and
 *       {@code τ̂ >= 1/log₁₀(MN)};</li>
 *   <li>bulk ESS: ESS of the rank-normalized split draws; tail ESS: the smaller ESS of the split indicators
 *       {@code x <= q₀.₀₅} and {@code x <= q₀.₉₅}; MCSE of the mean: {@code sd/√ESS(split draws)}.</li>
 * </ul>
 *
 * Degenerate input gives defined numbers, never NaN: draws that are all equal give R̂ = 1, ESS = MN and
 * MCSE = 0 (the mean is known exactly); chains that are each constant but differ give R̂ = +∞.
 */
public final class Convergence {
    private static final double RANK_OFFSET = 3.0 / 8;

    private Convergence() {
    }

    /** All of one parameter's diagnostics, sharing the split, the sort and the rank normalization. */
    public record Diagnostics(double rhat, double essBulk, double essTail, double essMean, double mcseMean) {
    }

    /** R̂, bulk, tail and mean ESS and the MCSE of the mean of draws {@code [M][N]} (N >= 4). */
    public static Diagnostics all(double[][] chains) {
        check(chains, 4);
        double total = total(chains);
        if (allEqual(chains)) {
            return new Diagnostics(1, total, total, total, 0);
        }
        double[] sorted = sortedAll(chains);
        double[][] split = split(chains);
        double[][] bulk = rankNormalize(split);
        double rhat = Math.max(rhatBasic(bulk), rhatBasic(rankNormalize(fold(split, sorted))));
        double q05 = Ranks.quantileSorted(sorted, 0.05);
        double q95 = Ranks.quantileSorted(sorted, 0.95);
        double essTail = Math.min(essBasic(split(indicator(chains, q05))), essBasic(split(indicator(chains, q95))));
        double essMean = essBasic(split);
        double mcse = Math.sqrt(variance(sorted)) / Math.sqrt(essMean);
        return new Diagnostics(rhat, essBasic(bulk), essTail, essMean, mcse);
    }

    /** Rank-normalized split-R̂, the larger of bulk and folded. */
    public static double rhat(double[][] chains) {
        check(chains, 4);
        if (allEqual(chains)) {
            return 1;
        }
        double[][] split = split(chains);
        double bulk = rhatBasic(rankNormalize(split));
        double folded = rhatBasic(rankNormalize(fold(split, sortedAll(chains))));
        return Math.max(bulk, folded);
    }

    /** Bulk ESS: the ESS of rank-normalized split chains. */
    public static double essBulk(double[][] chains) {
        check(chains, 4);
        return allEqual(chains) ? total(chains) : essBasic(rankNormalize(split(chains)));
    }

    /** Tail ESS: the smaller ESS of the split indicators of {@code x <= q05} and {@code x <= q95}. */
    public static double essTail(double[][] chains) {
        return all(chains).essTail();
    }

    /** ESS of the mean: the ESS of the split chains without rank normalization. */
    public static double essMean(double[][] chains) {
        check(chains, 4);
        return allEqual(chains) ? total(chains) : essBasic(split(chains));
    }

    /** Monte Carlo standard error of the mean, {@code sd/√ESS_mean} (sd over all draws, ddof = 1). */
    public static double mcseMean(double[][] chains) {
        return all(chains).mcseMean();
    }

    /**
     * mc3's Gelman–Rubin: {@code W = mean_c var_c} (ddof = 0), {@code B = N/(M−1) Σ (ȳ_c − ȳ)²},
     * {@code V = W(N−1)/N + B(M+1)/(MN)}, {@code R̂ = √(V/W)}; 1 when all draws are equal, +∞ when only W is 0.
     */
    public static double gelmanRubin(double[][] chains) {
        check(chains, 2);
        int m = chains.length;
        if (m < 2) {
            throw new IllegalArgumentException("gelmanRubin: need >= 2 chains, got " + m);
        }
        int n = chains[0].length;
        double w = 0;
        double[] means = new double[m];
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            w += variance(chains[c]) * (n - 1) / n / m;
        }
        double grand = mean(means);
        double b = 0;
        for (double mu : means) {
            b += (mu - grand) * (mu - grand);
        }
        b *= n / (m - 1.0);
        double v = w * (n - 1) / n + b * (m + 1) / ((double) m * n);
        return ratio(v, w);
    }

    /** Basic R̂ {@code √((B/W + N − 1)/N)} of chains {@code [M][N]} as given (no split, no ranks). */
    public static double rhatBasic(double[][] chains) {
        int n = chains[0].length;
        double[] means = new double[chains.length];
        double w = 0;
        for (int c = 0; c < chains.length; c++) {
            means[c] = mean(chains[c]);
            w += variance(chains[c]) / chains.length;
        }
        double b = chains.length > 1 ? n * variance(means) : 0;
        if (w == 0) {
            return b == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt((b / w + n - 1) / n);
    }

    /** ESS of chains {@code [M][N]} as given (no split, no ranks), Geyer's initial monotone sequence. */
    public static double essBasic(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] meanAcov = new double[n];
        double[] means = new double[m];
        for (int c = 0; c < m; c++) {
            double[] acov = Fft.autocovariance(chains[c]);
            for (int t = 0; t < n; t++) {
                meanAcov[t] += acov[t] / m;
            }
            means[c] = mean(chains[c]);
        }
        double meanVar = meanAcov[0] * n / (n - 1.0);
        double varPlus = meanVar * (n - 1.0) / n + (m > 1 ? variance(means) : 0);
        if (varPlus == 0) {
            return (double) m * n;
        }
        double tau = -1 + 2 * geyerSum(meanAcov, meanVar, varPlus);
        tau = Math.max(tau, 1 / Math.log10((double) m * n));
        return m * n / tau;
    }

    /**
     * {@code Σ ρ̂ₜ} over Geyer's initial positive sequence of pair sums {@code ρ̂_{2k} + ρ̂_{2k+1}}, made monotone,
     * plus a last positive even term (the sum starting at t = 0).
     */
    private static double geyerSum(double[] meanAcov, double meanVar, double varPlus) {
        int n = meanAcov.length;
        double[] rho = new double[n + 2];
        rho[0] = 1;
        double even = 1;
        double odd = n > 1 ? 1 - (meanVar - meanAcov[1]) / varPlus : 0;
        rho[1] = odd;
        int t = 1;
        while (t < n - 3 && even + odd > 0) {
            even = 1 - (meanVar - meanAcov[t + 1]) / varPlus;
            odd = 1 - (meanVar - meanAcov[t + 2]) / varPlus;
            if (even + odd >= 0) {
                rho[t + 1] = even;
                rho[t + 2] = odd;
            }
            t += 2;
        }
        int maxT = t - 2;
        if (even > 0) {
            rho[maxT + 1] = even;
        }
        for (int k = 1; k <= maxT - 2; k += 2) {
            if (rho[k + 1] + rho[k + 2] > rho[k - 1] + rho[k]) {
                rho[k + 1] = (rho[k - 1] + rho[k]) / 2;
                rho[k + 2] = rho[k + 1];
            }
        }
        double sum = 0;
        for (int k = 0; k <= maxT; k++) {
            sum += rho[k];
        }
        return sum + 0.5 * rho[maxT + 1];
    }

    // ---------------------------------------------------------------- transforms

    /** Each chain as its first and its last ⌊N/2⌋ draws: {@code [2M][⌊N/2⌋]}. */
    public static double[][] split(double[][] chains) {
        int half = chains[0].length / 2;
        int m = chains.length;
        double[][] out = new double[2 * m][];
        for (int c = 0; c < m; c++) {
            int n = chains[c].length;
            out[c] = java.util.Arrays.copyOfRange(chains[c], 0, half);
            out[m + c] = java.util.Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    /** {@code Φ⁻¹((r − 3/8)/(S − 3/4 + 1))} with r the average rank of each draw among all S. */
    public static double[][] rankNormalize(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] all = new double[m * n];
        for (int c = 0; c < m; c++) {
            System.arraycopy(chains[c], 0, all, c * n, n);
        }
        double[] r = Ranks.averageRanks(all);
        double s = all.length;
        double[][] out = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                out[c][i] = NormalDistribution.quantile((r[c * n + i] - RANK_OFFSET) / (s - 2 * RANK_OFFSET + 1));
            }
        }
        return out;
    }

    /** {@code |x − median|}, the median taken over all draws (given sorted). */
    private static double[][] fold(double[][] chains, double[] sorted) {
        double median = Ranks.quantileSorted(sorted, 0.5);
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = Math.abs(chains[c][i] - median);
            }
        }
        return out;
    }

    private static double[][] indicator(double[][] chains, double q) {
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = chains[c][i] <= q ? 1 : 0;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance with ddof = 1 (0 for a single value). */
    static double variance(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double mu = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - mu) * (v - mu);
        }
        return s / (x.length - 1);
    }

    private static double ratio(double v, double w) {
        if (w == 0) {
            return v == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(v / w);
    }

    static double[] sortedAll(double[][] chains) {
        int n = chains[0].length;
        double[] all = new double[chains.length * n];
        for (int c = 0; c < chains.length; c++) {
            System.arraycopy(chains[c], 0, all, c * n, n);
        }
        java.util.Arrays.sort(all);
        return all;
    }

    private static boolean allEqual(double[][] chains) {
        double first = chains[0][0];
        for (double[] c : chains) {
            for (double v : c) {
                if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double total(double[][] chains) {
        return (double) chains.length * chains[0].length;
    }

    private static void check(double[][] chains, int minDraws) {
        if (chains.length == 0 || chains[0].length < minDraws) {
            throw new IllegalArgumentException("diagnostics: need >= 1 chain of >= " + minDraws + " draws, got "
                    + chains.length + " chains" + (chains.length == 0 ? "" : " of " + chains[0].length + " draws"));
        }
        for (double[] c : chains) {
            if (c.length != chains[0].length) {
                throw new IllegalArgumentException("diagnostics: chains have different lengths (" + c.length + " vs "
                        + chains[0].length + ")");
            }
            for (double v : c) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("diagnostics: draws hold " + v);
                }
            }
        }
    }
}
