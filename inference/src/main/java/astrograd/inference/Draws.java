package astrograd.inference;

import astrograd.inference.io.DrawsWriter;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Posterior draws {@code [chains, draws, D]} (row-major, F64) with parameter names. For an ensemble sampler each
 * walker is a chain. Immutable.
 */
public final class Draws {
    private final double[] values;
    private final int chains;
    private final int draws;
    private final List<String> names;

    /**
     * @param values {@code chains · draws · D} numbers, {@code values[(c·draws + n)·D + d]} (not copied: do not
     *               modify it afterwards)
     */
    public Draws(double[] values, int chains, int draws, List<String> names) {
        if (chains < 1 || draws < 1 || names == null || names.isEmpty()) {
            throw new IllegalArgumentException("draws: need >= 1 chain, >= 1 draw and >= 1 name, got " + chains
                    + " chains, " + draws + " draws, names " + names);
        }
        if ((long) chains * draws * names.size() != values.length) {
            throw new IllegalArgumentException("draws: " + values.length + " values do not fill [" + chains + ", "
                    + draws + ", " + names.size() + "]");
        }
        this.values = values;
        this.chains = chains;
        this.draws = draws;
        this.names = List.copyOf(names);
    }

    /** From an F64 tensor {@code [chains, draws, D]}. */
    public static Draws of(Tensor t, List<String> names) {
        if (t.rank() != 3 || t.size(2) != names.size()) {
            throw new IllegalArgumentException("draws: need a tensor [chains, draws, " + names.size() + "], got "
                    + Arrays.toString(t.shape()));
        }
        return new Draws(t.to(DType.F64).contiguous().toDoubleArray(), t.size(0), t.size(1), names);
    }

    public int chains() {
        return chains;
    }

    public int draws() {
        return draws;
    }

    public int dim() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    /** Index of a parameter by name. */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("draws: no parameter '" + name + "' in " + names);
        }
        return i;
    }

    public double get(int chain, int draw, int d) {
        return values[(chain * draws + draw) * dim() + d];
    }

    /** Parameter {@code d} as {@code [chains][draws]}. */
    public double[][] parameter(int d) {
        if (d < 0 || d >= dim()) {
            throw new IndexOutOfBoundsException("draws: parameter " + d + " of " + dim());
        }
        double[][] out = new double[chains][draws];
        for (int c = 0; c < chains; c++) {
            for (int n = 0; n < draws; n++) {
                out[c][n] = get(c, n, d);
            }
        }
        return out;
    }

    /** Parameter {@code d} of every chain, concatenated. */
    public double[] flat(int d) {
        double[] out = new double[chains * draws];
        for (int c = 0; c < chains; c++) {
            for (int n = 0; n < draws; n++) {
                out[c * draws + n] = get(c, n, d);
            }
        }
        return out;
    }

    /** All values, {@code [chains, draws, D]} row-major (a copy). */
    public double[] values() {
        return values.clone();
    }

    public Tensor toTensor() {
        return Tensor.of(values.clone(), chains, draws, dim());
    }

    /** The draws after the first {@code burnIn} of each chain. */
    public Draws discard(int burnIn) {
        return slice(burnIn, 1);
    }

    /** Every {@code k}-th draw of each chain. */
    public Draws thin(int k) {
        return slice(0, k);
    }

    private Draws slice(int start, int step) {
        if (start < 0 || start >= draws || step < 1) {
            throw new IllegalArgumentException("draws: cannot keep draws from " + start + " every " + step + " of "
                    + draws);
        }
        int kept = (draws - start + step - 1) / step;
        int dim = dim();
        double[] out = new double[chains * kept * dim];
        for (int c = 0; c < chains; c++) {
            for (int n = 0; n < kept; n++) {
                System.arraycopy(values, (c * draws + start + n * step) * dim, out, (c * kept + n) * dim, dim);
            }
        }
        return new Draws(out, chains, kept, names);
    }

    /** Chains of this and {@code other} side by side (same draws and names). */
    public Draws concatChains(Draws other) {
        if (other.draws != draws || !other.names.equals(names)) {
            throw new IllegalArgumentException("draws: cannot join chains of " + draws + " draws of " + names
                    + " with chains of " + other.draws + " draws of " + other.names);
        }
        double[] out = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, out, values.length, other.values.length);
        return new Draws(out, chains + other.chains, draws, names);
    }

    /** Writes a NumPy {@code .npy} file of {@code <f8} shape {@code (chains, draws, D)}, atomically. */
    public void writeNpy(Path path) throws IOException {
        DrawsWriter.writeNpy(this, path);
    }

    /** Writes CSV with columns {@code chain,draw,<names...>}, atomically. */
    public void writeCsv(Path path) throws IOException {
        DrawsWriter.writeCsv(this, path);
    }

    @Override
    public String toString() {
        return "Draws[" + chains + " chains, " + draws + " draws, " + names + "]";
    }
}
