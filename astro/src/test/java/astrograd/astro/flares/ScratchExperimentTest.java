package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Rng;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchExperimentTest {
    static LightCurve npy(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        int hl = (b[8] & 0xff) | ((b[9] & 0xff) << 8);
        ByteBuffer bb = ByteBuffer.wrap(b, 10 + hl, b.length - 10 - hl).order(ByteOrder.LITTLE_ENDIAN);
        int n = (b.length - 10 - hl) / 24;
        double[][] r = new double[3][n];
        for (int k = 0; k < 3; k++) for (int i = 0; i < n; i++) r[k][i] = bb.getDouble();
        // per orbit normalize at largest gap
        int cut = 1; double g = 0;
        for (int i = 1; i < n; i++) if (r[0][i] - r[0][i - 1] > g) { g = r[0][i] - r[0][i - 1]; cut = i; }
        for (int[] seg : new int[][] {{0, cut}, {cut, n}}) {
            double med = Windows.median(java.util.Arrays.copyOfRange(r[1], seg[0], seg[1]));
            for (int i = seg[0]; i < seg[1]; i++) { r[1][i] /= med; r[2][i] /= med; }
        }
        return new LightCurve(p.getFileName().toString(), r[0], r[1], r[2]);
    }

    @Test
    void run() throws Exception {
        if (System.getProperty("scratch") == null) return;
        Path dir = Path.of("/work/shared/data/tess");
        FlareCatalog cat = FlareCatalog.read(dir.resolve("guenther2020_flare_catalog.csv"));
        List<LabelledLightCurve> all = new ArrayList<>();
        for (String s : new String[] {"002760232", "002761472", "005640393", "005656273", "005676537"}) {
            LightCurve lc = npy(dir.resolve(s + "_sector02.npy"));
            all.add(new LabelledLightCurve(lc, cat.flares(Long.parseLong(s), lc.time()[0], lc.time()[lc.size() - 1])));
            System.out.println(s + " sigma " + Windows.noise(lc.flux()) + " flares " + all.get(all.size() - 1).flares().size());
        }
        int held = Integer.getInteger("held", 4);
        List<LabelledLightCurve> train = new ArrayList<>(all);
        LabelledLightCurve test = train.remove(held);
        Rng rng = new Rng(1);
        long t0 = System.nanoTime();
        WindowSet tr = TrainingSetBuilder.build(train, TrainingSetBuilder.Config.training(), rng.split());
        WindowSet va = TrainingSetBuilder.build(train, TrainingSetBuilder.Config.training().scaled(0.25).withCatalogPositives(false), rng.split());
        WindowSet te = TrainingSetBuilder.build(List.of(test), TrainingSetBuilder.Config.training().withCatalogPositives(false).withPeakSigma(1, 300), rng.split());
        System.out.printf("windows train %d val %d test %d in %.1f s%n", tr.size(), va.size(), te.size(), (System.nanoTime() - t0) / 1e9);
        FlareEnsemble e = FlareEnsemble.train(tr, va, new FlareEnsemble.TrainConfig(Integer.getInteger("members", 2), Integer.getInteger("epochs", 8), 64, 1e-3, astrograd.layers.train.DeepEnsemble.Combine.MEAN, false), rng.split(), System.out::println);
        double[] p = e.predict(te.inputs());
        System.out.println(FlareEvaluation.synthetic(te, p, 0.5).toMap());
        long t1 = System.nanoTime();
        double[] prob = FlarePredictor.probabilities(test.lightCurve(), e);
        List<Flare> fl = FlareFinder.identify(test.lightCurve(), prob);
        System.out.printf("predict %.1f s%n", (System.nanoTime() - t1) / 1e9);
        double days = test.lightCurve().size() * Windows.medianStep(test.lightCurve().time());
        System.out.println(FlareEvaluation.catalog(test.lightCurve().name(), fl, test.flares(), 0.01, days).toMap());
        for (Flare f : fl) System.out.println(f);
    }
}
