package astrograd.kernels.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.kernels.driver.Launch;
import astrograd.tensor.DType;
import org.junit.jupiter.api.Test;

/** Grid and block shapes from sizes: the one-dimensional launches, the reduction plan, and the GEMM grid. */
class LaunchPlanTest {

    @Test
    void linearLaunchesCoverTheWorkUpToTheCap() {
        assertEquals(Launch.linear(1, 256), LaunchPlanner.linear(1));
        assertEquals(Launch.linear(2, 256), LaunchPlanner.linear(257));
        assertEquals(Launch.linear(LaunchPlanner.MAX_BLOCKS, 256), LaunchPlanner.linear(1L << 40));
        assertThrows(IllegalArgumentException.class, () -> LaunchPlanner.linear(0));
    }

    @Test
    void reductionGroupsGrowWithTheReducedLength() {
        assertEquals(32, ReducePlan.groupSize(0));
        assertEquals(32, ReducePlan.groupSize(128));
        assertEquals(64, ReducePlan.groupSize(129));
        assertEquals(256, ReducePlan.groupSize(1 << 20));
    }

    @Test
    void manyShortOutputsAreNotSplit() {
        ReducePlan p = ReducePlan.of(10_000, 10);
        assertEquals(1, p.splits());
        assertEquals(10, p.chunk());
        assertEquals(32, p.groupSize());
        assertEquals(1250, p.launch().gridX(), "8 groups of 32 per block of 256");
    }

    @Test
    void aLongSumIsSplitIntoNonEmptyParts() {
        for (int len : new int[] {5000, 65_536, 1_000_003, 1 << 28}) {
            for (int outputs : new int[] {1, 3, 100}) {
                ReducePlan p = ReducePlan.of(outputs, len);
                assertTrue(p.splits() >= 1);
                assertTrue((long) p.splits() * p.chunk() >= len, "parts cover the row");
                assertTrue((long) (p.splits() - 1) * p.chunk() < len, "no part is empty");
                assertTrue(p.splits() <= ReducePlan.TARGET_GROUPS, "the second pass needs no further split");
                assertEquals(1, ReducePlan.of(outputs, p.splits()).splits());
            }
        }
        assertTrue(ReducePlan.of(1, 1 << 24).splits() > 100, "a full sum of 16M elements uses many blocks");
    }

    @Test
    void gemmGridsCoverTheOutputWithTiles() {
        GemmPlan f = GemmPlan.of(DType.F32, 300, 129, 3);
        assertEquals(new Launch(2, 3, 3, 256, 1, 1, 0), f.launch());
        GemmPlan d = GemmPlan.of(DType.F64, 64, 65, 70_000);
        assertEquals(new Launch(2, 1, Launch.MAX_GRID_YZ, 256, 1, 1, 0), d.launch(), "z is capped; the kernel loops");
        assertThrows(UnsupportedOperationException.class, () -> GemmPlan.of(DType.F32, 128 * 65_536, 1, 1));
    }
}
