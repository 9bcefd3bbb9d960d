package astrograd.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The documentation files (README.md and docs/**.md) and their fenced code blocks. */
final class DocFiles {
    /** A fenced block: its file, the line of its opening fence (1-based), language, text, and the marker before it. */
    record Block(Path file, int line, String language, String text, String marker) {
        String where() {
            return root().relativize(file) + ":" + line;
        }
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([\\w+-]*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*code:\\s*(\\S+)\\s*-->\\s*$");

    private DocFiles() {
    }

    /** The repository root: the parent of this module's directory (Surefire runs in the module). */
    static Path root() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("README.md")), "README.md not found in " + root);
        return root;
    }

    /** README.md and every .md file under docs/, sorted. */
    static List<Path> markdown() {
        List<Path> files = new ArrayList<>();
        files.add(root().resolve("README.md"));
        Path docs = root().resolve("docs");
        assertTrue(Files.isDirectory(docs), "docs/ not found at " + docs);
        try (Stream<Path> s = Files.walk(docs)) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced blocks of a markdown file, with the {@code <!-- code: PATH#REGION -->} line before each, if any. */
    static List<Block> blocks(Path file) {
        List<String> lines = read(file).lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                String l = lines.get(j);
                text.append(l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l.strip())
                        .append('\n');
                j++;
            }
            assertTrue(j < lines.size(), file + ":" + (i + 1) + ": code block never closed");
            String marker = null;
            if (i > 0) {
                Matcher m = MARKER.matcher(lines.get(i - 1));
                marker = m.matches() ? m.group(1) : null;
            }
            blocks.add(new Block(file, i + 1, open.group(2), text.toString(), marker));
            i = j;
        }
        return blocks;
    }
}
