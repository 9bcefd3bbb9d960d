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
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Conv2dTest {
    private final Rng rng = new Rng(12);

    private static ConvOptions opts(DType dtype) {
        return ConvOptions.defaults().dtype(dtype);
    }

    static Conv2d layer(String name, DType d, Rng rng) {
        switch (name) {
            case "conv2d_valid_strided":
                return new Conv2d(3, 4, 3, 2, opts(d).stride(2, 1), rng);
            case "conv2d_same_dilated_groups":
                return new Conv2d(4, 4, 3, opts(d).padding(ConvPadding.same()).dilation(1, 2).groups(2), rng);
            case "conv2d_symmetric":
                return new Conv2d(2, 3, 3, opts(d).padding(ConvPadding.symmetric(1, 2)).bias(false), rng);
            case "conv2d_sides":
                return new Conv2d(2, 3, 2, 3, opts(d).padding(ConvPadding.sides(1, 0, 2, 1)), rng);
            case "conv2d_same_tf_strided":
                return new Conv2d(2, 3, 3, opts(d).padding(ConvPadding.sameTf()).stride(2), rng);
            case "conv2d_circular":
                return new Conv2d(2, 3, 3, opts(d).padding(ConvPadding.circular(1)), rng);
            case "conv2d_circular_exceeds_length":
                return new Conv2d(2, 2, 3, opts(d).padding(ConvPadding.circular(3, 5)).dilation(2), rng);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    static final List<String> CASES = List.of("conv2d_valid_strided", "conv2d_same_dilated_groups", "conv2d_symmetric",
            "conv2d_sides", "conv2d_same_tf_strided", "conv2d_circular", "conv2d_circular_exceeds_length");

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void matchesPytorchForEveryPaddingMode(DType dtype) {
        for (String c : CASES) {
            ConvFixtures.check(c, layer(c, dtype, rng), dtype);
        }
    }

    @Test
    void gradCheckInputWeightAndBias() {
        for (String c : CASES) {
            Conv2d conv = layer(c, DType.F64, rng);
            int[] hw = c.equals("conv2d_circular_exceeds_length") ? new int[] {2, 3} : new int[] {5, 6};
            Tensor x = rng.randn(DType.F64, 1, conv.inChannels(), hw[0], hw[1]);
            Function<Var[], Var> f = v -> conv.forwardWith(v[0], v[1], v.length > 2 ? v[2] : null);
            GradCheck.Report r = conv.bias() == null
                    ? GradCheck.check(f, x, conv.weight().value())
                    : GradCheck.check(f, x, conv.weight().value(), conv.bias().value());
            GradCheck.assertPasses(r);
        }
    }

    @Test
    void pytorchLayoutAndInitialization() {
        Conv2d conv = new Conv2d(4, 6, 3, 5, ConvOptions.defaults().groups(2).dtype(DType.F64), rng);
        assertArrayEquals(new int[] {6, 2, 3, 5}, conv.weight().value().shape());
        double bound = 1 / Math.sqrt(2 * 3 * 5);
        for (double w : conv.weight().value().toDoubleArray()) {
            assertTrue(Math.abs(w) <= bound);
        }
        assertEquals("Conv2d(4 -> 6, k=[3,5], padding valid, groups 2)", conv.toString().lines().findFirst().orElseThrow()
                .replaceAll("\\s+\\[.*", ""));
    }

    @Test
    void outputSizesPerPaddingRule() {
        Tensor x = rng.randn(DType.F32, 2, 3, 9, 10).permute(0, 1, 3, 2);
        Conv2d same = new Conv2d(3, 5, 4, ConvOptions.defaults().padding(ConvPadding.same()), rng);
        assertArrayEquals(new int[] {2, 5, 10, 9}, same.forward(Var.constant(x)).value().shape());
        Conv2d tf = new Conv2d(3, 5, 3, ConvOptions.defaults().padding(ConvPadding.sameTf()).stride(2, 3), rng);
        assertArrayEquals(new int[] {2, 5, 5, 3}, tf.forward(Var.constant(x)).value().shape());
        Conv2d circ = new Conv2d(3, 5, 3, ConvOptions.defaults().padding(ConvPadding.circular(12)), rng);
        assertArrayEquals(new int[] {2, 5, 32, 31}, circ.forward(Var.constant(x)).value().shape());
        Tensor y = same.forward(Var.constant(x)).value();
        assertArrayEquals(same.forward(Var.constant(x.contiguous())).value().toFloatArray(), y.toFloatArray(), 0);
    }

    @Test
    void badInputsAreNamed() {
        Conv2d conv = new Conv2d(3, 4, 3, rng);
        Exception e = assertThrows(ShapeException.class, () -> conv.forward(Var.constant(Tensor.zeros(2, 3, 8))));
        assertEquals("Conv2d(3 -> 4, k=[3,3], padding valid): input [2, 3, 8] must have rank 4 [N, C, H, W]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(3, 4, 3, ConvOptions.defaults().padding(ConvPadding.sides(1, 1, 1)), rng));
        assertTrue(e.getMessage().contains("sides"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(3, 4, 3, ConvOptions.defaults().padding(ConvPadding.sides(1, 1, 1, 1, 1, 1)), rng));
        assertTrue(e.getMessage().contains("needs 1 or 2 (before, after) pairs"), e.getMessage());
    }
}
