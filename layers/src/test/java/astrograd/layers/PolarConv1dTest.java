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

class PolarConv1dTest {
    private final Rng rng = new Rng(14);

    private static ConvOptions opts(DType d) {
        return ConvOptions.defaults().dtype(d);
    }

    static PolarConv1d layer(String name, DType d, Rng rng) {
        switch (name) {
            case "polar_centred":
                return new PolarConv1d(2, 3, 5, 1, false, opts(d), rng);
            case "polar_even_kernel_groups":
                return new PolarConv1d(4, 2, 4, 1, false, opts(d).groups(2), rng);
            case "polar_dilated_causal_exceeds_length":
                return new PolarConv1d(2, 3, 3, 4, true, opts(d).bias(false), rng);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    static final List<String> CASES = List.of("polar_centred", "polar_even_kernel_groups", "polar_dilated_causal_exceeds_length");

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void matchesPytorchWeightNormConvOnWrappedInput(DType dtype) {
        for (String c : CASES) {
            ConvFixtures.check(c, layer(c, dtype, rng), dtype);
        }
    }

    @Test
    void gradCheckInputGainDirectionAndBias() {
        for (String c : CASES) {
            PolarConv1d p = layer(c, DType.F64, rng);
            Tensor x = rng.randn(DType.F64, 2, p.weightV().value().size(1) * (c.contains("groups") ? 2 : 1), 5);
            Tensor g = p.weightG().value();
            Tensor v = p.weightV().value();
            GradCheck.Report r = p.bias() == null
                    ? GradCheck.check(a -> p.forwardWith(a[0], a[1], a[2], null), x, g, v)
                    : GradCheck.check(a -> p.forwardWith(a[0], a[1], a[2], a[3]), x, g, v, p.bias().value());
            GradCheck.assertPasses(r);
        }
    }

    @Test
    void weightNormStartsAtTheConvWeightAndKeepsTheLength() {
        PolarConv1d p = new PolarConv1d(3, 5, 7, 2, false, opts(DType.F64), rng);
        assertEquals(List.of("bias", "weight_g", "weight_v"), List.copyOf(p.namedParameters().keySet()));
        assertArrayEquals(new int[] {5, 1, 1}, p.weightG().value().shape());
        assertArrayEquals(new int[] {5, 3, 7}, p.weightV().value().shape());
        assertArrayEquals(p.weightV().value().toDoubleArray(), p.weight().toDoubleArray(), 1e-12);
        assertArrayEquals(new int[] {6, 6}, p.padding());
        for (int len : new int[] {1, 4, 13, 30}) {
            assertArrayEquals(new int[] {2, 5, len}, p.forward(Var.constant(rng.randn(DType.F64, 2, 3, len))).value().shape());
        }
        // g scales each output channel's kernel to norm g
        p.weightG().set(Tensor.full(DType.F64, 2.5, 5, 1, 1));
        double[] w = p.weight().toDoubleArray();
        double norm = 0;
        for (int i = 0; i < 21; i++) {
            norm += w[i] * w[i];
        }
        assertEquals(2.5, Math.sqrt(norm), 1e-12);
        assertArrayEquals(new int[] {12, 0}, new PolarConv1d(1, 1, 4, 4, true, opts(DType.F32), rng).padding());
    }

    @Test
    void badInputsAreNamed() {
        PolarConv1d p = new PolarConv1d(2, 3, 5, rng);
        Exception e = assertThrows(ShapeException.class, () -> p.forward(Var.constant(Tensor.zeros(1, 3, 8))));
        assertEquals("PolarConv1d(2 -> 3, k=5): input [1, 3, 8] must be [N, 2, L]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PolarConv1d(2, 3, 5, 1, false, ConvOptions.defaults().stride(2), rng));
        assertThrows(IllegalArgumentException.class, () -> new PolarConv1d(2, 3, 5, 0, false, ConvOptions.defaults(), rng));
    }

    // ------------------------------------------------------------ cyclic-shift invariance

    /** Polar conv (k5) → tanh → causal dilated polar conv (k3, d4: pad 8 > L) → relu → global mean → linear. */
    private Sequential polarNet(DType d) {
        return new Sequential(new PolarConv1d(2, 6, 5, 1, false, opts(d), rng), Activation.tanh(),
                new PolarConv1d(6, 4, 3, 4, true, opts(d), rng), Activation.relu(),
                Pool.globalAvgPool1d(), new Linear(4, 3, true, d, rng));
    }

    /** The same network with zero padding of the same amounts and the same effective kernels. */
    private static Sequential zeroPaddedTwin(Sequential polar, DType d, Rng rng) {
        List<Layer> layers = polar.layers();
        Sequential out = new Sequential();
        for (Layer l : layers) {
            if (l instanceof PolarConv1d) {
                PolarConv1d p = (PolarConv1d) l;
                int[] w = p.weightV().value().shape();
                int[] pad = p.padding();
                int dilation = pad[0] + pad[1] == 0 ? 1 : (pad[0] + pad[1]) / (w[2] - 1);
                Conv1d c = new Conv1d(w[1], w[0], w[2],
                        opts(d).padding(ConvPadding.sides(pad[0], pad[1])).dilation(dilation), rng);
                c.weight().set(p.weight());
                c.bias().set(p.bias().value());
                out.add(c);
            } else {
                out.add(l);
            }
        }
        return out;
    }

    /** The largest {@code max|f(roll(x, s)) - f(x)| / max|f(x)|} over every shift s of the sequence axis. */
    private static double worstShiftDeviation(Layer net, Tensor x) {
        double[] ref = net.forward(Var.constant(x)).value().toDoubleArray();
        double scale = 0;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int s = 1; s < x.size(2); s++) {
            double[] y = net.forward(Var.constant(x.roll(s, 2))).value().toDoubleArray();
            for (int i = 0; i < y.length; i++) {
                worst = Math.max(worst, Math.abs(y[i] - ref[i]) / scale);
            }
        }
        return worst;
    }

    /** A few steps of plain gradient descent on a squared-error toy loss; returns {first loss, last loss}. */
    private static double[] train(Sequential net, Tensor x, Tensor target, int steps, double lr) {
        double first = 0;
        double last = 0;
        for (int step = 0; step < steps; step++) {
            net.zeroGrad();
            Var loss = net.forward(Var.constant(x)).sub(Var.constant(target)).square().mean();
            loss.backward();
            last = loss.value().toDoubleArray()[0];
            first = step == 0 ? last : first;
            for (Parameter p : net.trainableParameters()) {
                p.set(p.value().sub(p.grad().mul(lr)));
            }
        }
        return new double[] {first, last};
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void globalPoolingAfterPolarConvolutionIsShiftInvariant(DType dtype) {
        double tol = dtype == DType.F64 ? 1e-12 : 1e-5;
        Sequential net = polarNet(dtype);
        Tensor x = rng.randn(dtype, 3, 2, 7);
        double random = worstShiftDeviation(net, x);
        assertTrue(random <= tol, "random weights: worst relative deviation " + random);
        double zero = worstShiftDeviation(zeroPaddedTwin(net, dtype, rng), x);
        assertTrue(zero > 1e-3, "zero padding should break invariance, deviation " + zero);

        double[] losses = train(net, rng.randn(dtype, 8, 2, 7), rng.randn(dtype, 8, 3), 5, 0.1);
        assertTrue(losses[1] < losses[0], "training lowers the toy loss: " + losses[0] + " -> " + losses[1]);
        double trained = worstShiftDeviation(net, x);
        assertTrue(trained <= tol, "trained weights: worst relative deviation " + trained);
        double trainedZero = worstShiftDeviation(zeroPaddedTwin(net, dtype, rng), x);
        assertTrue(trainedZero > 1e-3, "zero padding after training should break invariance, deviation " + trainedZero);
    }

    @Test
    void polarConvolutionCommutesWithRoll() {
        PolarConv1d p = new PolarConv1d(2, 3, 3, 5, false, opts(DType.F64), rng);
        Tensor x = rng.randn(DType.F64, 1, 2, 4);
        Tensor y = p.forward(Var.constant(x)).value();
        for (int s = -5; s <= 5; s++) {
            assertArrayEquals(y.roll(s, 2).toDoubleArray(), p.forward(Var.constant(x.roll(s, 2))).value().toDoubleArray(), 1e-12);
        }
    }
}
