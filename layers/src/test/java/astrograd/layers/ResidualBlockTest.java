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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResidualBlockTest {
    private final Rng rng = new Rng(16);

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void basicBlocksMatchPytorch(DType dtype) {
        ConvFixtures.check("residual_conv1d_projection", ResidualBlock.conv1d(2, 3, 3, Activation::relu, dtype, rng), dtype);
        ConvFixtures.check("residual_conv2d_identity", ResidualBlock.conv2d(2, 2, 3, Activation::tanh, dtype, rng), dtype);
    }

    @Test
    void wrapsAnyLayer() {
        Linear body = new Linear(4, 4, true, DType.F64, rng);
        ResidualBlock block = new ResidualBlock(body);
        assertEquals(List.of("body.weight", "body.bias"), List.copyOf(block.namedParameters().keySet()));
        Tensor x = rng.randn(DType.F64, 3, 4);
        Tensor expected = body.forward(Var.constant(x)).value().add(x);
        assertArrayEquals(expected.toDoubleArray(), block.forward(Var.constant(x)).value().toDoubleArray(), 1e-12);
        ResidualBlock lambdas = new ResidualBlock(v -> v.mul(2), v -> v.neg(), Var::tanh);
        assertArrayEquals(x.tanh().toDoubleArray(), lambdas.forward(Var.constant(x)).value().toDoubleArray(), 1e-12);
        assertEquals(0, lambdas.parameterCount());
    }

    @Test
    void gradCheckThroughTheBlock() {
        ResidualBlock block = ResidualBlock.conv1d(2, 3, 3, Activation::tanh, DType.F64, rng);
        GradCheck.assertPasses(GradCheck.check(v -> block.forward(v[0]), rng.randn(DType.F64, 2, 2, 6)));
        ResidualBlock block2 = ResidualBlock.conv2d(2, 2, 3, Activation::tanh, DType.F64, rng);
        GradCheck.assertPasses(GradCheck.check(v -> block2.forward(v[0]), rng.randn(DType.F64, 1, 2, 4, 3)));
    }

    @Test
    void modesReachTheBodyAndShapeMismatchesAreNamed() {
        ResidualBlock block = ResidualBlock.conv2d(3, 5, 3, Activation::relu, DType.F32, rng);
        assertTrue(block.toString().contains("shortcut: Conv2d(3 -> 5, k=[1,1], padding valid)"), block.toString());
        block.eval();
        assertTrue(!block.children().get("body").isTraining());
        ResidualBlock bad = new ResidualBlock(new Conv1d(2, 2, 3, rng));
        Exception e = assertThrows(ShapeException.class, () -> bad.forward(Var.constant(Tensor.zeros(1, 2, 8))));
        assertEquals("ResidualBlock: body output [1, 2, 6] and identity shortcut [1, 2, 8] differ for input [1, 2, 8]", e.getMessage());
    }
}
