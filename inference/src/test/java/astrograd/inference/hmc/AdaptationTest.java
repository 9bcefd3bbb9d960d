package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stan's warm-up windows and dual averaging. */
class AdaptationTest {
    /** Iterations that end a slow window, and the first and last iteration inside a window. */
    private static List<Integer> windowEnds(AdaptationWindows w, int warmup, int[] firstLast) {
        List<Integer> ends = new ArrayList<>();
        firstLast[0] = -1;
        for (int it = 0; it < warmup; it++) {
            if (w.inWindow()) {
                if (firstLast[0] < 0) {
                    firstLast[0] = it;
                }
                firstLast[1] = it;
            }
            if (w.endOfWindow()) {
                ends.add(it);
            }
            w.advance();
        }
        return ends;
    }

    @Test
    void stanDefaultWindowsFor1000Iterations() {
        int[] fl = new int[2];
        // windows of 25, 50, 100, 200 and the last stretched to 500 (Stan's 75 / 25 / 50 default)
        assertEquals(List.of(99, 149, 249, 449, 949), windowEnds(new AdaptationWindows(1000, 75, 50, 25), 1000, fl));
        assertEquals(75, fl[0]);
        assertEquals(949, fl[1]);
    }

    @Test
    void windowsFor2000And300Iterations() {
        int[] fl = new int[2];
        assertEquals(List.of(99, 149, 249, 449, 849, 1949),
                windowEnds(new AdaptationWindows(2000, 75, 50, 25), 2000, fl));
        // 300: after 99 the window of 50 ends at 149 (149 + 2·50 < 250), then one of 100 ends at 249
        assertEquals(List.of(99, 149, 249), windowEnds(new AdaptationWindows(300, 75, 50, 25), 300, fl));
        assertEquals(List.of(99, 149, 249, 449, 999), windowEnds(new AdaptationWindows(1050, 75, 50, 25), 1050, fl));
    }

    @Test
    void shortWarmupsUse15_75_10AndTinyOnesNothing() {
        int[] fl = new int[2];
        // 100 < 75 + 25 + 50: init 15, one window of 75, term 10
        assertEquals(List.of(89), windowEnds(new AdaptationWindows(100, 75, 50, 25), 100, fl));
        assertEquals(15, fl[0]);
        assertEquals(89, fl[1]);
        AdaptationWindows tiny = new AdaptationWindows(19, 75, 50, 25);
        assertFalse(tiny.active());
        assertEquals(List.of(), windowEnds(tiny, 19, fl));
    }

    @Test
    void firstDualAveragingStepIsStansFormula() {
        DualAveraging da = new DualAveraging(0.8, 0.5);
        // s̄₁ = (0.8 − 0.3)/11, x₁ = log 5 − s̄₁/0.05, x̄₁ = x₁
        double x1 = Math.log(5) - (0.5 / 11) / 0.05;
        assertEquals(Math.exp(x1), da.learn(0.3), 1e-14);
        assertEquals(Math.exp(x1), da.finalStepSize(), 1e-14);
        // statistics above 1 count as 1
        DualAveraging capped = new DualAveraging(0.8, 0.5);
        assertEquals(Math.exp(Math.log(5) - (-0.2 / 11) / 0.05), capped.learn(1.7), 1e-14);
    }

    @Test
    void dualAveragingConvergesToTheTargetStepSize() {
        // a deterministic acceptance curve a(ε) = exp(−ε²): the target 0.8 is met at ε* = √(−log 0.8)
        for (double delta : new double[] {0.6, 0.8, 0.95}) {
            DualAveraging da = new DualAveraging(delta, 1);
            double eps = 1;
            for (int m = 0; m < 3000; m++) {
                eps = da.learn(Math.exp(-eps * eps));
            }
            double fin = da.finalStepSize();
            assertEquals(delta, Math.exp(-fin * fin), 0.005, "acceptance at the final step size, delta " + delta);
            assertEquals(delta, Math.exp(-eps * eps), 0.01, "acceptance at the last iterate, delta " + delta);
        }
    }
}
