package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlattenTest {
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void matchesPytorch(DType dtype) {
        ConvFixtures.check("flatten_default", new Flatten(), dtype);
        ConvFixtures.check("flatten_middle", new Flatten(1, 2), dtype);
    }

    @Test
    void flattensRowMajorEvenWhenTransposed() {
        Tensor x = new Rng(3).randn(DType.F64, 2, 5, 3).transpose(1, 2);
        Var y = new Flatten().forward(Var.constant(x));
        assertArrayEquals(new int[] {2, 15}, y.value().shape());
        assertArrayEquals(x.contiguous().toDoubleArray(), y.value().toDoubleArray(), 0);
        assertArrayEquals(new int[] {2, 3, 5}, new Flatten(-1, -1).forward(Var.constant(x)).value().shape());
        assertArrayEquals(new int[] {30}, new Flatten(0, -1).forward(Var.constant(x)).value().shape());
        Exception e = assertThrows(ShapeException.class, () -> new Flatten(2, 1).forward(Var.constant(x)));
        assertEquals("Flatten(2..1): axes 2..1 do not fit input [2, 3, 5]", e.getMessage());
    }
}
