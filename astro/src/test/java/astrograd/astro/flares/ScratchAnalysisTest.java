package astrograd.astro.flares;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchAnalysisTest {
    @Test
    void run() throws Exception {
        String model = System.getProperty("scratchModel");
        if (model == null) return;
        FlareEnsemble e = FlareEnsemble.load(Path.of(model));
        long tic = Long.getLong("tic", 2761472);
        for (LabelledLightCurve c : FlarePipeline.bundled()) {
            if (FlareCatalog.ticFromName(c.lightCurve().name()) != tic) continue;
            var p = FlarePipeline.predict(c.lightCurve(), e, 0.5);
            double sigma = Windows.noise(c.lightCurve().flux());
            for (FlareCatalog.Entry f : c.flares()) {
                int i = c.nearestCadence(f.tpeakBtjd());
                double maxp = 0; int at = i;
                for (int k = Math.max(0, i - 8); k < Math.min(p.probability().length, i + 8); k++) if (p.probability()[k] > maxp) { maxp = p.probability()[k]; at = k; }
                double near = p.flares().stream().mapToDouble(fl -> Math.abs(fl.tpeak() - f.tpeakBtjd())).min().orElse(9);
                System.out.printf("cat t=%.4f amp=%.4f (%.1f σ) fwhm=%.4f maxp=%.3f at %+d nearestDet=%.4f d%n", f.tpeakBtjd(), f.amplitude(), f.amplitude() / sigma, f.fwhmDays(), maxp, at - i, near);
            }
        }
    }
}
