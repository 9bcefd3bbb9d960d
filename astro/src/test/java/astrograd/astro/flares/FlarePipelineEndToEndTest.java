package astrograd.astro.flares;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.Npy;
import astrograd.layers.train.DeepEnsemble;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on generated data: .npy files and a catalogue on disk → reader → windows → a tiny
 * ensemble → per-cadence scores → flare table, in a few seconds.
 */
class FlarePipelineEndToEndTest {
    @TempDir
    static Path dir;
    static List<Path> files = new ArrayList<>();
    static Path catalogue;
    static FlareEnsemble ensemble;

    @BeforeAll
    static void trainTinyEnsemble() throws IOException {
        StringBuilder csv = new StringBuilder("TIC,Outbst,Flare,tpeak,Amp,FWHMdt\n");
        for (int s = 0; s < 3; s++) {
            long tic = 101 + s;
            LabelledLightCurve c = GeneratedLightCurves.generate("gen", 6000, 0.002, 8, new Rng(40 + s));
            Path f = dir.resolve(String.format(Locale.ROOT, "%09d_generated.npy", tic));
            int n = c.lightCurve().size();
            double[] data = new double[3 * n];
            System.arraycopy(c.lightCurve().time(), 0, data, 0, n);
            System.arraycopy(c.lightCurve().flux(), 0, data, n, n);
            System.arraycopy(c.lightCurve().fluxErr(), 0, data, 2 * n, n);
            Npy.write(f, data, 3, n);
            files.add(f);
            for (FlareCatalog.Entry e : c.flares()) {
                csv.append(String.format(Locale.ROOT, "%d,1,1,%.8f,%.6f,%.6f%n", tic,
                        e.tpeakBtjd() + FlareCatalog.BTJD_OFFSET, e.amplitude(), e.fwhmDays()));
            }
        }
        catalogue = dir.resolve("catalogue.csv");
        Files.writeString(catalogue, csv);
        List<LabelledLightCurve> train = FlarePipeline.load(files.subList(0, 2), FlareCatalog.read(catalogue));
        assertEquals(8, train.get(0).flares().size(), "the catalogue is matched by the TIC in the file name");
        FlareEnsemble.TrainConfig config = new FlareEnsemble.TrainConfig(2, 5, 64, 1e-3, DeepEnsemble.Combine.MEAN, false,
                FlareNetwork.Input.SERIES);
        ensemble = FlarePipeline.train(train, config, 0.3, new Rng(7), null);
    }

    @Test
    void findsTheFlaresOfAHeldOutLightCurve() throws IOException {
        LabelledLightCurve held = FlarePipeline.load(files.subList(2, 3), FlareCatalog.read(catalogue)).get(0);
        FlarePipeline.Prediction p = FlarePipeline.predict(held.lightCurve(), ensemble, 0.5);
        FlareEvaluation.CatalogReport r = FlarePipeline.score(p, held);
        assertTrue(r.recall() >= 0.85, "recall of 8–60σ flares: " + r.toMap());
        assertTrue(r.extra() <= 3, "detections that are not injected flares: " + r.toMap());
        long masked = java.util.Arrays.stream(p.probability()).filter(Double::isNaN).count();
        assertEquals(0, masked, "every cadence is scored, those near the edges and the gap included");

        Path table = dir.resolve("out/flares.csv");
        FlareTable.write(table, p.flares());
        List<String> lines = Files.readAllLines(table);
        assertEquals(FlareTable.HEADER, lines.get(0));
        assertEquals(p.flares().size() + 1, lines.size());
        assertTrue(lines.get(0).contains("tpeak_btjd") && lines.get(0).contains("equivalent_duration_s"));
    }

    @Test
    void savedEnsemblePredictsTheSame() throws IOException {
        Path model = dir.resolve("model");
        ensemble.save(model, java.util.Map.of("note", "test"));
        FlareEnsemble loaded = FlareEnsemble.load(model);
        assertEquals(2, loaded.size());
        assertEquals("test", loaded.info().get("note"));
        WindowSet w = TrainingSetBuilder.build(FlarePipeline.load(files.subList(2, 3), null),
                TrainingSetBuilder.Config.training().scaled(0.02).withCatalogPositives(false)
                        .withInput(ensemble.input()), new Rng(3));
        assertArrayEquals(ensemble.predict(w.inputs()), loaded.predict(w.inputs()), 0);
        double[][] members = loaded.memberPredictions(w.inputs());
        double[] median = loaded.withCombine(DeepEnsemble.Combine.MEDIAN).predict(w.inputs());
        for (int i = 0; i < median.length; i++) {
            assertEquals(0.5 * (members[0][i] + members[1][i]), median[i], 1e-6, "the median of two is their mean");
        }
    }

    @Test
    void injectionScoresAreReported() {
        List<LabelledLightCurve> held;
        try {
            held = FlarePipeline.load(files.subList(2, 3), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        WindowSet test = FlarePipeline.injectionTestSet(held, 0.2, new Rng(11), ensemble.input());
        FlareEvaluation.SyntheticReport r = FlareEvaluation.synthetic(test, ensemble.predict(test.inputs()), 0.5);
        assertTrue(r.averagePrecision() > 0.85, "tiny ensemble, injected ≥ 5σ: " + r.toMap());
        assertTrue(r.spikeRejection() > 0.8, "spikes: " + r.toMap());
        assertTrue(r.recovery().size() >= 5, "recovery bins from 1σ to 300σ: " + r.recovery());
    }

    static Path modelFolder() throws IOException {
        Path model = dir.resolve("cli-model");
        if (!Files.exists(model.resolve(FlareEnsemble.DESCRIPTOR))) {
            ensemble.save(model, java.util.Map.of());
        }
        return model;
    }
}
