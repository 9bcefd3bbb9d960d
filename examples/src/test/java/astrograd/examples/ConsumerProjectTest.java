package astrograd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new Maven project outside the repository, with only the installed artifacts, compiles and runs the README's
 * example and the custom-layer how-to (docs/maven.md). The artifacts are installed as {@code mvn install} lays them
 * out, into a temporary local repository: the parent pom, the BOM, and for tensor, autodiff and layers their pom and a
 * jar of the classes this build has just compiled. Maven then builds the consumer against that repository, with the
 * user's {@code ~/.m2/repository} as a read-only {@code file:} mirror for everything else (plugins, progressbar),
 * so nothing is written there and no io/astrograd artifact of this build can shadow another checkout's.
 */
class ConsumerProjectTest {
    private static final List<String> MODULES = List.of("tensor", "autodiff", "layers");
    private static final List<String> ALL_MODULES = List.of("tensor", "autodiff", "kernels", "layers", "inference", "astro");
    private static final Pattern VERSION = Pattern.compile("<artifactId>astrograd-parent</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void aConsumerProjectBuildsAndRunsAgainstTheInstalledArtifacts(@TempDir Path tmp) throws Exception {
        String mvn = findOnPath("mvn");
        assumeTrue(mvn != null, "mvn is not on the PATH: the consumer project cannot be built");
        Path root = DocFiles.root();
        String version = projectVersion(root);
        Path repo = tmp.resolve("repository");
        install(root, version, repo);
        Path consumer = writeConsumer(root, tmp.resolve("consumer"));
        Path settings = writeSettings(tmp.resolve("settings.xml"));

        List<String> command = List.of(mvn, "-B", "-q", "-Dstyle.color=never", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "compile", "org.codehaus.mojo:exec-maven-plugin:3.5.0:exec");
        Process p = new ProcessBuilder(command).directory(consumer.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "the consumer build did not finish in 300 s:\n" + output);
        assertEquals(0, p.exitValue(), "the consumer build failed (" + String.join(" ", command) + "):\n" + output);
        assertTrue(output.contains("step 500  loss"), "the README example ran:\n" + output);
        Matcher m = Pattern.compile("custom-layer accuracy ([0-9.]+)").matcher(output);
        assertTrue(m.find(), "the how-to ran:\n" + output);
        assertTrue(Double.parseDouble(m.group(1)) > 0.8, output);
        try (Stream<Path> s = Files.walk(repo.resolve("io/astrograd"))) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().equals("astrograd-layers-" + version + ".jar")));
        }
    }

    @Test
    void theBomListsEveryModuleAtTheProjectVersion() throws IOException {
        Path root = DocFiles.root();
        String version = projectVersion(root);
        String bom = Files.readString(root.resolve("bom/pom.xml"));
        assertTrue(bom.contains("<artifactId>astrograd-bom</artifactId>\n  <version>" + version + "</version>"),
                "bom/pom.xml's version is the project's " + version);
        assertTrue(bom.contains("<astrograd.version>" + version + "</astrograd.version>"), "the BOM pins " + version);
        for (String module : ALL_MODULES) {
            assertTrue(bom.contains("<artifactId>astrograd-" + module + "</artifactId>"), "the BOM lists " + module);
            assertTrue(Files.readString(root.resolve(module + "/pom.xml")).contains("<version>" + version + "</version>"),
                    module + "/pom.xml has the parent version " + version);
        }
        String consumerPom = Files.readString(root.resolve("examples/src/test/resources/consumer/pom.xml"));
        assertTrue(consumerPom.contains("<version>" + version + "</version>"), "the consumer (and docs/maven.md) import "
                + version);
    }

    static String projectVersion(Path root) throws IOException {
        Matcher m = VERSION.matcher(Files.readString(root.resolve("pom.xml")));
        assertTrue(m.find(), "no version in pom.xml");
        return m.group(1);
    }

    /** Lays the artifacts out as {@code mvn install} does: io/astrograd/ARTIFACT/VERSION/ARTIFACT-VERSION.(pom|jar). */
    static void install(Path root, String version, Path repo) throws IOException {
        installPom(root.resolve("pom.xml"), "astrograd-parent", version, repo);
        installPom(root.resolve("bom/pom.xml"), "astrograd-bom", version, repo);
        for (String module : MODULES) {
            String artifact = "astrograd-" + module;
            Path classes = root.resolve(module + "/target/classes");
            assertTrue(Files.isDirectory(classes), classes + " is missing: build the modules first (mvn test from the root)");
            Path dir = installPom(root.resolve(module + "/pom.xml"), artifact, version, repo);
            jar(classes, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    private static Path installPom(Path pom, String artifact, String version, Path repo) throws IOException {
        Path dir = repo.resolve("io/astrograd/" + artifact + "/" + version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        return dir;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            for (Path f : files) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
    }

    /** The consumer: the template pom and main class, and the example sources it runs, copied as they are. */
    private static Path writeConsumer(Path root, Path consumer) throws IOException {
        Path template = root.resolve("examples/src/test/resources/consumer");
        try (Stream<Path> s = Files.walk(template)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path to = consumer.resolve(template.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Path examples = root.resolve("examples/src/main/java/astrograd/examples");
        Path to = consumer.resolve("src/main/java/astrograd/examples");
        Files.createDirectories(to);
        for (String name : List.of("QuickStart.java", "GatedLinear.java", "CustomLayerExample.java")) {
            Files.copy(examples.resolve(name), to.resolve(name));
        }
        return consumer;
    }

    /** Every remote repository mirrored by the user's local repository, read as a file: repository. */
    private static Path writeSettings(Path file) throws IOException {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String settings = "<settings><mirrors><mirror><id>local-m2</id><mirrorOf>*</mirrorOf><url>"
                + m2.toUri() + "</url></mirror></mirrors></settings>\n";
        Files.writeString(file, settings);
        return file;
    }

    static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
