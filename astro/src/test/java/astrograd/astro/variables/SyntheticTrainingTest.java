package astrograd.astro.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reduced version of the synthetic experiment (the full one, 3000 stars per class, runs as
 * {@code astrograd variables synthetic}; see benchmarks/RESULTS.md): 200 stars per class, short chunks and a small
 * network, so that it trains in seconds. The thresholds are scaled down from the full experiment's.
 */
class SyntheticTrainingTest {
    private static SyntheticEvaluation.Report report;
    private static TrainedModel model;
    private static List<FoldedCurve> testCurves;

    @BeforeAll
    static void runReducedExperiment() {
        Features f = new Features(48, false, 1, 16);
        ModelConfig c = new ModelConfig(ModelConfig.Arch.ITCN, f.inputChannels(), 6, 5, 4, 16, 0.1, DType.F32);
        TrainOptions o = new TrainOptions(20, 64, 3e-3, 0.15, 3, 8, 1, false);
        SyntheticEvaluation e = new SyntheticEvaluation(200, new SyntheticVariables(48, 96, 0.3), f, c, o);
        report = e.run(11, null);
        // a separate small model for the re-phasing property, trained on the same generator
        List<SyntheticVariables.Star> stars = new SyntheticVariables(48, 96, 0.3).generate(40, new Rng(12));
        List<FoldedCurve> curves = new ArrayList<>();
        int[] labels = new int[stars.size()];
        for (int i = 0; i < stars.size(); i++) {
            curves.add(f.fold(stars.get(i).curve()));
            labels[i] = stars.get(i).label();
        }
        model = Training.fit(c, f, curves, labels, SyntheticEvaluation.classNames(), List.of("mag"),
                o.withEpochs(3), null).model();
        testCurves = curves.subList(0, 60);
    }

    @Test
    void invariantModelLearnsTheSixShapes() {
        // this run: 0.77 overall, 0.86 on the low-noise half, 0.68 on the high-noise half (chance 1/6)
        assertTrue(report.invariant().balancedAccuracy() >= 0.65, report.format());
        assertTrue(report.invariantLowNoise().balancedAccuracy() >= 0.75, report.format());
        assertTrue(report.invariantLowNoise().balancedAccuracy() > report.invariantHighNoise().balancedAccuracy(),
                report.format());
    }

    @Test
    void rollingTestInputsChangesNoLabel() {
        assertEquals(0, report.rollChangedLabels(), report.format());
    }

    @Test
    void baselineLosesOnRandomPhasesWhileTheInvariantModelLosesNothing() {
        assertTrue(report.baselineDrop() >= 10, "baseline drop " + report.baselineDrop() + "\n" + report.format());
        assertEquals(0, report.invariantDrop(), 1e-9, report.format());
    }

    @Test
    void rephasingTheTimesLeavesProbabilitiesUnchanged() {
        double[][] before = model.predictProba(testCurves);
        double change = SyntheticEvaluation.rephaseChange(model, testCurves, before, new Rng(13));
        assertTrue(change <= 1e-5, "largest probability change " + change);
        assertTrue(report.rephaseMaxProbabilityChange() <= 1e-5, report.format());
        // the same property fails for the baseline, whose input starts wherever phase 0 falls
        ModelConfig baseline = model.net().config().withArch(ModelConfig.Arch.TCN_BASELINE);
        TrainedModel b = new TrainedModel(baseline.build(new Rng(14)), model.features(), model.scaler(),
                model.classCodes(), model.bandNames());
        double baseChange = SyntheticEvaluation.rephaseChange(b, testCurves, b.predictProba(testCurves), new Rng(13));
        assertTrue(baseChange > 1e-3, "baseline probability change " + baseChange);
    }
}
