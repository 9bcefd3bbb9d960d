package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.tensor.DType;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Var#split(int[], int)}: bad sizes, pieces the loss does not use, empty pieces, repeated passes. */
class SplitSizesTest {
    private static Var x35() {
        return Var.param(Tensor.arange(0, 15, 1, DType.F64).reshape(3, 5));
    }

    @Test
    void sizesThatDoNotAddUpAreRefusedNamingTheShapeAndAxis() {
        ShapeException e = assertThrows(ShapeException.class, () -> x35().split(new int[] {2, 2}, 1));
        assertEquals("split: sizes [2, 2] add up to 4, but axis 1 of [3, 5] has 5", e.getMessage());
        e = assertThrows(ShapeException.class, () -> x35().split(new int[] {4, -1}, -1));
        assertEquals("split: negative size in [4, -1]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> x35().split(new int[] {3}, 2));
        assertEquals(true, e.getMessage().startsWith("split: axis 2"), e.getMessage());
    }

    @Test
    void piecesTheLossDoesNotUseContributeZeros() {
        Var x = x35();
        List<Var> pieces = x.split(new int[] {2, 0, 3}, 1);
        assertEquals(3, pieces.size());
        assertArrayEquals(new int[] {3, 0}, pieces.get(1).value().shape());
        pieces.get(2).square().sum().backward();
        double[] expected = new double[15];
        for (int i = 0; i < 3; i++) {
            for (int j = 2; j < 5; j++) {
                expected[5 * i + j] = 2 * (5 * i + j);
            }
        }
        assertArrayEquals(expected, x.grad().toDoubleArray());
    }

    @Test
    void anEmptyPieceInTheLossGivesAZeroGradient() {
        Var x = x35();
        x.split(new int[] {0, 5}, 1).get(0).sum().backward();
        assertArrayEquals(new double[15], x.grad().toDoubleArray());
    }

    @Test
    void everyPieceGetsItsGradientAndReusedPiecesAccumulate() {
        Var x = x35();
        List<Var> p = x.split(new int[] {1, 2}, 0);
        Var loss = p.get(0).mul(3).sum().add(p.get(1).sum()).add(p.get(1).select(0, 1).sum());
        loss.backward(Tensor.scalar(1, DType.F64), true);
        double[] once = {3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        assertArrayEquals(once, x.grad().toDoubleArray());
        loss.backward(Tensor.scalar(1, DType.F64));
        double[] twice = new double[15];
        for (int i = 0; i < 15; i++) {
            twice[i] = 2 * once[i];
        }
        assertArrayEquals(twice, x.grad().toDoubleArray(), "a second pass through the retained graph doubles");
    }
}
