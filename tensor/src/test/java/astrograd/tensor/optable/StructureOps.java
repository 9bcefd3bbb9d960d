package astrograd.tensor.optable;

import static astrograd.tensor.optable.OpTable.FLOATS;
import static astrograd.tensor.optable.OpTable.INTEGERS;
import static astrograd.tensor.optable.OpTable.NUMERIC;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.PadMode;
import java.util.List;
import java.util.SplittableRandom;

/** Table rows for joins, splits, padding, roll, flip, gather/scatter/indexSelect, oneHot and matmul. */
final class StructureOps {
    private StructureOps() {
    }

    static void addTo(List<OpEntry> t) {
        joins(t);
        splits(t);
        pads(t);
        rollsAndFlips(t);
        indexing(t);
        matmuls(t);
    }

    private static void joins(List<OpEntry> t) {
        for (int axis : new int[] {0, 1, -1}) {
            String suffix = axis < 0 ? "_axm1" : "_ax" + axis;
            t.add(OpEntry.of("cat" + suffix, "cat", NUMERIC, Domain.ANY, Domain.ANY, Domain.ANY)
                    .shapes(r -> {
                        int[] s = Shapes.ofRank(r, 3, true);
                        return new int[][] {s, Shapes.with(s, axis, Shapes.size(r, true)), Shapes.with(s, axis, Shapes.size(r, true))};
                    })
                    .call(in -> Tensor.cat(axis, in))
                    .ref(in -> Ref.cat(axis, in)));
            t.add(OpEntry.of("stack" + suffix, "stack", NUMERIC, Domain.ANY, Domain.ANY, Domain.ANY)
                    .shapes(r -> {
                        int[] s = Shapes.ofRank(r, 2, true);
                        return new int[][] {s, s, s};
                    })
                    .call(in -> Tensor.stack(axis, in))
                    .ref(in -> Ref.stack(axis, in)));
        }
    }

    private static void splits(List<OpEntry> t) {
        t.add(OpEntry.of("split_size", "split", NUMERIC, Domain.ANY)
                .shapes(r -> new int[][] {Shapes.atLeast(Shapes.ofRank(r, 3, true), 1, 1)})
                .callMany(in -> in[0].split(2, 1).toArray(new Tensor[0]))
                .refMany(in -> pieces(in[0], 1, sizesOf(in[0].shape[1], 2))));
        int[] sizes = {2, 0, 3};
        t.add(OpEntry.of("split_sizes", "split", NUMERIC, Domain.ANY)
                .shapes(r -> new int[][] {Shapes.with(Shapes.ofRank(r, 2, true), -1, 5)})
                .callMany(in -> in[0].split(sizes, -1).toArray(new Tensor[0]))
                .refMany(in -> pieces(in[0], -1, sizes)));
        t.add(OpEntry.of("chunk", "chunk", NUMERIC, Domain.ANY)
                .shapes(r -> new int[][] {Shapes.with(Shapes.ofRank(r, 2, true), 0, r.nextInt(1, 8))})
                .callMany(in -> in[0].chunk(3, 0).toArray(new Tensor[0]))
                .refMany(in -> pieces(in[0], 0, sizesOf(in[0].shape[0], (in[0].shape[0] + 2) / 3))));
    }

    /** Lengths of consecutive pieces of at most {@code size} covering {@code n}. */
    static int[] sizesOf(int n, int size) {
        int count = (n + size - 1) / size;
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.min(size, n - i * size);
        }
        return out;
    }

    private static Nd[] pieces(Nd x, int axis, int[] sizes) {
        Nd[] out = new Nd[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = Ref.narrow(x, axis, start, sizes[i]);
            start += sizes[i];
        }
        return out;
    }

    private static void pads(List<OpEntry> t) {
        pad(t, "pad_constant", new int[] {1, 2}, PadMode.CONSTANT, 0.5, 0);
        pad(t, "pad_constant_asym2d", new int[] {0, 3, 2, 0}, PadMode.CONSTANT, -1, 0);
        pad(t, "pad_circular", new int[] {1, 2}, PadMode.CIRCULAR, 0, 3);
        pad(t, "pad_circular_long", new int[] {5, 7}, PadMode.CIRCULAR, 0, 1);
        pad(t, "pad_circular_long2d", new int[] {4, 1, 0, 6}, PadMode.CIRCULAR, 0, 1);
        pad(t, "pad_reflect", new int[] {1, 2}, PadMode.REFLECT, 0, 3);
        pad(t, "pad_reflect_long", new int[] {6, 5}, PadMode.REFLECT, 0, 2);
        pad(t, "pad_replicate", new int[] {2, 3, 1, 0}, PadMode.REPLICATE, 0, 1);
        t.add(OpEntry.of("pad_axis_reflect", "pad", NUMERIC, Domain.ANY)
                .shapes(r -> new int[][] {Shapes.atLeast(Shapes.ofRank(r, 3, true), 2, 0)})
                .call(in -> in[0].pad(0, 3, 1, PadMode.REFLECT, 0))
                .ref(in -> Ref.alongAxis(in[0], 0, line -> Ref.pad(line, 3, 1, PadMode.REFLECT, 0))));
    }

    /** A pad row on rank 1..3 inputs whose padded axes have at least {@code minSize} elements. */
    private static void pad(List<OpEntry> t, String id, int[] pads, PadMode mode, double value, int minSize) {
        int padded = pads.length / 2;
        t.add(OpEntry.of(id, "pad", NUMERIC, Domain.ANY)
                .shapes(r -> {
                    int[] s = Shapes.random(r, padded, 3, true);
                    for (int p = 0; p < padded; p++) {
                        s = Shapes.atLeast(s, minSize, -1 - p);
                    }
                    return new int[][] {s};
                })
                .call(in -> in[0].pad(pads, mode, value))
                .ref(in -> Ref.pad(in[0], pads, mode, value)));
    }

    private static void rollsAndFlips(List<OpEntry> t) {
        int[][] rolls = {{-2, 0}, {7, -1}, {1, 1}};
        String[] ids = {"roll_neg", "roll_long", "roll_ax1"};
        for (int i = 0; i < rolls.length; i++) {
            int shift = rolls[i][0];
            int axis = rolls[i][1];
            t.add(OpEntry.of(ids[i], "roll", NUMERIC, Domain.ANY)
                    .shapes(r -> new int[][] {Shapes.ofRank(r, 2, true)})
                    .call(in -> in[0].roll(shift, axis))
                    .ref(in -> Ref.alongAxis(in[0], axis, line -> Ref.roll(line, shift))));
        }
        int[][] flips = {{0}, {-1}, {0, 2}};
        String[] flipIds = {"flip_ax0", "flip_axm1", "flip_ax02"};
        for (int i = 0; i < flips.length; i++) {
            int[] axes = flips[i];
            t.add(OpEntry.of(flipIds[i], "flip", NUMERIC, Domain.ANY)
                    .shapes(r -> new int[][] {Shapes.ofRank(r, 3, true)})
                    .call(in -> in[0].flip(axes))
                    .ref(in -> {
                        Nd out = in[0];
                        for (int a : axes) {
                            out = Ref.alongAxis(out, a, Ref::reverse);
                        }
                        return out;
                    }));
        }
    }

    /** Integers uniform in [lo, hi) of the given shape and dtype. */
    static Nd ints(SplittableRandom r, DType dtype, int[] shape, int lo, int hi) {
        double[] v = new double[Nd.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(lo, hi);
        }
        return new Nd(dtype, shape, v);
    }

    /** x of rank 3 (indexed axis non-empty) and an index of x's shape but for a random length on axis. */
    private static Nd[] gatherInputs(SplittableRandom r, DType dtype, int axis, DType indexType) {
        int[] xs = Shapes.atLeast(Shapes.ofRank(r, 3, true), 1, axis);
        int[] is = Shapes.with(xs, axis, Shapes.size(r, true));
        int n = xs[Ref.norm(axis, 3)];
        return new Nd[] {Domain.ANY.fill(r, dtype, xs), ints(r, indexType, is, 0, n)};
    }

    private static void indexing(List<OpEntry> t) {
        t.add(OpEntry.of("gather_ax1", "gather", NUMERIC, Domain.ANY, Domain.INDEX)
                .gen((r, dt) -> gatherInputs(r, dt, 1, DType.I64))
                .call(in -> in[0].gather(1, in[1]))
                .ref(in -> Ref.gather(in[0], 1, in[1])));
        t.add(OpEntry.of("gather_axm1", "gather", NUMERIC, Domain.ANY, Domain.INDEX)
                .gen((r, dt) -> gatherInputs(r, dt, -1, DType.I64))
                .call(in -> in[0].gather(-1, in[1]))
                .ref(in -> Ref.gather(in[0], -1, in[1])));
        t.add(OpEntry.of("take_along_axis", "takeAlongAxis", NUMERIC, Domain.ANY, Domain.INDEX)
                .gen((r, dt) -> gatherInputs(r, dt, 0, DType.I32))
                .call(in -> in[0].takeAlongAxis(in[1], 0))
                .ref(in -> Ref.gather(in[0], 0, in[1])));
        for (int axis : new int[] {0, -1}) {
            String suffix = axis < 0 ? "_axm1" : "_ax0";
            t.add(OpEntry.of("scatter_add" + suffix, "scatterAdd", NUMERIC, Domain.ANY, Domain.INDEX, Domain.ANY)
                    .gen((r, dt) -> {
                        Nd[] g = gatherInputs(r, dt, axis, DType.I64);
                        return new Nd[] {g[0], g[1], Domain.ANY.fill(r, dt, g[1].shape)};
                    })
                    .call(in -> in[0].scatterAdd(axis, in[1], in[2]))
                    .ref(in -> Ref.scatterAdd(in[0], axis, in[1], in[2])));
        }
        indexSelect(t, "index_select_ax0", 0, DType.I64);
        indexSelect(t, "index_select_ax1_i32", 1, DType.I32);
        t.add(OpEntry.of("one_hot", "oneHot", INTEGERS, Domain.INDEX)
                .gen((r, dt) -> new Nd[] {ints(r, dt, Shapes.random(r, 0, 3, true), 0, 5)})
                .call(in -> in[0].oneHot(5))
                .ref(in -> Ref.oneHot(in[0], 5)));
    }

    /** indexSelect with a 1-d index of length 0..6 holding entries in [-n, n). */
    private static void indexSelect(List<OpEntry> t, String id, int axis, DType indexType) {
        t.add(OpEntry.of(id, "indexSelect", NUMERIC, Domain.ANY, Domain.INDEX)
                .gen((r, dt) -> {
                    int[] xs = Shapes.atLeast(Shapes.ofRank(r, 3, true), 1, axis);
                    int n = xs[axis];
                    return new Nd[] {Domain.ANY.fill(r, dt, xs), ints(r, indexType, new int[] {r.nextInt(0, 7)}, -n, n)};
                })
                .call(in -> in[0].indexSelect(axis, in[1]))
                .ref(in -> Ref.indexSelect(in[0], axis, in[1])));
    }

    private static void matmuls(List<OpEntry> t) {
        matmul(t, "matmul_mm", (m, k, n) -> new int[][] {{m, k}, {k, n}});
        matmul(t, "matmul_mv", (m, k, n) -> new int[][] {{m, k}, {k}});
        matmul(t, "matmul_vm", (m, k, n) -> new int[][] {{k}, {k, n}});
        matmul(t, "matmul_vv", (m, k, n) -> new int[][] {{k}, {k}});
        matmul(t, "matmul_batched_broadcast", (m, k, n) -> new int[][] {{2, 1, m, k}, {3, k, n}});
        matmul(t, "matmul_batched_mat", (m, k, n) -> new int[][] {{2, m, k}, {k, n}});
        matmul(t, "matmul_vec_batched", (m, k, n) -> new int[][] {{k}, {2, k, n}});
    }

    interface MatmulShapes {
        int[][] of(int m, int k, int n);
    }

    private static void matmul(List<OpEntry> t, String id, MatmulShapes shapes) {
        t.add(OpEntry.of(id, "matmul", FLOATS, Domain.ANY, Domain.ANY)
                .shapes(r -> shapes.of(Shapes.size(r, true), r.nextInt(0, 8), Shapes.size(r, true)))
                .call(in -> in[0].matmul(in[1]))
                .ref(in -> Ref.matmul(in[0], in[1])));
    }
}
