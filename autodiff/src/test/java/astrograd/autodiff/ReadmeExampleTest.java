package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's Java blocks compile against the library and run as written: the library example and the gradient
 * example in one method, the scope example in another (with a stand-in {@code step}); their results are checked,
 * and the error message the README quotes is the real one. A missing README fails the test. Blocks that import
 * {@code astrograd.inference} (the samplers' example) are compiled and run by inference's
 * {@code ReadmeSamplerExampleTest}, whose classpath has that module.
 */
class ReadmeExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void javaBlocksCompileAndRunAsWritten() throws Exception {
        Class<?> code = compile(source(javaBlocks()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        Map<?, ?> vars;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            vars = (Map<?, ?>) code.getMethod("example").invoke(null);
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("2", lines.get(lines.size() - 1), "the example's last line");
        float[] ones = new float[32];
        java.util.Arrays.fill(ones, 1f);
        assertArrayEquals(ones, ((Tensor) vars.get("p")).sum(new int[] {1}, false).toFloatArray(), 1e-5f);
        assertArrayEquals(new int[] {32, 64}, ((Tensor) vars.get("h")).shape());
        Tensor grad = ((Var) vars.get("w1")).grad();
        assertNotNull(grad, "w1.grad()");
        assertArrayEquals(new int[] {13, 64}, grad.shape());
        assertTrue(grad.abs().sum().item() > 0 && Double.isFinite(grad.sum().item()));
        Method scope = code.getMethod("scope", Tensor.class, Tensor.class);
        Tensor weights = (Tensor) scope.invoke(null, Tensor.ones(4), Tensor.ones(4));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, weights.toFloatArray(), "kept past the scope");
    }

    @Test
    void readmeShowsTheRealMatmulError() throws Exception {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 6)));
        assertEquals("matmul: [3, 4] @ [5, 6]: inner dimensions differ (4 vs 5)", e.getMessage());
        assertTrue(Files.readString(readme()).contains(e.getMessage()), "README quotes the message");
    }

    private static Path readme() {
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        assertTrue(Files.isRegularFile(readme), "README.md not found at " + readme);
        return readme;
    }

    /** The README's java blocks in order, but the samplers': the library example, gradients, the scope. */
    private static List<String> javaBlocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(readme()));
        while (m.find()) {
            if (!m.group(1).contains("import astrograd.inference.")) {
                blocks.add(m.group(1));
            }
        }
        assertEquals(3, blocks.size(), "java blocks in the README (update this test with them)");
        assertTrue(blocks.get(2).contains("TensorScope.open()"), "the third block is the scope example");
        return blocks;
    }

    /**
     * A class {@code ReadmeCode}: {@code example()} runs blocks 1 and 2 and returns their variables; {@code scope}
     * runs block 3 on its {@code weights} and {@code batch}, with {@code step(w, b) = w − b / 2}.
     */
    private static String source(List<String> blocks) {
        Set<String> imports = new LinkedHashSet<>(List.of("import astrograd.tensor.*;", "import astrograd.autodiff.*;"));
        List<String> body = new ArrayList<>();
        for (String block : blocks) {
            StringBuilder statements = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("import ")) {
                    imports.add(line.trim());
                } else {
                    statements.append(line).append('\n');
                }
            }
            body.add(statements.toString());
        }
        return String.join("\n", imports) + "\n"
                + "public final class ReadmeCode {\n"
                + "    public static java.util.Map<String, Object> example() {\n"
                + body.get(0) + body.get(1)
                + "        return java.util.Map.of(\"p\", p, \"h\", h, \"w1\", w1, \"loss\", loss);\n"
                + "    }\n"
                + "    static Tensor step(Tensor weights, Tensor batch) { return weights.sub(batch.div(2)); }\n"
                + "    public static Tensor scope(Tensor weights, Tensor batch) {\n"
                + body.get(2)
                + "        return weights;\n"
                + "    }\n"
                + "}\n";
    }

    private static Class<?> compile(String source) throws Exception {
        Path dir = Files.createTempDirectory("readme-code");
        Path file = dir.resolve("ReadmeCode.java");
        Files.writeString(file, source);
        String classPath = location(Tensor.class) + File.pathSeparator + location(Var.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-proc:none", "-nowarn", "--add-modules", "jdk.incubator.vector",
                "-classpath", classPath, "-d", dir.toString(), file.toString());
        assertEquals(0, status, "the README's code does not compile:\n" + errors.toString(StandardCharsets.UTF_8)
                + "\n" + source);
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader());
        return loader.loadClass("ReadmeCode");
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
