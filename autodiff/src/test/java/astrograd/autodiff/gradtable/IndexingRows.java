package astrograd.autodiff.gradtable;

import static astrograd.autodiff.gradtable.Domain.ANY;
import static astrograd.autodiff.gradtable.ElementwiseRows.strided;
import static astrograd.autodiff.gradtable.GradRow.row;

import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gather, scatter-add and index selection. Indices are auxiliary I64 inputs drawn uniformly, so they
 * repeat (index lengths exceed the axis); indexSelect also draws negative indices (counting from the end).
 */
final class IndexingRows {
    private IndexingRows() {
    }

    /** I64 tensor of the shape with values in [lo, hi). */
    static Tensor indices(SplittableRandom r, long lo, long hi, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextLong(lo, hi);
        }
        return Tensor.of(v, shape);
    }

    static void addTo(List<GradRow> rows) {
        rows.add(row("gather_ax1_repeats", "gather(int,Tensor)").in(ANY, 3, 5)
                .aux((r, s) -> new Tensor[] {indices(r, 0, s[0][1], s[0][0], s[0][1] + 2)})
                .call((x, a) -> x[0].gather(1, a[0])));
        rows.add(row("gather_ax0_smaller", "gather(int,Tensor)").in(ANY, 4, 5)
                .aux((r, s) -> new Tensor[] {indices(r, 0, s[0][0], s[0][0] + 2, s[0][1] - 2)})
                .call((x, a) -> x[0].gather(0, a[0])));
        rows.add(row("gather_strided", "gather(int,Tensor)").in(ANY, 4, 5)
                .aux((r, s) -> new Tensor[] {indices(r, 0, s[0][0], (s[0][1] + 1) / 2, 3)})
                .call((x, a) -> strided(x[0]).gather(1, a[0])));
        rows.add(row("take_along_axis", "takeAlongAxis(Tensor,int)").in(ANY, 3, 5)
                .aux((r, s) -> new Tensor[] {indices(r, 0, s[0][1], s[0][0], 2)})
                .call((x, a) -> x[0].takeAlongAxis(a[0], -1)));
        rows.add(row("scatter_add_ax1", "scatterAdd(int,Tensor,Var)").in(ANY, 3, 5).in(ANY, 3, 4)
                .aux((r, s) -> new Tensor[] {indices(r, 0, s[0][1], s[1])})
                .call((x, a) -> x[0].scatterAdd(1, a[0], x[1])));
        rows.add(row("scatter_add_ax0", "scatterAdd(int,Tensor,Var)").in(ANY, 4, 3).in(ANY, 6, 2)
                .aux((r, s) -> new Tensor[] {indices(r, 0, s[0][0], s[1])})
                .call((x, a) -> x[0].scatterAdd(0, a[0], x[1]).square()));
        rows.add(row("scatter_add_strided", "scatterAdd(int,Tensor,Var)").in(ANY, 4, 5).in(ANY, 4, 3)
                .large(new int[] {12, 15}, new int[] {12, 8})
                .aux((r, s) -> new Tensor[] {indices(r, 0, s[0][0], s[1][1], s[1][0])})
                .call((x, a) -> strided(x[0]).scatterAdd(1, a[0], x[1].transpose(0, 1))));
        rows.add(row("index_select_ax0", "indexSelect(int,Tensor)").in(ANY, 4, 3)
                .aux((r, s) -> new Tensor[] {indices(r, -s[0][0], s[0][0], s[0][0] + 3)})
                .call((x, a) -> x[0].indexSelect(0, a[0])));
        rows.add(row("index_select_strided", "indexSelect(int,Tensor)").in(ANY, 4, 5)
                .aux((r, s) -> new Tensor[] {indices(r, -s[0][0], s[0][0], 7)})
                .call((x, a) -> strided(x[0]).indexSelect(1, a[0]).square()));
    }
}
