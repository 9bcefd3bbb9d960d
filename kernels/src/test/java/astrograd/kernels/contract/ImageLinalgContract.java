package astrograd.kernels.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.DType;
import astrograd.tensor.NotPositiveDefiniteException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import astrograd.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract's image ops (convolutions and transposed convolutions, unfold and fold, the weight-gradient
 * products, max and average pooling) and batched linear algebra (Cholesky, triangular solves), against the CPU.
 * Sums are compared relative to the same op on absolute values (their rounding grows with those). The last link
 * of the contract chain: backends subclass this class.
 */
public abstract class ImageLinalgContract extends AxisOpsContract {
    private static final DType[] FLOATING = {DType.F32, DType.F64};

    /** Named convolution geometries: input [N, C, H, W], kernel, spec. */
    static Stream<Arguments> convCases() {
        Object[][] geo = {
            {"3x3 pad 1", new int[] {2, 3, 9, 8}, 4, 3, 3, new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0)},
            {"stride 2, dilation 2, uneven pads", new int[] {2, 2, 11, 10}, 3, 3, 2, new ConvSpec(2, 3, 1, 2, 0, 3, 2, 1, 1, 0, 0)},
            {"groups 2", new int[] {3, 4, 7, 7}, 6, 3, 3, new ConvSpec(1, 2, 1, 0, 2, 1, 1, 1, 2, 0, 0)},
            {"1x1", new int[] {1, 5, 4, 6}, 3, 1, 1, ConvSpec.defaults()},
        };
        List<Arguments> out = new ArrayList<>();
        for (DType dt : FLOATING) {
            for (Object[] g : geo) {
                for (ViewKind kind : new ViewKind[] {ViewKind.CONTIGUOUS, ViewKind.PERMUTED}) {
                    out.add(Arguments.of(g[0], dt, g[1], g[2], g[3], g[4], g[5], kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {7}")
    @MethodSource("convCases")
    void conv2dMatchesTheCpu(String name, DType dt, int[] xs, int o, int kh, int kw, ConvSpec spec, ViewKind kind) {
        Twin x = random(dt, xs, kind, 201, -1, 1);
        Twin w = random(dt, new int[] {o, xs[1] / spec.groups(), kh, kw}, kind, 202, -1, 1);
        double[] scale = Compare.doubles(CPU.download(CPU.conv2d(abs(x.cpu()), abs(w.cpu()), spec)));
        Compare.close("conv2d " + name + " " + dt + " " + kind, CPU.conv2d(x.cpu(), w.cpu(), spec), backend(),
                call(() -> backend().conv2d(x.dev(), w.dev(), spec)), scale);
    }

    @ParameterizedTest(name = "{0} {1} {7}")
    @MethodSource("convCases")
    void convWeightProductsMatchTheCpu(String name, DType dt, int[] xs, int o, int kh, int kw, ConvSpec spec, ViewKind kind) {
        Twin x = random(dt, xs, kind, 211, -1, 1);
        int[] gs = {xs[0], o, spec.outH(xs[2], kh), spec.outW(xs[3], kw)};
        Twin g = random(dt, gs, ViewKind.OFFSET, 212, -1, 1);
        double[] scale = Compare.doubles(CPU.download(CPU.convWeightProducts(abs(x.cpu()), abs(g.cpu()), kh, kw, spec)));
        Compare.close("convWeightProducts " + name + " " + dt, CPU.convWeightProducts(x.cpu(), g.cpu(), kh, kw, spec),
                backend(), call(() -> backend().convWeightProducts(x.dev(), g.dev(), kh, kw, spec)), scale);
    }

    static Stream<Arguments> transposedCases() {
        Object[][] geo = {
            {"stride 2 pad 1 output pad 1", new int[] {2, 3, 5, 4}, 4, 3, 3, new ConvSpec(2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1)},
            {"groups 2 dilation 2", new int[] {2, 4, 4, 5}, 6, 2, 3, new ConvSpec(1, 3, 0, 1, 2, 0, 2, 1, 2, 0, 2)},
        };
        List<Arguments> out = new ArrayList<>();
        for (DType dt : FLOATING) {
            for (Object[] g : geo) {
                for (ViewKind kind : new ViewKind[] {ViewKind.CONTIGUOUS, ViewKind.FLIPPED}) {
                    out.add(Arguments.of(g[0], dt, g[1], g[2], g[3], g[4], g[5], kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {7}")
    @MethodSource("transposedCases")
    void convTranspose2dMatchesTheCpu(String name, DType dt, int[] xs, int o, int kh, int kw, ConvSpec spec, ViewKind kind) {
        Twin x = random(dt, xs, kind, 221, -1, 1);
        Twin w = random(dt, new int[] {xs[1], o / spec.groups(), kh, kw}, kind, 222, -1, 1);
        double[] scale = Compare.doubles(CPU.download(CPU.convTranspose2d(abs(x.cpu()), abs(w.cpu()), spec)));
        Compare.close("convTranspose2d " + name + " " + dt + " " + kind, CPU.convTranspose2d(x.cpu(), w.cpu(), spec),
                backend(), call(() -> backend().convTranspose2d(x.dev(), w.dev(), spec)), scale);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void unfoldAndFoldMatchTheCpu(DType dt) {
        ConvSpec spec = new ConvSpec(2, 1, 1, 0, 2, 1, 1, 2, 1, 0, 0);
        int[] xs = {2, 3, 7, 6};
        for (ViewKind kind : ViewKind.values()) {
            Twin x = random(dt, xs, kind, 231, -1, 1);
            Compare.close("unfold " + dt + " " + kind, CPU.unfold(x.cpu(), 3, 2, spec), backend(),
                    call(() -> backend().unfold(x.dev(), 3, 2, spec)), null);
        }
        int l = spec.outH(7, 3) * spec.outW(6, 2);
        Twin cols = random(dt, new int[] {2, 3 * 3 * 2, l}, ViewKind.PERMUTED, 232, -1, 1);
        double[] scale = Compare.doubles(CPU.download(CPU.fold(abs(cols.cpu()), 7, 6, 3, 2, spec)));
        Compare.close("fold " + dt, CPU.fold(cols.cpu(), 7, 6, 3, 2, spec), backend(),
                call(() -> backend().fold(cols.dev(), 7, 6, 3, 2, spec)), scale);
    }

    static Stream<Arguments> poolCases() {
        PoolSpec[] specs = {
            new PoolSpec(2, 2, 2, 2, 0, 0, 1, 1, false, true),
            new PoolSpec(3, 2, 2, 1, 1, 1, 1, 1, true, false),
            new PoolSpec(3, 3, 1, 2, 1, 0, 1, 1, true, true),
            new PoolSpec(2, 3, 2, 2, 1, 1, 2, 1, false, true),
        };
        List<Arguments> out = new ArrayList<>();
        for (DType dt : FLOATING) {
            for (int s = 0; s < specs.length; s++) {
                for (ViewKind kind : new ViewKind[] {ViewKind.CONTIGUOUS, ViewKind.PERMUTED, ViewKind.BROADCAST}) {
                    out.add(Arguments.of(s, specs[s], dt, kind));
                }
            }
        }
        return out.stream();
    }

    /** Values from few levels (ties pick the first maximum), and one NaN per plane in places. */
    @ParameterizedTest(name = "spec {0} {2} {3}")
    @MethodSource("poolCases")
    void maxPoolMatchesTheCpu(int name, PoolSpec spec, DType dt, ViewKind kind) {
        int[] xs = {2, 3, 8, 7};
        ViewKind.Placement p = kind.place(xs);
        double[] v = new double[p.size()];
        SplittableRandom r = new SplittableRandom(241);
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 29 == 5 ? Double.NaN : r.nextInt(-4, 5);
        }
        Twin x = twin(Values.as(dt, v, 0), dt, xs, p);
        Tensor[] expected = CPU.maxPool2d(x.cpu(), spec, true);
        Tensor[] got = call(() -> backend().maxPool2d(x.dev(), spec, true));
        Compare.close("maxPool2d values " + dt + " " + kind, expected[0], backend(), got[0], null);
        Compare.close("maxPool2d indices " + dt + " " + kind, expected[1], backend(), got[1], null);
        Tensor[] valuesOnly = backend().maxPool2d(x.dev(), spec, false);
        assertNull(valuesOnly[1]);
        Compare.close("maxPool2d without indices " + dt, expected[0], backend(), valuesOnly[0], null);
    }

    @ParameterizedTest(name = "spec {0} {2} {3}")
    @MethodSource("poolCases")
    void avgPoolMatchesTheCpu(int name, PoolSpec spec, DType dt, ViewKind kind) {
        if (spec.dilationH() != 1 || spec.dilationW() != 1) {
            return; // average pooling takes no dilation (refused by the tensor layer)
        }
        Twin x = random(dt, new int[] {2, 3, 8, 7}, kind, 251, -2, 2);
        Compare.close("avgPool2d " + dt + " " + kind, CPU.avgPool2d(x.cpu(), spec), backend(),
                call(() -> backend().avgPool2d(x.dev(), spec)), null);
    }

    // ---------------------------------------------------------------- linear algebra

    /** SPD matrices {@code B Bᵀ + n I} of a batch [2, 3], placed as kind. */
    private Twin spd(DType dt, int n, ViewKind kind, long seed) {
        int[] shape = {2, 3, n, n};
        ViewKind.Placement p = kind.place(shape);
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[n * n];
        double[] v = new double[p.size()];
        int[] dense = ViewKind.dense(shape);
        for (int m = 0; m < 6; m++) {
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextDouble() * 2 - 1;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? n : 0;
                    for (int k = 0; k < n; k++) {
                        s += b[i * n + k] * b[j * n + k];
                    }
                    int at = p.offset() + (m / 3) * p.strides()[0] + (m % 3) * p.strides()[1] + i * p.strides()[2]
                            + j * p.strides()[3];
                    if (at >= 0 && at < v.length && (p.strides()[0] != 0 || m < 3)) {
                        v[at] = s;
                    }
                }
            }
        }
        return twin(Values.as(dt, v, 0), dt, shape, p);
    }

    static Stream<Arguments> linalgCases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dt : FLOATING) {
            for (ViewKind kind : ViewKind.values()) {
                out.add(Arguments.of(dt, kind));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("linalgCases")
    void choleskyMatchesTheCpu(DType dt, ViewKind kind) {
        for (int n : new int[] {1, 5, 12}) {
            Twin a = spd(dt, n, kind, 261 + n);
            Compare.close("cholesky " + dt + " " + kind + " n=" + n, CPU.cholesky(a.cpu()), backend(),
                    call(() -> backend().cholesky(a.dev())), null);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("linalgCases")
    void triangularSolveMatchesTheCpu(DType dt, ViewKind kind) {
        int n = 6;
        Twin a = spd(dt, n, kind, 271);
        for (int k : new int[] {1, 4, 0}) {
            Twin b = random(dt, new int[] {2, 3, n, k}, ViewKind.PERMUTED, 272 + k, -1, 1);
            for (boolean lower : new boolean[] {true, false}) {
                for (boolean transpose : new boolean[] {false, true}) {
                    Compare.close("triangularSolve " + dt + " " + kind + " k=" + k + " lower=" + lower + " transpose="
                            + transpose, CPU.triangularSolve(a.cpu(), b.cpu(), lower, transpose), backend(),
                            call(() -> backend().triangularSolve(a.dev(), b.dev(), lower, transpose)), null);
                }
            }
        }
    }

    /** The first failing matrix of a batch is named, with its pivot, exactly as the CPU names it. */
    @Test
    void failuresAreReportedAsOnTheCpu() {
        double[] v = new double[3 * 4];
        double[][] m = {{4, 2, 2, 3}, {1, 2, 2, 1}, {-1, 0, 0, 1}};
        for (int i = 0; i < 3; i++) {
            System.arraycopy(m[i], 0, v, 4 * i, 4);
        }
        int[] shape = {3, 2, 2};
        Twin a = twin(v, DType.F64, shape, ViewKind.CONTIGUOUS.place(shape));
        NotPositiveDefiniteException cpu = assertThrows(NotPositiveDefiniteException.class, () -> CPU.cholesky(a.cpu()));
        NotPositiveDefiniteException dev = assertThrows(NotPositiveDefiniteException.class,
                () -> call(() -> backend().cholesky(a.dev())));
        assertEquals(cpu.getMessage(), dev.getMessage());
        assertEquals(cpu.batchIndex(), dev.batchIndex());
        Twin b = random(DType.F64, new int[] {3, 2, 1}, ViewKind.CONTIGUOUS, 281, -1, 1);
        v[4 * 2 + 3] = 0;
        Twin singular = twin(v, DType.F64, shape, ViewKind.CONTIGUOUS.place(shape));
        String cpuMessage = assertThrows(ArithmeticException.class,
                () -> CPU.triangularSolve(singular.cpu(), b.cpu(), true, false)).getMessage();
        String devMessage = assertThrows(ArithmeticException.class,
                () -> call(() -> backend().triangularSolve(singular.dev(), b.dev(), true, false))).getMessage();
        assertEquals(cpuMessage, devMessage);
    }

    private static Tensor abs(Tensor t) {
        return CPU.unary(UnaryOp.ABS, t);
    }
}
