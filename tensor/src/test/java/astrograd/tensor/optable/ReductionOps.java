package astrograd.tensor.optable;

import static astrograd.tensor.optable.OpTable.FLOATS;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Table rows for reductions over axis sets, arg-reductions, cumsum and softmax. */
final class ReductionOps {
    private ReductionOps() {
    }

    /** The astrograd call of a reduction over an axis set. */
    interface Reduce {
        Tensor apply(Tensor x, int[] axes, boolean keepDim);
    }

    /** One axis-set configuration: its id suffix, the axes (empty: all) and keepDim. */
    private static final class Variant {
        final String suffix;
        final int[] axes;
        final boolean keep;

        Variant(String suffix, boolean keep, int... axes) {
            this.suffix = suffix;
            this.axes = axes;
            this.keep = keep;
        }
    }

    private static final Variant[] VARIANTS = {
        new Variant("all", false),
        new Variant("all_keep", true),
        new Variant("ax1_keep", true, 1),
        new Variant("ax02", false, 0, 2),
        new Variant("axm1", false, -1),
    };

    static void addTo(List<OpEntry> t) {
        reductions(t, "sum", Domain.ANY, true, Tensor::sum, Ref::sum);
        reductions(t, "prod", Domain.NEAR_ONE, true, Tensor::prod, Ref::prod);
        reductions(t, "mean", Domain.ANY, false, Tensor::mean, g -> Ref.sum(g) / g.length);
        reductions(t, "max", Domain.DISCRETE, false, Tensor::max, Ref::max);
        reductions(t, "min", Domain.DISCRETE, false, Tensor::min, Ref::min);
        reductions(t, "logsumexp", Domain.ANY, false, Tensor::logsumexp, Ref::logsumexp);
        reductions(t, "var_unbiased", Domain.ANY, false, (x, a, k) -> x.var(a, true, k), g -> Ref.var(g, true));
        reductions(t, "var_biased", Domain.ANY, false, (x, a, k) -> x.var(a, false, k), g -> Ref.var(g, false));
        reductions(t, "std_unbiased", Domain.ANY, false, (x, a, k) -> x.std(a, true, k), g -> Math.sqrt(Ref.var(g, true)));
        reductions(t, "std_biased", Domain.ANY, false, (x, a, k) -> x.std(a, false, k), g -> Math.sqrt(Ref.var(g, false)));
        argReductions(t);
        scans(t);
    }

    /**
     * Inputs for a reduction: rank 3 for explicit axes, rank 0..4 for "all"; reduced axes are non-empty
     * unless the op is defined on empty sets (sum, prod).
     */
    private static int[][] reductionShape(SplittableRandom r, Variant v, boolean emptyOk) {
        int[] s = v.axes.length == 0 ? Shapes.random(r, 0, 4, true) : Shapes.ofRank(r, 3, true);
        if (!emptyOk) {
            s = v.axes.length == 0 ? Shapes.allAtLeast(s, 1) : Shapes.atLeast(s, 1, v.axes);
        }
        return new int[][] {s};
    }

    private static void reductions(List<OpEntry> t, String name, Domain d, boolean emptyOk, Reduce call,
                                   ToDoubleFunction<double[]> f) {
        for (Variant v : VARIANTS) {
            t.add(OpEntry.of(name + "_" + v.suffix, name, FLOATS, d)
                    .shapes(r -> reductionShape(r, v, emptyOk))
                    .call(in -> call.apply(in[0], v.axes, v.keep))
                    .ref(in -> Ref.reduce(in[0], v.axes, v.keep, in[0].dtype, f)));
        }
    }

    private static void argReductions(List<OpEntry> t) {
        int[][] configs = {{0, 0}, {-1, 1}, {1, 0}};
        for (int[] c : configs) {
            int axis = c[0];
            boolean keep = c[1] == 1;
            String suffix = "_ax" + (axis < 0 ? "m" + -axis : axis) + (keep ? "_keep" : "");
            for (int sign : new int[] {1, -1}) {
                String name = sign > 0 ? "argmax" : "argmin";
                t.add(OpEntry.of(name + suffix, name, FLOATS, Domain.DISCRETE)
                        .shapes(r -> new int[][] {Shapes.atLeast(Shapes.ofRank(r, 3, true), 1, axis)})
                        .call(in -> sign > 0 ? in[0].argmax(axis, keep) : in[0].argmin(axis, keep))
                        .ref(in -> Ref.reduce(in[0], new int[] {axis}, keep, DType.I64, g -> Ref.argBest(g, sign))));
            }
        }
    }

    private static void scans(List<OpEntry> t) {
        for (int axis : new int[] {0, -1}) {
            String suffix = axis < 0 ? "_axm1" : "_ax0";
            t.add(OpEntry.of("cumsum" + suffix, "cumsum", FLOATS, Domain.ANY)
                    .shapes(r -> new int[][] {Shapes.random(r, 1, 4, true)})
                    .call(in -> in[0].cumsum(axis))
                    .ref(in -> Ref.alongAxis(in[0], axis, Ref::cumsum)));
            t.add(OpEntry.of("softmax" + suffix, "softmax", FLOATS, Domain.WIDE)
                    .shapes(r -> new int[][] {Shapes.atLeast(Shapes.random(r, 1, 4, true), 1, axis)})
                    .call(in -> in[0].softmax(axis))
                    .ref(in -> Ref.alongAxis(in[0], axis, line -> Ref.softmax(line, false))));
            t.add(OpEntry.of("log_softmax" + suffix, "logSoftmax", FLOATS, Domain.WIDE)
                    .shapes(r -> new int[][] {Shapes.atLeast(Shapes.random(r, 1, 4, true), 1, axis)})
                    .call(in -> in[0].logSoftmax(axis))
                    .ref(in -> Ref.alongAxis(in[0], axis, line -> Ref.softmax(line, true))));
        }
    }
}
