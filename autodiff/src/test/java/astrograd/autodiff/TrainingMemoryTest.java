package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A long training loop must not keep graphs alive: heap use after 10 000 steps stays near where it started. */
class TrainingMemoryTest {
    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    @Test
    void tenThousandStepsOfASmallMlpKeepHeapFlat() {
        Rng rng = new Rng(11);
        Tensor x = rng.randn(DType.F32, 32, 13);
        Tensor target = rng.randn(DType.F32, 32, 6);
        Tensor w1 = rng.randn(DType.F32, 13, 64).mul(0.1);
        Tensor w2 = rng.randn(DType.F32, 64, 6).mul(0.1);
        long baseline = 0;
        double firstLoss = 0;
        double loss = 0;
        for (int step = 0; step < 10_000; step++) {
            Var p1 = Var.param(w1);
            Var p2 = Var.param(w2);
            Var out = Var.constant(x).matmul(p1).tanh().matmul(p2);
            Var l = out.sub(Var.constant(target)).square().mean();
            l.backward();
            w1 = w1.sub(p1.grad().mul(0.05));
            w2 = w2.sub(p2.grad().mul(0.05));
            loss = l.value().item();
            if (step == 0) {
                firstLoss = loss;
            }
            if (step == 500) {
                baseline = usedAfterGc();
            }
        }
        long end = usedAfterGc();
        assertTrue(loss < firstLoss * 0.7, "the loop trains: loss " + firstLoss + " -> " + loss);
        assertTrue(end < baseline + (8 << 20), "heap grew from " + baseline + " to " + end + " bytes");
    }
}
