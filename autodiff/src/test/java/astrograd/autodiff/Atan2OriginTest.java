package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Var#atan2} where the gradient table cannot go: at the origin and on the axes, with signed zeros,
 * against torch 1.13 ({@code edgefixtures/atan2_origin.txt}, written by {@code edge_fixtures.py}). The forward
 * must give torch's value with torch's sign of zero (±0, ±π, ±π/2); the gradients
 * {@code (x, -y) / (x² + y²)} must be NaN exactly where torch's are (the origin, and a broadcast input that
 * reaches it), and equal to torch's elsewhere.
 */
class Atan2OriginTest {
    static Map<String, Tensor> load(String name) {
        InputStream in = Atan2OriginTest.class.getResourceAsStream("/edgefixtures/" + name + ".txt");
        assertNotNull(in, "missing edgefixtures/" + name + ".txt: run edge_fixtures.py");
        Map<String, Tensor> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] tok = line.trim().split("\\s+");
                if (tok[0].isEmpty() || tok[0].startsWith("#")) {
                    continue;
                }
                String dims = tok[2].substring(1, tok[2].length() - 1);
                int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
                double[] v = new double[tok.length - 3];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(tok[3 + i]);
                }
                out.put(tok[0], Tensor.of(v, shape));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** NaN where torch has NaN, the same sign of zero where {@code signs}, else within 1e-15 relative (F64). */
    static void assertLikeTorch(String what, Tensor expected, Tensor got, double tol, boolean signs) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape " + Shape.str(got.shape()));
        double[] e = expected.toDoubleArray();
        double[] g = got.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            String at = what + "[" + i + "]: torch " + e[i] + ", got " + g[i];
            assertEquals(Double.isNaN(e[i]), Double.isNaN(g[i]), at);
            if (!Double.isNaN(e[i])) {
                assertTrue(Math.abs(g[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])), at);
                if (signs && e[i] == 0) {
                    assertEquals(Math.copySign(1, e[i]), Math.copySign(1, g[i]), at + " (sign of zero)");
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"'',F64,1e-15", "_bcast,F64,1e-15", "'',F32,1e-6", "_bcast,F32,1e-6"})
    void originAndAxesMatchTorch(String suffix, DType dtype, double tol) {
        Map<String, Tensor> f = load("atan2_origin");
        Var y = Var.param(f.get("y" + suffix).to(dtype));
        Var x = Var.param(f.get("x" + suffix).to(dtype));
        Var out = y.atan2(x);
        String what = "atan2" + suffix + " " + dtype;
        assertEquals(dtype, out.value().dtype());
        assertLikeTorch(what + " output", f.get("out" + suffix), out.value(), tol, true);
        out.mul(Var.constant(f.get("w" + suffix).to(dtype))).sum().backward();
        assertLikeTorch(what + " gradient of y", f.get("grad_y" + suffix), y.grad(), tol, false);
        assertLikeTorch(what + " gradient of x", f.get("grad_x" + suffix), x.grad(), tol, false);
    }
}
