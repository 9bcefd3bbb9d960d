package astrograd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code block of the documentation is code that the build compiles and the tests run. A block in Java, XML or
 * Python must follow a line {@code <!-- code: PATH#REGION -->} naming a region of a source file, the lines between
 * {@code docs:begin REGION} and {@code docs:end REGION} comments (several regions joined by commas are shown one
 * after the other, separated by an empty line); the block must equal the region's text with its common indentation
 * removed. The Java files are those of this module (compiled by it and run by {@code ExamplesTest}) or of another
 * module's sources; the XML is the consumer project's pom ({@code ConsumerProjectTest} builds it); the Python is the
 * script that wrote the committed PyTorch fixtures. Blocks in other languages are shell commands or output.
 */
class DocsCodeTest {
    private static final Set<String> CHECKED = Set.of("java", "xml", "python");
    private static final Pattern REGION = Pattern.compile("^\\s*(?://|#|<!--)\\s*docs:(begin|end)\\s+([\\w-]+)\\s*(?:-->)?\\s*$");

    @Test
    void everyCodeBlockIsARegionOfCompiledSource() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : DocFiles.markdown()) {
            for (DocFiles.Block b : DocFiles.blocks(file)) {
                if (!CHECKED.contains(b.language())) {
                    if (b.marker() != null) {
                        problems.add(b.where() + ": a code marker before a '" + b.language() + "' block");
                    }
                    continue;
                }
                if (b.marker() == null) {
                    problems.add(b.where() + ": a " + b.language() + " block without <!-- code: PATH#REGION --> before it"
                            + " (put the code in a compiled file between docs:begin/docs:end comments)");
                    continue;
                }
                String expected = regionsOf(b.marker(), problems, b.where());
                if (expected != null && !expected.equals(b.text())) {
                    problems.add(b.where() + ": differs from " + b.marker() + "\n--- the source has:\n" + expected
                            + "--- the document has:\n" + b.text());
                }
                checked++;
            }
        }
        assertTrue(checked >= 10, "only " + checked + " checked blocks found");
        if (!problems.isEmpty()) {
            fail(problems.size() + " documentation code blocks are not the compiled code:\n" + String.join("\n", problems));
        }
    }

    @Test
    void everyRegionOfTheExamplesIsShownSomewhere() throws IOException {
        Set<String> shown = new TreeSet<>();
        for (Path file : DocFiles.markdown()) {
            for (DocFiles.Block b : DocFiles.blocks(file)) {
                if (b.marker() != null) {
                    String[] parts = b.marker().split("#", 2);
                    for (String region : parts[1].split(",")) {
                        shown.add(parts[0] + "#" + region);
                    }
                }
            }
        }
        Set<String> defined = new TreeSet<>();
        Path root = DocFiles.root();
        try (Stream<Path> s = Files.walk(root.resolve("examples/src"))) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(java|py|xml)$")).toList()) {
                regions(Files.readString(p)).keySet().forEach(r -> defined.add(root.relativize(p) + "#" + r));
            }
        }
        defined.removeAll(shown);
        assertTrue(defined.isEmpty(), "regions no document shows (stale markers?): " + defined);
    }

    @Test
    void everyExampleNamedInTheDocsExists() {
        Pattern command = Pattern.compile("astrograd example ([a-z][\\w-]*)");
        List<String> unknown = new ArrayList<>();
        int named = 0;
        for (Path file : DocFiles.markdown()) {
            Matcher m = command.matcher(DocFiles.read(file));
            while (m.find()) {
                named++;
                if (!Examples.ALL.containsKey(m.group(1)) && !m.group(1).equals("NAME")) {
                    unknown.add(DocFiles.root().relativize(file) + ": ./astrograd example " + m.group(1));
                }
            }
        }
        assertTrue(named >= 8, "only " + named + " example commands in the docs");
        assertTrue(unknown.isEmpty(), "examples the launcher does not know: " + unknown);
    }

    @Test
    void theQuotedMatmulErrorIsTheRealOne() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 6)));
        assertEquals("matmul: [3, 4] @ [5, 6]: inner dimensions differ (4 vs 5)", e.getMessage());
        assertTrue(DocFiles.read(DocFiles.root().resolve("docs/user-guide.md")).contains(e.getMessage()),
                "docs/user-guide.md quotes the message");
    }

    /** The text of {@code PATH#R1,R2...}: the regions in order, joined by an empty line; null after a problem. */
    private static String regionsOf(String marker, List<String> problems, String where) {
        String[] parts = marker.split("#", 2);
        if (parts.length != 2) {
            problems.add(where + ": marker '" + marker + "' is not PATH#REGION");
            return null;
        }
        Path file = DocFiles.root().resolve(parts[0]).normalize();
        if (!file.startsWith(DocFiles.root()) || !Files.isRegularFile(file)) {
            problems.add(where + ": no file " + parts[0]);
            return null;
        }
        Map<String, String> regions = regions(DocFiles.read(file));
        List<String> texts = new ArrayList<>();
        for (String name : parts[1].split(",")) {
            String text = regions.get(name);
            if (text == null) {
                problems.add(where + ": " + parts[0] + " has no region '" + name + "'");
                return null;
            }
            texts.add(text);
        }
        return String.join("\n", texts);
    }

    /** The regions of a source file by name, each dedented, its lines ending in a newline. */
    static Map<String, String> regions(String source) {
        Map<String, List<String>> open = new LinkedHashMap<>();
        Map<String, String> done = new LinkedHashMap<>();
        for (String line : source.lines().toList()) {
            Matcher m = REGION.matcher(line);
            if (m.matches()) {
                String name = m.group(2);
                if (m.group(1).equals("begin")) {
                    assertTrue(!open.containsKey(name) && !done.containsKey(name), "region '" + name + "' opened twice");
                    open.put(name, new ArrayList<>());
                } else {
                    List<String> lines = open.remove(name);
                    assertTrue(lines != null, "region '" + name + "' closed but never opened");
                    done.put(name, dedent(lines));
                }
                continue;
            }
            open.values().forEach(l -> l.add(line));
        }
        assertTrue(open.isEmpty(), "regions never closed: " + open.keySet());
        return done;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }
}
