package astrograd.tensor;

import static astrograd.tensor.ConvTestSupport.assertClose;
import static astrograd.tensor.ConvTestSupport.random;
import static astrograd.tensor.ConvTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import astrograd.tensor.ConvTestSupport.Ref;
import astrograd.tensor.ops.ConvSpec;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Forward and transposed convolutions against float64 reference loops. */
class ConvTest {

    /** A random convolution problem; sizes chosen so the dilated kernel fits the padded input. */
    private record Problem(int[] xs, int[] ws, ConvSpec spec) {
        static Problem random(Random rnd, int maxW) {
            while (true) {
                int groups = 1 + rnd.nextInt(3);
                int cg = 1 + rnd.nextInt(3);
                int og = 1 + rnd.nextInt(5);
                int kh = 1 + rnd.nextInt(4);
                int kw = 1 + rnd.nextInt(4);
                int h = 1 + rnd.nextInt(9);
                int w = 1 + rnd.nextInt(maxW);
                ConvSpec spec = new ConvSpec(1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3),
                        rnd.nextInt(3), rnd.nextInt(3), 1 + rnd.nextInt(2), 1 + rnd.nextInt(2), groups, 0, 0);
                if (rnd.nextInt(3) == 0) { // the direct kernel's case
                    spec = new ConvSpec(spec.strideH(), 1, spec.padTop(), spec.padBottom(), spec.padLeft(),
                            spec.padRight(), spec.dilationH(), spec.dilationW(), groups, 0, 0);
                }
                if (spec.outH(h, kh) >= 1 && spec.outW(w, kw) >= 1) {
                    return new Problem(new int[] {1 + rnd.nextInt(3), cg * groups, h, w},
                            new int[] {og * groups, cg, kh, kw}, spec);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void conv2dMatchesReferenceOnRandomGeometries(DType dtype) {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 150; trial++) {
            Problem p = Problem.random(rnd, trial % 2 == 0 ? 9 : 40);
            boolean withBias = trial % 3 != 0;
            boolean strided = trial % 4 == 1;
            checkConv2d("trial " + trial + " " + p, rnd, dtype, p.xs(), p.ws(), p.spec(), withBias, strided);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void conv2dCoversEveryKernelPath(DType dtype) {
        Random rnd = new Random(5);
        ConvSpec pad1 = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        // direct kernel: 4x4 register blocks, a channel remainder, an overlapping row tail
        checkConv2d("direct", rnd, dtype, new int[] {2, 3, 5, 70}, new int[] {7, 3, 3, 3}, pad1, true, false);
        // direct kernel over several blocks of output rows (each with its own input slab); rows of 100 outputs end
        // with a 4x4 block overlapping the previous one (100 = 64 + 36)
        checkConv2d("direct blocks", rnd, dtype, new int[] {1, 60, 30, 100}, new int[] {5, 60, 3, 3}, pad1, true, false);
        checkConv2d("direct blocks strided", rnd, dtype, new int[] {2, 60, 21, 90}, new int[] {4, 60, 3, 3},
                new ConvSpec(2, 1, 2, 0, 1, 2, 2, 1, 1, 0, 0), true, true);
        // im2col + GEMM: more taps than the direct kernel takes, several row blocks
        checkConv2d("gemm", rnd, dtype, new int[] {2, 65, 40, 20}, new int[] {6, 65, 3, 3}, pad1, true, true);
        // pointwise 1x1
        checkConv2d("pointwise", rnd, dtype, new int[] {2, 70, 3, 5}, new int[] {4, 70, 1, 1},
                ConvSpec.defaults(), true, false);
        // grouped direct kernel with vertical stride and dilation, asymmetric padding
        checkConv2d("grouped direct", rnd, dtype, new int[] {1, 4, 9, 33}, new int[] {8, 2, 2, 3},
                new ConvSpec(2, 1, 0, 2, 3, 1, 2, 2, 2, 0, 0), false, true);
        // depthwise
        checkConv2d("depthwise", rnd, dtype, new int[] {2, 6, 7, 18}, new int[] {6, 1, 3, 3},
                new ConvSpec(1, 2, 1, 1, 1, 1, 1, 1, 6, 0, 0), true, false);
    }

    private static void checkConv2d(String what, Random rnd, DType dtype, int[] xs, int[] ws, ConvSpec spec,
                                    boolean withBias, boolean strided) {
        double[] x = random(rnd, Shape.numel(xs), dtype);
        double[] w = random(rnd, Shape.numel(ws), dtype);
        double[] b = withBias ? random(rnd, ws[0], dtype) : null;
        Tensor bias = b == null ? null : Tensor.of(b, ws[0]).to(dtype);
        Tensor out = Conv.conv2d(tensor(x, xs, dtype, strided), tensor(w, ws, dtype, strided), bias, spec);
        Ref ref = ConvTestSupport.conv2d(x, xs, w, ws, b, spec);
        int[] shape = {xs[0], ws[0], spec.outH(xs[2], ws[2]), spec.outW(xs[3], ws[3])};
        assertClose(what, ref, out, shape);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void conv1dMatchesReference(DType dtype) {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 60; trial++) {
            int groups = 1 + rnd.nextInt(2);
            int[] xs = {1 + rnd.nextInt(3), groups * (1 + rnd.nextInt(3)), 1, 1 + rnd.nextInt(50)};
            int[] ws = {groups * (1 + rnd.nextInt(6)), xs[1] / groups, 1, 1 + rnd.nextInt(7)};
            int stride = 1 + rnd.nextInt(3);
            int dilation = 1 + rnd.nextInt(2);
            int padL = rnd.nextInt(4);
            int padR = rnd.nextInt(4);
            ConvSpec spec = new ConvSpec(1, stride, 0, 0, padL, padR, 1, dilation, groups, 0, 0);
            if (spec.outW(xs[3], ws[3]) < 1) {
                continue;
            }
            double[] x = random(rnd, Shape.numel(xs), dtype);
            double[] w = random(rnd, Shape.numel(ws), dtype);
            double[] b = random(rnd, ws[0], dtype);
            Tensor out = Conv.conv1d(tensor(x, new int[] {xs[0], xs[1], xs[3]}, dtype, trial % 2 == 0),
                    tensor(w, new int[] {ws[0], ws[1], ws[3]}, dtype, false), Tensor.of(b, ws[0]).to(dtype),
                    stride, padL, padR, dilation, groups);
            Ref ref = ConvTestSupport.conv2d(x, xs, w, ws, b, spec);
            assertClose("conv1d trial " + trial, ref, out, new int[] {xs[0], ws[0], spec.outW(xs[3], ws[3])});
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void conv1dSamePaddingKeepsLength(DType dtype) {
        Random rnd = new Random(8);
        int[] xs = {4, 1, 1, 200};
        int[] ws = {16, 1, 1, 7};
        double[] x = random(rnd, Shape.numel(xs), dtype);
        double[] w = random(rnd, Shape.numel(ws), dtype);
        double[] b = random(rnd, 16, dtype);
        Tensor out = Conv.conv1d(Tensor.of(x, 4, 1, 200).to(dtype), Tensor.of(w, 16, 1, 7).to(dtype),
                Tensor.of(b, 16).to(dtype), 1, Conv.Padding.SAME, 1, 1);
        Ref ref = ConvTestSupport.conv2d(x, xs, w, ws, b, new ConvSpec(1, 1, 0, 0, 3, 3, 1, 1, 1, 0, 0));
        assertClose("same", ref, out, new int[] {4, 16, 200});
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void convTransposeMatchesReference(DType dtype) {
        Random rnd = new Random(17);
        for (int trial = 0; trial < 80; trial++) {
            int groups = 1 + rnd.nextInt(3);
            int[] xs = {1 + rnd.nextInt(2), groups * (1 + rnd.nextInt(3)), 1 + rnd.nextInt(6), 1 + rnd.nextInt(8)};
            int[] ws = {xs[1], 1 + rnd.nextInt(3), 1 + rnd.nextInt(4), 1 + rnd.nextInt(4)};
            int sh = 1 + rnd.nextInt(3), sw = 1 + rnd.nextInt(3), dh = 1 + rnd.nextInt(2), dw = 1 + rnd.nextInt(2);
            int ph = rnd.nextInt(3), pw = rnd.nextInt(3);
            ConvSpec spec = new ConvSpec(sh, sw, ph, ph, pw, pw, dh, dw, groups,
                    rnd.nextInt(Math.max(sh, dh)), rnd.nextInt(Math.max(sw, dw)));
            if (spec.transposedOutH(xs[2], ws[2]) < 1 || spec.transposedOutW(xs[3], ws[3]) < 1) {
                continue;
            }
            double[] x = random(rnd, Shape.numel(xs), dtype);
            double[] w = random(rnd, Shape.numel(ws), dtype);
            double[] b = trial % 2 == 0 ? random(rnd, ws[1] * groups, dtype) : null;
            Tensor out = Conv.convTranspose2d(tensor(x, xs, dtype, trial % 3 == 0), tensor(w, ws, dtype, false),
                    b == null ? null : Tensor.of(b, b.length).to(dtype), spec);
            Ref ref = ConvTestSupport.convTranspose2d(x, xs, w, ws, b, spec);
            assertClose("convTranspose2d trial " + trial + " " + spec, ref, out, new int[] {xs[0], ws[1] * groups,
                    spec.transposedOutH(xs[2], ws[2]), spec.transposedOutW(xs[3], ws[3])});
        }
    }

    /** {@code <conv(x), y> = <x, convT(y)>} with the same weights and geometry, and matching shapes. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void convTransposeIsTheAdjointOfConv(DType dtype) {
        Random rnd = new Random(23);
        for (int trial = 0; trial < 40; trial++) {
            Problem p = Problem.random(rnd, trial % 2 == 0 ? 9 : 40);
            ConvSpec s = p.spec();
            int[] xs = p.xs();
            int oh = s.outH(xs[2], p.ws()[2]);
            int ow = s.outW(xs[3], p.ws()[3]);
            // output padding restores the input size the forward conv rounded away
            int oph = xs[2] - s.transposedOutH(oh, p.ws()[2]);
            int opw = xs[3] - s.transposedOutW(ow, p.ws()[3]);
            if (oph >= Math.max(s.strideH(), s.dilationH()) || opw >= Math.max(s.strideW(), s.dilationW())) {
                continue;
            }
            ConvSpec ts = new ConvSpec(s.strideH(), s.strideW(), s.padTop(), s.padBottom(), s.padLeft(),
                    s.padRight(), s.dilationH(), s.dilationW(), s.groups(), oph, opw);
            double[] x = random(rnd, Shape.numel(xs), dtype);
            double[] w = random(rnd, Shape.numel(p.ws()), dtype);
            int[] ys = {xs[0], p.ws()[0], oh, ow};
            double[] y = random(rnd, Shape.numel(ys), dtype);
            Tensor wt = tensor(w, p.ws(), dtype, false);
            double[] cx = Conv.conv2d(tensor(x, xs, dtype, false), wt, null, s).toDoubleArray();
            Tensor ty = Conv.convTranspose2d(tensor(y, ys, dtype, true), wt, null, ts);
            assertArrayEquals(xs, ty.shape(), "adjoint shape");
            double[] tyv = ty.toDoubleArray();
            double lhs = ConvTestSupport.dot(cx, y);
            double rhs = ConvTestSupport.dot(x, tyv);
            double scale = ConvTestSupport.absDot(cx, y) + ConvTestSupport.absDot(x, tyv);
            if (Math.abs(lhs - rhs) > 10 * ConvTestSupport.tolerance(dtype) * (scale + 1)) {
                throw new AssertionError("trial " + trial + " " + ts + ": <conv x, y> = " + lhs + " but <x, convT y> = " + rhs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void convTranspose1dMatchesReference(DType dtype) {
        Random rnd = new Random(29);
        int[] xs = {2, 4, 1, 11};
        int[] ws = {4, 3, 1, 5};
        ConvSpec spec = new ConvSpec(1, 3, 0, 0, 2, 2, 1, 2, 2, 0, 1);
        double[] x = random(rnd, Shape.numel(xs), dtype);
        double[] w = random(rnd, Shape.numel(ws), dtype);
        double[] b = random(rnd, 6, dtype);
        Tensor out = Conv.convTranspose1d(Tensor.of(x, 2, 4, 11).to(dtype), Tensor.of(w, 4, 3, 5).to(dtype),
                Tensor.of(b, 6).to(dtype), 3, 2, 1, 2, 2);
        Ref ref = ConvTestSupport.convTranspose2d(x, xs, w, ws, b, spec);
        assertClose("convTranspose1d", ref, out, new int[] {2, 6, spec.transposedOutW(11, 5)});
    }

    /**
     * The F32 transposed convolution reads its input in place when the spatial axes merge (a sum's broadcast
     * gradient, one value broadcast everywhere, slices along N or C, a 1-d row): the same bits as on a contiguous
     * copy.
     */
    @org.junit.jupiter.api.Test
    void transposedConvolutionReadsBroadcastAndSlicedInputsInPlace() {
        Random rnd = new Random(12);
        ConvSpec same = new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        ConvSpec grouped = new ConvSpec(2, 1, 1, 0, 1, 1, 1, 2, 2, 0, 0);
        Tensor w = tensor(random(rnd, 8 * 3 * 9, DType.F32), new int[] {8, 3, 3, 3}, DType.F32, false);
        Tensor perChannel = tensor(random(rnd, 8, DType.F32), new int[] {1, 8, 1, 1}, DType.F32, false);
        Tensor one = Tensor.scalar(1.5, DType.F32).reshape(1, 1, 1, 1);
        Tensor wide = tensor(random(rnd, 5 * 12 * 9 * 40, DType.F32), new int[] {5, 12, 9, 40}, DType.F32, false);
        Tensor row = tensor(random(rnd, 2 * 8 * 50, DType.F32), new int[] {2, 8, 1, 50}, DType.F32, false);
        Tensor[] inputs = {perChannel.broadcastTo(new int[] {3, 8, 9, 40}), one.broadcastTo(new int[] {2, 8, 7, 33}),
            wide.narrow(1, 2, 8), wide.narrow(0, 1, 3).narrow(1, 0, 8), row};
        for (Tensor x : inputs) {
            for (ConvSpec spec : new ConvSpec[] {same, grouped}) {
                assertArrayEquals(Conv.convTranspose2d(x.contiguous(), w, null, spec).toFloatArray(),
                        Conv.convTranspose2d(x, w, null, spec).toFloatArray(),
                        java.util.Arrays.toString(x.shape()) + " strides " + java.util.Arrays.toString(x.strides())
                                + " " + spec);
            }
        }
    }
}
