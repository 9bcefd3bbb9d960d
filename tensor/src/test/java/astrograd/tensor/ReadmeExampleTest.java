package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's library example runs as written, and its documented error message is the real one. */
class ReadmeExampleTest {
    @Test
    void libraryExampleRuns() {
        Rng rng = new Rng(42);
        Tensor x = rng.randn(DType.F32, 32, 13);
        Tensor w = rng.randn(DType.F32, 13, 64).mul(0.1);
        Tensor h = x.matmul(w).add(1f).relu();
        Tensor p = h.softmax(-1);
        Tensor rowSums = p.sum(new int[] {1}, false);
        float[] ones = new float[32];
        java.util.Arrays.fill(ones, 1f);
        assertArrayEquals(ones, rowSums.toFloatArray(), 1e-5f);
        assertEquals(2, h.slice(0, 0, 4, 1).transpose(0, 1).contiguous().shape().length);
    }

    @Test
    void readmeShowsTheRealMatmulError() throws Exception {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 6)));
        assertEquals("matmul: [3, 4] @ [5, 6]: inner dimensions differ (4 vs 5)", e.getMessage());
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        if (Files.exists(readme)) {
            assertTrue(Files.readString(readme).contains(e.getMessage()), "README quotes the message");
        }
    }
}
