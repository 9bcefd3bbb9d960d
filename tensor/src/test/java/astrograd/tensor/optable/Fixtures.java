package astrograd.tensor.optable;

import astrograd.tensor.DType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the PyTorch fixtures written by {@code make_fixtures.py}: {@code fixtures/<id>.txt} on the test
 * class path, a sequence of {@code case DTYPE / in ... / out ... / end} blocks (format in the script).
 */
final class Fixtures {
    static final String DIR = "/fixtures/";

    /** One case: the dtype it was made for, its inputs and torch's results. */
    static final class Case {
        final DType dtype;
        final List<Nd> inputs = new ArrayList<>();
        final List<Nd> outputs = new ArrayList<>();

        Case(DType dtype) {
            this.dtype = dtype;
        }
    }

    private Fixtures() {
    }

    /** The cases of row {@code id}, or null if the fixture file is missing. */
    static List<Case> load(String id) {
        InputStream in = Fixtures.class.getResourceAsStream(DIR + id + ".txt");
        if (in == null) {
            return null;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(id, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> parse(String id, BufferedReader r) throws IOException {
        List<Case> cases = new ArrayList<>();
        Case current = null;
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            String[] tok = line.trim().split("\\s+");
            if (tok[0].isEmpty() || tok[0].startsWith("#")) {
                continue;
            }
            switch (tok[0]) {
                case "case": current = new Case(DType.valueOf(tok[1])); break;
                case "in": current.inputs.add(array(tok)); break;
                case "out": current.outputs.add(array(tok)); break;
                case "end": cases.add(current); current = null; break;
                default: throw new IllegalStateException(id + ".txt line " + lineNo + ": unknown tag " + tok[0]);
            }
        }
        return cases;
    }

    /** {@code tag DTYPE [d0,d1] v0 v1 ...}; F32 values are parsed as floats (exact round trip). */
    private static Nd array(String[] tok) {
        DType dtype = DType.valueOf(tok[1]);
        String dims = tok[2].substring(1, tok[2].length() - 1);
        int[] shape = dims.isEmpty() ? new int[0]
                : java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        double[] v = new double[tok.length - 3];
        for (int i = 0; i < v.length; i++) {
            String s = tok[3 + i];
            v[i] = dtype == DType.F32 ? Float.parseFloat(s) : Double.parseDouble(s);
        }
        return new Nd(dtype, shape, v);
    }

    /** Ids of all fixture files present (from the directory listing on the class path). */
    static List<String> presentIds() {
        List<String> ids = new ArrayList<>();
        try {
            java.net.URL dir = Fixtures.class.getResource(DIR);
            if (dir == null) {
                return ids;
            }
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                        .forEach(n -> ids.add(n.substring(0, n.length() - 4)));
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list fixtures: " + e, e);
        }
        return ids;
    }
}
