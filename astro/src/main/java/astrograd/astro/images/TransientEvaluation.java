package astrograd.astro.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Completeness, purity and flux error against transient S/N on held-out synthetic pairs (spec §5(e)): detections
 * are peaks of each method's significance above {@code threshold} σ (local maxima within {@code peakRadius});
 * a transient is found when a detection lies within {@code matchRadius} px. Completeness per S/N bin is
 * found / injected; purity per bin is TP / (TP + FP), where a true detection falls in its transient's S/N bin and a
 * false one (a residual, a variable star, noise) in the bin of its measured S/N {@code flux / (σ_n sqrt(4π σ_a σ_b))}.
 * Flux error is {@code |Σ_ap(method) − Σ_ap(GT)| / Σ_ap(GT)} in an aperture of radius {@code 3 σ_n} at the transient
 * (for ZOGY, its point-source flux at the peak against the injected flux).
 */
public final class TransientEvaluation {
    /** S/N bin edges: [5, 7), [7, 10), [10, 20), [20, 50]. */
    public static final double[] EDGES = {5, 7, 10, 20, 50};

    private final double threshold;
    private final double matchRadius;
    private final int peakRadius;
    private final Map<DifferenceMethod, Tally> tallies = new EnumMap<>(DifferenceMethod.class);

    public TransientEvaluation(double threshold, double matchRadius, int peakRadius) {
        this.threshold = threshold;
        this.matchRadius = matchRadius;
        this.peakRadius = peakRadius;
    }

    /** Counts of one method. */
    public static final class Tally {
        final int bins = EDGES.length;
        final int[] injected = new int[bins];
        final int[] found = new int[bins];
        final int[] truePositives = new int[bins];
        final int[] falsePositives = new int[bins];
        final List<List<Double>> fluxErrors = new ArrayList<>();

        Tally() {
            for (int b = 0; b < bins; b++) {
                fluxErrors.add(new ArrayList<>());
            }
        }

        /** Completeness over bins {@code from … } (to the last). */
        public double completeness(int from) {
            return ratio(sum(found, from), sum(injected, from));
        }

        /** Purity over bins {@code from …}. */
        public double purity(int from) {
            int tp = sum(truePositives, from);
            return ratio(tp, tp + sum(falsePositives, from));
        }

        /** The median flux error over bins {@code from …}. */
        public double medianFluxError(int from) {
            double[] v = fluxErrors.subList(from, bins).stream().flatMap(List::stream).mapToDouble(d -> d).sorted()
                    .toArray();
            return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2]
                    : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
        }

        public int injected(int from) {
            return sum(injected, from);
        }

        public int falsePositives(int from) {
            return sum(falsePositives, from);
        }

        /** Single-bin values: completeness, purity, median flux error of bin b only. */
        double[] bin(int b) {
            double[] fe = fluxErrors.get(b).stream().mapToDouble(d -> d).sorted().toArray();
            double med = fe.length == 0 ? Double.NaN : fe[fe.length / 2];
            return new double[] {ratio(found[b], injected[b]),
                ratio(truePositives[b], truePositives[b] + falsePositives[b]), med};
        }

        private int sum(int[] a, int from) {
            return Arrays.stream(a, from, bins).sum();
        }

        private static double ratio(int a, int b) {
            return b == 0 ? Double.NaN : a / (double) b;
        }
    }

    /** The tally of {@code m} (empty when not evaluated). */
    public Tally tally(DifferenceMethod m) {
        return tallies.computeIfAbsent(m, k -> new Tally());
    }

    /** The bin of S/N {@code s}: −1 below 5, the last bin for 20 and above. */
    static int bin(double s) {
        if (s < EDGES[0]) {
            return -1;
        }
        for (int b = EDGES.length - 1; b >= 0; b--) {
            if (s >= EDGES[b]) {
                return Math.min(b, EDGES.length - 2);
            }
        }
        return -1;
    }

    /** Evaluates pairs {@code first … first + count − 1} of the simulator with each method. */
    public void run(SurveySimulator sim, long first, int count, List<DifferenceMethod> methods,
            TransiNetDifference model, double astrometricSigma, IntConsumer progress) {
        for (int i = 0; i < count; i++) {
            SurveyPair p = sim.pair(first + i);
            for (DifferenceMethod m : methods) {
                add(m, p, m.run(p.reference(), p.science(), p.psfReference(), p.psfScience(), astrometricSigma, model));
            }
            if (progress != null) {
                progress.accept(i + 1);
            }
        }
    }

    /** Adds one pair's result of method {@code m}; returns its detections. */
    public List<Detection> add(DifferenceMethod m, SurveyPair p, DifferenceResult r) {
        Tally t = tally(m);
        double aperture = 3 * p.psfScience().sigma();
        List<Detection> found = Detection.find(r, threshold, peakRadius, aperture);
        int[] match = Matching.match(p.transients(), found, matchRadius);
        boolean[] isTrue = new boolean[found.size()];
        for (int i = 0; i < match.length; i++) {
            SurveyPair.Transient tr = p.transients().get(i);
            int b = bin(tr.snr());
            if (b < 0) {
                continue;
            }
            t.injected[b]++;
            if (match[i] >= 0) {
                isTrue[match[i]] = true;
                t.found[b]++;
                t.truePositives[b]++;
                t.fluxErrors.get(b).add(fluxError(p, tr, r, found.get(match[i]), aperture));
            }
        }
        double perSnr = p.noiseScience() * Math.sqrt(p.psfScience().noiseEquivalentArea());
        for (int j = 0; j < found.size(); j++) {
            if (!isTrue[j] && !nearTransient(p, found.get(j))) {
                int b = Math.max(0, bin(found.get(j).flux() / perSnr));
                t.falsePositives[b]++;
            }
        }
        return found;
    }

    /** A detection within the match radius of a transient below S/N 5 is neither true nor false. */
    private boolean nearTransient(SurveyPair p, Detection d) {
        return p.transients().stream().anyMatch(t -> Math.hypot(d.x() - t.x(), d.y() - t.y()) <= matchRadius);
    }

    private static double fluxError(SurveyPair p, SurveyPair.Transient tr, DifferenceResult r, Detection d,
            double aperture) {
        if (r.pointFlux()) {
            return Math.abs(d.flux() - tr.flux()) / tr.flux();
        }
        double truth = Detection.apertureSum(p.truth(), tr.x(), tr.y(), aperture);
        return Math.abs(Detection.apertureSum(r.flux(), tr.x(), tr.y(), aperture) - truth) / truth;
    }

    /** A markdown table: per method and S/N bin, completeness, purity, median flux error; then S/N ≥ 10. */
    public String table(List<DifferenceMethod> methods) {
        StringBuilder sb = new StringBuilder("| method | S/N | injected | completeness | purity | false pos. | median flux error |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (DifferenceMethod m : methods) {
            Tally t = tally(m);
            for (int b = 0; b < EDGES.length - 1; b++) {
                double[] v = t.bin(b);
                sb.append(String.format(Locale.ROOT, "| %s | %s–%s | %d | %.3f | %.3f | %d | %.3f |%n", m.label(),
                        fmt(EDGES[b]), fmt(EDGES[b + 1]), t.injected[b], v[0], v[1], t.falsePositives[b], v[2]));
            }
            sb.append(String.format(Locale.ROOT, "| **%s** | **≥ 10** | %d | **%.3f** | **%.3f** | %d | **%.3f** |%n",
                    m.label(), t.injected(2), t.completeness(2), t.purity(2), t.falsePositives(2), t.medianFluxError(2)));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.valueOf(v);
    }
}
