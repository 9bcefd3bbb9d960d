package astrograd.inference.optim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Minimises a smooth {@code f : ℝⁿ → ℝ} under box bounds {@code lo ≤ x ≤ hi} by projected L-BFGS (a small relative
 * of L-BFGS-B, for the handful of hyperparameters of a GP): the direction is the two-loop L-BFGS product
 * {@code d = −H g} over the variables not held at a bound (a variable is held when it sits on a bound and its
 * gradient pushes outward), the step follows the projected path {@code x(α) = P(x + α d)} with backtracking until
 * the Armijo condition {@code f(x(α)) ≤ f(x) + c₁ gᵀ(x(α) − x)} holds. Converged when the projected gradient
 * {@code ‖P(x − g) − x‖_∞ ≤ gtol} or the relative decrease of f falls below {@code ftol}.
 */
public final class BoundedLbfgs {
    /** The objective: returns f(x) and writes ∇f(x) into {@code grad}; NaN or ∞ means "not defined here". */
    @FunctionalInterface
    public interface Objective {
        double valueAndGradient(double[] x, double[] grad);
    }

    /** How a run ended. */
    public enum Status { CONVERGED, MAX_ITERATIONS, LINE_SEARCH_FAILED, NOT_FINITE_AT_START }

    /** The best point, its value and gradient, iterations and evaluations used, and the status. */
    public record Result(double[] x, double value, double[] gradient, int iterations, int evaluations, Status status) {
        /** Indices of the variables that ended on a bound. */
        public int[] atBounds(double[] lo, double[] hi) {
            return java.util.stream.IntStream.range(0, x.length)
                    .filter(i -> x[i] <= lo[i] || x[i] >= hi[i]).toArray();
        }
    }

    private final int memory;
    private final int maxIterations;
    private final double gtol;
    private final double ftol;

    /** Memory 10, 200 iterations, gtol 1e-6, ftol 1e-12. */
    public BoundedLbfgs() {
        this(10, 200, 1e-6, 1e-12);
    }

    public BoundedLbfgs(int memory, int maxIterations, double gtol, double ftol) {
        if (memory < 1 || maxIterations < 1 || !(gtol >= 0) || !(ftol >= 0)) {
            throw new IllegalArgumentException("BoundedLbfgs: need memory >= 1, maxIterations >= 1, tolerances >= 0");
        }
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gtol = gtol;
        this.ftol = ftol;
    }

    /** Minimises {@code f} from {@code x0} (projected into the box; not modified) within {@code [lo, hi]}. */
    public Result minimize(Objective f, double[] x0, double[] lo, double[] hi) {
        int n = x0.length;
        checkBounds(x0, lo, hi);
        double[] x = project(x0, lo, hi);
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evals = 1;
        if (!Double.isFinite(fx) || !allFinite(g)) {
            return new Result(x, fx, g, 0, evals, Status.NOT_FINITE_AT_START);
        }
        Deque<double[][]> pairs = new ArrayDeque<>();
        for (int iter = 0; iter < maxIterations; iter++) {
            if (projectedGradientNorm(x, g, lo, hi) <= gtol) {
                return new Result(x, fx, g, iter, evals, Status.CONVERGED);
            }
            boolean[] held = held(x, g, lo, hi);
            double[] d = direction(g, held, pairs);
            if (dot(d, g) >= 0) {
                pairs.clear();
                d = direction(g, held, pairs);
            }
            double alpha = pairs.isEmpty() ? Math.min(1, 1 / Math.max(1e-12, norm(d))) : 1;
            double[] xNew = null;
            double[] gNew = new double[n];
            double fNew = Double.NaN;
            for (int tries = 0; tries < 60; tries++) {
                double[] trial = step(x, d, alpha, lo, hi);
                double decrease = dot(g, sub(trial, x));
                double ft = f.valueAndGradient(trial, gNew);
                evals++;
                if (Double.isFinite(ft) && allFinite(gNew) && ft <= fx + 1e-4 * decrease && decrease < 0) {
                    xNew = trial;
                    fNew = ft;
                    break;
                }
                alpha *= 0.5;
            }
            if (xNew == null) {
                Status s = projectedGradientNorm(x, g, lo, hi) <= Math.max(gtol, 1e-5 * Math.max(1, Math.abs(fx)))
                        ? Status.CONVERGED : Status.LINE_SEARCH_FAILED;
                return new Result(x, fx, g, iter, evals, s);
            }
            double[] s = sub(xNew, x);
            double[] y = sub(gNew, g);
            if (dot(s, y) > 1e-10 * norm(s) * norm(y)) {
                pairs.addLast(new double[][] {s, y});
                if (pairs.size() > memory) {
                    pairs.removeFirst();
                }
            }
            double rel = (fx - fNew) / Math.max(1, Math.max(Math.abs(fx), Math.abs(fNew)));
            x = xNew;
            g = gNew;
            fx = fNew;
            if (rel <= ftol) {
                return new Result(x, fx, g, iter + 1, evals, Status.CONVERGED);
            }
        }
        return new Result(x, fx, g, maxIterations, evals, Status.MAX_ITERATIONS);
    }

    /** {@code −H g} by the two-loop recursion on the free variables (held ones get 0). */
    private static double[] direction(double[] g, boolean[] held, Deque<double[][]> pairs) {
        int n = g.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = held[i] ? 0 : g[i];
        }
        double[][][] ps = pairs.toArray(new double[0][][]);
        double[] a = new double[ps.length];
        for (int k = ps.length - 1; k >= 0; k--) {
            double rho = 1 / maskedDot(ps[k][1], ps[k][0], held);
            a[k] = rho * maskedDot(ps[k][0], q, held);
            for (int i = 0; i < n; i++) {
                q[i] -= held[i] ? 0 : a[k] * ps[k][1][i];
            }
        }
        if (ps.length > 0) {
            double[][] last = ps[ps.length - 1];
            double gamma = maskedDot(last[0], last[1], held) / Math.max(1e-300, maskedDot(last[1], last[1], held));
            if (gamma > 0 && Double.isFinite(gamma)) {
                for (int i = 0; i < n; i++) {
                    q[i] *= gamma;
                }
            }
        }
        for (int k = 0; k < ps.length; k++) {
            double rho = 1 / maskedDot(ps[k][1], ps[k][0], held);
            double b = rho * maskedDot(ps[k][1], q, held);
            for (int i = 0; i < n; i++) {
                q[i] += held[i] ? 0 : (a[k] - b) * ps[k][0][i];
            }
        }
        for (int i = 0; i < n; i++) {
            q[i] = held[i] || !Double.isFinite(q[i]) ? 0 : -q[i];
        }
        return q;
    }

    private static boolean[] held(double[] x, double[] g, double[] lo, double[] hi) {
        boolean[] h = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = (x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0);
        }
        return h;
    }

    /** {@code ‖P(x − g) − x‖_∞}. */
    static double projectedGradientNorm(double[] x, double[] g, double[] lo, double[] hi) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(Math.min(hi[i], Math.max(lo[i], x[i] - g[i])) - x[i]));
        }
        return m;
    }

    private static double[] step(double[] x, double[] d, double alpha, double[] lo, double[] hi) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(hi[i], Math.max(lo[i], x[i] + alpha * d[i]));
        }
        return out;
    }

    private static double[] project(double[] x, double[] lo, double[] hi) {
        return step(x, new double[x.length], 0, lo, hi);
    }

    private static void checkBounds(double[] x0, double[] lo, double[] hi) {
        if (lo.length != x0.length || hi.length != x0.length) {
            throw new IllegalArgumentException("BoundedLbfgs: x0, lo and hi differ in length: " + x0.length + ", "
                    + lo.length + ", " + hi.length);
        }
        for (int i = 0; i < x0.length; i++) {
            if (!(lo[i] <= hi[i]) || Double.isNaN(x0[i])) {
                throw new IllegalArgumentException("BoundedLbfgs: bad bounds or start at " + i + ": lo " + lo[i]
                        + ", hi " + hi[i] + ", x0 " + x0[i] + " " + Arrays.toString(x0));
            }
        }
    }

    private static double maskedDot(double[] a, double[] b, boolean[] held) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += held[i] ? 0 : a[i] * b[i];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] sub(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
