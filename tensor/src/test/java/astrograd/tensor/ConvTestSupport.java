package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ops.ConvSpec;
import java.util.Random;

/** Float64 reference loops and helpers shared by the convolution tests. */
final class ConvTestSupport {
    private ConvTestSupport() {
    }

    /** Reference result: values and, per element, the sum of |terms| that bounds its rounding error. */
    record Ref(double[] value, double[] scale) {
    }

    /** Uniform values in [-1, 1), exactly representable in the dtype. */
    static double[] random(Random rnd, int n, DType dtype) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double v = rnd.nextDouble() * 2 - 1;
            d[i] = dtype == DType.F32 ? (float) v : v;
        }
        return d;
    }

    /**
     * A tensor with the given logical values that is not contiguous when {@code strided}: stored
     * with its last two axes swapped, then transposed back.
     */
    static Tensor tensor(double[] values, int[] shape, DType dtype, boolean strided) {
        if (!strided || shape.length < 2) {
            return Tensor.of(values, shape).to(dtype);
        }
        int r = shape.length;
        int[] swapped = shape.clone();
        swapped[r - 1] = shape[r - 2];
        swapped[r - 2] = shape[r - 1];
        double[] t = new double[values.length];
        int rows = shape[r - 2];
        int cols = shape[r - 1];
        int planes = values.length / Math.max(1, rows * cols);
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[p * rows * cols + j * rows + i] = values[p * rows * cols + i * cols + j];
                }
            }
        }
        return Tensor.of(t, swapped).to(dtype).transpose(r - 2, r - 1);
    }

    static double tolerance(DType dtype) {
        return dtype == DType.F32 ? 1e-5 : 1e-12;
    }

    static void assertClose(String what, Ref ref, Tensor actual, int[] shape) {
        assertArrayEquals(shape, actual.shape(), what + ": shape");
        double[] a = actual.toDoubleArray();
        double tol = tolerance(actual.dtype());
        for (int i = 0; i < a.length; i++) {
            double bound = tol * (ref.scale()[i] + 1e-3);
            double err = Math.abs(a[i] - ref.value()[i]);
            if (!(err <= bound)) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected " + ref.value()[i]
                        + " (error " + err + " > " + bound + ")");
            }
        }
    }

    static void assertRelClose(String what, double expected, double actual, double tol) {
        assertTrue(Math.abs(expected - actual) <= tol * (1 + Math.abs(expected)),
                what + ": " + actual + " vs " + expected);
    }

    /** Forward conv reference: x [n,c,h,w], w [o,c/g,kh,kw], bias [o] or null. */
    static Ref conv2d(double[] x, int[] xs, double[] w, int[] ws, double[] bias, ConvSpec s) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        int o = ws[0], cg = ws[1], kh = ws[2], kw = ws[3];
        int og = o / s.groups();
        int oh = s.outH(h, kh), ow = s.outW(wd, kw);
        double[] out = new double[n * o * oh * ow];
        double[] scale = new double[out.length];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        double sum = bias == null ? 0 : bias[oc];
                        double abs = Math.abs(sum);
                        for (int ci = 0; ci < cg; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = y * s.strideH() - s.padTop() + i * s.dilationH();
                                    int iw = z * s.strideW() - s.padLeft() + j * s.dilationW();
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= wd) {
                                        continue;
                                    }
                                    double t = x[((b * c + g * cg + ci) * h + ih) * wd + iw]
                                            * w[((oc * cg + ci) * kh + i) * kw + j];
                                    sum += t;
                                    abs += Math.abs(t);
                                }
                            }
                        }
                        int at = ((b * o + oc) * oh + y) * ow + z;
                        out[at] = sum;
                        scale[at] = abs;
                    }
                }
            }
        }
        return new Ref(out, scale);
    }

    /** Transposed conv reference: x [n,c,h,w], w [c,o/g,kh,kw] scattered into the output. */
    static Ref convTranspose2d(double[] x, int[] xs, double[] w, int[] ws, double[] bias, ConvSpec s) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        int og = ws[1], kh = ws[2], kw = ws[3];
        int cg = c / s.groups();
        int o = og * s.groups();
        int oh = s.transposedOutH(h, kh), ow = s.transposedOutW(wd, kw);
        double[] out = new double[n * o * oh * ow];
        double[] scale = new double[out.length];
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < c; ci++) {
                int g = ci / cg;
                for (int y = 0; y < h; y++) {
                    for (int z = 0; z < wd; z++) {
                        double xv = x[((b * c + ci) * h + y) * wd + z];
                        for (int ol = 0; ol < og; ol++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int yy = y * s.strideH() - s.padTop() + i * s.dilationH();
                                    int zz = z * s.strideW() - s.padLeft() + j * s.dilationW();
                                    if (yy < 0 || yy >= oh || zz < 0 || zz >= ow) {
                                        continue;
                                    }
                                    double t = xv * w[((ci * og + ol) * kh + i) * kw + j];
                                    int at = ((b * o + g * og + ol) * oh + yy) * ow + zz;
                                    out[at] += t;
                                    scale[at] += Math.abs(t);
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bias != null) {
            int plane = oh * ow;
            for (int i = 0; i < out.length; i++) {
                double bv = bias[(i / plane) % o];
                out[i] += bv;
                scale[i] += Math.abs(bv);
            }
        }
        return new Ref(out, scale);
    }

    /** unfold reference: [n, c*kh*kw, L]. */
    static double[] unfold(double[] x, int[] xs, int kh, int kw, ConvSpec s) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        int oh = s.outH(h, kh), ow = s.outW(wd, kw);
        int l = oh * ow;
        double[] out = new double[n * c * kh * kw * l];
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int row = (ci * kh + i) * kw + j;
                        for (int y = 0; y < oh; y++) {
                            for (int z = 0; z < ow; z++) {
                                int ih = y * s.strideH() - s.padTop() + i * s.dilationH();
                                int iw = z * s.strideW() - s.padLeft() + j * s.dilationW();
                                double v = ih < 0 || ih >= h || iw < 0 || iw >= wd ? 0
                                        : x[((b * c + ci) * h + ih) * wd + iw];
                                out[((b * c * kh * kw) + row) * l + y * ow + z] = v;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double absDot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] * b[i]);
        }
        return s;
    }
}
