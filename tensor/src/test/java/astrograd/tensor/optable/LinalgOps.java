package astrograd.tensor.optable;

import static astrograd.tensor.optable.OpTable.FLOATS;

import astrograd.tensor.DType;
import astrograd.tensor.Linalg;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Table rows for {@link Linalg}: cholesky, triangularSolve, choleskySolve, logdetFromCholesky. Inputs are
 * well-conditioned (SPD as {@code M M^T / n + I}; triangular with |diagonal| in [1, 2] and the other
 * triangle filled with junk the op must not read). Their values must be kept, so these rows opt out of
 * the EXPANDED layout.
 */
final class LinalgOps {
    private LinalgOps() {
    }

    static void addTo(List<OpEntry> t) {
        t.add(OpEntry.of("cholesky", "cholesky", FLOATS, Domain.SPD)
                .gen((r, dt) -> new Nd[] {spd(r, dt, batch(r), size(r))})
                .call(in -> Linalg.cholesky(in[0]))
                .ref(in -> perMatrix(in[0], LinalgOps::cholesky))
                .keepValues());
        solve(t, "triangular_solve_lower", true, false);
        solve(t, "triangular_solve_upper_t", false, true);
        t.add(OpEntry.of("triangular_solve_batched", "triangularSolve", FLOATS, Domain.TRIANGULAR, Domain.ANY)
                .gen((r, dt) -> {
                    int n = size(r);
                    return new Nd[] {triangular(r, dt, new int[] {2, 1}, n), Domain.ANY.fill(r, dt, new int[] {3, n, 2})};
                })
                .call(in -> Linalg.triangularSolve(in[0], in[1], true, true))
                .ref(in -> solveRef(in[0], in[1], true, true))
                .keepValues());
        t.add(OpEntry.of("cholesky_solve", "choleskySolve", FLOATS, Domain.TRIANGULAR, Domain.ANY)
                .gen((r, dt) -> {
                    int[] b = batch(r);
                    int n = size(r);
                    Nd l = perMatrix(spd(r, dt, b, n), LinalgOps::cholesky).as(dt);
                    return new Nd[] {l, Domain.ANY.fill(r, dt, concat(b, n, Shapes.size(r, true)))};
                })
                .call(in -> Linalg.choleskySolve(in[0], in[1]))
                .ref(in -> solveRef(in[0], solveRef(in[0], in[1], true, false), true, true))
                .keepValues());
        t.add(OpEntry.of("logdet_from_cholesky", "logdetFromCholesky", FLOATS, Domain.TRIANGULAR)
                .gen((r, dt) -> new Nd[] {positiveDiagonal(triangular(r, dt, batch(r), size(r)))})
                .call(in -> Linalg.logdetFromCholesky(in[0]))
                .ref(in -> logdet(in[0]))
                .keepValues());
    }

    private static void solve(List<OpEntry> t, String id, boolean lower, boolean transpose) {
        t.add(OpEntry.of(id, "triangularSolve", FLOATS, Domain.TRIANGULAR, Domain.ANY)
                .gen((r, dt) -> {
                    int[] b = batch(r);
                    int n = size(r);
                    return new Nd[] {triangular(r, dt, b, n), Domain.ANY.fill(r, dt, concat(b, n, Shapes.size(r, true)))};
                })
                .call(in -> Linalg.triangularSolve(in[0], in[1], lower, transpose))
                .ref(in -> solveRef(in[0], in[1], lower, transpose))
                .keepValues());
    }

    private static int[] batch(SplittableRandom r) {
        return r.nextBoolean() ? new int[0] : new int[] {r.nextInt(1, 4)};
    }

    private static int size(SplittableRandom r) {
        return r.nextInt(1, 6);
    }

    private static int[] concat(int[] batch, int rows, int cols) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }

    /** Symmetric positive definite matrices {@code M M^T / n + I}, rounded to the dtype. */
    static Nd spd(SplittableRandom r, DType dt, int[] batch, int n) {
        Nd m = Domain.ANY.fill(r, DType.F64, concat(batch, n, n));
        double[] v = new double[m.numel()];
        for (int b = 0; b < v.length / (n * n); b++) {
            int o = b * n * n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < n; p++) {
                        s += m.data[o + i * n + p] * m.data[o + j * n + p];
                    }
                    v[o + i * n + j] = s / n + (i == j ? 1 : 0);
                }
            }
        }
        return new Nd(DType.F64, m.shape, v).as(dt);
    }

    /** Entries in (-1, 1) everywhere (junk outside the used triangle) and |diagonal| in [1, 2]. */
    static Nd triangular(SplittableRandom r, DType dt, int[] batch, int n) {
        int[] shape = concat(batch, n, n);
        double[] v = new double[Nd.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            boolean diag = (i % (n * n)) / n == i % n;
            v[i] = diag ? (r.nextBoolean() ? 1 : -1) * r.nextDouble(1, 2) : r.nextDouble(-1, 1);
        }
        return new Nd(DType.F64, shape, v).as(dt);
    }

    private static Nd positiveDiagonal(Nd t) {
        int n = t.shape[t.rank() - 1];
        double[] v = t.data.clone();
        for (int i = 0; i < v.length; i++) {
            if ((i % (n * n)) / n == i % n) {
                v[i] = Math.abs(v[i]);
            }
        }
        return new Nd(t.dtype, t.shape, v);
    }

    interface MatrixFn {
        double[][] apply(double[][] a);
    }

    /** Applies {@code f} to each n-by-n matrix of a batch {@code [..., n, n]}. */
    static Nd perMatrix(Nd a, MatrixFn f) {
        int n = a.shape[a.rank() - 1];
        double[] v = new double[a.numel()];
        for (int b = 0; b < v.length / Math.max(1, n * n); b++) {
            double[][] m = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a.data, b * n * n + i * n, m[i], 0, n);
            }
            double[][] out = f.apply(m);
            for (int i = 0; i < n; i++) {
                System.arraycopy(out[i], 0, v, b * n * n + i * n, n);
            }
        }
        return new Nd(a.dtype, a.shape, v);
    }

    /** Cholesky–Banachiewicz on the lower triangle. */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int p = 0; p < j; p++) {
                    s -= l[i][p] * l[j][p];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    /** op(T) X = B with T the named triangle of A (batch axes broadcast). */
    static Nd solveRef(Nd a, Nd b, boolean lower, boolean transpose) {
        int n = a.shape[a.rank() - 1];
        int k = b.shape[b.rank() - 1];
        int[] batch = Ref.broadcastShape(Arrays.copyOf(a.shape, a.rank() - 2), Arrays.copyOf(b.shape, b.rank() - 2));
        Nd ea = Ref.broadcastTo(a, concat(batch, n, n));
        Nd eb = Ref.broadcastTo(b, concat(batch, n, k));
        double[] x = new double[eb.numel()];
        for (int m = 0; m < Nd.numel(batch); m++) {
            for (int c = 0; c < k; c++) {
                solveColumn(ea.data, m * n * n, eb.data, x, m * n * k, c, n, k, lower != transpose, lower, transpose);
            }
        }
        return new Nd(b.dtype, eb.shape, x);
    }

    /** Substitution for one column; {@code forward} when op(T) is lower triangular. */
    private static void solveColumn(double[] a, int ao, double[] b, double[] x, int bo, int c, int n, int k,
                                    boolean forward, boolean lower, boolean transpose) {
        for (int s = 0; s < n; s++) {
            int i = forward ? s : n - 1 - s;
            double sum = b[bo + i * k + c];
            for (int t = 0; t < s; t++) {
                int j = forward ? t : n - 1 - t;
                sum -= element(a, ao, n, i, j, transpose) * x[bo + j * k + c];
            }
            x[bo + i * k + c] = sum / element(a, ao, n, i, i, transpose);
        }
    }

    /** Element (i, j) of op(A). */
    private static double element(double[] a, int ao, int n, int i, int j, boolean transpose) {
        return transpose ? a[ao + j * n + i] : a[ao + i * n + j];
    }

    static Nd logdet(Nd l) {
        int n = l.shape[l.rank() - 1];
        int[] batch = Arrays.copyOf(l.shape, l.rank() - 2);
        double[] v = new double[Nd.numel(batch)];
        for (int m = 0; m < v.length; m++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.log(l.data[m * n * n + i * n + i]);
            }
            v[m] = 2 * s;
        }
        return new Nd(l.dtype, batch, v);
    }
}
