package astrograd.astro.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.lightcurve.Npy;
import astrograd.inference.uq.PackedCholesky;
import astrograd.inference.uq.PredictiveMixture;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan-net mechanics on synthetic HELA-shaped data (the parameters drive the spectrum linearly plus noise): a small
 * two-member ensemble must learn (R² well above 0), keep draws inside the prior box, and save and load to the same
 * predictions. The acceptance run on the real simulations is the {@code retrieval train} command (README).
 */
class PlanNetTest {
    private static HelaSimulations data;
    private static PlanNet net;

    @BeforeAll
    static void trainSmallEnsemble() {
        data = PlanNetTestData.synthetic(1200, 11);
        HelaSimulations[] parts = data.split(3, 0.7, 0.15);
        PlanNet.Settings s = new PlanNet.Settings(2, new int[] {32, 32}, 25, 64, 2e-3, 10, 5,
                PackedCholesky.Diagonal.SOFTPLUS);
        net = PlanNet.train(parts[0], parts[1], s, i -> List.of());
    }

    @Test
    void learnsAndScoresTheHeldOutRows() {
        HelaSimulations test = data.split(3, 0.7, 0.15)[2];
        PlanNetEvaluation e = PlanNetEvaluation.of(net, test, 5, 100, PlanNet.Bounds.CLIP, new Rng(1));
        for (int j = 0; j < 5; j++) {
            assertTrue(e.r2()[j] > 0.6, "R2 of parameter " + j + ": " + e.r2()[j]);
            assertTrue(e.coverage95()[j] > 0.8, "95% coverage of parameter " + j + ": " + e.coverage95()[j]);
            assertTrue(e.aleatoricOnly95()[j] <= e.coverage95()[j], "the epistemic term can only widen intervals");
        }
    }

    @Test
    void drawsStayInsideThePriorBoxBothWays() {
        double[][] x = Arrays.copyOfRange(data.spectra(), 0, 20);
        PredictiveMixture m = net.mixture(x, 3);
        for (PlanNet.Bounds b : PlanNet.Bounds.values()) {
            for (double[][] row : net.samples(m, 200, b, new Rng(2))) {
                for (double[] theta : row) {
                    assertTrue(net.prior().contains(theta), b + ": " + Arrays.toString(theta));
                }
            }
        }
    }

    @Test
    void saveAndLoadGiveTheSamePosterior(@TempDir Path dir) throws IOException {
        net.save(dir);
        PlanNet loaded = PlanNet.load(dir);
        double[][] x = Arrays.copyOfRange(data.spectra(), 0, 7);
        net.reseed(new Rng(9));
        loaded.reseed(new Rng(9));
        assertArrayEquals(net.moments(x, 4).mean()[3], loaded.moments(x, 4).mean()[3], 0);
        assertEquals(2, loaded.members().size());
    }

    @Test
    void badModelFolderSaysWhatIsMissing(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> PlanNet.load(dir));
        assertTrue(e.getMessage().contains("plannet.json"), e.getMessage());
    }

    @Test
    void splitIsSeededAndDisjointAndTheReaderChecksShapes(@TempDir Path dir) throws IOException {
        HelaSimulations[] a = data.split(4, 0.8, 0.1);
        HelaSimulations[] b = data.split(4, 0.8, 0.1);
        assertArrayEquals(a[2].spectra()[0], b[2].spectra()[0]);
        Set<double[]> seen = new HashSet<>();
        for (HelaSimulations part : a) {
            seen.addAll(Arrays.asList(part.spectra()));
        }
        assertEquals(data.size(), seen.size());
        Path bad = dir.resolve("bad.npy");
        Npy.write(bad, new double[12], 2, 6);
        IOException e = assertThrows(IOException.class, () -> HelaSimulations.read(bad));
        assertTrue(e.getMessage().contains("[2, 6]"), e.getMessage());
    }

    @Test
    void zScoreIsFittedOnTheRowsGiven() {
        ZScore z = ZScore.fit(new double[][] {{1, 5}, {3, 5}});
        assertArrayEquals(new double[] {2, 5}, z.mean(), 0);
        assertArrayEquals(new double[] {1, 1}, z.std(), 0);
        assertArrayEquals(new double[] {-1, 0, 1, 0}, z.apply(new double[][] {{1, 5}, {3, 5}}), 0);
    }
}
