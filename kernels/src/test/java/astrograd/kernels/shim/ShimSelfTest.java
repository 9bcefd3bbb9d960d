package astrograd.kernels.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.kernels.driver.Fatbin;
import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.driver.Launch;
import astrograd.kernels.plan.StridedLayout;
import java.io.IOException;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the host shim itself guarantees: it runs every kernel of the fatbin, it refuses parameters whose sizes
 * differ from the kernel's signature, and a kernel touching memory outside its buffers is stopped with a
 * report naming the kernel source line.
 */
class ShimSelfTest {

    @BeforeEach
    void needsTheShim() {
        String why = ShimBinary.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "host shim unavailable: " + why);
    }

    @Test
    void everyKernelOfTheFatbinIsExported() throws IOException {
        try (ShimDriver d = new ShimDriver()) {
            assertEquals(Fatbin.kernels(), new TreeSet<>(d.kernels()),
                    "kernels built by nvcc and kernels registered with AG_EXPORT differ");
        }
    }

    @Test
    void aParameterOfTheWrongSizeIsRefused() throws IOException {
        try (ShimDriver d = new ShimDriver()) {
            long x = d.malloc(64);
            StridedLayout l = StridedLayout.contiguous(16, 0);
            KernelArgs args = new KernelArgs().struct(l.pack()).pointer(x).pointer(x).i64(16);
            ShimException e = assertThrows(ShimException.class, () -> d.launch("exp_f32", Launch.linear(1, 32), args));
            assertEquals("exp_f32: parameter 3 has 8 bytes, the kernel's has 4", e.getMessage());
        }
    }

    @Test
    void aKernelWritingPastItsBufferIsStoppedWithTheSourceLine() throws IOException {
        try (ShimDriver d = new ShimDriver()) {
            long x = d.malloc(16 * 4);
            long y = d.malloc(15 * 4);
            StridedLayout l = StridedLayout.contiguous(16, 0);
            KernelArgs args = new KernelArgs().struct(l.pack()).pointer(x).pointer(y).i32(16);
            ShimException e = assertThrows(ShimException.class, () -> d.launch("exp_f32", Launch.linear(1, 32), args));
            assertTrue(e.getMessage().contains("heap-buffer-overflow") && e.getMessage().contains("src/main/cuda/elementwise.cuh"),
                    e.getMessage());
        }
    }
}
