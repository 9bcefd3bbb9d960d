package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A convolution followed by a ReLU inside {@link Sequential} runs as one fused op, and with a max pool after
 * them as the fused inference op when no gradient is recorded; the output and every parameter's gradient are
 * bit for bit those of the layers applied one by one.
 */
class SequentialFusionTest {

    private static Sequential model(Rng rng, DType dtype) {
        ConvOptions same = ConvOptions.defaults().dtype(dtype).padding(ConvPadding.same());
        return new Sequential(new Conv1d(2, 8, 5, same, rng), Activation.relu(), Pool.maxPool1d(2),
                new Conv1d(8, 5, 3, same, rng), Activation.relu(), new Conv1d(5, 4, 3, same, rng), Activation.tanh(),
                new Flatten(), new Linear(4 * 20, 3, true, dtype, rng), Activation.relu());
    }

    /** The layers one by one, as {@link Sequential} did before fusing. */
    private static Var oneByOne(Sequential model, Var x) {
        Var h = x;
        for (Layer l : model.layers()) {
            h = l.forward(h);
        }
        return h;
    }

    private static List<double[]> gradients(Sequential model) {
        return model.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void fusedOutputAndGradientsAreTheLayerByLayerOnesBitForBit(DType dtype) {
        Sequential model = model(new Rng(5), dtype);
        Tensor x = new Rng(6).randn(dtype, 3, 2, 40);
        Tensor seed = new Rng(7).randn(dtype, 3, 3);

        model.zeroGrad();
        Var fused = model.forward(Var.constant(x));
        fused.mul(Var.constant(seed)).sum().backward();
        List<double[]> fusedGrads = gradients(model);

        model.zeroGrad();
        Var separate = oneByOne(model, Var.constant(x));
        separate.mul(Var.constant(seed)).sum().backward();
        List<double[]> separateGrads = gradients(model);

        assertArrayEquals(separate.value().toDoubleArray(), fused.value().toDoubleArray());
        for (int i = 0; i < fusedGrads.size(); i++) {
            assertArrayEquals(separateGrads.get(i), fusedGrads.get(i), "gradient of parameter " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void inferenceThroughConvolutionReluAndMaxPoolIsTheLayerByLayerOutputBitForBit(DType dtype) {
        Sequential model = model(new Rng(12), dtype);
        model.eval();
        double[] xv = new Rng(13).randn(DType.F64, 5, 2, 40).toDoubleArray();
        xv[3] = Double.NaN;
        xv[50] = Double.NEGATIVE_INFINITY;
        xv[91] = -0.0;
        Tensor x = Tensor.of(xv, 5, 2, 40).to(dtype);
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            double[] fused = model.forward(Var.constant(x)).value().toDoubleArray();
            double[] separate = oneByOne(model, Var.constant(x)).value().toDoubleArray();
            assertEquals(separate.length, fused.length);
            for (int i = 0; i < fused.length; i++) {
                assertEquals(Double.doubleToLongBits(separate[i]), Double.doubleToLongBits(fused[i]), "output " + i);
            }
        }
    }

    /**
     * Backward twice through a retained graph of the fused Conv1d + ReLU + MaxPool1d (recorded, so the
     * separate conv1dRelu and max-pool ops) and of Conv1d + ReLU: after a first pass with one seed and
     * zeroGrad, a pass with a second seed must give a fresh graph's gradients (input and parameters), and a
     * third pass twice them.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void aRetainedFusedGraphGivesFreshGradientsOnEveryPass(DType dtype) {
        Sequential model = model(new Rng(21), dtype);
        Tensor x = new Rng(22).randn(dtype, 3, 2, 40);
        Rng seeds = new Rng(23);
        Tensor first = seeds.randn(dtype, 3, 3);
        Tensor second = seeds.randn(dtype, 3, 3);

        model.zeroGrad();
        Var freshInput = Var.param(x);
        model.forward(freshInput).backward(second);
        List<double[]> expected = withInput(gradients(model), freshInput);

        model.zeroGrad();
        Var input = Var.param(x);
        Var retained = model.forward(input);
        retained.backward(first, true);
        model.zeroGrad();
        input.zeroGrad();
        retained.backward(second, true);
        List<double[]> once = withInput(gradients(model), input);
        retained.backward(second, true);
        List<double[]> twice = withInput(gradients(model), input);
        double tol = dtype == DType.F64 ? 1e-12 : 1e-5;
        for (int i = 0; i < expected.size(); i++) {
            double[] e = expected.get(i);
            double scale = Arrays.stream(e).map(Math::abs).max().orElse(0);
            assertArrayEquals(e, once.get(i), tol * scale, "second pass, gradient " + i + " (last: the input)");
            assertArrayEquals(Arrays.stream(e).map(v -> 2 * v).toArray(), twice.get(i), 2 * tol * scale,
                    "third pass, gradient " + i + " (last: the input)");
        }
    }

    private static List<double[]> withInput(List<double[]> parameterGradients, Var input) {
        List<double[]> all = new ArrayList<>(parameterGradients);
        all.add(input.grad().toDoubleArray());
        return all;
    }

    @Test
    void aMaxPoolAfterTheReluJoinsTheFusionOnlyWhenItPoolsTheSameAxes() {
        Rng rng = new Rng(14);
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.same());
        Var x = Var.param(new Rng(15).randn(DType.F32, 2, 3, 20));
        Var recorded = new Sequential(new Conv1d(3, 4, 3, same, rng), Activation.relu(), Pool.maxPool1d(2)).forward(x);
        assertTrue(recorded.requiresGrad(), "a recorded forward pass keeps the graph through the pool");
        recorded.sum().backward();
        assertTrue(x.grad().abs().sum().item() > 0);
        Sequential mismatched = new Sequential(new Conv1d(3, 4, 3, same, rng), Activation.relu(), Pool.maxPool2d(2));
        RuntimeException e = assertThrows(RuntimeException.class, () -> mismatched.forward(x));
        assertTrue(e.getMessage().startsWith("MaxPool2d"), e.getMessage());
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Var inferred = new Sequential(new Conv1d(3, 4, 3, same, rng), Activation.relu(), Pool.maxPool1d(2))
                    .forward(Var.constant(x.value()));
            assertArrayEquals(new int[] {2, 4, 10}, inferred.value().shape());
        }
    }

    @Test
    void theFusedPathReportsThePoolsOwnErrors() {
        Rng rng = new Rng(16);
        Conv1d conv = new Conv1d(3, 4, 3, ConvOptions.defaults(), rng);
        Pool pool = Pool.maxPool1d(4);
        Var x = Var.constant(new Rng(17).randn(DType.F32, 2, 3, 5));
        String layerByLayer = assertThrows(RuntimeException.class, () -> pool.forward(conv.forward(x))).getMessage();
        assertEquals("MaxPool1d(k=4, stride 4, padding 0): input [2, 4, 3] is smaller than the window", layerByLayer);
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Sequential model = new Sequential(conv, Activation.relu(), pool);
            assertEquals(layerByLayer, assertThrows(RuntimeException.class, () -> model.forward(x)).getMessage());
        }
        IllegalArgumentException avg = assertThrows(IllegalArgumentException.class,
                () -> conv.forwardReluMaxPool(x, Pool.avgPool1d(2)));
        assertTrue(avg.getMessage().contains("forwardReluMaxPool needs a 1-d max pool, got AvgPool1d(k=2"), avg.getMessage());
    }

    @Test
    void onlyAConvolutionFollowedByAReluIsFused() {
        Rng rng = new Rng(8);
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.same());
        Var x = Var.param(new Rng(9).randn(DType.F32, 2, 3, 6, 20));
        Var fused = new Sequential(new Conv2d(3, 4, 3, same, rng), Activation.relu()).forward(x);
        assertEquals("conv2dRelu", fused.op());
        Var tanh = new Sequential(new Conv2d(3, 4, 3, same, rng), Activation.tanh()).forward(x);
        assertEquals("tanh", tanh.op());
        Var alone = new Sequential(new Conv2d(3, 4, 3, same, rng)).forward(x);
        assertEquals("conv2d", alone.op());
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Tensor inference = model(rng, DType.F32).forward(Var.constant(new Rng(11).randn(DType.F32, 2, 2, 40))).value();
            assertArrayEquals(new int[] {2, 3}, inference.shape());
        }
    }
}
