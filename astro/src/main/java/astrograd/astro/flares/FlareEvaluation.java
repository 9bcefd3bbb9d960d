package astrograd.astro.flares;

import astrograd.astro.flares.WindowSet.Kind;
import astrograd.layers.metrics.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measures of issue 5: window-level scores on injections and recovery of catalogued flares. */
public final class FlareEvaluation {
    /** Injected flares count as positives for AP, precision and recall from this significance (σ). */
    public static final double MIN_SIGNIFICANCE = 5.0;
    /** Edges of the significance bins of the recovery table (σ). */
    private static final double[] BINS = {1, 3, 5, 10, 20, 50, 100, 1000};

    /** One row of the recovery table: injected flares with peak in [lo, hi) σ and the fraction found. */
    public record RecoveryBin(double loSigma, double hiSigma, int injected, double recovered) {
    }

    /**
     * Window-level results on an injection test set. Positives: injected flares centred in the window with a
     * sampled peak ≥ 5σ; negatives: every label-0 window (quiet, off-centre flares, spikes, steps).
     */
    public record SyntheticReport(int positives, int negatives, double averagePrecision, double precision,
            double recall, double spikeRejection, int spikes, List<RecoveryBin> recovery) {
        /** As a JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("positives", positives);
            m.put("negatives", negatives);
            m.put("average_precision", averagePrecision);
            m.put("precision_at_0.5", precision);
            m.put("recall_at_0.5", recall);
            m.put("spikes", spikes);
            m.put("spike_rejection_at_0.5", spikeRejection);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RecoveryBin b : recovery) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("peak_sigma_min", b.loSigma());
                r.put("peak_sigma_max", b.hiSigma());
                r.put("injected", b.injected());
                r.put("recovered_fraction", b.recovered());
                rows.add(r);
            }
            m.put("recovery_vs_amplitude", rows);
            return m;
        }
    }

    /**
     * Recovery of catalogued flares in one light curve: a catalogued flare is recovered when a detection peaks
     * within {@code tolerance} days of its {@code tpeak}; detections matching no catalogued flare are counted
     * as extra (per day of data).
     */
    public record CatalogReport(String name, int catalogued, int recovered, int detections, int extra, double days) {
        public double recall() {
            return catalogued == 0 ? Double.NaN : (double) recovered / catalogued;
        }

        public double extraPerDay() {
            return extra / days;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("light_curve", name);
            m.put("catalogued", catalogued);
            m.put("recovered", recovered);
            m.put("recall", recall());
            m.put("detections", detections);
            m.put("not_in_catalogue", extra);
            m.put("not_in_catalogue_per_day", extraPerDay());
            return m;
        }
    }

    private FlareEvaluation() {
    }

    /** Scores {@code test} (windows of an injection set) with the ensemble's probabilities {@code p}. */
    public static SyntheticReport synthetic(WindowSet test, double[] p, double threshold) {
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        int spikes = 0;
        int spikesRejected = 0;
        for (int i = 0; i < test.size(); i++) {
            Kind k = test.kind(i);
            if (k == Kind.SPIKE) {
                spikes++;
                spikesRejected += p[i] < threshold ? 1 : 0;
            }
            if (k.label() == 1 && !(k == Kind.SYNTHETIC_FLARE && test.peakSigma(i) >= MIN_SIGNIFICANCE)) {
                continue;
            }
            labels.add(k.label());
            scores.add(p[i]);
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        int[] predicted = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            predicted[i] = s[i] >= threshold ? 1 : 0;
        }
        int positives = java.util.Arrays.stream(y).sum();
        return new SyntheticReport(positives, y.length - positives, Metrics.averagePrecision(y, s),
                Metrics.precision(y, predicted), Metrics.recall(y, predicted),
                spikes == 0 ? Double.NaN : (double) spikesRejected / spikes, spikes, recovery(test, p, threshold));
    }

    private static List<RecoveryBin> recovery(WindowSet test, double[] p, double threshold) {
        List<RecoveryBin> bins = new ArrayList<>();
        for (int b = 0; b + 1 < BINS.length; b++) {
            int injected = 0;
            int found = 0;
            for (int i = 0; i < test.size(); i++) {
                double s = test.peakSigma(i);
                if (test.kind(i) == Kind.SYNTHETIC_FLARE && s >= BINS[b] && s < BINS[b + 1]) {
                    injected++;
                    found += p[i] >= threshold ? 1 : 0;
                }
            }
            if (injected > 0) {
                bins.add(new RecoveryBin(BINS[b], BINS[b + 1], injected, (double) found / injected));
            }
        }
        return bins;
    }

    /** Matches detections against the catalogued flares of one light curve. */
    public static CatalogReport catalog(String name, List<Flare> detected, List<FlareCatalog.Entry> catalogued,
                                        double tolerance, double days) {
        int recovered = 0;
        for (FlareCatalog.Entry e : catalogued) {
            if (detected.stream().anyMatch(f -> Math.abs(f.tpeak() - e.tpeakBtjd()) <= tolerance)) {
                recovered++;
            }
        }
        int extra = 0;
        for (Flare f : detected) {
            if (catalogued.stream().noneMatch(e -> Math.abs(f.tpeak() - e.tpeakBtjd()) <= tolerance)) {
                extra++;
            }
        }
        return new CatalogReport(name, catalogued.size(), recovered, detected.size(), extra, days);
    }
}
