package astrograd.astro.xray;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Nelder–Mead simplex minimisation (standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½), for
 * the few-parameter likelihood fits of the timing module. Non-finite objective values count as +∞.
 */
final class NelderMead {
    private NelderMead() {
    }

    /** The best point found and its objective value. */
    record Result(double[] x, double value, int evaluations) {
    }

    /**
     * @param f the objective
     * @param start the first vertex
     * @param step the offset of the other vertices along each axis
     * @param maxEvaluations evaluation budget
     * @param tolerance stop when the objective spread over the simplex falls below this
     */
    static Result minimize(ToDoubleFunction<double[]> f, double[] start, double[] step, int maxEvaluations,
            double tolerance) {
        int d = start.length;
        double[][] x = new double[d + 1][];
        double[] fx = new double[d + 1];
        int evals = 0;
        for (int i = 0; i <= d; i++) {
            x[i] = start.clone();
            if (i > 0) {
                x[i][i - 1] += step[i - 1];
            }
            fx[i] = value(f, x[i]);
            evals++;
        }
        while (evals < maxEvaluations) {
            sort(x, fx);
            if (Math.abs(fx[d] - fx[0]) <= tolerance * (Math.abs(fx[0]) + tolerance)) {
                break;
            }
            double[] centroid = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    centroid[j] += x[i][j] / d;
                }
            }
            double[] reflected = along(centroid, x[d], -1);
            double fr = value(f, reflected);
            evals++;
            if (fr < fx[0]) {
                double[] expanded = along(centroid, x[d], -2);
                double fe = value(f, expanded);
                evals++;
                replace(x, fx, d, fe < fr ? expanded : reflected, Math.min(fe, fr));
            } else if (fr < fx[d - 1]) {
                replace(x, fx, d, reflected, fr);
            } else {
                double[] contracted = fr < fx[d] ? along(centroid, x[d], -0.5) : along(centroid, x[d], 0.5);
                double fc = value(f, contracted);
                evals++;
                if (fc < Math.min(fr, fx[d])) {
                    replace(x, fx, d, contracted, fc);
                } else {
                    for (int i = 1; i <= d; i++) {
                        for (int j = 0; j < d; j++) {
                            x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
                        }
                        fx[i] = value(f, x[i]);
                        evals++;
                    }
                }
            }
        }
        sort(x, fx);
        return new Result(x[0], fx[0], evals);
    }

    private static double value(ToDoubleFunction<double[]> f, double[] x) {
        double v = f.applyAsDouble(x);
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }

    /** {@code c + t (p − c)}. */
    private static double[] along(double[] c, double[] p, double t) {
        double[] out = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            out[j] = c[j] + t * (p[j] - c[j]);
        }
        return out;
    }

    private static void replace(double[][] x, double[] fx, int i, double[] point, double value) {
        x[i] = point;
        fx[i] = value;
    }

    private static void sort(double[][] x, double[] fx) {
        Integer[] order = new Integer[fx.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(fx[a], fx[b]));
        double[][] xs = new double[x.length][];
        double[] fs = new double[fx.length];
        for (int i = 0; i < order.length; i++) {
            xs[i] = x[order[i]];
            fs[i] = fx[order[i]];
        }
        System.arraycopy(xs, 0, x, 0, x.length);
        System.arraycopy(fs, 0, fx, 0, fx.length);
    }
}
