package astrograd.kernels.contract;

import astrograd.tensor.DType;
import java.util.SplittableRandom;

/** Seeded host arrays for the contract tests. */
final class Values {
    private Values() {
    }

    /** n values uniform in [lo, hi) as the dtype's host array (integers truncated, BOOL true where >= mid). */
    static Object uniform(DType dt, int n, SplittableRandom r, double lo, double hi) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return as(dt, d, (lo + hi) / 2);
    }

    /** Small integers in [-8, 8] (sums of up to 2^20 of them are exact in F32). */
    static Object integers(DType dt, int n, SplittableRandom r) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextInt(-8, 9);
        }
        return as(dt, d, 0);
    }

    /** Mostly 1, rarely 2 or 0.5: products of many are exact powers of two, in any order. */
    static Object nearOne(DType dt, int n, SplittableRandom r) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(2000);
            d[i] = k == 0 ? 2 : k == 1 ? 0.5 : 1;
        }
        return as(dt, d, 0);
    }

    /** Values that exercise casts: NaN, infinities, signed zeros, halves, values beyond int and long range. */
    static Object castEdges(DType dt, int n, SplittableRandom r) {
        double[] edges = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 0.5, -0.5, 1.5,
            -2.5, 3e9, -3e9, 1e19, -1e19, 2147483647.0, -2147483648.0, 255.0, 1.0};
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i < edges.length ? edges[i] : (r.nextDouble() - 0.5) * 200;
        }
        if (dt.isFloating()) {
            return as(dt, d, 0);
        }
        for (int i = 0; i < n; i++) {
            d[i] = Double.isFinite(d[i]) ? d[i] : 7;
        }
        return as(dt, d, 0);
    }

    static Object as(DType dt, double[] d, double boolThreshold) {
        int n = d.length;
        switch (dt) {
            case F32: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) d[i];
                }
                return f;
            }
            case F64:
                return d;
            case I32: {
                int[] x = new int[n];
                for (int i = 0; i < n; i++) {
                    x[i] = (int) (long) d[i];
                }
                return x;
            }
            case I64: {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) {
                    x[i] = (long) d[i];
                }
                return x;
            }
            default: {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    b[i] = d[i] >= boolThreshold;
                }
                return b;
            }
        }
    }
}
