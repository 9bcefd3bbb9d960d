package astrograd.layers.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import astrograd.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the fixtures written by {@code layers/src/test/python/optim_fixtures.py} from
 * {@code /fixtures/optim/<file>} on the test class path: lines {@code key F64|I64 [shape] values...}.
 * A missing file fails the test.
 */
public final class OptimFixtures {
    private final String file;
    private final Map<String, Tensor> values = new LinkedHashMap<>();

    private OptimFixtures(String file) {
        this.file = file;
    }

    public static OptimFixtures load(String file) {
        InputStream in = OptimFixtures.class.getResourceAsStream("/fixtures/optim/" + file);
        assertNotNull(in, "missing fixture /fixtures/optim/" + file + "; run layers/src/test/python/optim_fixtures.py");
        OptimFixtures f = new OptimFixtures(file);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    f.parse(line.trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private void parse(String[] tok) {
        String dims = tok[2].substring(1, tok[2].length() - 1);
        int[] shape = dims.isEmpty() ? new int[0] : java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        int n = tok.length - 3;
        if (tok[1].equals("F64")) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = parseDouble(tok[3 + i]);
            }
            values.put(tok[0], Tensor.of(v, shape));
        } else {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = Long.parseLong(tok[3 + i]);
            }
            values.put(tok[0], Tensor.of(v, shape));
        }
    }

    /** Python's repr of a float: also {@code inf}, {@code -inf}, {@code nan}. */
    private static double parseDouble(String s) {
        switch (s) {
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": return Double.NaN;
            default: return Double.parseDouble(s);
        }
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Tensor tensor(String key) {
        Tensor t = values.get(key);
        assertNotNull(t, file + ": no key '" + key + "'");
        return t;
    }

    public double[] doubles(String key) {
        return tensor(key).toDoubleArray();
    }

    public int[] ints(String key) {
        long[] l = tensor(key).toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    public double scalar(String key) {
        return tensor(key).item();
    }

    /** Asserts {@code |actual − expected| <= tol · max(1, |expected|)} element by element. */
    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * Math.max(1, Math.abs(expected[i])))) {
                throw new AssertionError(what + ": element " + i + ": expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }
}
