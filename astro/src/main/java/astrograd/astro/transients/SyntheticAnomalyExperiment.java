package astrograd.astro.transients;

import astrograd.inference.anomaly.IsolationForest;
import astrograd.layers.metrics.Metrics;
import astrograd.tensor.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The spec sheet's VRAENN anomaly test (§6(d)4): simulate a {@link SyntheticSurvey}, train a {@link Vraenn} on every
 * light curve without labels, fit an isolation forest on the latent means μ and rank the objects; report the rare
 * class's AUROC and its precision among the top 1 % against the base rate. Then encode the same light curves truncated
 * at their peak epoch (brightest g-band detection; the model and the forest stay those of the full curves) and report
 * the same numbers, i.e. how much of the ranking survives before peak.
 *
 * <p>Unlike the spec's wording ("GP-densified"), the sequences come straight from the photometry: the survey observes
 * every band at every epoch, so each epoch already has all bands (non-detections enter as the limit with error 1).
 * This keeps the test fast; the real-data command {@code transients train-vraenn} does densify with the 2-D GP.
 */
public final class SyntheticAnomalyExperiment {
    /** Survey size and rare fraction, model, training, sequence length cap and seed. */
    public record Config(int objects, double rareFraction, Vraenn.Config model, VraennTrainer.Options training,
                         int maxSteps, long seed) {
    }

    /** Full-curve and at-peak AUROC and top-1 % precision, the base rate, and the training history. */
    public record Result(double auroc, double topPrecision, double aurocAtPeak, double topPrecisionAtPeak,
                         double baseRate, VraennTrainer.History history) {
        public double aurocDrop() {
            return auroc - aurocAtPeak;
        }
    }

    private SyntheticAnomalyExperiment() {
    }

    public static Result run(Config c, IntConsumer onEpoch) {
        SyntheticSurvey.Survey survey = SyntheticSurvey.generate(c.objects(), c.rareFraction(), c.seed());
        List<VraennData.Sequence> full = new ArrayList<>();
        List<VraennData.Sequence> atPeak = new ArrayList<>();
        for (TransientLightCurve lc : survey.objects()) {
            full.add(SyntheticSurvey.sequence(lc));
            atPeak.add(SyntheticSurvey.sequence(lc.truncatedAt(peakTime(lc))));
        }
        VraennData data = VraennData.of(full, c.maxSteps(), Double.NaN, Double.NaN);
        Vraenn model = new Vraenn(c.model(), new Rng(c.seed()).fold(1));
        VraennTrainer.History h = VraennTrainer.train(model, data, c.training(), onEpoch);
        double[][] mu = model.encode(data, 256)[0];
        int latent = c.model().latent();
        double[] x = flatten(mu, latent);
        IsolationForest forest = IsolationForest.fit(x, mu.length, latent, 100, 256, c.seed());
        int[] y = survey.rareLabels();
        double[] s = forest.score(x, mu.length);
        VraennData peakData = VraennData.of(atPeak, c.maxSteps(), data.lo(), data.hi());
        double[][] muPeak = model.encode(peakData, 256)[0];
        double[] sPeak = forest.score(flatten(muPeak, latent), muPeak.length);
        double base = (double) java.util.Arrays.stream(y).sum() / y.length;
        return new Result(Metrics.rocAuc(y, s), topPrecision(y, s, 0.01), Metrics.rocAuc(y, sPeak),
                topPrecision(y, sPeak, 0.01), base, h);
    }

    /** Fraction of positives among the {@code ⌈q n⌉} highest scores. */
    public static double topPrecision(int[] y, double[] s, double q) {
        int k = (int) Math.ceil(q * y.length);
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        int hits = 0;
        for (int i = 0; i < k; i++) {
            hits += y[order[i]];
        }
        return (double) hits / k;
    }

    /** Time of the brightest g-band (band 0) detection, else of the brightest detection. */
    static double peakTime(TransientLightCurve lc) {
        int best = -1;
        for (int i = 0; i < lc.size(); i++) {
            if (lc.detected()[i] && lc.band()[i] == 0 && (best < 0 || lc.mag()[i] < lc.mag()[best])) {
                best = i;
            }
        }
        return best >= 0 ? lc.time()[best] : lc.time()[lc.size() - 1];
    }

    private static double[] flatten(double[][] rows, int d) {
        double[] x = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, x, i * d, d);
        }
        return x;
    }
}
