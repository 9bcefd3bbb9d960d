package astrograd.astro.retrieval;

import astrograd.astro.io.Csv;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A binned transmission spectrum with 1σ errors: transit depth (%) per wavelength bin.
 *
 * @param wavelength bin centres (µm), ascending
 * @param depth      transit depth (%)
 * @param error      1σ error (%), each > 0
 */
public record ObservedSpectrum(double[] wavelength, double[] depth, double[] error) {
    public ObservedSpectrum {
        if (depth.length != wavelength.length || error.length != wavelength.length || wavelength.length < 2) {
            throw new IllegalArgumentException("spectrum: need >= 2 bins and as many depths and errors, got "
                    + wavelength.length + ", " + depth.length + " and " + error.length);
        }
        for (int b = 0; b < depth.length; b++) {
            if (!Double.isFinite(depth[b]) || !(error[b] > 0) || !Double.isFinite(error[b])) {
                throw new IllegalArgumentException("spectrum: bin " + b + " has depth " + depth[b] + " and error "
                        + error[b] + " (need finite, error > 0)");
            }
        }
    }

    /** Columns of the WASP-12b file. */
    public static final List<String> COLUMNS = List.of("wavelength_um", "transit_depth_percent",
            "transit_depth_err_percent");

    /** Reads a CSV with the columns {@link #COLUMNS} (as {@code spectra/wasp12b_transmission_spectrum.csv}). */
    public static ObservedSpectrum read(Path csv) throws IOException {
        List<Csv.Row> rows = Csv.readAll(csv, COLUMNS);
        int n = rows.size();
        double[] w = new double[n];
        double[] d = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = rows.get(i).number(COLUMNS.get(0));
            d[i] = rows.get(i).number(COLUMNS.get(1));
            e[i] = rows.get(i).number(COLUMNS.get(2));
        }
        return new ObservedSpectrum(w, d, e);
    }

    /**
     * A synthetic observation: {@code model.spectrum(truth) + error ⊙ ε}, {@code ε ~ N(0, I)} from {@code seed}
     * (no noise when {@code seed < 0}), at the model's bin centres.
     */
    public static ObservedSpectrum synthetic(TransmissionModel model, double[] truth, double[] error, long seed) {
        double[] d = model.spectrum(truth);
        if (error.length != d.length) {
            throw new IllegalArgumentException("spectrum: " + error.length + " errors for " + d.length + " bins");
        }
        if (seed >= 0) {
            Rng rng = new Rng(seed);
            for (int b = 0; b < d.length; b++) {
                d[b] += error[b] * rng.nextGaussian();
            }
        }
        return new ObservedSpectrum(model.bins().centres(), d, error.clone());
    }

    public int bins() {
        return depth.length;
    }

    /** {@code χ² = Σ_b ((d_b − m_b)/σ_b)²} of model depths {@code m}. */
    public double chiSquare(double[] m) {
        if (m.length != depth.length) {
            throw new IllegalArgumentException("spectrum: model has " + m.length + " bins, the data " + depth.length);
        }
        double chi2 = 0;
        for (int b = 0; b < m.length; b++) {
            double r = (depth[b] - m[b]) / error[b];
            chi2 += r * r;
        }
        return chi2;
    }
}
