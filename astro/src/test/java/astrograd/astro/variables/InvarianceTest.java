package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Adam;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The logits of the invariant networks do not change when the input is rolled along the phase axis; those of
 * the zero-padded, last-step baseline do.
 */
class InvarianceTest {
    private static final int[] LENGTHS = {200, 37, 16};
    private static final int CHANNELS = 5;

    private static double tolerance(DType d) {
        return d == DType.F32 ? 1e-5 : 1e-12;
    }

    private static ModelConfig config(ModelConfig.Arch arch, DType dtype) {
        // depth 4, kernel 5: the last block pads (5-1)·8 = 32 > 16, so L = 16 is a pad-exceeds-length case
        return new ModelConfig(arch, CHANNELS, 4, 5, 4, 8, 0.1, dtype);
    }

    /** max |f(roll(x, s)) − f(x)| / max |f(x)| over the batch and classes. */
    static double rollDeviation(PhaseNet net, Tensor x, int shift) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            net.eval();
            Tensor a = net.forward(Var.constant(x)).value().to(DType.F64);
            Tensor b = net.forward(Var.constant(x.roll(shift, 2))).value().to(DType.F64);
            double scale = a.abs().max(new int[] {0, 1}, false).item();
            return b.sub(a).abs().max(new int[] {0, 1}, false).item() / Math.max(scale, 1e-30);
        }
    }

    private static void assertInvariant(PhaseNet net, DType dtype, Rng rng, String what) {
        for (int len : LENGTHS) {
            Tensor x = rng.randn(dtype, 3, CHANNELS, len);
            for (int s : new int[] {1, 7, len / 2, len - 1}) {
                double dev = rollDeviation(net, x, s);
                assertTrue(dev <= tolerance(dtype), what + " L=" + len + " shift " + s + ": relative change " + dev);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void invariantNetworksIgnoreCyclicShiftsWithRandomWeights(DType dtype) {
        Rng rng = new Rng(61);
        for (ModelConfig.Arch arch : new ModelConfig.Arch[] {ModelConfig.Arch.ITCN, ModelConfig.Arch.IRESNET}) {
            assertInvariant(config(arch, dtype).build(rng.fold(arch.ordinal())), dtype, rng, arch + " random");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void ensemblesOfInvariantNetworksAreInvariant(DType dtype) {
        Rng rng = new Rng(65);
        PhaseNet net = config(ModelConfig.Arch.ITCN, dtype).withMembers(3).build(rng);
        assertInvariant(net, dtype, rng, "iTCN ensemble of 3 random");
        train(net, dtype, rng.fold(1));
        assertInvariant(net, dtype, rng, "iTCN ensemble of 3 trained");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void auxiliaryChannelsRoutedToTheHeadKeepTheInvariance(DType dtype) {
        Rng rng = new Rng(66);
        for (ModelConfig.Arch arch : new ModelConfig.Arch[] {ModelConfig.Arch.ITCN, ModelConfig.Arch.IRESNET}) {
            PhaseNet net = config(arch, dtype).withHeadAux(2).build(rng.fold(arch.ordinal()));
            assertInvariant(net, dtype, rng, arch + " with 2 channels to the head, random");
            train(net, dtype, rng.fold(10 + arch.ordinal()));
            assertInvariant(net, dtype, rng, arch + " with 2 channels to the head, trained");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void invariantNetworksIgnoreCyclicShiftsAfterTraining(DType dtype) {
        Rng rng = new Rng(62);
        for (ModelConfig.Arch arch : new ModelConfig.Arch[] {ModelConfig.Arch.ITCN, ModelConfig.Arch.IRESNET}) {
            PhaseNet net = config(arch, dtype).build(rng.fold(arch.ordinal()));
            train(net, dtype, rng.fold(10 + arch.ordinal()));
            assertInvariant(net, dtype, rng, arch + " trained");
        }
    }

    /** 30 Adam steps on a fixed random problem (the label is the channel, among the first four, with the largest sum), dropout active. */
    private static void train(PhaseNet net, DType dtype, Rng rng) {
        Tensor x = rng.randn(dtype, 16, CHANNELS, 24);
        Tensor y = x.narrow(1, 0, 4).sum(new int[] {2}, false).argmax(1, false);
        Adam adam = new Adam(net.parameters(), 1e-2);
        double first = Double.NaN;
        double last = Double.NaN;
        net.train();
        for (int step = 0; step < 30; step++) {
            adam.zeroGrad();
            Var loss = Losses.crossEntropy(net.forward(Var.constant(x)), y, Reduction.MEAN);
            loss.backward();
            adam.step();
            last = loss.value().item();
            first = step == 0 ? last : first;
        }
        assertTrue(last < first, "training moved the weights and lowered the loss: " + first + " -> " + last);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void zeroPaddedBaselineFailsTheSameCheck(DType dtype) {
        Rng rng = new Rng(63);
        PhaseNet net = config(ModelConfig.Arch.TCN_BASELINE, dtype).build(rng);
        for (int len : LENGTHS) {
            Tensor x = rng.randn(dtype, 3, CHANNELS, len);
            for (int s : new int[] {1, 7, len / 2, len - 1}) {
                double dev = rollDeviation(net, x, s);
                assertTrue(dev > 1e3 * tolerance(dtype), "baseline L=" + len + " shift " + s + " changed only " + dev);
            }
        }
    }

    @Test
    void padFarBeyondTheLength() {
        // kernel 7, dilations 1..16: pads of 6·16 = 96 elements around a sequence of 5
        Rng rng = new Rng(64);
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            PhaseNet net = new ModelConfig(ModelConfig.Arch.ITCN, CHANNELS, 3, 7, 5, 6, 0, dtype).build(rng);
            Tensor x = rng.randn(dtype, 2, CHANNELS, 5);
            for (int s = 1; s < 5; s++) {
                double dev = rollDeviation(net, x, s);
                assertTrue(dev <= tolerance(dtype), dtype + " shift " + s + ": " + dev);
            }
        }
    }
}
