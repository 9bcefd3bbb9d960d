package astrograd.astro.transients;

import java.util.ArrayList;
import java.util.List;

/**
 * Objects with a feature row each, standardised per column ({@code (x − mean)/sd}) for the isolation forest and the
 * SOM. Objects whose GP fit failed or whose features are not finite are left out and listed in {@link #skipped()}.
 */
public record FeatureTable(List<TransientLightCurve> objects, List<String> names, double[] x, List<String> skipped) {
    /** Rows of {@code x}. */
    public int rows() {
        return objects.size();
    }

    public int columns() {
        return names.size();
    }

    /** GP features ({@link TransientFeatures}) of the dense curves, optionally followed by extra columns per object. */
    public static FeatureTable of(List<LightCurveGp.Dense> dense, List<String> extraNames, List<double[]> extra) {
        List<String> names = new ArrayList<>(TransientFeatures.NAMES);
        if (extraNames != null) {
            names.addAll(extraNames);
        }
        List<TransientLightCurve> objs = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < dense.size(); i++) {
            LightCurveGp.Dense d = dense.get(i);
            if (d.fit().gp() == null) {
                skipped.add(d.source().id() + ": GP fit failed (" + d.fit().message() + ")");
                continue;
            }
            double[] f = TransientFeatures.of(d);
            double[] row = new double[names.size()];
            System.arraycopy(f, 0, row, 0, f.length);
            if (extra != null) {
                System.arraycopy(extra.get(i), 0, row, f.length, extra.get(i).length);
            }
            if (java.util.Arrays.stream(row).allMatch(Double::isFinite)) {
                objs.add(d.source());
                rows.add(row);
            } else {
                skipped.add(d.source().id() + ": non-finite features " + java.util.Arrays.toString(row));
            }
        }
        return new FeatureTable(objs, names, standardise(rows, names.size()), skipped);
    }

    private static double[] standardise(List<double[]> rows, int d) {
        int n = rows.size();
        double[] x = new double[n * d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : rows) {
                mean += r[j] / n;
            }
            double var = 0;
            for (double[] r : rows) {
                var += (r[j] - mean) * (r[j] - mean) / Math.max(1, n - 1);
            }
            double sd = var > 0 ? Math.sqrt(var) : 1;
            for (int i = 0; i < n; i++) {
                x[i * d + j] = (rows.get(i)[j] - mean) / sd;
            }
        }
        return x;
    }
}
