package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No method of the tensor module takes or returns a Vector API value ({@code FloatVector}, a mask, a shuffle).
 * C2 keeps vectors in registers only inside one compiled method; when it leaves a call out of line, which it
 * decides from the profile and so differs from one JVM to the next, every vector crossing that call is boxed
 * on the heap. A 4-vector store helper of the direct convolution left out of line made the conv2d benchmark
 * 7 to 11 times slower ({@code -XX:CompileCommand=dontinline}); that is how a rare slow JVM arose. Kernels
 * therefore keep their vectors in locals of one method and pass helpers only scalars and arrays.
 */
class VectorCallBoundaryTest {
    private static final String VECTOR_PACKAGE = "jdk.incubator.vector.";

    @Test
    void noMethodPassesOrReturnsAVector() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<String> classes = moduleClasses();
        assertTrue(classes.contains("astrograd.tensor.cpu.ConvDirect"), "the scan must see the CPU kernels");
        for (String name : classes) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
            members.addAll(List.of(type.getDeclaredConstructors()));
            for (Executable member : members) {
                if (crossesWithVector(member)) {
                    offenders.add(name + "." + member.getName());
                }
            }
        }
        assertEquals(List.of(), offenders, "methods with a vector parameter or result");
    }

    @Test
    void theCheckSeesAVectorParameterAndAVectorResult() throws Exception {
        assertTrue(crossesWithVector(Samples.class.getDeclaredMethod("takes", jdk.incubator.vector.FloatVector.class)));
        assertTrue(crossesWithVector(Samples.class.getDeclaredMethod("gives")));
        assertTrue(!crossesWithVector(Samples.class.getDeclaredMethod("plain", float[].class)));
    }

    private static boolean crossesWithVector(Executable member) {
        boolean result = member instanceof java.lang.reflect.Method m && isVector(m.getReturnType());
        return result || Stream.of(member.getParameterTypes()).anyMatch(VectorCallBoundaryTest::isVector);
    }

    private static boolean isVector(Class<?> type) {
        String name = type.getName();
        return name.startsWith(VECTOR_PACKAGE) && !name.startsWith(VECTOR_PACKAGE + "VectorSpecies")
                && !name.startsWith(VECTOR_PACKAGE + "VectorOperators");
    }

    /** Binary names of every class compiled from the tensor module's main sources. */
    private static List<String> moduleClasses() throws IOException, URISyntaxException {
        Path root = Path.of(CpuBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace(java.io.File.separatorChar, '.'))
                    .map(f -> f.substring(0, f.length() - ".class".length()))
                    .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
                    .toList();
        }
    }

    /** Shapes the check must recognise. */
    @SuppressWarnings("unused")
    private static final class Samples {
        static void takes(jdk.incubator.vector.FloatVector v) {
        }

        static jdk.incubator.vector.FloatVector gives() {
            return null;
        }

        static void plain(float[] x) {
        }
    }
}
