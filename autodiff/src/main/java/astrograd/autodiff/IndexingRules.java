package astrograd.autodiff;

import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.util.Arrays;

/** Gather, scatter-add and index selection: each one's adjoint is the other. Indices get no gradient. */
final class IndexingRules {
    private IndexingRules() {
    }

    private static Tensor zerosLike(Tensor x, Tensor g) {
        return Tensor.zeros(g.dtype(), x.shape()).to(g.device());
    }

    /** d gather = scatter-add of g into zeros at the same indices. */
    static Var gather(Var a, int axis, Tensor index) {
        Tensor x = a.value();
        return Var.make("gather", x.gather(axis, index), (g, i) -> zerosLike(x, g).scatterAdd(axis, index, g), a);
    }

    /** d scatterAdd = (g, g gathered at the indices). */
    static Var scatterAdd(Var base, int axis, Tensor index, Var src) {
        Tensor z = base.value().scatterAdd(axis, index, src.value());
        return Var.make("scatterAdd", z, (g, i) -> i == 0 ? g : g.gather(axis, index), base, src);
    }

    /** d indexSelect = scatter-add of g's slices back to the selected positions (repeats add up). */
    static Var indexSelect(Var a, int axis, Tensor index) {
        Tensor x = a.value();
        Tensor z = x.indexSelect(axis, index);
        int ax = Shape.axis("indexSelect", axis, x.rank());
        int n = x.shape()[ax];
        long[] idx = index.toLongArray();
        for (int k = 0; k < idx.length; k++) {
            idx[k] = idx[k] < 0 ? idx[k] + n : idx[k];
        }
        int[] lineShape = new int[x.rank()];
        Arrays.fill(lineShape, 1);
        lineShape[ax] = idx.length;
        Tensor line = Tensor.of(idx, lineShape).to(x.device());
        return Var.make("indexSelect", z, (g, i) -> zerosLike(x, g).scatterAdd(ax, line.expand(g.shape()), g), a);
    }

}
