package astrograd.examples;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.metrics.Metrics;
import astrograd.layers.optim.Adam;
import astrograd.layers.train.Trainer;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * The astronomy example ({@code docs/howto/custom-architecture.md}): {@link PhaseInvariantClassifier} trained on
 * synthetic folded light curves of three kinds of periodic variable, each observed at a random phase origin:
 * <ul>
 *   <li>0, sinusoidal (spotted rotator): {@code m(φ) = A sin 2πφ};</li>
 *   <li>1, RR Lyrae-like sawtooth: a fast rise over 15 % of the period, a slow linear decline over the rest;</li>
 *   <li>2, eclipsing binary: flat, with Gaussian dips (width 0.03 in phase) at φ = 0 and 0.5, the second shallower.</li>
 * </ul>
 * Each curve is binned to 64 phases, has Gaussian noise of σ = 0.25 of its amplitude, and is standardized.
 */
public final class PolarClassifierExample {
    static final int LENGTH = 64;
    static final int CLASSES = 3;

    /** Held-out accuracy and the largest change of a logit when every test curve is rolled by a random shift. */
    public record Result(double accuracy, double maxLogitChangeUnderRoll) {
    }

    private PolarClassifierExample() {
    }

    public static void main(String[] args) {
        Result r = run(600, 8);
        System.out.printf("held-out accuracy %.3f; max logit change when the phase origin moves: %.2e%n",
                r.accuracy(), r.maxLogitChangeUnderRoll());
    }

    /** Trains on {@code perClass} curves of each class for {@code epochs}, tests on as many fresh ones. */
    public static Result run(int perClass, int epochs) {
        Rng rng = new Rng(2021);
        Tensor[] train = curves(perClass, rng.split());
        Tensor[] test = curves(perClass, rng.split());
        // docs:begin train
        PhaseInvariantClassifier model = new PhaseInvariantClassifier(16, 2, CLASSES, rng);
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), 3e-3), batch -> Losses.crossEntropy(
                model.forward(Var.constant(batch.get(0))), batch.get(1), Reduction.MEAN));
        trainer.fit(new DataLoader(new TensorDataset(train[0], train[1]), 64, rng.split(), false), epochs);
        // docs:end train
        // docs:begin check
        model.eval();
        double accuracy;
        double change;
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Tensor logits = model.forward(Var.constant(test[0])).value();
            accuracy = Metrics.accuracy(test[1].toIntArray(), logits.argmax(1, false).toIntArray());
            Tensor rolled = test[0].roll(rng.nextInt(LENGTH - 1) + 1, 2);   // another phase origin for every curve
            change = model.forward(Var.constant(rolled)).value().sub(logits).abs().max(new int[] {0, 1}, false).item();
        }
        // docs:end check
        return new Result(accuracy, change);
    }

    /** {@code n} curves per class in random order: {x [3n, 1, 64] F32, labels [3n] I64}. */
    static Tensor[] curves(int n, Rng rng) {
        int total = n * CLASSES;
        float[] x = new float[total * LENGTH];
        long[] labels = new long[total];
        long[] order = rng.permutation(total).toLongArray();
        for (int i = 0; i < total; i++) {
            int label = (int) (order[i] % CLASSES);
            labels[i] = label;
            double origin = rng.nextDouble();
            double amplitude = 0.5 + rng.nextDouble();
            double[] m = new double[LENGTH];
            for (int j = 0; j < LENGTH; j++) {
                double phase = (j + 0.5) / LENGTH + origin;
                m[j] = amplitude * (shape(label, phase - Math.floor(phase)) + 0.25 * rng.nextGaussian());
            }
            standardize(m, x, i * LENGTH);
        }
        return new Tensor[] {Tensor.of(x, total, 1, LENGTH), Tensor.of(labels, total)};
    }

    /** The noiseless light curve of a class at phase φ ∈ [0, 1), amplitude 1. */
    static double shape(int label, double phi) {
        switch (label) {
            case 0:
                return Math.sin(2 * Math.PI * phi);
            case 1:
                return phi < 0.15 ? phi / 0.15 : (1 - phi) / 0.85;
            default:
                double d0 = Math.min(phi, 1 - phi);
                double d1 = Math.abs(phi - 0.5);
                return -Math.exp(-0.5 * Math.pow(d0 / 0.03, 2)) - 0.5 * Math.exp(-0.5 * Math.pow(d1 / 0.03, 2));
        }
    }

    private static void standardize(double[] m, float[] out, int offset) {
        double mean = 0;
        for (double v : m) {
            mean += v / m.length;
        }
        double var = 0;
        for (double v : m) {
            var += (v - mean) * (v - mean) / m.length;
        }
        double sd = Math.sqrt(var);
        for (int j = 0; j < m.length; j++) {
            out[offset + j] = (float) ((m[j] - mean) / sd);
        }
    }
}
