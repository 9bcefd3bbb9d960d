package astrograd.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** gpu-info reports JCuda, the fatbin and the optional libraries, and without a GPU says why in one line. */
class GpuInfoTest {

    @Test
    void reportsWithoutAStackTrace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GpuInfo.report(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("JCuda     12.6.0"), out);
        assertTrue(out.contains("astrograd.fatbin: "), out);
        assertTrue(out.contains("JCublas   not loaded: optional"), out);
        assertFalse(out.contains("\tat ") || out.contains("Exception"), "no stack trace or exception names:\n" + out);
        if (!out.contains("cuda:0 ")) {
            assertTrue(out.contains("CUDA      unavailable: "), out);
        }
    }
}
