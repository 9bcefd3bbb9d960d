package astrograd.astro.flares;

import astrograd.astro.lightcurve.BundledData;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.astro.lightcurve.LightCurveReader;
import astrograd.astro.lightcurve.Normalization;
import astrograd.astro.lightcurve.ReadOptions;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The flare finder end to end: read and normalize light curves, build windows, train an ensemble, score a
 * light curve and identify its flares, and the leave-one-star-out evaluation.
 */
public final class FlarePipeline {
    /** Days within which a detection matches a catalogued flare peak. */
    public static final double MATCH_TOLERANCE_DAYS = 0.01;
    /** Validation windows relative to training windows. */
    private static final double VALIDATION_SCALE = 0.25;

    /** A scored light curve and its flares. */
    public record Prediction(LightCurve lightCurve, double[] probability, List<Flare> flares) {
        /** Days covered by scorable cadences (the cadence times the number of scored cadences). */
        public double scoredDays() {
            long scored = java.util.Arrays.stream(probability).filter(p -> !Double.isNaN(p)).count();
            return scored * lightCurve.cadence();
        }
    }

    private FlarePipeline() {
    }

    /**
     * Reads, normalizes per orbit and labels light curves. With a catalogue, each light curve's TIC comes from
     * {@link TicNumber#of} (the header's {@code TICID}, else the file name; an unknown TIC is an error), its times
     * must be BTJD (a FITS file in another system is refused) and its flares are those catalogued inside its time
     * span ({@link FlareCatalog#flaresDuring}, which refuses a light curve whose times are offset from the
     * catalogue's). Without one ({@code catalog} null) every light curve has no flares.
     */
    public static List<LabelledLightCurve> load(List<Path> files, FlareCatalog catalog) throws IOException {
        List<LabelledLightCurve> out = new ArrayList<>();
        for (Path f : files) {
            LightCurveReader.Result read = LightCurveReader.readWithInfo(f, ReadOptions.defaults());
            LightCurve lc = Normalization.perOrbit(read.lightCurve());
            List<FlareCatalog.Entry> flares = List.of();
            if (catalog != null) {
                long tic = TicNumber.of(f, read);
                if (!read.timeSystem().equals("BTJD") && !read.timeSystem().equals("unknown")) {
                    throw new IOException(f + ": its times are " + read.timeSystem() + ", the flare catalogue's are"
                            + " BTJD; the catalogue matches TESS light curves in BTJD");
                }
                flares = catalog.flaresDuring(f.toString(), tic, lc.time()[0], lc.time()[lc.size() - 1]);
            }
            out.add(new LabelledLightCurve(lc, flares));
        }
        return out;
    }

    /** The five bundled stella Sector 2 light curves with their catalogued flares. */
    public static List<LabelledLightCurve> bundled() throws IOException {
        return load(BundledData.stellaLightCurves(), FlareCatalog.read(BundledData.stellaCatalogue()));
    }

    /**
     * Trains an ensemble on windows drawn from {@code curves}: the training mix of
     * {@link TrainingSetBuilder.Config#training()} times {@code dataScale}, validated on a quarter as many windows
     * drawn from another stream (injections only, so no window is in both sets).
     */
    public static FlareEnsemble train(List<LabelledLightCurve> curves, FlareEnsemble.TrainConfig config,
                                      double dataScale, Rng rng, Consumer<String> log) {
        List<Rng> streams = rng.split(3);
        TrainingSetBuilder.Config mix = TrainingSetBuilder.Config.training().scaled(dataScale).withInput(config.input());
        WindowSet train = TrainingSetBuilder.build(curves, mix, streams.get(0));
        WindowSet validation = TrainingSetBuilder.build(curves,
                mix.scaled(VALIDATION_SCALE).withCatalogPositives(false), streams.get(1));
        if (log != null) {
            log.accept(String.format(java.util.Locale.ROOT, "training windows: %d (%d flares), validation: %d",
                    train.size(), java.util.Arrays.stream(train.labelArray()).sum(), validation.size()));
        }
        return FlareEnsemble.train(train, validation, config, streams.get(2), log);
    }

    /**
     * An injection test set: the training mix without catalogued flares, with injected peaks from 1 to 300 σ (so
     * the recovery table reaches below the 5σ detection goal), on the light curves as they are (no added
     * modulation, no simulated edges), cut for the network input {@code input}.
     */
    public static WindowSet injectionTestSet(List<LabelledLightCurve> curves, double scale, Rng rng,
                                             FlareNetwork.Input input) {
        return TrainingSetBuilder.build(curves, TrainingSetBuilder.Config.training().scaled(scale)
                .withCatalogPositives(false).withPeakSigma(1, 300).withModulatedFraction(0).withInput(input)
                .withEdgeFraction(0), rng);
    }

    /** Scores every cadence of {@code lc} (normalized) and identifies its flares (default merge and significance). */
    public static Prediction predict(LightCurve lc, FlareEnsemble ensemble, double threshold) {
        return predict(lc, ensemble, threshold, FlareFinder.DEFAULT_MIN_SIGNIFICANCE);
    }

    /** As {@link #predict(LightCurve, FlareEnsemble, double)} keeping flares of at least {@code minSignificance} σ. */
    public static Prediction predict(LightCurve lc, FlareEnsemble ensemble, double threshold, double minSignificance) {
        double[] p = FlarePredictor.probabilities(lc, ensemble);
        return new Prediction(lc, p, FlareFinder.identify(lc, p, threshold, FlareFinder.DEFAULT_MERGE, minSignificance));
    }

    /** Matches a prediction against the catalogued flares of its light curve. */
    public static FlareEvaluation.CatalogReport score(Prediction prediction, LabelledLightCurve truth) {
        return FlareEvaluation.catalog(truth.lightCurve().name(), prediction.flares(), truth.flares(),
                MATCH_TOLERANCE_DAYS, prediction.scoredDays());
    }

    /**
     * One fold of the leave-one-star-out evaluation: the held-out light curve's catalogued flares, and windows
     * with flares injected into it with the ensemble's probabilities.
     */
    public record Fold(FlareEvaluation.CatalogReport catalogue, WindowSet injected, double[] injectedProbability) {
        public FlareEvaluation.SyntheticReport synthetic(double threshold) {
            return FlareEvaluation.synthetic(injected, injectedProbability, threshold);
        }
    }

    /**
     * Leave-one-star-out: for each light curve, trains on the others (stream i of {@code rng.split(n)}) and
     * scores the held-out one against its catalogue and against flares injected into it.
     */
    public static List<Fold> leaveOneStarOut(List<LabelledLightCurve> curves, FlareEnsemble.TrainConfig config,
            double dataScale, double threshold, Rng rng, Consumer<String> log) {
        List<Rng> streams = rng.split(curves.size());
        List<Fold> folds = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            List<LabelledLightCurve> others = new ArrayList<>(curves);
            LabelledLightCurve held = others.remove(i);
            if (log != null) {
                log.accept("held out: " + held.lightCurve().name());
            }
            List<Rng> foldStreams = streams.get(i).split(2);
            FlareEnsemble e = train(others, config, dataScale, foldStreams.get(0), log);
            FlareEvaluation.CatalogReport r = score(predict(held.lightCurve(), e, threshold), held);
            WindowSet injected = injectionTestSet(List.of(held), 1.0, foldStreams.get(1), e.input());
            Fold fold = new Fold(r, injected, e.predict(injected.inputs()));
            if (log != null) {
                FlareEvaluation.SyntheticReport s = fold.synthetic(threshold);
                log.accept(String.format(java.util.Locale.ROOT, "  %s: recovered %d of %d catalogued flares, %d not in"
                        + " the catalogue (%.2f per day); injected ≥ 5σ: AP %.4f, precision %.4f, recall %.4f, spikes"
                        + " rejected %.3f", r.name(), r.recovered(), r.catalogued(), r.extra(), r.extraPerDay(),
                        s.averagePrecision(), s.precision(), s.recall(), s.spikeRejection()));
            }
            folds.add(fold);
        }
        return folds;
    }

    /** The injection results of all folds pooled into one report. */
    public static FlareEvaluation.SyntheticReport pooledSynthetic(List<Fold> folds, double threshold) {
        WindowSet all = WindowSet.concat(folds.stream().map(Fold::injected).toList());
        double[] p = folds.stream().flatMapToDouble(f -> java.util.Arrays.stream(f.injectedProbability())).toArray();
        return FlareEvaluation.synthetic(all, p, threshold);
    }
}
