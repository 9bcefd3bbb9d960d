package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.PadMode;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class Conv1dTest {
    private final Rng rng = new Rng(11);

    private static ConvOptions opts(DType dtype) {
        return ConvOptions.defaults().dtype(dtype);
    }

    /** The layer of each fixture case, in the given dtype. */
    static Conv1d layer(String name, DType d, Rng rng) {
        switch (name) {
            case "conv1d_valid":
                return new Conv1d(3, 4, 3, opts(d), rng);
            case "conv1d_same_dilated":
                return new Conv1d(2, 4, 4, opts(d).padding(ConvPadding.same()).dilation(2), rng);
            case "conv1d_sides_stride_groups":
                return new Conv1d(4, 6, 3, opts(d).padding(ConvPadding.sides(1, 2)).stride(2).groups(2), rng);
            case "conv1d_same_tf_strided":
                return new Conv1d(3, 2, 4, opts(d).padding(ConvPadding.sameTf()).stride(3).bias(false), rng);
            case "conv1d_circular":
                return new Conv1d(2, 3, 3, opts(d).padding(ConvPadding.circular(1)), rng);
            case "conv1d_circular_exceeds_length":
                return new Conv1d(2, 3, 5, opts(d).padding(ConvPadding.circular(6)).dilation(3), rng);
            case "conv1d_reflect_same":
                return new Conv1d(2, 2, 3, opts(d).padding(ConvPadding.same().withMode(PadMode.REFLECT)), rng);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    static final List<String> CASES = List.of("conv1d_valid", "conv1d_same_dilated", "conv1d_sides_stride_groups",
            "conv1d_same_tf_strided", "conv1d_circular", "conv1d_circular_exceeds_length", "conv1d_reflect_same");

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
            Conv1d conv = layer(c, DType.F64, rng);
            int len = c.equals("conv1d_circular_exceeds_length") ? 4 : 9;
            Tensor x = rng.randn(DType.F64, 2, conv.inChannels(), len);
            Function<Var[], Var> f = v -> conv.forwardWith(v[0], v[1], v.length > 2 ? v[2] : null);
            GradCheck.Report r = conv.bias() == null
                    ? GradCheck.check(f, x, conv.weight().value())
                    : GradCheck.check(f, x, conv.weight().value(), conv.bias().value());
            GradCheck.assertPasses(r);
        }
    }

    @Test
    void pytorchInitialization() {
        Conv1d conv = new Conv1d(6, 8, 5, ConvOptions.defaults().groups(2), rng);
        assertArrayEquals(new int[] {8, 3, 5}, conv.weight().value().shape());
        assertArrayEquals(new int[] {8}, conv.bias().value().shape());
        assertEquals(DType.F32, conv.weight().value().dtype());
        double bound = 1 / Math.sqrt(3 * 5);
        double max = 0;
        for (double w : conv.weight().value().toDoubleArray()) {
            max = Math.max(max, Math.abs(w));
        }
        assertTrue(max <= bound && max > 0.8 * bound, "weights within ±1/sqrt(fanIn) and spread: " + max);
        for (double b : conv.bias().value().toDoubleArray()) {
            assertTrue(Math.abs(b) <= bound);
        }
        assertNull(new Conv1d(2, 2, 3, ConvOptions.defaults().bias(false), rng).bias());
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
    }

    @Test
    void samePaddingKeepsLengthAndNonContiguousInputsAgree() {
        Conv1d conv = new Conv1d(3, 2, 4, opts(DType.F64).padding(ConvPadding.same()).dilation(3), rng);
        Tensor x = rng.randn(DType.F64, 7, 3, 2).transpose(0, 2);
        Var y = conv.forward(Var.constant(x));
        assertArrayEquals(new int[] {2, 2, 7}, y.value().shape());
        assertArrayEquals(conv.forward(Var.constant(x.contiguous())).value().toDoubleArray(), y.value().toDoubleArray(), 0);
        Conv1d tf = new Conv1d(3, 2, 4, opts(DType.F64).padding(ConvPadding.sameTf()).stride(3), rng);
        assertArrayEquals(new int[] {2, 2, 3}, tf.forward(Var.constant(x)).value().shape());
    }

    @Test
    void circularPaddingIsAReferenceLoop() {
        Conv1d conv = new Conv1d(1, 1, 3, opts(DType.F64).padding(ConvPadding.circular(4)).dilation(2).bias(false), rng);
        double[] w = conv.weight().value().toDoubleArray();
        double[] x = {1, -2, 0.5};
        double[] y = conv.forward(Var.constant(Tensor.of(x, 1, 1, 3))).value().toDoubleArray();
        assertEquals(3 + 8 - 4, y.length);
        for (int t = 0; t < y.length; t++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                expected += w[j] * x[Math.floorMod(t + 2 * j - 4, 3)];
            }
            assertEquals(expected, y[t], 1e-12);
        }
    }

    @Test
    void badConfigurationsAndInputsAreNamed() {
        Conv1d conv = new Conv1d(3, 4, 5, rng);
        Exception e = assertThrows(ShapeException.class, () -> conv.forward(Var.constant(Tensor.zeros(2, 4, 10))));
        assertEquals("Conv1d(3 -> 4, k=5, padding valid): input [2, 4, 10] has 4 channels, expected 3", e.getMessage());
        e = assertThrows(ShapeException.class, () -> conv.forward(Var.constant(Tensor.zeros(2, 3, 3))));
        assertTrue(e.getMessage().contains("shorter than the dilated kernel 5"), e.getMessage());
        assertThrows(ShapeException.class, () -> conv.forward(Var.constant(Tensor.zeros(3, 10))));
        assertThrows(astrograd.tensor.DTypeException.class, () -> conv.forward(Var.constant(Tensor.zeros(DType.F64, 1, 3, 10))));
        e = assertThrows(IllegalArgumentException.class, () -> new Conv1d(3, 4, 3, ConvOptions.defaults().groups(2), rng));
        assertEquals("Conv1d: channels 3 -> 4 must both be divisible by groups 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv1d(3, 4, 3, ConvOptions.defaults().stride(2).padding(ConvPadding.same()), rng));
        assertTrue(e.getMessage().contains("padding 'same' needs stride 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv1d(3, 4, 3, ConvOptions.defaults().stride(1, 2), rng));
        assertThrows(IllegalArgumentException.class, () -> new Conv1d(3, 4, 3, ConvOptions.defaults().outputPadding(1), rng));
    }
}
