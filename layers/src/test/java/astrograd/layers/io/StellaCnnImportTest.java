package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.layers.Activation;
import astrograd.layers.Conv1d;
import astrograd.layers.ConvOptions;
import astrograd.layers.ConvPadding;
import astrograd.layers.Dropout;
import astrograd.layers.Init;
import astrograd.layers.Layer;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.layers.Pool;
import astrograd.layers.Sequential;
import astrograd.tensor.Conv;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Imports the PyTorch-trained "stella" light-curve CNN of {@code checkpoint_fixtures.py} (a
 * {@code state_dict} saved as safetensors) into the same network built from astrograd layers and
 * matches torch's eval-mode outputs. The conv/pool/dropout/flatten layers here are small test-only
 * stand-ins built on {@link VarConv}.
 */
class StellaCnnImportTest {
    /** Conv1d with PyTorch's padding='same', stride 1: weight [out, in, k], bias [out]. */
    private static final class Conv1dSame extends Module implements Layer {
        private final Parameter weight;
        private final Parameter bias;

        Conv1dSame(int in, int out, int kernel, Rng rng) {
            weight = parameter("weight", Init.torchDefault(rng, DType.F32, in * kernel, out, in, kernel));
            bias = parameter("bias", Init.torchDefault(rng, DType.F32, in * kernel, out));
        }

        @Override
        public Var forward(Var x) {
            return VarConv.conv1d(x, weight.var(), bias.var(), 1, Conv.Padding.SAME, 1, 1);
        }
    }

    private static final class MaxPool1d extends Module implements Layer {
        private final int kernel;

        MaxPool1d(int kernel) {
            this.kernel = kernel;
        }

        @Override
        public Var forward(Var x) {
            return VarConv.maxPool1d(x, kernel, kernel, 0, 1, false).values();
        }
    }

    /** Identity in eval mode (the only mode this test uses). */
    private static final class EvalDropout extends Module implements Layer {
        @Override
        public Var forward(Var x) {
            if (isTraining()) {
                throw new UnsupportedOperationException("test stand-in Dropout: eval mode only");
            }
            return x;
        }
    }

    private static final class Flatten extends Module implements Layer {
        @Override
        public Var forward(Var x) {
            int n = x.value().size(0);
            return x.reshape(n, x.value().numel() / n);
        }
    }

    /** torch: Conv1d(1,16,7,'same'), ReLU, MaxPool1d(2), Dropout, Conv1d(16,64,3,'same'), ReLU, MaxPool1d(2),
     *  Dropout, Flatten, Linear(3200,32), ReLU, Dropout, Linear(32,1), Sigmoid. */
    static Sequential stellaCnn(Rng rng) {
        return new Sequential(
                new Conv1dSame(1, 16, 7, rng), Activation.relu(), new MaxPool1d(2), new EvalDropout(),
                new Conv1dSame(16, 64, 3, rng), Activation.relu(), new MaxPool1d(2), new EvalDropout(),
                new Flatten(), new Linear(3200, 32, rng), Activation.relu(), new EvalDropout(),
                new Linear(32, 1, rng), Activation.sigmoid());
    }

    @Test
    void pytorchWeightsGiveTorchOutputs() throws IOException {
        Sequential net = stellaCnn(new Rng(1));
        assertEquals(105_729, net.parameterCount());
        assertEquals(List.of("0.weight", "0.bias", "4.weight", "4.bias", "9.weight", "9.bias", "12.weight", "12.bias"),
                List.copyOf(net.namedParameters().keySet()));

        StateDict.LoadResult r = StateDict.load(net, Fixtures.path("stella_cnn.safetensors"), true);
        assertTrue(r.isExact());
        Map<String, Tensor> io = Safetensors.read(Fixtures.path("stella_cnn_io.safetensors")).tensors();
        Tensor x = io.get("input");
        assertArrayEquals(new int[] {8, 1, 200}, x.shape());

        net.eval();
        Var h = Var.constant(x);
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i == 7) {
                assertClose(io.get("conv_features"), h.value(), "conv features");
            } else if (i == 12) {
                assertClose(io.get("logits"), h.value(), "logits");
            }
        }
        assertClose(io.get("output"), h.value(), "output");
        assertClose(io.get("output"), net.forward(Var.constant(x)).value(), "output of Sequential.forward");
    }

    /**
     * The library's own layers (as the flare model builds them) with the PyTorch weights, run for inference without
     * a graph: {@link Sequential} fuses each convolution, ReLU and max pool into one pass.
     */
    @Test
    void theLibraryLayersRunFusedWithoutAGraphGiveTorchOutputs() throws IOException {
        Rng rng = new Rng(4);
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.same());
        Sequential net = new Sequential(new Conv1d(1, 16, 7, same, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new Conv1d(16, 64, 3, same, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new astrograd.layers.Flatten(), new Linear(3200, 32, rng),
                Activation.relu(), new Dropout(0.1, rng.split()), new Linear(32, 1, rng), Activation.sigmoid());
        assertTrue(StateDict.load(net, Fixtures.path("stella_cnn.safetensors"), true).isExact());
        Map<String, Tensor> io = Safetensors.read(Fixtures.path("stella_cnn_io.safetensors")).tensors();
        net.eval();
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            assertClose(io.get("output"), net.forward(Var.constant(io.get("input"))).value(), "fused inference output");
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5, what + " element " + i);
        }
    }

    @Test
    void wrongArchitectureIsRefusedWithTheKeys() {
        Sequential shifted = new Sequential(new Conv1dSame(1, 16, 7, new Rng(2)), Activation.relu(),
                new Conv1dSame(16, 64, 5, new Rng(3)));
        StateDict.MismatchException e = assertThrows(StateDict.MismatchException.class,
                () -> StateDict.load(shifted, Fixtures.path("stella_cnn.safetensors"), true));
        assertEquals(List.of("2.weight", "2.bias"), e.missingKeys());
        assertEquals(List.of("4.weight", "4.bias", "9.weight", "9.bias", "12.weight", "12.bias"), e.unexpectedKeys());
        assertTrue(e.getMessage().contains("2 missing keys [2.weight, 2.bias]; 6 unexpected keys [4.weight"), e.getMessage());
    }
}
