package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PyTorch fixtures written by {@code layers/src/test/python/conv_fixtures.py} (one tensor per
 * line: {@code key [d0,d1,...] values...}) and checks a layer against one: parameter names and order as
 * the state_dict, the output, and the gradients of {@code ⟨gy, y⟩} for the input and every parameter.
 */
final class ConvFixtures {
    /** Relative tolerances per dtype, each element against its own magnitude. */
    static final double F64_TOL = 1e-10;
    static final double F32_TOL = 1e-5;
    /** Absolute tolerances per dtype, for elements near zero. */
    static final double F64_ATOL = 1e-12;
    static final double F32_ATOL = 1e-6;

    private ConvFixtures() {
    }

    static Map<String, Tensor> load(String name) {
        String path = "/fixtures/conv/" + name + ".txt";
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (InputStream in = ConvFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                fail("missing fixture " + path + "; run /usr/bin/python3 layers/src/test/python/conv_fixtures.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    parseLine(line, out);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
        return out;
    }

    private static void parseLine(String line, Map<String, Tensor> out) {
        String[] tok = line.trim().split("\\s+");
        String dims = tok[1].substring(1, tok[1].length() - 1);
        int[] shape = dims.isEmpty() ? new int[0] : java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        double[] values = new double[tok.length - 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(tok[i + 2]);
        }
        out.put(tok[0], Tensor.of(values, shape));
    }

    static double tolerance(DType dtype) {
        return dtype == DType.F64 ? F64_TOL : F32_TOL;
    }

    static double absoluteTolerance(DType dtype) {
        return dtype == DType.F64 ? F64_ATOL : F32_ATOL;
    }

    /**
     * Loads the fixture's parameters into {@code layer} (cast to dtype), runs it on the fixture's input and
     * compares the output and all gradients.
     */
    static void check(String name, Module layer, DType dtype) {
        Map<String, Tensor> f = load(name);
        List<String> expectedNames = new ArrayList<>();
        f.keySet().stream().filter(k -> k.startsWith("param.")).forEach(k -> expectedNames.add(k.substring(6)));
        assertEquals(expectedNames, List.copyOf(layer.namedParameters().keySet()), name + ": parameter names");
        for (String p : expectedNames) {
            layer.namedParameters().get(p).set(f.get("param." + p).to(dtype));
        }
        Var x = Var.param(f.get("x").to(dtype));
        Var y = ((Layer) layer).forward(x);
        assertEquals(dtype, y.value().dtype(), name + ": output dtype");
        double tol = tolerance(dtype);
        double atol = absoluteTolerance(dtype);
        assertClose(f.get("y"), y.value(), tol, atol, name + " " + dtype + " output");
        y.backward(f.get("gy").to(dtype));
        assertClose(f.get("gx"), x.grad(), tol, atol, name + " " + dtype + " input gradient");
        for (String p : expectedNames) {
            assertClose(f.get("grad." + p), layer.namedParameters().get(p).grad(), tol, atol,
                    name + " " + dtype + " gradient of " + p);
        }
    }

    /** {@code |actual − expected| ≤ atol + rtol |expected|} element by element (each against its own size), shapes equal. */
    static void assertClose(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        assertNotNull(actual, what + ": missing");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double allowed = atol + rtol * Math.abs(e[i]);
            if (!(Math.abs(a[i] - e[i]) <= allowed)) {
                fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i] + " (allowed " + allowed + ")");
            }
        }
    }
}
