package astrograd.layers.losses;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;

/**
 * Squared maximum mean discrepancy between samples x {@code [N, D]} and y {@code [M, D]} under a sum of
 * Gaussian RBF kernels {@code k(a, b) = Σ_s exp(−‖a − b‖² / (2 σ_s²))} with the given bandwidths σ_s.
 * <ul>
 * <li>biased (V-statistic): {@code mean(Kxx) + mean(Kyy) − 2 mean(Kxy)}, all pairs, diagonals included;
 * always ≥ 0;</li>
 * <li>unbiased (U-statistic): {@code Σ_{i≠j} Kxx/(N(N−1)) + Σ_{i≠j} Kyy/(M(M−1)) − 2 mean(Kxy)}; may be
 * slightly negative; needs N, M ≥ 2.</li>
 * </ul>
 * Squared distances are {@code ‖a‖² + ‖b‖² − 2 a·b} (one matrix product), so very distant samples lose
 * relative precision; centre the data if that matters.
 */
public final class Mmd {
    private Mmd() {
    }

    /** MMD² (a 0-d Var), differentiable with respect to both samples. */
    public static Var mmd2(Var x, Var y, double[] bandwidths, boolean unbiased) {
        String op = "mmd2";
        check(op, x, y, bandwidths, unbiased);
        int n = x.value().size(0);
        int m = y.value().size(0);
        Var kxx = kernel(x, x, bandwidths);
        Var kyy = kernel(y, y, bandwidths);
        Var kxy = kernel(x, y, bandwidths);
        Var cross = kxy.mean().mul(2);
        if (!unbiased) {
            return kxx.mean().add(kyy.mean()).sub(cross);
        }
        Var xx = kxx.mul(Var.constant(offDiagonal(n, x.value().dtype()))).sum().div((double) n * (n - 1));
        Var yy = kyy.mul(Var.constant(offDiagonal(m, y.value().dtype()))).sum().div((double) m * (m - 1));
        return xx.add(yy).sub(cross);
    }

    /** {@code 1 − I}: ones off the diagonal. */
    private static Tensor offDiagonal(int n, DType dtype) {
        return Tensor.eye(n, dtype).neg().add(1);
    }

    /** The summed kernel matrix {@code [N, M]}. */
    static Var kernel(Var a, Var b, double[] bandwidths) {
        Var sqA = a.square().sum(new int[] {1}, true);
        Var sqB = b.square().sum(new int[] {1}, true).transpose(0, 1);
        Var d2 = sqA.add(sqB).sub(a.matmul(b.transpose(0, 1)).mul(2));
        Var k = null;
        for (double s : bandwidths) {
            Var term = d2.mul(-1 / (2 * s * s)).exp();
            k = k == null ? term : k.add(term);
        }
        return k;
    }

    private static void check(String op, Var x, Var y, double[] bandwidths, boolean unbiased) {
        int[] xs = x.value().shape();
        int[] ys = y.value().shape();
        if (xs.length != 2 || ys.length != 2 || xs[1] != ys[1]) {
            throw new ShapeException(op + ": samples x " + Shape.str(xs) + " and y " + Shape.str(ys)
                    + " must be [N, D] and [M, D]");
        }
        Checks.sameDtype(op, "x", x.value(), "y", y.value());
        if (bandwidths == null || bandwidths.length == 0) {
            throw new IllegalArgumentException(op + ": needs at least one bandwidth");
        }
        for (double s : bandwidths) {
            Checks.positive(op, "bandwidth", s);
        }
        int min = unbiased ? 2 : 1;
        if (xs[0] < min || ys[0] < min) {
            throw new ShapeException(op + ": the " + (unbiased ? "unbiased" : "biased") + " estimator needs at least "
                    + min + " samples each, got x " + Shape.str(xs) + " and y " + Shape.str(ys));
        }
    }
}
