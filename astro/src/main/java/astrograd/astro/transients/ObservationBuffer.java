package astrograd.astro.transients;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Observations of one object collected row by row, then sorted by time into a {@link TransientLightCurve}. */
final class ObservationBuffer {
    private final List<double[]> rows = new ArrayList<>();
    private final List<Passband> bands = new ArrayList<>();
    String problem;

    /** Adds one observation; {@code detected = false} marks a non-detection. */
    void add(double time, Passband band, double flux, double fluxErr, double mag, double magErr, boolean detected) {
        int b = bands.indexOf(band);
        if (b < 0) {
            bands.add(band);
            b = bands.size() - 1;
        }
        rows.add(new double[] {time, b, flux, fluxErr, mag, magErr, detected ? 1 : 0});
    }

    /** Records the first problem of this object (later ones are dropped: the object is invalid either way). */
    void fail(String message) {
        if (problem == null) {
            problem = message;
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    TransientLightCurve build(String id, String type, double redshift, double mwAv, double peakTime) {
        // bands in order of wavelength, observations in order of time
        List<Passband> sortedBands = new ArrayList<>(bands);
        sortedBands.sort(Comparator.comparingDouble(Passband::wavelength));
        int[] remap = bands.stream().mapToInt(sortedBands::indexOf).toArray();
        int n = rows.size();
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> rows.get(i)[0]))
                .mapToInt(Integer::intValue).toArray();
        double[] t = new double[n];
        int[] b = new int[n];
        double[] f = new double[n];
        double[] fe = new double[n];
        double[] m = new double[n];
        double[] me = new double[n];
        boolean[] det = new boolean[n];
        for (int k = 0; k < n; k++) {
            double[] r = rows.get(order[k]);
            t[k] = r[0];
            b[k] = remap[(int) r[1]];
            f[k] = r[2];
            fe[k] = r[3];
            m[k] = r[4];
            me[k] = r[5];
            det[k] = r[6] != 0;
        }
        return new TransientLightCurve(id, type, redshift, mwAv, peakTime, List.copyOf(sortedBands), t, b, f, fe, m,
                me, det);
    }
}
