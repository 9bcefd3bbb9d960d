package astrograd.inference.demc;

import java.util.Arrays;

/** The DE-MCz archive Z: past states in sampling space, appended row by row, never removed. */
final class Archive {
    private final int dim;
    private double[] rows;
    private int size;

    Archive(int dim, int capacity) {
        this.dim = dim;
        this.rows = new double[Math.max(1, capacity) * dim];
    }

    /** An archive holding {@code size} rows of {@code flat} ({@code [size, dim]}, copied). */
    static Archive of(double[] flat, int size, int dim) {
        Archive a = new Archive(dim, size);
        for (int m = 0; m < size; m++) {
            a.add(Arrays.copyOfRange(flat, m * dim, (m + 1) * dim));
        }
        return a;
    }

    int size() {
        return size;
    }

    int dim() {
        return dim;
    }

    /** Coordinate {@code j} of row {@code m}. */
    double get(int m, int j) {
        return rows[m * dim + j];
    }

    void add(double[] row) {
        if ((size + 1) * dim > rows.length) {
            rows = Arrays.copyOf(rows, Math.max(2 * rows.length, (size + 1) * dim));
        }
        System.arraycopy(row, 0, rows, size * dim, dim);
        size++;
    }

    /** The rows as {@code [size, dim]} (a copy). */
    double[] flat() {
        return Arrays.copyOf(rows, size * dim);
    }
}
