package astrograd.autodiff.gradtable;

import astrograd.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the PyTorch gradient fixtures written by {@code make_grad_fixtures.py}: {@code gradfixtures/<id>.txt}
 * on the test class path, one case per file, lines {@code in / aux / weight / out / grad} (format in the
 * script).
 */
final class GradFixtures {
    static final String DIR = "/gradfixtures/";

    /** One case: differentiable inputs, auxiliary inputs, the output weight, torch's output and gradients. */
    static final class Case {
        final List<Tensor> inputs = new ArrayList<>();
        final List<Tensor> aux = new ArrayList<>();
        Tensor weight;
        Tensor output;
        final List<Tensor> grads = new ArrayList<>();
    }

    private GradFixtures() {
    }

    /** The case of row {@code id}, or null if its fixture file is missing. */
    static Case load(String id) {
        InputStream in = GradFixtures.class.getResourceAsStream(DIR + id + ".txt");
        if (in == null) {
            return null;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(id, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case parse(String id, BufferedReader r) throws IOException {
        Case c = new Case();
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            String[] tok = line.trim().split("\\s+");
            if (tok[0].isEmpty() || tok[0].startsWith("#")) {
                continue;
            }
            Tensor t = tensor(tok);
            switch (tok[0]) {
                case "in": c.inputs.add(t); break;
                case "aux": c.aux.add(t); break;
                case "weight": c.weight = t; break;
                case "out": c.output = t; break;
                case "grad": c.grads.add(t); break;
                default: throw new IllegalStateException(id + ".txt line " + lineNo + ": unknown tag " + tok[0]);
            }
        }
        return c;
    }

    /** {@code tag DTYPE [d0,d1] v0 v1 ...} with DTYPE F64, I64 or BOOL. */
    private static Tensor tensor(String[] tok) {
        String dims = tok[2].substring(1, tok[2].length() - 1);
        int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        int n = tok.length - 3;
        switch (tok[1]) {
            case "F64": {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Double.parseDouble(tok[3 + i]);
                }
                return Tensor.of(v, shape);
            }
            case "I64": {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Long.parseLong(tok[3 + i]);
                }
                return Tensor.of(v, shape);
            }
            case "BOOL": {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = tok[3 + i].equals("1");
                }
                return Tensor.of(v, shape);
            }
            default: throw new IllegalStateException("unknown dtype " + tok[1]);
        }
    }

    /** Ids of all fixture files present (from the directory listing on the class path). */
    static List<String> presentIds() {
        List<String> ids = new ArrayList<>();
        try {
            java.net.URL dir = GradFixtures.class.getResource(DIR);
            if (dir == null) {
                return ids;
            }
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                        .forEach(n -> ids.add(n.substring(0, n.length() - 4)));
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list gradient fixtures: " + e, e);
        }
        return ids;
    }
}
