package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.io.StateDict;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseEnsembleTest {
    @TempDir
    Path dir;

    private static ModelConfig config(int members) {
        return new ModelConfig(ModelConfig.Arch.ITCN, 6, 3, 3, 2, 8, 0.1, DType.F64, members, 0);
    }

    @Test
    @SuppressWarnings("try")
    void softmaxOfTheOutputIsTheMeanOfTheMembersSoftmax() {
        Rng rng = new Rng(1);
        PhaseEnsemble e = (PhaseEnsemble) config(3).build(rng);
        assertEquals(3, e.members().size());
        e.eval();
        Tensor x = rng.randn(DType.F64, 4, 6, 20);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            double[] p = e.forward(Var.constant(x)).value().softmax(1).contiguous().toDoubleArray();
            double[] mean = new double[p.length];
            for (PhaseNet m : e.members()) {
                double[] q = m.forward(Var.constant(x)).value().softmax(1).contiguous().toDoubleArray();
                for (int i = 0; i < q.length; i++) {
                    mean[i] += q[i] / 3;
                }
            }
            assertArrayEquals(mean, p, 1e-12);
        }
    }

    @Test
    void membersMustMatchTheConfiguration() {
        Rng rng = new Rng(2);
        List<PhaseNet> two = List.of(config(1).build(rng.fold(0)), config(1).build(rng.fold(1)));
        assertThrows(IllegalArgumentException.class, () -> new PhaseEnsemble(config(3), two));
        List<PhaseNet> wrong = List.of(config(1).build(rng.fold(0)), config(1).withArch(ModelConfig.Arch.IRESNET).build(rng));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new PhaseEnsemble(config(2), wrong));
        assertTrue(ex.getMessage().contains("member 1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(0));
    }

    @Test
    void configurationWithoutMembersReadsAsOneNetwork() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(config(4).toMap());
        assertEquals(config(4), ModelConfig.fromMap(m));
        m.remove("members");
        assertEquals(config(1), ModelConfig.fromMap(m), "files written before ensembles");
        Map<String, Object> h = new java.util.LinkedHashMap<>(config(1).withHeadAux(2).toMap());
        assertEquals(config(1).withHeadAux(2), ModelConfig.fromMap(h));
        h.remove("head_aux");
        assertEquals(config(1), ModelConfig.fromMap(h), "files written before head_aux");
        assertThrows(IllegalArgumentException.class, () -> config(1).withHeadAux(6), "all 6 channels cannot be auxiliary");
    }

    @Test
    void trainingFitsEveryMemberAndTheSavedEnsembleLoadsWithTheSameProbabilities() throws Exception {
        SmallTrainingSet set = SmallTrainingSet.make();
        Features f = set.features();
        List<FoldedCurve> curves = set.curves();
        int[] labels = set.labels();
        ModelConfig c = new ModelConfig(ModelConfig.Arch.ITCN, f.inputChannels(), 6, 3, 2, 8, 0.1, DType.F32, 2, 0);
        TrainOptions o = new TrainOptions(2, 16, 3e-3, 0.2, 2, 0, 4, false);
        Training.Result r = Training.fit(c, f, curves, labels, SyntheticEvaluation.classNames(), List.of("mag"), o, null);
        assertEquals(2, r.histories().size());
        assertEquals(2, r.bestEpochs().length);
        assertTrue(r.model().net() instanceof PhaseEnsemble);
        TrainedModel single = Training.fit(c.withMembers(1), f, curves, labels, SyntheticEvaluation.classNames(),
                List.of("mag"), o, null).model();
        PhaseNet first = ((PhaseEnsemble) r.model().net()).members().get(0);
        Map<String, Tensor> a = StateDict.of(single.net());
        Map<String, Tensor> b = StateDict.of(first);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v.to(DType.F64).contiguous().toDoubleArray(),
                b.get(k).to(DType.F64).contiguous().toDoubleArray(), 0, "member 0 is the single network: " + k));

        double[][] before = r.model().predictProba(curves);
        r.model().save(dir);
        TrainedModel loaded = TrainedModel.load(dir);
        assertEquals(c, loaded.net().config());
        double[][] after = loaded.predictProba(curves);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 1e-6);
        }
    }
}
