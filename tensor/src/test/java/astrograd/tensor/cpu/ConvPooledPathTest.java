package astrograd.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ops.PoolSpec;
import org.junit.jupiter.api.Test;

/** Which pools {@link CpuConv#conv2dReluMaxPool} fuses into the direct kernel: those read row by row. */
class ConvPooledPathTest {

    private static boolean fused(int outH, int outW, PoolSpec pool) {
        return CpuConv.poolsRowByRow(new Pool2d.Planes(4, outH, outW, pool.outH(outH), pool.outW(outW)), pool);
    }

    @Test
    void rowWindowsInsideTheRowAreFused() {
        assertTrue(fused(1, 200, new PoolSpec(1, 2, 1, 2, 0, 0, 1, 1, false, true)));
        assertTrue(fused(1, 201, new PoolSpec(1, 2, 1, 2, 0, 0, 1, 1, false, true)));
        assertTrue(fused(7, 40, new PoolSpec(1, 3, 1, 1, 0, 0, 1, 1, false, true)));
    }

    @Test
    void windowsAcrossRowsPaddingDilationAndCeilOverhangAreNot() {
        assertFalse(fused(8, 40, new PoolSpec(2, 2, 2, 2, 0, 0, 1, 1, false, true)));
        assertFalse(fused(8, 40, new PoolSpec(1, 2, 2, 2, 0, 0, 1, 1, false, true)));
        assertFalse(fused(1, 40, new PoolSpec(1, 3, 1, 2, 0, 1, 1, 1, false, true)));
        assertFalse(fused(1, 40, new PoolSpec(1, 2, 1, 2, 0, 0, 1, 2, false, true)));
        assertFalse(fused(1, 201, new PoolSpec(1, 2, 1, 2, 0, 0, 1, 1, true, true)));
    }
}
