package astrograd.autodiff.gradtable;

import static astrograd.autodiff.gradtable.Domain.ANY;
import static astrograd.autodiff.gradtable.Domain.DISCRETE;
import static astrograd.autodiff.gradtable.Domain.DISTINCT;
import static astrograd.autodiff.gradtable.Domain.NEAR_ONE;
import static astrograd.autodiff.gradtable.ElementwiseRows.strided;
import static astrograd.autodiff.gradtable.GradRow.row;

import astrograd.autodiff.Var;
import java.util.List;

/**
 * Reductions, scans and softmax over {@code [3, 4, 5]} inputs: one axis, two axes with keepDim, a negative
 * axis and all axes (an empty axis set), plus rows on strided views.
 */
final class ReductionRows {
    private static final int[] ALL = {};
    private static final int[] A1 = {1};
    private static final int[] A02 = {0, 2};
    private static final int[] LAST = {-1};

    private ReductionRows() {
    }

    /** The reduction applied with given axes and keepDim. */
    private interface Reduce {
        Var apply(Var x, int[] axes, boolean keepDim);
    }

    private static void axisSets(List<GradRow> rows, String id, String covers, Domain d, Reduce f) {
        rows.add(row(id + "_ax1", covers).in(d, 3, 4, 5).unary(x -> f.apply(x, A1, false)));
        rows.add(row(id + "_ax02_keep", covers).in(d, 3, 4, 5).unary(x -> f.apply(x, A02, true)));
        rows.add(row(id + "_axm1_keep", covers).in(d, 3, 4, 5).unary(x -> f.apply(x, LAST, true)));
        rows.add(row(id + "_all", covers).in(d, 3, 4, 5).unary(x -> f.apply(x, ALL, false)));
        rows.add(row(id + "_strided", covers).in(d, 4, 5).unary(x -> f.apply(strided(x), new int[] {0}, false)));
    }

    static void addTo(List<GradRow> rows) {
        rows.add(row("sum_plain", "sum()").in(ANY, 3, 4, 5).unary(Var::sum));
        rows.add(row("sum_axes", "sum(int[])").in(ANY, 3, 4, 5).unary(x -> x.sum(2, 0)));
        axisSets(rows, "sum", "sum(int[],boolean)", ANY, Var::sum);
        rows.add(row("mean_plain", "mean()").in(ANY, 3, 4, 5).unary(Var::mean));
        axisSets(rows, "mean", "mean(int[],boolean)", ANY, Var::mean);
        axisSets(rows, "var_unbiased", "var(int[],boolean,boolean)", ANY, (x, a, k) -> x.var(a, true, k));
        axisSets(rows, "var_biased", "var(int[],boolean,boolean)", ANY, (x, a, k) -> x.var(a, false, k));
        axisSets(rows, "std_unbiased", "std(int[],boolean,boolean)", ANY, (x, a, k) -> x.std(a, true, k));
        axisSets(rows, "std_biased", "std(int[],boolean,boolean)", ANY, (x, a, k) -> x.std(a, false, k));
        axisSets(rows, "max", "max(int[],boolean)", DISTINCT, Var::max);
        axisSets(rows, "min", "min(int[],boolean)", DISTINCT, Var::min);
        axisSets(rows, "prod", "prod(int[],boolean)", NEAR_ONE, Var::prod);
        axisSets(rows, "logsumexp", "logsumexp(int[],boolean)", ANY, Var::logsumexp);

        for (int axis : new int[] {0, 1, -1}) {
            String suffix = axis < 0 ? "m1" : String.valueOf(axis);
            rows.add(row("cumsum_ax" + suffix, "cumsum(int)").in(ANY, 3, 4, 5).unary(x -> x.cumsum(axis)));
            rows.add(row("softmax_ax" + suffix, "softmax(int)").in(ANY, 3, 4, 5).unary(x -> x.softmax(axis)));
            rows.add(row("log_softmax_ax" + suffix, "logSoftmax(int)").in(ANY, 3, 4, 5).unary(x -> x.logSoftmax(axis)));
        }
        rows.add(row("cumsum_strided", "cumsum(int)").in(ANY, 4, 5).unary(x -> strided(x).cumsum(0)));
        rows.add(row("softmax_strided", "softmax(int)").in(ANY, 4, 5).unary(x -> strided(x).softmax(1)));
        rows.add(row("log_softmax_strided", "logSoftmax(int)").in(ANY, 4, 5).unary(x -> strided(x).logSoftmax(0)));

        String plateaus = "constant rows on purpose: std is not differentiable there; its gradient is 0, as PyTorch's";
        rows.add(row("std_plateaus_rows", "std(int[],boolean,boolean)").in(Domain.PLATEAUS, 4, 5)
                .unary(x -> x.std(LAST, true, false)).torchOnly(plateaus));
        rows.add(row("std_plateaus_biased_keep", "std(int[],boolean,boolean)").in(Domain.PLATEAUS, 4, 3)
                .unary(x -> x.std(A1, false, true)).torchOnly(plateaus));
        rows.add(row("std_plateaus_all", "std(int[],boolean,boolean)").in(Domain.PLATEAUS, 1, 7)
                .unary(x -> x.std(ALL, true, false)).torchOnly(plateaus));

        String ties = "ties on purpose: the gradient of max/min (torch amax/amin) is shared equally among tied extremes";
        rows.add(row("max_ties", "max(int[],boolean)").in(DISCRETE, 3, 6).unary(x -> x.max(A1, false)).torchOnly(ties));
        rows.add(row("min_ties_all", "min(int[],boolean)").in(DISCRETE, 3, 6).unary(x -> x.min(ALL, false)).torchOnly(ties));
    }
}
