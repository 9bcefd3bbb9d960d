package astrograd.kernels.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.kernels.CudaException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The runner's checks: kernel names against the fatbin, and the synchronize-after-launch debug switch. */
class KernelRunnerTest {

    @Test
    void anUnknownKernelFailsByName() {
        KernelRunner r = new KernelRunner(new FakeDriver(1 << 20), Fatbin.kernels(), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.launch("add_f16", Launch.linear(1, 32), new KernelArgs()));
        assertTrue(e.getMessage().startsWith("no kernel add_f16 in astrograd.fatbin"), e.getMessage());
    }

    @Test
    void withTheDebugSwitchAFailingKernelIsNamedAtItsLaunch() {
        FakeDriver d = new FakeDriver(1 << 20);
        d.failNextSynchronize(new CudaException("cuCtxSynchronize", 700, "CUDA_ERROR_ILLEGAL_ADDRESS"));
        KernelRunner r = new KernelRunner(d, Set.of("gemm_f32"), true);
        CudaException e = assertThrows(CudaException.class, () -> r.launch("gemm_f32", Launch.linear(2, 256), new KernelArgs()));
        assertEquals("kernel gemm_f32 (grid 2x1x1, block 256x1x1) failed: cuCtxSynchronize failed: "
                + "CUDA_ERROR_ILLEGAL_ADDRESS (700)", e.getMessage());
        assertEquals(700, e.code());
    }

    @Test
    void withoutTheSwitchLaunchesDoNotSynchronize() {
        FakeDriver d = new FakeDriver(1 << 20);
        d.failNextSynchronize(new CudaException("cuCtxSynchronize", 700, "CUDA_ERROR_ILLEGAL_ADDRESS"));
        KernelRunner r = new KernelRunner(d, Set.of("gemm_f32"), false);
        r.launch("gemm_f32", Launch.linear(2, 256), new KernelArgs());
        assertEquals(1, d.launches().size());
        assertThrows(CudaException.class, d::synchronize, "the error surfaces at the next synchronizing call");
    }

    @Test
    void argumentsAreLittleEndianCValues() {
        KernelArgs a = new KernelArgs().pointer(0x0102030405060708L).i32(-2).f32(1f).u8((byte) 7).struct(new int[] {1, 2});
        assertEquals(5, a.size());
        assertEquals(8, a.byteSize(0));
        assertEquals(0x08, a.bytes(0)[0]);
        assertEquals((byte) 0xFE, a.bytes(1)[0]);
        assertEquals((byte) 0x3F, a.bytes(2)[3]);
        assertEquals(1, a.byteSize(3));
        assertEquals(8, a.byteSize(4));
        assertEquals(2, a.bytes(4)[4]);
    }
}
