package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConvTranspose2dTest {
    private final Rng rng = new Rng(13);

    private static ConvTranspose2d strided(DType d, Rng rng) {
        return new ConvTranspose2d(3, 2, 3, 3, ConvOptions.defaults().dtype(d).stride(2)
                .padding(ConvPadding.symmetric(1)).outputPadding(1), rng);
    }

    private static ConvTranspose2d groupsDilated(DType d, Rng rng) {
        return new ConvTranspose2d(4, 6, 2, 3, ConvOptions.defaults().dtype(d).stride(1, 2)
                .padding(ConvPadding.symmetric(0, 1)).dilation(2, 1).groups(2).bias(false), rng);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void matchesPytorch(DType dtype) {
        ConvFixtures.check("conv_transpose2d_strided", strided(dtype, rng), dtype);
        ConvFixtures.check("conv_transpose2d_groups_dilated", groupsDilated(dtype, rng), dtype);
    }

    @Test
    void gradCheck() {
        ConvTranspose2d a = strided(DType.F64, rng);
        Function<Var[], Var> fa = v -> a.forwardWith(v[0], v[1], v[2]);
        GradCheck.assertPasses(GradCheck.check(fa, rng.randn(DType.F64, 1, 3, 3, 2), a.weight().value(), a.bias().value()));
        ConvTranspose2d b = groupsDilated(DType.F64, rng);
        Function<Var[], Var> fb = v -> b.forwardWith(v[0], v[1], null);
        GradCheck.assertPasses(GradCheck.check(fb, rng.randn(DType.F64, 1, 4, 2, 3), b.weight().value()));
    }

    @Test
    void layoutSizesAndErrors() {
        ConvTranspose2d up = new ConvTranspose2d(4, 6, 3, 3, ConvOptions.defaults().groups(2).stride(2), rng);
        assertArrayEquals(new int[] {4, 3, 3, 3}, up.weight().value().shape());
        double bound = 1 / Math.sqrt(3 * 9);
        for (double w : up.weight().value().toDoubleArray()) {
            assertTrue(Math.abs(w) <= bound);
        }
        assertTrue(up.toString().startsWith("ConvTranspose2d(4 -> 6, k=[3,3], stride [2,2], padding [0,0,0,0], groups 2)"), up.toString());
        assertArrayEquals(new int[] {1, 6, 11, 9}, up.forward(Var.constant(Tensor.zeros(1, 4, 5, 4))).value().shape());
        Exception e = assertThrows(ShapeException.class, () -> up.forward(Var.constant(Tensor.zeros(1, 3, 5, 4))));
        assertTrue(e.getMessage().startsWith("ConvTranspose2d(4 -> 6") && e.getMessage().endsWith("must be [N, 4, H, W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(2, 2, 3, 3, ConvOptions.defaults().outputPadding(1), rng));
        assertTrue(e.getMessage().contains("must be smaller than the stride"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(2, 2, 3, 3, ConvOptions.defaults().padding(ConvPadding.same()), rng));
        assertEquals("ConvTranspose2d: padding same is not allowed; give explicit zero amounts", e.getMessage());
    }
}
