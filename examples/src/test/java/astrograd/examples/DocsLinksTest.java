package astrograd.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md and docs/ resolves to a file or folder inside the repository (and, for
 * {@code file.md#anchor}, to a heading of that file, by GitHub's rule for heading anchors), and no document points
 * outside the repository: the only such path allowed is the optional real data, {@code ../shared/data}.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared(?!/data)|/work/|/root/|/home/");

    @Test
    void relativeLinksResolveInsideTheRepository() {
        Path root = DocFiles.root();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : DocFiles.markdown()) {
            for (String target : links(DocFiles.read(file))) {
                if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    continue;                                 // https:, mailto:
                }
                checked++;
                String where = root.relativize(file) + ": (" + target + ")";
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(root)) {
                    broken.add(where + " leaves the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(where + " does not exist");
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors(DocFiles.read(resolved)).contains(anchor)) {
                    broken.add(where + ": no heading with anchor #" + anchor + " in " + root.relativize(resolved));
                }
            }
        }
        assertTrue(checked >= 20, "only " + checked + " relative links found");
        if (!broken.isEmpty()) {
            fail(broken.size() + " broken links:\n" + String.join("\n", broken));
        }
    }

    @Test
    void noDocumentRefersToFilesOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path file : DocFiles.markdown()) {
            List<String> lines = DocFiles.read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = OUTSIDE.matcher(lines.get(i));
                if (m.find()) {
                    found.add(DocFiles.root().relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertTrue(found.isEmpty(), "references outside the repository:\n" + String.join("\n", found));
    }

    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** GitHub's anchors: lower case, punctuation but '-' and '_' dropped, spaces to '-', repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCode = false;
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (inCode || !m.matches()) {
                continue;
            }
            String slug = m.group(1).replaceAll("`", "").toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            out.add(n == 0 ? slug : slug + "-" + n);
        }
        return out;
    }
}
