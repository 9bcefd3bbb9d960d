package astrograd.astro.variables;

import astrograd.tensor.Rng;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The synthetic experiment: {@code perClass} stars of each of the six {@link SyntheticVariables.Shape}s, a stratified
 * 80/20 split, and
 * <ol>
 *   <li>the invariant model trained on random-phase curves and scored on the random-phase test set: accuracy, balanced
 *       accuracy overall and on the low-noise half (noise ratio below the test set's median);</li>
 *   <li>the number of test labels that change when every test chunk is rolled by a random shift, and the largest
 *       probability change when every star's times are moved by a random fraction of its period and re-folded;</li>
 *   <li>the zero-padded baseline trained on phase-anchored curves (the same observations with the times moved so that
 *       φ₀ = 0, {@link SyntheticVariables.Star#anchored()}), and both models scored
 *       on the anchored and on the random-phase test sets: the baseline's drop against the invariant model's.</li>
 * </ol>
 *
 * @param perClass stars per class
 * @param data     the generator
 * @param features the feature settings (one band)
 * @param model    the invariant architecture (ITCN or IRESNET); the baseline uses the same sizes
 * @param options  training settings
 */
public record SyntheticEvaluation(int perClass, SyntheticVariables data, Features features, ModelConfig model,
                                  TrainOptions options) {
    /** What the experiment measured. */
    public record Report(Scores invariant, Scores invariantLowNoise, Scores invariantHighNoise, int rollChangedLabels,
                         double rephaseMaxProbabilityChange, Scores invariantAnchoredTest, Scores baselineAnchoredTest,
                         Scores baselineRandomTest) {
        /** Accuracy points the baseline loses from anchored to random-phase test curves. */
        public double baselineDrop() {
            return 100 * (baselineAnchoredTest.accuracy() - baselineRandomTest.accuracy());
        }

        /** Accuracy points the invariant model loses from anchored to random-phase test curves. */
        public double invariantDrop() {
            return 100 * (invariantAnchoredTest.accuracy() - invariant.accuracy());
        }

        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append("invariant model, random-phase test: ").append(invariant.summary()).append('\n');
            sb.append("  low-noise half:  ").append(invariantLowNoise.summary()).append('\n');
            sb.append("  high-noise half: ").append(invariantHighNoise.summary()).append('\n');
            sb.append(invariant.confusionTable());
            sb.append(String.format(Locale.ROOT, "labels changed by rolling every test input by a random shift: %d of %d%n",
                    rollChangedLabels, invariant.count()));
            sb.append(String.format(Locale.ROOT, "largest probability change after a random phase shift of the times and"
                    + " re-folding: %.2e%n", rephaseMaxProbabilityChange));
            sb.append(String.format(Locale.ROOT, "invariant model: anchored test accuracy %.4f, random-phase %.4f (drop %.2f points)%n",
                    invariantAnchoredTest.accuracy(), invariant.accuracy(), invariantDrop()));
            sb.append(String.format(Locale.ROOT, "zero-padded baseline trained on anchored curves: anchored test accuracy %.4f,"
                    + " random-phase %.4f (drop %.2f points)%n", baselineAnchoredTest.accuracy(), baselineRandomTest.accuracy(),
                    baselineDrop()));
            return sb.toString();
        }
    }

    public static List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (SyntheticVariables.Shape s : SyntheticVariables.Shape.values()) {
            names.add(s.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Runs the experiment; progress lines go to {@code log} (may be null). */
    public Report run(long seed, PrintStream log) {
        Rng rng = new Rng(seed);
        List<SyntheticVariables.Star> random = data.generate(perClass, rng.fold(1));
        List<SyntheticVariables.Star> anchored = random.stream().map(SyntheticVariables.Star::anchored).toList();
        int[] labels = random.stream().mapToInt(SyntheticVariables.Star::label).toArray();
        boolean[] test = Splits.stratifiedHoldout(labels, 0.2, rng.fold(2));
        int[] trainIdx = Splits.where(test, false);
        int[] testIdx = Splits.where(test, true);
        List<String> names = classNames();

        say(log, "training the invariant model (" + model + ") on " + trainIdx.length + " random-phase curves");
        TrainedModel inv = Training.fit(model, features, fold(random, trainIdx), Training.pick(labels, trainIdx), names,
                List.of("mag"), options, log).model();
        say(log, "training the zero-padded baseline on " + trainIdx.length + " phase-anchored curves");
        TrainedModel base = Training.fit(model.withArch(ModelConfig.Arch.TCN_BASELINE), features, fold(anchored, trainIdx),
                Training.pick(labels, trainIdx), names, List.of("mag"), options, log).model();

        int[] yTest = Training.pick(labels, testIdx);
        List<FoldedCurve> testRandom = fold(random, testIdx);
        List<FoldedCurve> testAnchored = fold(anchored, testIdx);
        double[][] p = inv.predictProba(testRandom);
        int[] pred = TrainedModel.argmax(p);
        int[] rolled = TrainedModel.argmax(inv.predictProba(testRandom, rng.fold(3)));
        double[] noise = Arrays.stream(testIdx).mapToDouble(i -> random.get(i).noiseRatio()).toArray();
        double median = astrograd.astro.lightcurve.Normalization.median(noise, 0, noise.length);
        boolean[] low = new boolean[noise.length];
        for (int i = 0; i < noise.length; i++) {
            low[i] = noise[i] < median;
        }
        return new Report(Scores.of(yTest, pred, names), subset(yTest, pred, low, true, names),
                subset(yTest, pred, low, false, names), differences(pred, rolled),
                rephaseChange(inv, testRandom, p, rng.fold(4)),
                Scores.of(yTest, TrainedModel.argmax(inv.predictProba(testAnchored)), names),
                Scores.of(yTest, TrainedModel.argmax(base.predictProba(testAnchored)), names),
                Scores.of(yTest, TrainedModel.argmax(base.predictProba(testRandom)), names));
    }

    private List<FoldedCurve> fold(List<SyntheticVariables.Star> stars, int[] idx) {
        List<FoldedCurve> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(features.fold(stars.get(i).curve()));
        }
        return out;
    }

    /** The largest |Δp| after moving each star's times by a random fraction of its period and re-folding. */
    static double rephaseChange(TrainedModel m, List<FoldedCurve> curves, double[][] before, Rng rng) {
        List<FoldedCurve> moved = new ArrayList<>();
        for (FoldedCurve fc : curves) {
            LightCurve lc = fc.source();
            moved.add(m.features().fold(lc.shiftTime(rng.nextDouble() * lc.period())));
        }
        double[][] after = m.predictProba(moved);
        double max = 0;
        for (int i = 0; i < after.length; i++) {
            for (int c = 0; c < after[i].length; c++) {
                max = Math.max(max, Math.abs(after[i][c] - before[i][c]));
            }
        }
        return max;
    }

    private static int differences(int[] a, int[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] != b[i] ? 1 : 0;
        }
        return d;
    }

    private static Scores subset(int[] y, int[] pred, boolean[] mask, boolean want, List<String> names) {
        int[] idx = Splits.where(mask, want);
        return Scores.of(Training.pick(y, idx), Training.pick(pred, idx), names);
    }

    private static void say(PrintStream log, String line) {
        if (log != null) {
            log.println(line);
            log.flush();
        }
    }
}
