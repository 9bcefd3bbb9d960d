package astrograd.astro.transients;

import astrograd.astro.io.DataPaths;
import astrograd.inference.anomaly.IsolationForest;
import astrograd.inference.stats.Ranks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 23, real data: an isolation forest on GP light-curve features of normal ZTF SNe Ia scores the PS1-MDS
 * superluminous SN and SN IIn (g and r bands only, as ZTF) above the median SN Ia.
 */
class RealTransientAnomalyTest {

    @Test
    void ps1SuperluminousAndInteractingSupernovaeScoreAboveTheMedianIa() throws IOException {
        Path lc = DataPaths.sharedFile("supernovae/ztf_bts_snia_lightcurves.csv.gz");
        Path cat = DataPaths.sharedFile("supernovae/ztf_bts_snia_catalog.csv");
        Path ps1 = DataPaths.sharedFile("supernovae/ps1mds_superraenn_examples");
        assumeTrue(lc != null && cat != null && ps1 != null, "shared supernova data absent");
        List<TransientLightCurve> ia = ZtfBtsReader.read(lc, cat).requireClean().stream()
                .filter(o -> "SN Ia".equals(o.type()) && o.size() >= 10).limit(120)
                .map(TransientLightCurve::dereddened).toList();
        List<TransientLightCurve> odd = new ArrayList<>();
        for (TransientLightCurve o : SnanaReader.readDirectory(ps1, ps1.resolve("example_meta_table.dat"))
                .requireClean()) {
            if ("SLSN".equals(o.type()) || "SNIIn".equals(o.type())) {
                odd.add(o.dereddened().onlyBands(List.of(Passband.PS1_G, Passband.PS1_R)));
            }
        }
        assertEquals(2, odd.size());
        LightCurveGp gp = LightCurveGp.defaults(1);
        double[][] ref = features(gp.fitAll(ia, 1.0));
        double[][] test = features(gp.fitAll(odd, 1.0));
        double[] mean = new double[ref[0].length];
        double[] sd = new double[ref[0].length];
        for (int j = 0; j < mean.length; j++) {
            for (double[] r : ref) {
                mean[j] += r[j] / ref.length;
            }
            for (double[] r : ref) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / (ref.length - 1);
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        IsolationForest forest = IsolationForest.fit(standardise(ref, mean, sd), 42);
        double median = Ranks.quantile(forest.score(standardise(ref, mean, sd)), 0.5);
        double[] s = forest.score(standardise(test, mean, sd));
        System.out.printf("PS1 %s %.3f, %s %.3f vs median ZTF SN Ia %.3f%n", odd.get(0).type(), s[0],
                odd.get(1).type(), s[1], median);
        for (int i = 0; i < s.length; i++) {
            assertTrue(s[i] > median, odd.get(i).id() + " (" + odd.get(i).type() + ") score " + s[i] + " vs median "
                    + median);
        }
    }

    private static double[][] features(List<LightCurveGp.Dense> dense) {
        return dense.stream().filter(d -> d.fit().gp() != null).map(TransientFeatures::of)
                .filter(f -> java.util.Arrays.stream(f).allMatch(Double::isFinite)).toArray(double[][]::new);
    }

    private static double[][] standardise(double[][] rows, double[] mean, double[] sd) {
        double[][] out = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (rows[i][j] - mean[j]) / (sd[j] > 0 ? sd[j] : 1);
            }
        }
        return out;
    }
}
