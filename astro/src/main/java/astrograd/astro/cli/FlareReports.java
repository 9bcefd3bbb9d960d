package astrograd.astro.cli;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareEvaluation;
import astrograd.astro.plot.Plots;
import astrograd.layers.io.AtomicFile;
import astrograd.layers.io.Json;
import astrograd.layers.train.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text, JSON and plot series of the flare commands' results. */
final class FlareReports {
    private FlareReports() {
    }

    /** The per-epoch metrics of each member, for {@link Plots#trainingCurves}. */
    static List<Map<String, double[]>> series(FlareEnsemble e) {
        List<Map<String, double[]>> out = new ArrayList<>();
        for (History h : e.histories()) {
            Map<String, double[]> m = new LinkedHashMap<>();
            for (String key : List.of("loss", "val_loss", "val_ap")) {
                m.put(key, h.values(key));
            }
            out.add(m);
        }
        return out;
    }

    static String formatSynthetic(FlareEvaluation.SyntheticReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "injected flares ≥ 5σ: average precision %.4f, precision %.4f, recall %.4f"
                        + " at 0.5 (%d flares, %d negatives); single-cadence spikes rejected: %.3f of %d%n",
                r.averagePrecision(), r.precision(), r.recall(), r.positives(), r.negatives(), r.spikeRejection(), r.spikes()));
        sb.append("recovery vs peak significance:");
        for (FlareEvaluation.RecoveryBin b : r.recovery()) {
            sb.append(String.format(Locale.ROOT, "  [%.0f, %.0f)σ %.2f (n=%d)", b.loSigma(), b.hiSigma(), b.recovered(),
                    b.injected()));
        }
        return sb.toString();
    }

    static Map<String, Object> overall(List<FlareEvaluation.CatalogReport> reports) {
        int catalogued = reports.stream().mapToInt(FlareEvaluation.CatalogReport::catalogued).sum();
        int recovered = reports.stream().mapToInt(FlareEvaluation.CatalogReport::recovered).sum();
        int extra = reports.stream().mapToInt(FlareEvaluation.CatalogReport::extra).sum();
        double days = reports.stream().mapToDouble(FlareEvaluation.CatalogReport::days).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("catalogued", catalogued);
        m.put("recovered", recovered);
        m.put("recall", (double) recovered / catalogued);
        m.put("not_in_catalogue", extra);
        m.put("not_in_catalogue_per_day", extra / days);
        return m;
    }

    static String formatOverall(List<FlareEvaluation.CatalogReport> reports) {
        Map<String, Object> m = overall(reports);
        return String.format(Locale.ROOT, "overall: recovered %d of %d catalogued flares (recall %.3f); %d detections not"
                + " in the catalogue (%.2f per day)", m.get("recovered"), m.get("catalogued"), m.get("recall"),
                m.get("not_in_catalogue"), m.get("not_in_catalogue_per_day"));
    }

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFile.write(file, (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
