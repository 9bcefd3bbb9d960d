package astrograd.inference.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The C2ST self-tests of the spec: same distribution ≈ 0.5; N(0,1) vs N(3,1) ≈ Φ(1.5) = 0.933. */
class C2stTest {
    @Test
    void sameDistributionScoresOneHalf() {
        Rng rng = new Rng(1);
        Tensor x = rng.randn(DType.F64, 10_000, 2);
        Tensor y = rng.randn(DType.F64, 10_000, 2);
        double acc = C2st.sbibm().score(x, y, 7);
        assertTrue(Math.abs(acc - 0.5) < 0.02, "C2ST of two N(0, I₂) samples: " + acc);
    }

    @Test
    void shiftedGaussiansScoreTheBayesAccuracy() {
        Rng rng = new Rng(2);
        Tensor x = rng.randn(DType.F64, 10_000, 1);
        Tensor y = rng.randn(DType.F64, 10_000, 1).add(3);
        double acc = C2st.sbibm().score(x, y, 8);
        assertEquals(0.9332, acc, 0.01, "C2ST of N(0,1) vs N(3,1) should be Φ(1.5)");
    }

    @Test
    void badInputsAreRefused() {
        Tensor x = Tensor.zeros(DType.F64, 10, 2);
        assertThrows(IllegalArgumentException.class, () -> C2st.sbibm().score(x, Tensor.zeros(DType.F64, 10, 3), 1));
        Tensor nan = Tensor.full(DType.F64, Double.NaN, 10, 2);
        assertThrows(IllegalArgumentException.class, () -> C2st.sbibm().score(x.add(1), nan, 1));
    }
}
