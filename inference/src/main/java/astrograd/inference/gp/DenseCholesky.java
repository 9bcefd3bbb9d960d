package astrograd.inference.gp;

/** Small dense SPD algebra in row-major doubles for {@link TimeWavelengthGp}'s direct likelihood path. */
final class DenseCholesky {
    private DenseCholesky() {
    }

    /** Lower factor L of {@code a} ({@code n × n}, not modified), or null when a pivot is not positive. */
    static double[] factor(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            if (!(d > 0)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return l;
    }

    /** {@code (LLᵀ)⁻¹ b}. */
    static double[] solve(double[] l, int n, double[] b) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return x;
    }

    /** {@code (LLᵀ)⁻¹} column by column. */
    static double[] inverse(double[] l, int n) {
        double[] inv = new double[n * n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            double[] col = solve(l, n, e);
            for (int i = 0; i < n; i++) {
                inv[i * n + j] = col[i];
            }
        }
        return inv;
    }

    /** The GLS means per group, {@code (HᵀK⁻¹H)⁻¹HᵀK⁻¹y}, with K = LLᵀ. */
    static double[] gls(double[] l, int n, int[] group, int groups, double[] y) {
        double[][] kinvH = new double[groups][];
        double[] h = new double[n];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < n; i++) {
                h[i] = group[i] == g ? 1 : 0;
            }
            kinvH[g] = solve(l, n, h);
        }
        double[] a = new double[groups * groups];
        double[] rhs = new double[groups];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < n; i++) {
                rhs[g] += kinvH[g][i] * y[i];
                a[g * groups + group[i]] += kinvH[g][i];
            }
        }
        double[] la = factor(a, groups);
        if (la == null) {
            throw new ArithmeticException("TimeWavelengthGp: the GLS system of the group means is singular");
        }
        return solve(la, groups, rhs);
    }
}
