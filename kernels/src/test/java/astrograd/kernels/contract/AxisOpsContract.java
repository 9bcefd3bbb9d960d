package astrograd.kernels.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.DType;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ArgReduceOp;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.ReduceOp;
import astrograd.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract's ops along one axis (arg-reductions, cumsum, softmax, log-softmax, logsumexp), indexing (gather,
 * scatter-add, indexSelect) and the integer and BOOL elementwise ops and reductions, against the CPU on the same
 * views. Part of the one contract (the chain {@link BackendContract} ← this ← {@link ImageLinalgContract} only
 * keeps each file short); backends subclass {@link ImageLinalgContract}.
 */
public abstract class AxisOpsContract extends BackendContract {
    private static final int[] SHAPE = {3, 5, 7};
    private static final DType[] ALL = DType.values();
    private static final DType[] FLOATING = {DType.F32, DType.F64};
    /** The views the per-axis ops meet: an offset, permuted strides (the axis strided) and a negative stride. */
    private static final ViewKind[] AXIS_VIEWS = {ViewKind.OFFSET, ViewKind.PERMUTED, ViewKind.FLIPPED};
    /** Broadcast (stride 0) and permuted views for the integer elementwise ops (contiguous runs elsewhere). */
    private static final ViewKind[] INT_VIEWS = {ViewKind.PERMUTED, ViewKind.BROADCAST};

    // ---------------------------------------------------------------- along one axis

    static Stream<Arguments> argCases() {
        List<Arguments> out = new ArrayList<>();
        for (ArgReduceOp op : ArgReduceOp.values()) {
            for (DType dt : ALL) {
                for (ViewKind kind : AXIS_VIEWS) {
                    for (int axis = 0; axis < 3; axis++) {
                        out.add(Arguments.of(op, dt, kind, axis));
                    }
                }
            }
        }
        return out.stream();
    }

    /** Values from a few levels, so rows have ties (the first index must win). */
    @ParameterizedTest(name = "{0} {1} {2} axis {3}")
    @MethodSource("argCases")
    void argReduceMatchesTheCpu(ArgReduceOp op, DType dt, ViewKind kind, int axis) {
        Twin x = random(dt, SHAPE, kind, 71 + axis, -3, 3);
        Compare.close(op + " " + dt + " " + kind + " axis " + axis, CPU.argReduce(op, x.cpu(), axis), backend(),
                call(() -> backend().argReduce(op, x.dev(), axis)), null);
    }

    /** Rows longer than a warp, with NaNs (the first NaN wins) and ties across lanes. */
    @ParameterizedTest
    @EnumSource(ArgReduceOp.class)
    void argReduceOfLongRowsWithNaN(ArgReduceOp op) {
        for (DType dt : FLOATING) {
            int[] shape = {4, 300};
            double[] v = new double[4 * 300];
            SplittableRandom r = new SplittableRandom(72);
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(-5, 6);
            }
            v[300 + 250] = Double.NaN;
            v[300 + 40] = Double.NaN;
            v[600 + 299] = Double.NaN;
            Twin x = twin(Values.as(dt, v, 0), dt, shape, ViewKind.CONTIGUOUS.place(shape));
            Compare.close(op + " long " + dt, CPU.argReduce(op, x.cpu(), 1), backend(),
                    call(() -> backend().argReduce(op, x.dev(), 1)), null);
        }
    }

    static Stream<Arguments> cumsumCases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dt : ALL) {
            for (ViewKind kind : AXIS_VIEWS) {
                for (int axis = 0; axis < 3; axis++) {
                    out.add(Arguments.of(dt, kind, axis));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} axis {2}")
    @MethodSource("cumsumCases")
    void cumsumMatchesTheCpu(DType dt, ViewKind kind, int axis) {
        Twin x = random(dt, SHAPE, kind, 81 + axis, -4, 4);
        Tensor expected = CPU.cumsum(x.cpu(), axis);
        double[] scale = dt.isFloating() ? Compare.doubles(CPU.download(CPU.cumsum(CPU.unary(UnaryOp.ABS, x.cpu()), axis))) : null;
        Compare.close("cumsum " + dt + " " + kind + " axis " + axis, expected, backend(),
                call(() -> backend().cumsum(x.dev(), axis)), scale);
    }

    /** Rows of many warp-sized chunks (the carry between chunks), in both directions of the layout. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64", "I32", "I64"})
    void cumsumOfLongRowsIsExact(DType dt) {
        int[] shape = {3, 200};
        ViewKind.Placement p = ViewKind.FLIPPED.place(shape);
        Twin x = twin(Values.integers(dt, p.size(), new SplittableRandom(83)), dt, shape, p);
        for (int axis = 0; axis < 2; axis++) {
            int a = axis;
            Compare.exact("cumsum long " + dt + " axis " + a, CPU.download(CPU.cumsum(x.cpu(), a)),
                    backend().download(call(() -> backend().cumsum(x.dev(), a))));
        }
    }

    static Stream<Arguments> softmaxCases() {
        List<Arguments> out = new ArrayList<>();
        for (String op : new String[] {"softmax", "logSoftmax", "logsumexp"}) {
            for (DType dt : FLOATING) {
                for (ViewKind kind : AXIS_VIEWS) {
                    for (int axis = 0; axis < 3; axis++) {
                        out.add(Arguments.of(op, dt, kind, axis));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} axis {3}")
    @MethodSource("softmaxCases")
    void softmaxFamilyMatchesTheCpu(String op, DType dt, ViewKind kind, int axis) {
        Twin x = random(dt, SHAPE, kind, 91 + axis, -6, 6);
        Compare.close(op + " " + dt + " " + kind + " axis " + axis, softmaxFamily(CPU, op, x.cpu(), axis), backend(),
                call(() -> softmaxFamily(backend(), op, x.dev(), axis)), null);
    }

    private static Tensor softmaxFamily(astrograd.tensor.Backend b, String op, Tensor x, int axis) {
        switch (op) {
            case "softmax": return b.softmax(x, axis, false);
            case "logSoftmax": return b.softmax(x, axis, true);
            default: return b.logsumexp(x, axis);
        }
    }

    /** Long rows (several elements per lane), large logits, a row of -inf, a row with NaN, an empty axis. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void softmaxFamilyOnHardRows(DType dt) {
        int[] shape = {4, 100};
        double[] v = new double[400];
        SplittableRandom r = new SplittableRandom(93);
        for (int i = 0; i < 400; i++) {
            v[i] = i < 100 ? 1000 + 20 * r.nextDouble() : i < 200 ? Double.NEGATIVE_INFINITY : 10 * r.nextDouble();
        }
        v[300 + 77] = Double.NaN;
        Twin x = twin(Values.as(dt, v, 0), dt, shape, ViewKind.CONTIGUOUS.place(shape));
        for (String op : new String[] {"softmax", "logSoftmax", "logsumexp"}) {
            for (int axis = 0; axis < 2; axis++) {
                int a = axis;
                Compare.close(op + " hard " + dt + " axis " + a, softmaxFamily(CPU, op, x.cpu(), a), backend(),
                        call(() -> softmaxFamily(backend(), op, x.dev(), a)), null);
            }
        }
        Twin empty = random(dt, new int[] {3, 0}, ViewKind.CONTIGUOUS, 94, 0, 1);
        Compare.close("logsumexp empty " + dt, CPU.logsumexp(empty.cpu(), 1), backend(),
                call(() -> backend().logsumexp(empty.dev(), 1)), null);
    }

    // ---------------------------------------------------------------- indexing

    static Stream<Arguments> indexingCases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dt : ALL) {
            for (ViewKind kind : new ViewKind[] {ViewKind.CONTIGUOUS, ViewKind.PERMUTED, ViewKind.FLIPPED}) {
                for (int axis = 0; axis < 3; axis++) {
                    out.add(Arguments.of(dt, kind, axis));
                }
            }
        }
        return out.stream();
    }

    /** An I64 index of the shape, values in [0, size), laid out as kind. */
    private Twin index(int[] shape, ViewKind kind, int size, long seed) {
        ViewKind.Placement p = kind.place(shape);
        return twin(Values.uniform(DType.I64, p.size(), new SplittableRandom(seed), 0, size), DType.I64, shape, p);
    }

    /** The index is smaller than x on the other axes (a gather may read a corner) and repeats along the axis. */
    @ParameterizedTest(name = "{0} {1} axis {2}")
    @MethodSource("indexingCases")
    void gatherMatchesTheCpu(DType dt, ViewKind kind, int axis) {
        Twin x = random(dt, SHAPE, kind, 101, -5, 5);
        int[] idxShape = {2, 4, 6};
        idxShape[axis] = 9;
        Twin idx = index(idxShape, ViewKind.PERMUTED, SHAPE[axis], 102 + axis);
        Compare.close("gather " + dt + " " + kind + " axis " + axis, CPU.gather(x.cpu(), axis, idx.cpu()), backend(),
                call(() -> backend().gather(x.dev(), axis, idx.dev())), null);
    }

    @ParameterizedTest(name = "{0} {1} axis {2}")
    @MethodSource("indexingCases")
    void scatterAddMatchesTheCpu(DType dt, ViewKind kind, int axis) {
        Twin base = random(dt, SHAPE, kind, 111, -5, 5);
        int[] srcShape = {2, 4, 6};
        srcShape[axis] = 11;
        Twin src = random(dt, srcShape, ViewKind.OFFSET, 112, -5, 5);
        Twin idx = index(srcShape, kind, SHAPE[axis], 113 + axis);
        Compare.close("scatterAdd " + dt + " " + kind + " axis " + axis, CPU.scatterAdd(base.cpu(), axis, idx.cpu(), src.cpu()),
                backend(), call(() -> backend().scatterAdd(base.dev(), axis, idx.dev(), src.dev())), null);
    }

    @ParameterizedTest(name = "{0} {1} axis {2}")
    @MethodSource("indexingCases")
    void indexSelectMatchesTheCpu(DType dt, ViewKind kind, int axis) {
        Twin x = random(dt, SHAPE, kind, 121, -5, 5);
        // a strided 1-d index: every other element of a flipped buffer
        long[] buffer = new long[16];
        SplittableRandom r = new SplittableRandom(122 + axis);
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = r.nextInt(SHAPE[axis]);
        }
        Twin idx = twin(buffer, DType.I64, new int[] {8}, new ViewKind.Placement(16, new int[] {-2}, 15));
        Compare.close("indexSelect " + dt + " " + kind + " axis " + axis, CPU.indexSelect(x.cpu(), axis, idx.cpu()),
                backend(), call(() -> backend().indexSelect(x.dev(), axis, idx.dev())), null);
    }

    /** An index outside the axis is refused with the CPU's message (and no device memory is left behind). */
    @Test
    void outOfRangeIndicesAreRefused() {
        Twin x = random(DType.F32, SHAPE, ViewKind.CONTIGUOUS, 131, -1, 1);
        long[] bad = new long[2 * 5 * 7];
        bad[17] = 3;
        Twin idx = twin(bad, DType.I64, new int[] {2, 5, 7}, ViewKind.CONTIGUOUS.place(new int[] {2, 5, 7}));
        String cpu = assertThrows(ShapeException.class, () -> CPU.gather(x.cpu(), 0, idx.cpu())).getMessage();
        String dev = assertThrows(ShapeException.class, () -> call(() -> backend().gather(x.dev(), 0, idx.dev()))).getMessage();
        assertEquals(cpu, dev);
        Twin src = random(DType.F32, new int[] {2, 5, 7}, ViewKind.CONTIGUOUS, 132, -1, 1);
        cpu = assertThrows(ShapeException.class, () -> CPU.scatterAdd(x.cpu(), 0, idx.cpu(), src.cpu())).getMessage();
        dev = assertThrows(ShapeException.class,
                () -> call(() -> backend().scatterAdd(x.dev(), 0, idx.dev(), src.dev()))).getMessage();
        assertEquals(cpu, dev);
    }

    // ---------------------------------------------------------------- integers and BOOL

    private static final UnaryOp[] INT_UNARY = {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.SQUARE, UnaryOp.RELU};
    private static final BinaryOp[] INT_BINARY = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.MAXIMUM,
        BinaryOp.MINIMUM, BinaryOp.EQ, BinaryOp.NE, BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE};

    static Stream<Arguments> intUnaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (UnaryOp op : INT_UNARY) {
            for (DType dt : new DType[] {DType.I32, DType.I64}) {
                for (ViewKind kind : new ViewKind[] {ViewKind.OFFSET, ViewKind.FLIPPED}) {
                    out.add(Arguments.of(op, dt, kind));
                }
            }
        }
        return out.stream();
    }

    /** Edge values included: the most negative value, and squares that wrap around. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("intUnaryCases")
    void integerUnaryWrapsAsJava(UnaryOp op, DType dt, ViewKind kind) {
        ViewKind.Placement p = kind.place(SHAPE);
        Twin x = twin(Values.castEdges(dt, p.size(), new SplittableRandom(141)), dt, SHAPE, p);
        Compare.close(op + " " + dt + " " + kind, CPU.unary(op, x.cpu()), backend(), call(() -> backend().unary(op, x.dev())), null);
    }

    static Stream<Arguments> intBinaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (BinaryOp op : INT_BINARY) {
            List<DType> dts = new ArrayList<>(List.of(DType.I32, DType.I64));
            if (op.isComparison()) {
                dts.add(DType.BOOL);
            }
            for (DType dt : dts) {
                for (ViewKind kind : INT_VIEWS) {
                    out.add(Arguments.of(op, dt, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("intBinaryCases")
    void integerBinaryMatchesTheCpu(BinaryOp op, DType dt, ViewKind kind) {
        ViewKind.Placement p = kind.place(SHAPE);
        Twin a = twin(Values.castEdges(dt, p.size(), new SplittableRandom(151)), dt, SHAPE, p);
        ViewKind.Placement q = ViewKind.PERMUTED.place(SHAPE);
        Twin b = twin(Values.uniform(dt, q.size(), new SplittableRandom(152), -3, 3), dt, SHAPE, q);
        Compare.close(op + " " + dt + " " + kind, CPU.binary(op, a.cpu(), b.cpu()), backend(),
                call(() -> backend().binary(op, a.dev(), b.dev())), null);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"I32", "I64", "BOOL"})
    void whereSelectsEveryDtype(DType dt) {
        Twin c = random(DType.BOOL, SHAPE, ViewKind.FLIPPED, 161, 0, 1);
        Twin a = random(dt, SHAPE, ViewKind.PERMUTED, 162, -9, 9);
        Twin b = random(dt, SHAPE, ViewKind.BROADCAST, 163, -9, 9);
        Compare.close("where " + dt, CPU.where(c.cpu(), a.cpu(), b.cpu()), backend(),
                call(() -> backend().where(c.dev(), a.dev(), b.dev())), null);
    }

    static Stream<Arguments> intReduceCases() {
        List<Arguments> out = new ArrayList<>();
        int[][] axes = {{0}, {2}, {0, 2}, {0, 1, 2}};
        for (ReduceOp op : ReduceOp.values()) {
            for (DType dt : new DType[] {DType.I32, DType.I64, DType.BOOL}) {
                for (int[] a : axes) {
                    out.add(Arguments.of(op, dt, a));
                }
            }
        }
        return out.stream();
    }

    /** I32 and BOOL sums and products are I64; products of edge values wrap around. */
    @ParameterizedTest(name = "{0} {1} axes {2}")
    @MethodSource("intReduceCases")
    void integerReductionsMatchTheCpu(ReduceOp op, DType dt, int[] axes) {
        ViewKind.Placement p = ViewKind.PERMUTED.place(SHAPE);
        Twin x = twin(Values.castEdges(dt, p.size(), new SplittableRandom(171)), dt, SHAPE, p);
        Compare.close(op + " " + dt + " " + Arrays.toString(axes), CPU.reduce(op, x.cpu(), axes), backend(),
                call(() -> backend().reduce(op, x.dev(), axes)), null);
    }

    @ParameterizedTest
    @EnumSource(value = ReduceOp.class, names = {"SUM", "MIN"})
    void longIntegerReductionsAreExact(ReduceOp op) {
        int[] shape = {70_001};
        ViewKind.Placement p = ViewKind.CONTIGUOUS.place(shape);
        Twin x = twin(Values.integers(DType.I32, p.size(), new SplittableRandom(172)), DType.I32, shape, p);
        Compare.exact(op + " long I32", CPU.download(CPU.reduce(op, x.cpu(), new int[] {0})),
                backend().download(call(() -> backend().reduce(op, x.dev(), new int[] {0}))));
    }
}
