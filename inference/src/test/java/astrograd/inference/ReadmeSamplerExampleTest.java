package astrograd.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.inference.diagnostics.Summary;
import astrograd.inference.hmc.HmcResult;
import astrograd.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's samplers example (its one java block importing {@code astrograd.inference}) compiles against this
 * module and runs as written: at most 15 lines; it prints the summary and the HMC checks, and its NUTS posterior
 * of {@code y ~ N(μ, σ)} (20 points, mean 1.9, squared deviations 12.3) has μ near 1.9 and σ near
 * {@code √(12.3/19) ≈ 0.80}. A missing README or block fails the test.
 */
class ReadmeSamplerExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theSamplersExampleCompilesAndRunsAsWritten() throws Exception {
        String block = samplersBlock();
        assertTrue(block.lines().count() <= 15, "the example has " + block.lines().count() + " lines");
        Class<?> code = compile(source(block));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        HmcResult r;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            r = (HmcResult) code.getMethod("example").invoke(null);
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertTrue(text.contains("r_hat") && text.contains("mu") && text.contains("sigma"), text);
        assertEquals(r.diagnostics(), text.strip().lines().reduce((a, b) -> b).orElseThrow(), "the last line");
        Summary s = Summary.of(r.draws());
        double mu = s.row("mu").mean();
        double sigma = s.row("sigma").mean();
        assertTrue(Math.abs(mu - 1.9) < 0.1, "posterior mean of mu " + mu);
        assertTrue(sigma > 0.7 && sigma < 1.0, "posterior mean of sigma " + sigma);
        assertTrue(s.maxRhat() < 1.02, "R-hat " + s.maxRhat());
    }

    private static String samplersBlock() throws Exception {
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        assertTrue(Files.isRegularFile(readme), "README.md not found at " + readme);
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(readme));
        while (m.find()) {
            if (m.group(1).contains("import astrograd.inference.")) {
                blocks.add(m.group(1));
            }
        }
        assertEquals(1, blocks.size(), "java blocks importing astrograd.inference in the README");
        return blocks.get(0);
    }

    /** A class {@code ReadmeSamplers} whose {@code example()} runs the block and returns its {@code r}. */
    private static String source(String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "public final class ReadmeSamplers {\n"
                + "    public static Object example() {\n" + body + "        return r;\n    }\n}\n";
    }

    private static Class<?> compile(String source) throws Exception {
        Path dir = Files.createTempDirectory("readme-samplers");
        Path file = dir.resolve("ReadmeSamplers.java");
        Files.writeString(file, source);
        String classPath = String.join(File.pathSeparator, location(Tensor.class), location(Var.class),
                location(Draws.class));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-proc:none", "-nowarn", "--add-modules", "jdk.incubator.vector",
                "-classpath", classPath, "-d", dir.toString(), file.toString());
        assertEquals(0, status, "the README's code does not compile:\n" + errors.toString(StandardCharsets.UTF_8)
                + "\n" + source);
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                ReadmeSamplerExampleTest.class.getClassLoader());
        return loader.loadClass("ReadmeSamplers");
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
