package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the PyTorch fixtures written by {@code layers/src/test/python/norm_rnn_fixtures.py}
 * ({@code fixtures/normrnn/<case>.txt}: lines {@code name F64|I64 [d0,d1] v0 v1 ...}) and compares tensors.
 * A missing fixture fails the test.
 */
final class NormRnnFixtures {
    private final String name;
    private final Map<String, Tensor> tensors;

    private NormRnnFixtures(String name, Map<String, Tensor> tensors) {
        this.name = name;
        this.tensors = tensors;
    }

    static NormRnnFixtures load(String name) {
        InputStream in = NormRnnFixtures.class.getResourceAsStream("/fixtures/normrnn/" + name + ".txt");
        assertNotNull(in, "missing fixture fixtures/normrnn/" + name + ".txt (run norm_rnn_fixtures.py)");
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] tok = line.trim().split("\\s+");
                if (!tok[0].isEmpty() && !tok[0].startsWith("#")) {
                    out.put(tok[0], parse(tok));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NormRnnFixtures(name, out);
    }

    private static Tensor parse(String[] tok) {
        String dims = tok[2].substring(1, tok[2].length() - 1);
        int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        int n = tok.length - 3;
        if (tok[1].equals("I64")) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = Long.parseLong(tok[3 + i]);
            }
            return Tensor.of(v, shape);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Double.parseDouble(tok[3 + i]);
        }
        return Tensor.of(v, shape);
    }

    boolean has(String key) {
        return tensors.containsKey(key);
    }

    /** The tensor named {@code key}, F64 values cast to {@code dtype}. */
    Tensor get(String key, DType dtype) {
        Tensor t = get(key);
        return t.dtype() == DType.I64 ? t : t.to(dtype);
    }

    Tensor get(String key) {
        Tensor t = tensors.get(key);
        assertNotNull(t, name + ": no tensor '" + key + "'");
        return t;
    }

    /** Asserts {@code actual} matches tensor {@code key} within {@code tol · (1 + |expected|)} elementwise. */
    void assertClose(String key, Tensor actual, double tol) {
        Tensor expected = get(key);
        assertArrayEquals(expected.shape(), actual.shape(), name + "." + key + ": shape " + Shape.str(actual.shape()));
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double allowed = tol * (1 + Math.abs(e[i]));
            if (!(Math.abs(a[i] - e[i]) <= allowed)) {
                throw new AssertionError(name + "." + key + "[" + i + "]: expected " + e[i] + ", got " + a[i]
                        + " (tolerance " + allowed + ")");
            }
        }
    }

    /**
     * Checks a normalization layer against this fixture in {@code dtype}: sets {@code weight} and {@code bias} from
     * the fixture when it has them (an affine layer), then compares the output on {@code x} and the gradients of
     * {@code sum(out · w_out)} for x, weight and bias, within {@link #normTolerance} (10× for x and weight).
     */
    void assertNormMatches(Layer norm, Parameter weight, Parameter bias, DType dtype) {
        boolean affine = has("weight");
        if (affine) {
            weight.set(get("weight", dtype));
            bias.set(get("bias", dtype));
        }
        Var x = Var.param(get("x", dtype));
        Var out = norm.forward(x);
        double tol = normTolerance(dtype);
        assertEquals(dtype, out.value().dtype());
        assertClose("out", out.value(), tol);
        out.mul(Var.constant(get("w_out", dtype))).sum().backward();
        assertClose("grad_x", x.grad(), tol * 10);
        if (affine) {
            assertClose("grad_weight", weight.grad(), tol * 10);
            assertClose("grad_bias", bias.grad(), tol);
        }
    }

    /**
     * {@link #tol}, but 1e-4 for a constant input ({@code *_constant}) in F32: there the F32 mean is off from x by
     * up to an ulp of x, which 1/sqrt(ε) ≈ 316 amplifies (torch's own F32 output on groupnorm_constant is 1.7e-5
     * from its F64 one).
     */
    double normTolerance(DType dtype) {
        return name.endsWith("_constant") && dtype == DType.F32 ? 1e-4 : tol(dtype);
    }

    /** Tolerance for comparisons in a dtype: F32 1e-5, F64 1e-10. */
    static double tol(DType dtype) {
        return dtype == DType.F64 ? 1e-10 : 1e-5;
    }
}
