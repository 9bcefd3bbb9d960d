package astrograd.layers.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
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
 * One PyTorch fixture of {@code heads_losses_fixtures.py}: {@code fixtures/heads/<case>.txt}, named tensors
 * (format in the script). A missing fixture fails the test.
 */
public final class Fixture {
    private final String name;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private Fixture(String name) {
        this.name = name;
    }

    public static Fixture load(String name) {
        InputStream in = Fixture.class.getResourceAsStream("/fixtures/heads/" + name + ".txt");
        assertNotNull(in, "missing fixture fixtures/heads/" + name + ".txt; run heads_losses_fixtures.py");
        Fixture f = new Fixture(name);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] tok = line.trim().split("\\s+");
                    f.tensors.put(tok[0], parse(tok));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
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

    public boolean has(String key) {
        return tensors.containsKey(key);
    }

    /** A stored tensor (floating ones converted to {@code dtype}; indices unchanged). */
    public Tensor get(String key, DType dtype) {
        Tensor t = tensors.get(key);
        assertNotNull(t, name + ": no tensor '" + key + "'");
        return t.dtype().isFloating() ? t.to(dtype) : t;
    }

    /** A stored tensor as a leaf requiring a gradient. */
    public Var param(String key, DType dtype) {
        return Var.param(get(key, dtype));
    }

    /** Relative tolerance used for a dtype: 1e-10 for F64, 2e-5 for F32. */
    public static double tolerance(DType dtype) {
        return dtype == DType.F64 ? 1e-10 : 2e-5;
    }

    /** Absolute tolerance used for a dtype (for elements near zero, e.g. sums that cancel): 1e-12 for F64, 5e-6 for F32. */
    public static double absoluteTolerance(DType dtype) {
        return dtype == DType.F64 ? 1e-12 : 5e-6;
    }

    /**
     * Back-propagates the stored "seed" (1 for a scalar output) from {@code out}, then compares
     * the output and the gradient of every named leaf with torch's. An F32 result is compared with torch's
     * float64 result on the inputs rounded to float32 (the {@code f32_} entries), so the check measures float32
     * arithmetic, not the case's sensitivity to rounding its inputs.
     */
    public void check(Var out, DType dtype, Map<String, Var> leaves) {
        double tol = tolerance(dtype);
        double atol = absoluteTolerance(dtype);
        assertClose("out", reference("out", dtype), out.value(), tol, atol);
        Tensor seed = has("seed") ? get("seed", dtype) : Tensor.ones(dtype, out.value().shape());
        out.backward(seed.reshape(out.value().shape()));
        for (Map.Entry<String, Var> e : leaves.entrySet()) {
            Tensor g = e.getValue().grad();
            assertNotNull(g, name + ": no gradient reached " + e.getKey());
            assertClose("grad_" + e.getKey(), reference("grad_" + e.getKey(), dtype), g, tol, atol);
        }
    }

    /** The expected value of {@code key} for a result in {@code dtype} (see {@link #check}). */
    private Tensor reference(String key, DType dtype) {
        return get(dtype == DType.F32 ? "f32_" + key : key, DType.F64);
    }

    /**
     * {@code |a − e| ≤ atol + rtol |e|} element by element, with the shapes equal: each element is held to its
     * own magnitude, so a large entry cannot loosen the check of a small one.
     */
    public void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertArrayEquals(expected.shape(), actual.shape(), name + " " + what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.to(DType.F64).toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail(name + " " + what + "[" + i + "] (" + actual.dtype() + "): expected " + e[i] + ", got " + a[i]
                        + " (allowed " + (atol + rtol * Math.abs(e[i])) + "); expected " + Arrays.toString(e) + ", got "
                        + Arrays.toString(a));
            }
        }
    }
}
