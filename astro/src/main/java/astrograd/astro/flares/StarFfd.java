package astrograd.astro.flares;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One star's flare frequency distribution, corrected by injection–recovery on its own light curve. From the
 * trials ({@link InjectionRecovery}), in logarithmic bins of injected equivalent duration: the detection
 * probability {@code P} and the equivalent-duration bias {@code r = median(recovered ED / injected ED)}. Each
 * detected flare of equivalent duration {@code e} gets {@code e' = e / r(e)} and the weight {@code 1/P(e')}
 * (flares where {@code P < 0.2} get none: too few are found there to correct). The power law is fitted
 * ({@link FlareFrequency#fitPowerLaw}) to the corrected sizes above {@code x_min}, the lower edge of the lowest
 * bin from which on every bin recovers at least 80 % (the smallest corrected size when no bin does). Sizes are
 * equivalent durations in seconds, or energies {@code E = ED · L} in erg when the luminosity L (erg/s) is given.
 *
 * @param fit the power law, null with fewer than 4 flares above x_min
 */
public record StarFfd(String name, double days, double luminosity, double[] sizes, double[] weights,
        List<FlareFrequency.Point> points, FlareFrequency.PowerLaw fit, double xmin, double[] binEdges,
        double[] recovery, double[] edRatio, int[] trialsPerBin) {
    private static final int BINS = 8;
    private static final double LEAST_RECOVERY = 0.2;
    private static final double COMPLETE = 0.8;

    /**
     * @param days the observing time (scored cadences × cadence)
     * @param luminosity the star's luminosity in erg/s, or NaN for equivalent durations
     */
    public static StarFfd of(String name, double days, List<Flare> flares, List<InjectionRecovery.Trial> trials,
                             double luminosity) {
        double[] edges = binEdges(trials);
        int bins = edges.length - 1;
        double[] p = new double[bins];
        double[] ratio = new double[bins];
        int[] count = new int[bins];
        for (int b = 0; b < bins; b++) {
            List<Double> ratios = new ArrayList<>();
            int recovered = 0;
            for (InjectionRecovery.Trial t : trials) {
                if (t.injectedEd() >= edges[b] && t.injectedEd() < edges[b + 1]) {
                    count[b]++;
                    if (t.recovered()) {
                        recovered++;
                        ratios.add(t.recoveredEd() / t.injectedEd());
                    }
                }
            }
            p[b] = count[b] == 0 ? Double.NaN : (double) recovered / count[b];
            ratio[b] = ratios.isEmpty() ? 1 : Windows.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
        }
        double scale = Double.isNaN(luminosity) ? 1 : luminosity;
        double[] sizes = new double[flares.size()];
        double[] weights = new double[flares.size()];
        for (int i = 0; i < sizes.length; i++) {
            double e = flares.get(i).equivalentDurationS();
            int b = bin(edges, e);
            double corrected = b < 0 ? e : e / ratio[b];
            int cb = bin(edges, corrected);
            double prob = cb < 0 ? (corrected >= edges[bins] ? 1 : 0) : p[cb];
            sizes[i] = corrected * scale;
            weights[i] = prob >= LEAST_RECOVERY ? 1 / prob : 0;
        }
        double xmin = completeFrom(edges, p, count) * scale;
        return new StarFfd(name, days, luminosity, sizes, weights, FlareFrequency.cumulative(sizes, weights, days),
                fit(sizes, weights, xmin), xmin, edges, p, ratio, count);
    }

    private static double[] binEdges(List<InjectionRecovery.Trial> trials) {
        double lo = trials.stream().mapToDouble(InjectionRecovery.Trial::injectedEd).filter(v -> v > 0).min().orElse(1);
        double hi = trials.stream().mapToDouble(InjectionRecovery.Trial::injectedEd).max().orElse(10);
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            edges[b] = lo * Math.pow(hi * 1.000001 / lo, (double) b / BINS);
        }
        return edges;
    }

    private static int bin(double[] edges, double v) {
        for (int b = 0; b + 1 < edges.length; b++) {
            if (v >= edges[b] && v < edges[b + 1]) {
                return b;
            }
        }
        return -1;
    }

    private static double completeFrom(double[] edges, double[] p, int[] count) {
        double from = Double.NaN;
        for (int b = p.length - 1; b >= 0; b--) {
            if (count[b] < 5 || !(p[b] >= COMPLETE)) {
                break;
            }
            from = edges[b];
        }
        return from;
    }

    private static FlareFrequency.PowerLaw fit(double[] sizes, double[] weights, double xmin) {
        double[] kept = java.util.stream.IntStream.range(0, sizes.length)
                .filter(i -> weights[i] > 0 && (Double.isNaN(xmin) || sizes[i] >= xmin))
                .mapToDouble(i -> sizes[i]).toArray();
        if (kept.length < 4) {
            return null;
        }
        return FlareFrequency.fitPowerLaw(kept, xmin, FlareFrequency.DEFAULT_CONFIDENCE);
    }

    /** A JSON-friendly summary. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("days", days);
        m.put("flares", sizes.length);
        m.put("size", Double.isNaN(luminosity) ? "equivalent duration (s)" : "energy (erg)");
        m.put("x_min", xmin);
        if (fit != null) {
            m.put("alpha", fit.alpha());
            m.put("alpha_sigma", fit.sigma());
            m.put("alpha_interval_95", List.of(fit.lower(), fit.upper()));
            m.put("fitted_flares", fit.n());
        }
        m.put("recovery_by_injected_ed", Arrays.toString(recovery));
        m.put("ed_ratio_by_injected_ed", Arrays.toString(edRatio));
        return m;
    }
}
