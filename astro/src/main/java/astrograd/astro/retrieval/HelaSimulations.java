package astrograd.astro.retrieval;

import astrograd.astro.lightcurve.Npy;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * HELA's labelled simulations (Márquez-Neila et al. 2018) as plan-net trains on them: an {@code .npy} array
 * {@code [n, 18]} whose columns 0–12 are a simulated WFC3 transmission spectrum (transit depth in %, noise included)
 * and 13–17 the true parameters T [K], log₁₀ X of H2O, HCN, NH3 and log₁₀ κ₀ ({@link TransmissionModel#NAMES}).
 *
 * @param spectra    {@code [n][13]}
 * @param parameters {@code [n][5]}
 */
public record HelaSimulations(double[][] spectra, double[][] parameters) {
    /** Spectral bins. */
    public static final int BINS = 13;
    /** Parameters. */
    public static final int PARAMETERS = 5;

    public HelaSimulations {
        if (spectra.length != parameters.length || spectra.length == 0) {
            throw new IllegalArgumentException("HELA simulations: " + spectra.length + " spectra for "
                    + parameters.length + " parameter rows (need the same number, >= 1)");
        }
    }

    /**
     * Reads {@code [n, 18]} (spectrum then parameters) or, for spectra alone, {@code [n, 13]} or {@code [13]}
     * (the parameters are then NaN).
     *
     * @throws IOException naming the file when the shape is wrong or a spectrum value is not finite
     */
    public static HelaSimulations read(Path npy) throws IOException {
        Npy.Array a = Npy.read(npy);
        int[] s = a.shape();
        boolean single = s.length == 1 && s[0] == BINS;
        if (!single && (s.length != 2 || (s[1] != BINS + PARAMETERS && s[1] != BINS) || s[0] < 1)) {
            throw new IOException(npy + ": shape " + Arrays.toString(s) + " is not [n, " + (BINS + PARAMETERS) + "], [n, "
                    + BINS + "] or [" + BINS + "] (HELA spectra with or without parameters)");
        }
        int n = single ? 1 : s[0];
        int cols = single ? BINS : s[1];
        double[][] spectra = new double[n][BINS];
        double[][] params = new double[n][PARAMETERS];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                double v = a.data()[i * cols + j];
                if (j < BINS) {
                    if (!Double.isFinite(v)) {
                        throw new IOException(npy + ": row " + i + ", bin " + j + " is " + v);
                    }
                    spectra[i][j] = v;
                } else {
                    params[i][j - BINS] = v;
                }
            }
            if (cols == BINS) {
                Arrays.fill(params[i], Double.NaN);
            }
        }
        return new HelaSimulations(spectra, params);
    }

    public int size() {
        return spectra.length;
    }

    /** Whether every row has finite parameters (a labelled set). */
    public boolean labelled() {
        return Arrays.stream(parameters).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
    }

    /** The rows at {@code index}, in that order. */
    public HelaSimulations rows(int[] index) {
        double[][] x = new double[index.length][];
        double[][] y = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            x[i] = spectra[index[i]];
            y[i] = parameters[index[i]];
        }
        return new HelaSimulations(x, y);
    }

    /**
     * A seeded split into training, validation and test rows: a random permutation from {@code seed}, then the
     * first {@code train} share, the next {@code validation} share and the rest.
     */
    public HelaSimulations[] split(long seed, double train, double validation) {
        if (!(train > 0 && validation > 0 && train + validation < 1)) {
            throw new IllegalArgumentException("HELA simulations: split shares " + train + " and " + validation
                    + " must be > 0 with a sum < 1");
        }
        long[] perm = new Rng(seed).permutation(size()).toLongArray();
        int nTrain = (int) Math.round(train * size());
        int nVal = (int) Math.round(validation * size());
        if (nTrain < 1 || nVal < 1 || nTrain + nVal >= size()) {
            throw new IllegalArgumentException("HELA simulations: " + size() + " rows are too few to split");
        }
        return new HelaSimulations[] {rows(range(perm, 0, nTrain)), rows(range(perm, nTrain, nTrain + nVal)),
            rows(range(perm, nTrain + nVal, size()))};
    }

    private static int[] range(long[] perm, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = (int) perm[i];
        }
        return out;
    }
}
