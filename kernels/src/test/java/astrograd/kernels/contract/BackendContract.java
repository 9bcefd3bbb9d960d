package astrograd.kernels.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import astrograd.tensor.Backend;
import astrograd.tensor.Backends;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.RandomKind;
import astrograd.tensor.ops.ReduceOp;
import astrograd.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend contract, written once and subclassed per backend: every op against the CPU backend on the same
 * values and views (offsets, permuted, broadcast and negative strides), through {@link Backend} calls only. A
 * subclass provides the backend under test, or aborts (skips) in {@link #backend()} saying why it is missing.
 * An op the backend refuses as "not yet on" its device is reported as skipped with that message, so the
 * report lists exactly what a work-in-progress backend lacks; any other exception fails.
 *
 * <p>The contract continues in {@link AxisOpsContract} (ops along an axis, indexing, integers) and
 * {@link ImageLinalgContract} (convolutions, pooling, linear algebra), which extend this class only to keep each
 * file short; backends subclass the last, {@link ImageLinalgContract}.
 *
 * <p>Each test runs inside a {@link TensorScope}; {@link #afterScope()} lets a subclass check its device
 * memory afterwards (the CUDA subclasses require live device bytes back to zero).
 */
public abstract class BackendContract {
    protected static final Backend CPU = Backends.cpu();
    private static final int[] SHAPE = {3, 5, 7};
    private TensorScope scope;

    /** The backend under test; aborts the test (skipped) when it is unavailable. */
    protected abstract Backend backend();

    /** Called after each test's scope closed (all its tensors released). */
    protected void afterScope() {
    }

    @BeforeEach
    void openScope() {
        backend();
        scope = TensorScope.open();
    }

    @AfterEach
    void closeScope() {
        if (scope != null) {
            scope.close();
            scope = null;
            afterScope();
        }
    }

    /** Runs an op on the backend under test; "not yet on" refusals become skips. */
    protected static <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (UnsupportedOperationException e) {
            if (String.valueOf(e.getMessage()).contains("not yet on")) {
                Assumptions.abort(e.getMessage());
            }
            throw e;
        }
    }

    Twin twin(Object values, DType dt, int[] shape, ViewKind.Placement p) {
        return Twin.of(CPU, backend(), values, dt, shape, p);
    }

    /** The same random view on both backends. */
    Twin random(DType dt, int[] shape, ViewKind kind, long seed, double lo, double hi) {
        ViewKind.Placement p = kind.place(shape);
        return twin(Values.uniform(dt, p.size(), new SplittableRandom(seed), lo, hi), dt, shape, p);
    }

    // ---------------------------------------------------------------- memory

    @ParameterizedTest
    @EnumSource(DType.class)
    void uploadThenDownloadGivesTheSameBits(DType dt) {
        Object values = Values.castEdges(dt, 37, new SplittableRandom(1));
        Tensor t = new Tensor(backend().upload(values, dt), new int[] {37});
        Compare.exact("round trip " + dt, values, backend().download(t));
    }

    static Stream<Arguments> castPairs() {
        List<Arguments> out = new ArrayList<>();
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                for (ViewKind kind : ViewKind.values()) {
                    out.add(Arguments.of(from, to, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} to {1}, {2}")
    @MethodSource("castPairs")
    void copyIntoCastsIntoAView(DType from, DType to, ViewKind kind) {
        int[] shape = {4, 6};
        ViewKind.Placement p = kind.place(shape);
        Twin src = twin(Values.castEdges(from, p.size(), new SplittableRandom(2)), from, shape, p);
        ViewKind.Placement dp = ViewKind.PERMUTED.place(shape);
        Tensor cpuDst = new Tensor(CPU.allocate(to, dp.size()), shape.clone(), dp.strides().clone(), 0);
        Tensor devDst = new Tensor(backend().allocate(to, dp.size()), shape.clone(), dp.strides().clone(), 0);
        CPU.copyInto(src.cpu(), cpuDst);
        call(() -> {
            backend().copyInto(src.dev(), devDst);
            return null;
        });
        Compare.close("copyInto " + from + " to " + to + " " + kind, cpuDst, backend(), devDst, null);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fullFillsEveryElement(DType dt) {
        for (double v : new double[] {0, 2.5, -1e10, Double.NaN}) {
            Compare.close("full " + dt + " " + v, CPU.full(dt, new int[] {2, 3}, v), backend(),
                    call(() -> backend().full(dt, new int[] {2, 3}, v)), null);
        }
    }

    // ---------------------------------------------------------------- elementwise

    static Stream<Arguments> unaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (op == UnaryOp.NOT) {
                continue;
            }
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                for (ViewKind kind : ViewKind.values()) {
                    out.add(Arguments.of(op, dt, kind));
                }
            }
        }
        return out.stream();
    }

    /** Positive inputs where the op needs them (logs, roots, gamma functions), else both signs. */
    private static double[] domain(UnaryOp op) {
        switch (op) {
            case LOG: case SQRT: case RSQRT: case LGAMMA: case DIGAMMA: case TRIGAMMA: return new double[] {0.1, 6};
            case LOG1P: return new double[] {-0.9, 4};
            default: return new double[] {-4, 4};
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("unaryCases")
    void unaryMatchesTheCpu(UnaryOp op, DType dt, ViewKind kind) {
        double[] d = domain(op);
        Twin x = random(dt, SHAPE, kind, op.ordinal() * 7L + kind.ordinal(), d[0], d[1]);
        Compare.close(op + " " + dt + " " + kind, CPU.unary(op, x.cpu()), backend(), call(() -> backend().unary(op, x.dev())), null);
    }

    @ParameterizedTest
    @EnumSource(ViewKind.class)
    void notOfBool(ViewKind kind) {
        Twin x = random(DType.BOOL, SHAPE, kind, 3, 0, 1);
        Compare.close("not " + kind, CPU.unary(UnaryOp.NOT, x.cpu()), backend(), call(() -> backend().unary(UnaryOp.NOT, x.dev())), null);
    }

    static Stream<Arguments> binaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            DType[] dts = op.isLogical() ? new DType[] {DType.BOOL} : new DType[] {DType.F32, DType.F64};
            for (DType dt : dts) {
                for (ViewKind kind : ViewKind.values()) {
                    out.add(Arguments.of(op, dt, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("binaryCases")
    void binaryMatchesTheCpu(BinaryOp op, DType dt, ViewKind kind) {
        double lo = op == BinaryOp.POW ? 0.1 : -3;
        Twin a = random(dt, SHAPE, kind, 11 + op.ordinal(), lo, 3);
        ViewKind.Placement p = ViewKind.CONTIGUOUS.place(SHAPE);
        Object bv = Values.uniform(dt, p.size(), new SplittableRandom(12 + op.ordinal()), op == BinaryOp.POW ? -2 : -3, 3);
        if (op.isComparison()) {
            shareSomeValues(a.cpu(), bv);
        }
        Twin b = twin(bv, dt, SHAPE, p);
        Compare.close(op + " " + dt + " " + kind, CPU.binary(op, a.cpu(), b.cpu()), backend(),
                call(() -> backend().binary(op, a.dev(), b.dev())), null);
    }

    /** Copies every third element of a into b, so that comparisons meet equal values. */
    private static void shareSomeValues(Tensor a, Object b) {
        Object av = CPU.download(a);
        for (int i = 0; i < java.lang.reflect.Array.getLength(b); i += 3) {
            java.lang.reflect.Array.set(b, i, java.lang.reflect.Array.get(av, i));
        }
    }

    @ParameterizedTest
    @EnumSource(ViewKind.class)
    void whereSelects(ViewKind kind) {
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            Twin c = random(DType.BOOL, SHAPE, kind, 21, 0, 1);
            Twin a = random(dt, SHAPE, ViewKind.PERMUTED, 22, -1, 1);
            Twin b = random(dt, SHAPE, kind, 23, -1, 1);
            Compare.close("where " + dt + " " + kind, CPU.where(c.cpu(), a.cpu(), b.cpu()), backend(),
                    call(() -> backend().where(c.dev(), a.dev(), b.dev())), null);
        }
    }

    // ---------------------------------------------------------------- reductions

    static Stream<Arguments> reduceCases() {
        List<Arguments> out = new ArrayList<>();
        int[][] axes = {{0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1, 2}};
        for (ReduceOp op : ReduceOp.values()) {
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                for (ViewKind kind : ViewKind.values()) {
                    for (int[] a : axes) {
                        out.add(Arguments.of(op, dt, kind, a));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} axes {3}")
    @MethodSource("reduceCases")
    void reduceMatchesTheCpu(ReduceOp op, DType dt, ViewKind kind, int[] axes) {
        double lo = op == ReduceOp.PROD ? 0.5 : -2;
        Twin x = random(dt, SHAPE, kind, 31 + op.ordinal(), lo, 2);
        double[] scale = op == ReduceOp.SUM ? Compare.doubles(CPU.download(CPU.reduce(ReduceOp.SUM, CPU.unary(UnaryOp.ABS, x.cpu()), axes))) : null;
        Compare.close(op + " " + dt + " " + kind + " " + Arrays.toString(axes), CPU.reduce(op, x.cpu(), axes), backend(),
                call(() -> backend().reduce(op, x.dev(), axes)), scale);
    }

    static Stream<Arguments> longReductions() {
        List<Arguments> out = new ArrayList<>();
        for (ReduceOp op : ReduceOp.values()) {
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                out.add(Arguments.of(op, dt, new int[] {70_001}, new int[] {0}));
                out.add(Arguments.of(op, dt, new int[] {3, 20_000}, new int[] {1}));
                out.add(Arguments.of(op, dt, new int[] {5_000, 3}, new int[] {0}));
            }
        }
        return out.stream();
    }

    /** Long rows take the split path; with exactly summable values any lost or repeated element shows. */
    @ParameterizedTest(name = "{0} {1} {2} axes {3}")
    @MethodSource("longReductions")
    void longReductionsAreExact(ReduceOp op, DType dt, int[] shape, int[] axes) {
        ViewKind.Placement p = ViewKind.CONTIGUOUS.place(shape);
        SplittableRandom r = new SplittableRandom(41);
        Object v = op == ReduceOp.PROD ? Values.nearOne(dt, p.size(), r) : Values.integers(dt, p.size(), r);
        Twin x = twin(v, dt, shape, p);
        Tensor expected = CPU.reduce(op, x.cpu(), axes);
        Compare.exact(op + " " + dt + " " + Arrays.toString(shape), CPU.download(expected),
                backend().download(call(() -> backend().reduce(op, x.dev(), axes))));
    }

    @ParameterizedTest
    @EnumSource(value = ReduceOp.class, names = {"SUM", "PROD"})
    void emptyReductionsGiveTheIdentity(ReduceOp op) {
        Twin x = random(DType.F32, new int[] {3, 0}, ViewKind.CONTIGUOUS, 5, 0, 1);
        Compare.close("empty " + op, CPU.reduce(op, x.cpu(), new int[] {1}), backend(),
                call(() -> backend().reduce(op, x.dev(), new int[] {1})), null);
    }

    // ---------------------------------------------------------------- matmul

    static Stream<Arguments> matmulCases() {
        List<Arguments> out = new ArrayList<>();
        int[][] sizes = {{1, 1, 1}, {5, 7, 3}, {33, 17, 45}, {130, 9, 129}, {65, 24, 64}, {4, 0, 6}};
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            for (int[] s : sizes) {
                for (ViewKind kind : new ViewKind[] {ViewKind.CONTIGUOUS, ViewKind.PERMUTED, ViewKind.OFFSET}) {
                    out.add(Arguments.of(dt, new int[] {s[0], s[1]}, new int[] {s[1], s[2]}, kind));
                }
            }
            out.add(Arguments.of(dt, new int[] {3, 20, 30}, new int[] {3, 30, 10}, ViewKind.CONTIGUOUS));
            out.add(Arguments.of(dt, new int[] {3, 20, 30}, new int[] {3, 30, 10}, ViewKind.BROADCAST));
            out.add(Arguments.of(dt, new int[] {2, 2, 9, 4}, new int[] {2, 2, 4, 5}, ViewKind.PERMUTED));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} @ {2} {3}")
    @MethodSource("matmulCases")
    void matmulMatchesTheCpu(DType dt, int[] aShape, int[] bShape, ViewKind kind) {
        Twin a = random(dt, aShape, kind, 51, -1, 1);
        Twin b = random(dt, bShape, kind == ViewKind.BROADCAST ? kind : ViewKind.CONTIGUOUS, 52, -1, 1);
        double[] scale = Compare.doubles(CPU.download(CPU.matmul(CPU.unary(UnaryOp.ABS, a.cpu()), CPU.unary(UnaryOp.ABS, b.cpu()))));
        Compare.close("matmul " + dt + " " + Arrays.toString(aShape) + " @ " + Arrays.toString(bShape) + " " + kind,
                CPU.matmul(a.cpu(), b.cpu()), backend(), call(() -> backend().matmul(a.dev(), b.dev())), scale);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void linearAddsTheBias(DType dt) {
        Twin x = random(dt, new int[] {7, 5}, ViewKind.OFFSET, 61, -1, 1);
        Twin w = random(dt, new int[] {4, 5}, ViewKind.PERMUTED, 62, -1, 1);
        Twin b = random(dt, new int[] {4}, ViewKind.CONTIGUOUS, 63, -1, 1);
        Compare.close("linear " + dt, CPU.linear(x.cpu(), w.cpu(), b.cpu()), backend(),
                call(() -> backend().linear(x.dev(), w.dev(), b.dev())), null);
    }

    // ---------------------------------------------------------------- random

    static Stream<Arguments> randomCases() {
        List<Arguments> out = new ArrayList<>();
        Object[][] kinds = {{RandomKind.UNIFORM, DType.F32}, {RandomKind.UNIFORM, DType.F64}, {RandomKind.NORMAL, DType.F32},
            {RandomKind.NORMAL, DType.F64}, {RandomKind.BITS, DType.I32}, {RandomKind.BITS, DType.I64}};
        long[][] states = {{42, 0}, {0xDEADBEEFCAFEL, 0xFFFFFFFFL - 3}, {-1L, -2L}};
        for (Object[] k : kinds) {
            for (long[] s : states) {
                for (int n : new int[] {1, 7, 1001}) {
                    out.add(Arguments.of(k[0], k[1], n, s[0], s[1]));
                }
            }
        }
        return out.stream();
    }

    /** Uniforms and bits bit-identical to the CPU (counter carries and 2^64 wrap included); normals to rounding. */
    @ParameterizedTest(name = "{0} {1} n={2} key={3} counter={4}")
    @MethodSource("randomCases")
    void philoxFillsMatchTheCpu(RandomKind kind, DType dt, int n, long key, long counter) {
        int[] shape = {n};
        Tensor expected = CPU.random(kind, dt, shape, key, counter);
        Tensor got = call(() -> backend().random(kind, dt, shape, key, counter));
        assertArrayEquals(shape, got.shape());
        if (kind == RandomKind.NORMAL) {
            Compare.close("normal " + dt, expected, backend(), got, null);
        } else {
            Compare.exact(kind + " " + dt + " key " + key + " counter " + counter, CPU.download(expected), backend().download(got));
        }
    }
}
