package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#digamma()} and {@link Tensor#trigamma()} in F64 against {@code special/gamma_family.txt}
 * ({@code special_fixtures.py}): torch 1.13's values and mpmath's exact ones on (0, 100], on negative
 * non-integers in (-100, 0) and at the poles. Errors are measured as {@code |got - want| / max(1, |want|)}
 * (absolute where the function is near 0, as around digamma's root 1.4616, relative elsewhere).
 */
class SpecialFunctionsTorchTest {
    private static final Map<String, double[]> F = load();

    private static Map<String, double[]> load() {
        InputStream in = SpecialFunctionsTorchTest.class.getResourceAsStream("/special/gamma_family.txt");
        assertNotNull(in, "missing special/gamma_family.txt: run special_fixtures.py");
        Map<String, double[]> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] tok = line.trim().split("\\s+");
                if (tok[0].isEmpty() || tok[0].startsWith("#")) {
                    continue;
                }
                double[] v = new double[tok.length - 3];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(tok[3 + i]);
                }
                out.put(tok[0], v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static double[] get(String key) {
        double[] v = F.get(key);
        assertNotNull(v, "gamma_family.txt has no " + key);
        return v;
    }

    /** The largest {@code |got - want| / max(1, |want|)} over the group; fails on a non-finite mismatch. */
    static double worstError(String what, double[] x, double[] got, double[] want) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertTrue(Double.isFinite(got[i]), what + " at x = " + x[i] + ": got " + got[i]);
            worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
        }
        return worst;
    }

    private static double[] eval(UnaryOperator<Tensor> f, double[] x) {
        return f.apply(Tensor.of(x, x.length)).toDoubleArray();
    }

    @Test
    void digammaIsExactToAFewUlpsOnBothHalfAxes() {
        for (String group : new String[] {"pos", "neg"}) {
            double[] x = get("x_" + group);
            double[] ours = eval(Tensor::digamma, x);
            double exact = worstError("digamma " + group, x, ours, get("digamma_exact_" + group));
            double torch = worstError("digamma vs torch " + group, x, ours, get("digamma_torch_" + group));
            double torchOwn = worstError("torch's digamma " + group, x, get("digamma_torch_" + group),
                    get("digamma_exact_" + group));
            String what = "digamma on x_" + group + ": error vs exact " + exact + ", vs torch " + torch
                    + " (torch vs exact " + torchOwn + ")";
            assertTrue(exact <= 2e-15, what);
            assertTrue(torch <= 2e-15 + torchOwn, what);
        }
    }

    /** torch's own trigamma is off by up to ~5e-10 relative (its series stops early); ours is not. */
    @Test
    void trigammaIsExactToAFewUlpsWhereTorchIsNot() {
        for (String group : new String[] {"pos", "neg"}) {
            double[] x = get("x_" + group);
            double[] ours = eval(Tensor::trigamma, x);
            double[] exactValues = get("trigamma_exact_" + group);
            double exact = relativeError(ours, exactValues);
            double torchOwn = relativeError(get("trigamma_torch_" + group), exactValues);
            double torch = relativeError(ours, get("trigamma_torch_" + group));
            String what = "trigamma on x_" + group + ": relative error vs exact " + exact + ", vs torch " + torch
                    + " (torch vs exact " + torchOwn + ")";
            assertTrue(exact <= 1e-15, what);
            assertTrue(torch <= torchOwn + 1e-15, what);
        }
    }

    private static double relativeError(double[] got, double[] want) {
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.abs(want[i]));
        }
        return worst;
    }

    @Test
    void polesGiveWhatTorchGives() {
        double[] x = get("x_pole");
        double[] digamma = eval(Tensor::digamma, x);
        double[] torch = get("digamma_torch_pole");
        for (int i = 0; i < x.length; i++) {
            assertEquals(torch[i], digamma[i], 0, "digamma(" + x[i] + ")");
        }
        assertEquals(Double.NEGATIVE_INFINITY, digamma[0], "digamma(+0)");
        assertEquals(Double.POSITIVE_INFINITY, digamma[1], "digamma(-0)");
    }

    /**
     * At a pole ψ₁ is +inf from both sides. torch gives +inf at ±0 but a large finite value at the negative
     * integers (π² / sin²(πx) with sin(πx) ≈ 1e-16 instead of 0); ours is +inf there too.
     */
    @Test
    void trigammaIsInfiniteAtEveryPole() {
        double[] x = get("x_pole");
        double[] ours = eval(Tensor::trigamma, x);
        double[] torch = get("trigamma_torch_pole");
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= 0 && Double.isFinite(x[i]) && x[i] == Math.rint(x[i])) {
                assertEquals(Double.POSITIVE_INFINITY, ours[i], "trigamma(" + x[i] + ")");
                assertTrue(torch[i] > 1e30, "torch's trigamma(" + x[i] + ") = " + torch[i]);
            } else {
                assertEquals(torch[i], ours[i], 0, "trigamma(" + x[i] + ")");
            }
        }
    }

    @Test
    void f32ResultsAreTheF64OnesRounded() {
        double[] x = get("x_neg");
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        Tensor t = Tensor.of(xf, xf.length);
        float[] digamma = t.digamma().toFloatArray();
        float[] trigamma = t.trigamma().toFloatArray();
        double[] x64 = t.to(DType.F64).toDoubleArray();
        double[] d64 = Tensor.of(x64, x64.length).digamma().toDoubleArray();
        double[] t64 = Tensor.of(x64, x64.length).trigamma().toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) d64[i], digamma[i], 0, "F32 digamma(" + xf[i] + ")");
            assertEquals((float) t64[i], trigamma[i], 0, "F32 trigamma(" + xf[i] + ")");
        }
        assertEquals(DType.F32, t.trigamma().dtype());
        assertEquals(DType.F32, Tensor.of(new long[] {1, 2}, 2).trigamma().dtype(), "integers promote to F32");
    }
}
