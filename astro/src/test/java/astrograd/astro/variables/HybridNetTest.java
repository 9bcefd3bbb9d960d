package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.io.StateDict;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Adam;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hybrid of a sequence network and MLPs on the auxiliary inputs: mixture, invariance, training, save and load. */
class HybridNetTest {
    private static final int CHANNELS = 7;
    private static final int AUX = 3;

    @TempDir
    Path dir;

    private static ModelConfig config(int members, int mlps, double weight, DType dtype) {
        return new ModelConfig(ModelConfig.Arch.ITCN, CHANNELS, 3, 3, 2, 8, 0.1, dtype, members, 0)
                .withMlp(AuxMlpConfig.of(mlps, AUX, weight));
    }

    /** A batch whose last {@value #AUX} channels are constant along the sequence, as real auxiliary inputs are. */
    private static Tensor input(Rng rng, DType dtype, int n, int len) {
        Tensor seq = rng.randn(dtype, n, CHANNELS - AUX, len);
        Tensor aux = rng.randn(dtype, n, AUX, 1).expand(n, AUX, len);
        return Tensor.cat(1, seq, aux).contiguous();
    }

    private static double[] softmax(astrograd.layers.Layer net, Tensor x) {
        return net.forward(Var.constant(x)).value().softmax(1).to(DType.F64).contiguous().toDoubleArray();
    }

    @Test
    @SuppressWarnings("try")
    void outputIsTheWeightedMixtureOfNetworkAndMeanMlpProbabilities() {
        Rng rng = new Rng(1);
        HybridNet h = (HybridNet) config(2, 3, 0.3, DType.F64).build(rng);
        assertTrue(h.sequence() instanceof PhaseEnsemble);
        assertEquals(3, h.mlps().size());
        h.eval();
        Tensor x = input(rng, DType.F64, 4, 20);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            double[] p = softmax(h, x);
            double[] expected = softmax(h.sequence(), x);
            for (int i = 0; i < expected.length; i++) {
                expected[i] *= 0.7;
            }
            Tensor aux = x.narrow(2, 0, 1).narrow(1, CHANNELS - AUX, AUX).reshape(4, AUX);
            for (AuxMlp m : h.mlps()) {
                double[] q = m.forwardAux(Var.constant(aux)).value().softmax(1).contiguous().toDoubleArray();
                assertArrayEquals(q, softmax(m, x), 1e-12, "a chunk's aux channels give the same logits as the inputs");
                for (int i = 0; i < q.length; i++) {
                    expected[i] += 0.3 * q[i] / 3;
                }
            }
            assertArrayEquals(expected, p, 1e-12);
            HybridNet mlpOnly = new HybridNet(config(2, 3, 1, DType.F64), h.sequence(), h.mlps());
            assertEquals(3 + 1, mlpOnly.children().size(), "the sequence network is kept as a submodule");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void hybridIsInvariantToCyclicShiftsOfAnyInput(DType dtype) {
        Rng rng = new Rng(2);
        HybridNet h = (HybridNet) config(1, 2, 0.5, dtype).build(rng);
        double tol = dtype == DType.F32 ? 1e-5 : 1e-12;
        for (String when : new String[] {"random", "trained"}) {
            for (int len : new int[] {200, 37, 16}) {
                Tensor x = rng.randn(dtype, 3, CHANNELS, len);
                for (int s : new int[] {1, 7, len / 2, len - 1}) {
                    double dev = InvarianceTest.rollDeviation(h, x, s);
                    assertTrue(dev <= tol, when + " L=" + len + " shift " + s + ": relative change " + dev);
                }
            }
            train(h, dtype, rng.fold(9));
        }
    }

    private static void train(PhaseNet net, DType dtype, Rng rng) {
        Tensor x = input(rng, dtype, 16, 24);
        Tensor y = x.narrow(1, 0, 3).sum(new int[] {2}, false).argmax(1, false);
        Adam adam = new Adam(net.parameters(), 1e-2);
        net.train();
        for (int step = 0; step < 20; step++) {
            adam.zeroGrad();
            Losses.crossEntropy(net.forward(Var.constant(x)), y, Reduction.MEAN).backward();
            adam.step();
        }
        net.eval();
    }

    @Test
    void configurationRoundTripsAndOlderFilesHaveNoMlp() {
        ModelConfig c = config(2, 4, 0.5, DType.F32);
        assertEquals(c, ModelConfig.fromMap(c.toMap()));
        Map<String, Object> m = new java.util.LinkedHashMap<>(c.toMap());
        m.remove("mlp");
        assertEquals(c.withMlp(AuxMlpConfig.NONE), ModelConfig.fromMap(m), "files written before the aux MLPs");
        assertEquals(AuxMlpConfig.NONE, AuxMlpConfig.of(0, AUX, 0.5));
        assertThrows(IllegalArgumentException.class, () -> AuxMlpConfig.of(2, AUX, 0));
        assertThrows(IllegalArgumentException.class, () -> AuxMlpConfig.of(2, AUX, 1.5));
        assertThrows(IllegalArgumentException.class, () -> config(1, 1, 0.5, DType.F32).withMlp(AuxMlpConfig.of(1, CHANNELS, 0.5)),
                "the MLPs read fewer channels than the input has");
        assertThrows(IllegalArgumentException.class, () -> config(1, 1, AuxMlpConfig.FROM_VALIDATION, DType.F32).build(new Rng(1)),
                "a network needs a numeric weight");
    }

    @Test
    void weightChosenOnValidationFollowsTheBetterPart() {
        Rng rng = new Rng(4);
        List<AuxMlp> mlps = List.of(new AuxMlp(AUX, 8, 3, 0, DType.F64, rng.fold(0)), new AuxMlp(AUX, 8, 3, 0, DType.F64, rng.fold(1)));
        List<double[]> aux = new ArrayList<>();
        int[] labels = new int[12];
        double[][] perfect = new double[12][3];
        double[][] wrong = new double[12][3];
        for (int i = 0; i < 12; i++) {
            aux.add(new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()});
            labels[i] = i % 3;
            perfect[i][labels[i]] = 1;
            wrong[i][(labels[i] + 1) % 3] = 1;
        }
        assertEquals(0.1, AuxMlpTraining.chooseWeight(perfect, mlps, aux, labels, DType.F64), 1e-12);
        assertEquals(0.9, AuxMlpTraining.chooseWeight(wrong, mlps, aux, labels, DType.F64), 1e-12);
    }

    @Test
    void trainingAddsMlpsBesideTheUnchangedNetworkAndTheModelSavesLoadsAndIgnoresThePhaseOrigin() throws Exception {
        SmallTrainingSet set = SmallTrainingSet.make();
        Features f = set.features();
        List<SyntheticVariables.Star> stars = set.stars();
        List<FoldedCurve> curves = set.curves();
        int[] labels = set.labels();
        ModelConfig plain = new ModelConfig(ModelConfig.Arch.ITCN, f.inputChannels(), 6, 3, 2, 8, 0.1, DType.F32);
        ModelConfig c = plain.withMlp(AuxMlpConfig.of(2, f.auxCount(), 0.5));
        TrainOptions o = new TrainOptions(2, 16, 3e-3, 0.2, 2, 0, 4, false);
        TrainedModel model = Training.fit(c, f, curves, labels, SyntheticEvaluation.classNames(), List.of("mag"), o, null).model();
        HybridNet h = (HybridNet) model.net();
        ModelConfig auto = plain.withMlp(AuxMlpConfig.of(2, f.auxCount(), AuxMlpConfig.FROM_VALIDATION));
        double w = Training.fit(auto, f, curves, labels, SyntheticEvaluation.classNames(), List.of("mag"), o, null).model().net()
                .config().mlp().weight();
        assertTrue(java.util.Arrays.stream(AuxMlpTraining.WEIGHTS).anyMatch(v -> v == w), "weight chosen on validation: " + w);
        TrainedModel alone = Training.fit(plain, f, curves, labels, SyntheticEvaluation.classNames(), List.of("mag"), o, null)
                .model();
        Map<String, Tensor> a = StateDict.of(alone.net());
        Map<String, Tensor> b = StateDict.of(h.sequence());
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v.to(DType.F64).contiguous().toDoubleArray(),
                b.get(k).to(DType.F64).contiguous().toDoubleArray(), 0, "the network is trained as without MLPs: " + k));

        double[][] before = model.predictProba(curves);
        model.save(dir);
        TrainedModel loaded = TrainedModel.load(dir);
        assertEquals(c, loaded.net().config());
        assertTrue(loaded.net() instanceof HybridNet);
        Rng rng = new Rng(8);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], loaded.predictProba(curves.subList(i, i + 1))[0], 1e-6, "loaded, star " + i);
            LightCurve lc = stars.get(i).curve();
            FoldedCurve shifted = f.fold(lc.shiftTime(rng.nextDouble() * lc.period()));
            assertArrayEquals(before[i], model.predictProba(List.of(shifted))[0], 1e-5, "new phase origin, star " + i);
        }
        Map<String, TrainedModel> parts = CrossValidation.parts(model);
        assertEquals(List.of(CrossValidation.NETWORK, CrossValidation.MLP), List.copyOf(parts.keySet()));
        double[][] net = parts.get(CrossValidation.NETWORK).predictProba(curves);
        double[][] mlp = parts.get(CrossValidation.MLP).predictProba(curves);
        for (int i = 0; i < before.length; i++) {
            for (int k = 0; k < 6; k++) {
                assertEquals(before[i][k], 0.5 * net[i][k] + 0.5 * mlp[i][k], 1e-6, "parts mix to the model, star " + i);
            }
        }
        assertArrayEquals(before[0], model.predictProba(curves.subList(0, 1))[0], 1e-12, "scoring the parts left the model as it was");
    }
}
