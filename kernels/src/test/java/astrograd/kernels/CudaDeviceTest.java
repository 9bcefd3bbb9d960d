package astrograd.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Backends;
import astrograd.tensor.Device;
import astrograd.tensor.DeviceException;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a real GPU: the tensor layer reaches the CUDA backend through ServiceLoader and its results come back
 * right; the device's properties are sane; an impossible allocation fails with the bytes in use; live bytes
 * return to zero. Skipped, with the reason, without a usable GPU. Run by {@code kernels/device-check}.
 */
public class CudaDeviceTest {
    private CudaBackend backend;

    @BeforeEach
    void needsAGpu() {
        try {
            backend = (CudaBackend) Backends.of(Device.cuda(0));
        } catch (DeviceException e) {
            Assumptions.abort("no CUDA device: " + e.getMessage());
        }
    }

    @AfterEach
    void liveBytesBackToZero() {
        if (backend != null) {
            backend.synchronize();
            assertEquals(0, backend.allocator().liveBytes(), "device bytes still live after the test");
        }
    }

    @Test
    @SuppressWarnings("try")
    void tensorsMoveToTheGpuComputeAndComeBack() {
        try (TensorScope s = TensorScope.open()) {
            Tensor x = Tensor.of(new float[] {1, -2, 3, 4, 5, 6}, 2, 3);
            Tensor onGpu = x.to(Device.cuda(0));
            assertEquals(Device.cuda(0), onGpu.device());
            Tensor y = onGpu.mul(onGpu).add(1).sum(1);
            assertArrayEquals(new float[] {1 + 1 + 4 + 9 + 2, 16 + 25 + 36 + 3}, y.to(Device.cpu()).toFloatArray());
        }
    }

    @Test
    void propertiesDescribeTheDevice() {
        assertTrue(backend.properties().major() >= 8, "compute capability " + backend.properties().computeCapability());
        assertTrue(backend.properties().multiprocessors() > 0);
        long[] mem = backend.driver().memoryInfo();
        assertTrue(mem[0] > 0 && mem[0] <= mem[1], "free " + mem[0] + " of " + mem[1]);
    }

    @Test
    void anImpossibleAllocationReportsTheBytesInUse() {
        long total = backend.properties().totalMemory();
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> backend.allocator().allocate(2 * total));
        assertTrue(e.getMessage().contains("bytes in use by"), e.getMessage());
    }
}
