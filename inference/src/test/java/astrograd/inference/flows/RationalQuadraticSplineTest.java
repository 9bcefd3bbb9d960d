package astrograd.inference.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RQ spline against the PyTorch transcription of nflows ({@code src/test/python/spline_fixtures.py}): outputs,
 * log-determinants and gradients; the forward/inverse round trip; the log-det against finite differences; float64
 * gradient checks in every argument.
 */
class RationalQuadraticSplineTest {
    private static final int K = 5;
    private static final double B = 3.0;

    private static Map<String, double[]> fixture() throws IOException {
        Map<String, double[]> m = new HashMap<>();
        try (InputStream in = RationalQuadraticSplineTest.class.getResourceAsStream(
                "/astrograd/inference/flows/rq_spline.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split(" ");
                double[] v = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Double.parseDouble(f[i]);
                }
                m.put(f[0], v);
            }
        }
        return m;
    }

    private static void assertClose(String what, double[] expected, Tensor actual, double tol) {
        double[] a = actual.to(DType.F64).contiguous().toDoubleArray();
        assertEquals(expected.length, a.length, what + ": length");
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], tol * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void matchesTorchForwardAndInverseWithGradients() throws IOException {
        Map<String, double[]> f = fixture();
        for (String dir : new String[] {"forward", "inverse"}) {
            Var x = Var.param(Tensor.of(f.get("inputs"), 4, 3));
            Var w = Var.param(Tensor.of(f.get("widths"), 4, 3, K));
            Var h = Var.param(Tensor.of(f.get("heights"), 4, 3, K));
            Var d = Var.param(Tensor.of(f.get("derivatives"), 4, 3, K - 1));
            RationalQuadraticSpline.Result r = RationalQuadraticSpline.apply(x, w, h, d, B, dir.equals("inverse"));
            assertClose(dir + " outputs", f.get(dir + "_outputs"), r.outputs().value(), 1e-12);
            assertClose(dir + " logdet", f.get(dir + "_logdet"), r.logAbsDet().value(), 1e-11);
            Var u = Var.constant(Tensor.of(f.get("u"), 4, 3));
            Var v = Var.constant(Tensor.of(f.get("v"), 4, 3));
            r.outputs().mul(u).add(r.logAbsDet().mul(v)).sum().backward();
            assertClose(dir + " d/dinputs", f.get(dir + "_grad_inputs"), x.grad(), 1e-9);
            assertClose(dir + " d/dwidths", f.get(dir + "_grad_widths"), w.grad(), 1e-9);
            assertClose(dir + " d/dheights", f.get(dir + "_grad_heights"), h.grad(), 1e-9);
            assertClose(dir + " d/dderivatives", f.get(dir + "_grad_derivatives"), d.grad(), 1e-9);
        }
    }

    @Test
    void inverseUndoesForwardAndLogDetsCancel() {
        Rng rng = new Rng(3);
        Tensor x = rng.uniform(DType.F64, -4, 4, 200);
        Var w = Var.constant(rng.randn(DType.F64, 200, 8));
        Var h = Var.constant(rng.randn(DType.F64, 200, 8));
        Var d = Var.constant(rng.randn(DType.F64, 200, 7));
        RationalQuadraticSpline.Result fwd = RationalQuadraticSpline.apply(Var.constant(x), w, h, d, B, false);
        RationalQuadraticSpline.Result inv = RationalQuadraticSpline.apply(fwd.outputs(), w, h, d, B, true);
        double[] a = x.toDoubleArray();
        double[] b = inv.outputs().value().toDoubleArray();
        double[] lf = fwd.logAbsDet().value().toDoubleArray();
        double[] li = inv.logAbsDet().value().toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-9, "round trip at " + a[i]);
            assertEquals(0, lf[i] + li[i], 1e-8, "log-dets cancel at " + a[i]);
        }
    }

    @Test
    void logDetMatchesFiniteDifferenceDerivative() {
        Rng rng = new Rng(4);
        int n = 300;
        Tensor x = rng.uniform(DType.F64, -3.5, 3.5, n);
        Var w = Var.constant(rng.randn(DType.F64, n, 6));
        Var h = Var.constant(rng.randn(DType.F64, n, 6));
        Var d = Var.constant(rng.randn(DType.F64, n, 5));
        double eps = 1e-6;
        for (boolean inverse : new boolean[] {false, true}) {
            double[] lad = RationalQuadraticSpline.apply(Var.constant(x), w, h, d, B, inverse).logAbsDet().value()
                    .toDoubleArray();
            double[] up = RationalQuadraticSpline.apply(Var.constant(x.add(eps)), w, h, d, B, inverse).outputs()
                    .value().toDoubleArray();
            double[] down = RationalQuadraticSpline.apply(Var.constant(x.sub(eps)), w, h, d, B, inverse).outputs()
                    .value().toDoubleArray();
            double[] xs = x.toDoubleArray();
            for (int i = 0; i < n; i++) {
                if (Math.abs(Math.abs(xs[i]) - B) < 1e-4) {
                    continue;
                }
                double slope = (up[i] - down[i]) / (2 * eps);
                assertEquals(Math.log(slope), lad[i], 1e-5, "log g' at " + xs[i] + (inverse ? " (inverse)" : ""));
            }
        }
    }

    @Test
    void gradientsPassFloat64Checks() {
        Rng rng = new Rng(5);
        Tensor x = Tensor.of(new double[] {-2.5, -0.7, 0.1, 1.3, 2.9, 3.4}, 2, 3);
        Tensor w = rng.randn(DType.F64, 2, 3, 4);
        Tensor h = rng.randn(DType.F64, 2, 3, 4);
        Tensor d = rng.randn(DType.F64, 2, 3, 3);
        for (boolean inverse : new boolean[] {false, true}) {
            GradCheck.assertPasses(GradCheck.check(v -> {
                RationalQuadraticSpline.Result r = RationalQuadraticSpline.apply(v[0], v[1], v[2], v[3], B, inverse);
                return Var.cat(0, r.outputs(), r.logAbsDet());
            }, 1e-6, 1e-6, 1e-5, x, w, h, d));
        }
    }

    @Test
    void badShapesAndBoundsAreRefused() {
        Var x = Var.constant(Tensor.zeros(DType.F64, 2, 3));
        Var w = Var.constant(Tensor.zeros(DType.F64, 2, 3, 4));
        Var d = Var.constant(Tensor.zeros(DType.F64, 2, 3, 4));
        assertThrows(ShapeException.class, () -> RationalQuadraticSpline.apply(x, w, w, d, B, false));
        Var d3 = Var.constant(Tensor.zeros(DType.F64, 2, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> RationalQuadraticSpline.apply(x, w, w, d3, 0, false));
    }
}
