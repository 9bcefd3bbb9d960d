package astrograd.tensor;

import static astrograd.tensor.ConvTestSupport.random;
import static astrograd.tensor.ConvTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import astrograd.tensor.ops.PoolSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Max and average pooling against float64 reference loops written from PyTorch's rules. */
class ConvPoolTest {

    private static PoolSpec randomSpec(Random rnd, boolean dilated) {
        int kh = 1 + rnd.nextInt(4);
        int kw = 1 + rnd.nextInt(4);
        return new PoolSpec(kh, kw, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(kh / 2 + 1),
                rnd.nextInt(kw / 2 + 1), dilated ? 1 + rnd.nextInt(2) : 1, dilated ? 1 + rnd.nextInt(2) : 1,
                rnd.nextBoolean(), rnd.nextBoolean());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void maxPoolMatchesReference(DType dtype) {
        Random rnd = new Random(41);
        int checked = 0;
        while (checked < 120) {
            int[] xs = {1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 1 + rnd.nextInt(10), 1 + rnd.nextInt(10)};
            PoolSpec s = randomSpec(rnd, true);
            if (s.outH(xs[2]) < 1 || s.outW(xs[3]) < 1) {
                continue;
            }
            double[] x = random(rnd, Shape.numel(xs), dtype);
            if (checked % 5 == 0) { // ties: the first maximum wins
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.floor(x[i] * 2);
                }
            }
            Conv.PoolResult r = Conv.maxPool2d(tensor(x, xs, dtype, checked % 2 == 0), s);
            double[][] ref = maxRef(x, xs, s);
            int[] shape = {xs[0], xs[1], s.outH(xs[2]), s.outW(xs[3])};
            assertArrayEquals(shape, r.values().shape());
            assertEquals(DType.I64, r.indices().dtype());
            assertArrayEquals(ref[0], r.values().toDoubleArray(), "values " + s);
            assertArrayEquals(ref[1], r.indices().toDoubleArray(), "indices " + s);
            checked++;
        }
    }

    /** {values, indices} by PyTorch's rule: scan the window row by row, keep a strictly larger value or a NaN. */
    private static double[][] maxRef(double[] x, int[] xs, PoolSpec s) {
        int planes = xs[0] * xs[1], h = xs[2], w = xs[3];
        int oh = s.outH(h), ow = s.outW(w);
        double[] v = new double[planes * oh * ow];
        double[] idx = new double[v.length];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    double m = Double.NEGATIVE_INFINITY;
                    // PyTorch starts from the first in-bounds tap, even for a window with none inside (-inf)
                    int hs = y * s.strideH() - s.padH();
                    int ws = z * s.strideW() - s.padW();
                    while (hs < 0) {
                        hs += s.dilationH();
                    }
                    while (ws < 0) {
                        ws += s.dilationW();
                    }
                    int best = hs * w + ws;
                    for (int i = 0; i < s.kernelH(); i++) {
                        for (int j = 0; j < s.kernelW(); j++) {
                            int ih = y * s.strideH() - s.padH() + i * s.dilationH();
                            int iw = z * s.strideW() - s.padW() + j * s.dilationW();
                            if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                continue;
                            }
                            double val = x[p * h * w + ih * w + iw];
                            if (val > m || Double.isNaN(val)) {
                                m = val;
                                best = ih * w + iw;
                            }
                        }
                    }
                    v[(p * oh + y) * ow + z] = m;
                    idx[(p * oh + y) * ow + z] = best;
                }
            }
        }
        return new double[][] {v, idx};
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void avgPoolMatchesReference(DType dtype) {
        Random rnd = new Random(43);
        int checked = 0;
        while (checked < 120) {
            int[] xs = {1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 1 + rnd.nextInt(10), 1 + rnd.nextInt(10)};
            PoolSpec s = randomSpec(rnd, false);
            if (s.outH(xs[2]) < 1 || s.outW(xs[3]) < 1) {
                continue;
            }
            double[] x = random(rnd, Shape.numel(xs), dtype);
            Tensor out = Conv.avgPool2d(tensor(x, xs, dtype, checked % 2 == 1), s);
            double[] ref = avgRef(x, xs, s);
            double[] got = out.toDoubleArray();
            assertArrayEquals(new int[] {xs[0], xs[1], s.outH(xs[2]), s.outW(xs[3])}, out.shape());
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], dtype == DType.F32 ? 1e-6 : 1e-14, "element " + i + " of " + s);
            }
            checked++;
        }
    }

    private static double[] avgRef(double[] x, int[] xs, PoolSpec s) {
        int planes = xs[0] * xs[1], h = xs[2], w = xs[3];
        int oh = s.outH(h), ow = s.outW(w);
        double[] v = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    double sum = 0;
                    int real = 0;
                    int padded = 0;
                    for (int i = 0; i < s.kernelH(); i++) {
                        for (int j = 0; j < s.kernelW(); j++) {
                            int ih = y * s.strideH() - s.padH() + i;
                            int iw = z * s.strideW() - s.padW() + j;
                            if (ih < h + s.padH() && iw < w + s.padW()) {
                                padded++; // inside the padded input (the window never starts before it)
                            }
                            if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                sum += x[p * h * w + ih * w + iw];
                                real++;
                            }
                        }
                    }
                    v[(p * oh + y) * ow + z] = sum / (s.countIncludePad() ? padded : real);
                }
            }
        }
        return v;
    }

    @Test
    void maxPoolPropagatesNaN() {
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 1, 1, 1, 4);
        Conv.PoolResult r = Conv.maxPool2d(x, new PoolSpec(1, 4, 1, 1, 0, 0, 1, 1, false, false));
        assertEquals(Double.NaN, r.values().item());
        assertEquals(1.0, r.indices().item());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void pool1dIsPool2dWithUnitHeight(DType dtype) {
        Random rnd = new Random(47);
        double[] x = random(rnd, 2 * 3 * 17, dtype);
        Tensor x1 = Tensor.of(x, 2, 3, 17).to(dtype);
        Tensor x2 = x1.unsqueeze(2);
        Conv.PoolResult m1 = Conv.maxPool1d(x1, 4, 3, 2, 2, true);
        Conv.PoolResult m2 = Conv.maxPool2d(x2, new PoolSpec(1, 4, 1, 3, 0, 2, 1, 2, true, false));
        assertArrayEquals(new int[] {2, 3, m2.values().size(3)}, m1.values().shape());
        assertArrayEquals(m2.values().toDoubleArray(), m1.values().toDoubleArray());
        assertArrayEquals(m2.indices().toLongArray(), m1.indices().toLongArray());
        Tensor a1 = Conv.avgPool1d(x1, 3, 2, 1, true, false);
        Tensor a2 = Conv.avgPool2d(x2, new PoolSpec(1, 3, 1, 2, 0, 1, 1, 1, true, false));
        assertArrayEquals(a2.toDoubleArray(), a1.toDoubleArray());
        assertArrayEquals(new double[] {(x[0] + x[1]) / 2, (x[1] + x[2] + x[3]) / 3},
                java.util.Arrays.copyOf(a1.toDoubleArray(), 2), 1e-6);
    }

    @Test
    void globalPoolingCoversTheWholePlane() {
        Tensor x = Tensor.arange(0, 24, 1, DType.F64).reshape(2, 3, 2, 2);
        assertArrayEquals(new double[] {1.5, 5.5, 9.5, 13.5, 17.5, 21.5}, Conv.globalAvgPool2d(x).toDoubleArray());
        Conv.PoolResult m = Conv.globalMaxPool2d(x.flip(3));
        assertArrayEquals(new int[] {2, 3, 1, 1}, m.values().shape());
        assertArrayEquals(new double[] {3, 7, 11, 15, 19, 23}, m.values().toDoubleArray());
        assertArrayEquals(new long[] {2, 2, 2, 2, 2, 2}, m.indices().toLongArray());
    }

    /**
     * Row pools of every kernel 1-4, with stride equal to the kernel (vector lanes: gathers, or lane permutations
     * for windows of 2) and not, on rows whose lengths cover whole vectors and scalar tails, against the rule
     * {@code v > m || isNaN(v)} written out here: NaN wins from either tap, and of +0 and -0 the first is kept.
     */
    @Test
    void valuesOnlyRowPoolsFollowTheMaxRuleWithNaNsAndSignedZeros() {
        Random rnd = new Random(22);
        float[] odd = {Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1f};
        for (int k = 1; k <= 4; k++) {
            for (int stride : new int[] {k, Math.max(1, k - 1), k + 1}) {
                for (int width = k; width <= 90; width += 11) {
                    float[] x = new float[2 * 3 * width];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = rnd.nextInt(3) == 0 ? odd[rnd.nextInt(odd.length)] : (float) rnd.nextGaussian();
                    }
                    PoolSpec spec = new PoolSpec(1, k, 1, stride, 0, 0, 1, 1, false, true);
                    float[] got = Conv.maxPool2dValues(Tensor.of(x, 2, 3, 1, width), spec).toFloatArray();
                    float[] indexed = Conv.maxPool2d(Tensor.of(x, 2, 3, 1, width), spec).values().toFloatArray();
                    int outW = spec.outW(width);
                    for (int i = 0; i < got.length; i++) {
                        int first = i / outW * width + i % outW * stride;
                        float m = x[first];
                        for (int t = 1; t < k; t++) {
                            float v = x[first + t];
                            m = v > m || Float.isNaN(v) ? v : m;
                        }
                        String where = "k " + k + " stride " + stride + " width " + width + " output " + i;
                        assertEquals(Float.floatToIntBits(m), Float.floatToIntBits(got[i]), where);
                        assertEquals(Float.floatToIntBits(m), Float.floatToIntBits(indexed[i]), where + " (indexed)");
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void valuesOnlyMaxPoolingMatchesTheIndexedOne() {
        Tensor x = new Rng(21).randn(DType.F32, 3, 4, 9, 7);
        astrograd.tensor.ops.PoolSpec spec = new astrograd.tensor.ops.PoolSpec(3, 2, 2, 2, 1, 1, 1, 1, true, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(Conv.maxPool2d(x, spec).values().toFloatArray(),
                Conv.maxPool2dValues(x, spec).toFloatArray());
    }
}
