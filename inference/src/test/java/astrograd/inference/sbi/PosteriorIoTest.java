package astrograd.inference.sbi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.inference.flows.Mog;
import astrograd.inference.flows.NeuralSplineFlow;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save and load round trips: the same densities and draws, and clear errors for a folder that is not a model. */
class PosteriorIoTest {
    @TempDir
    Path dir;

    private static void assertSame(Posterior a, Posterior b) {
        Tensor x = Tensor.of(new double[] {0.2, -0.1});
        Tensor theta = Tensor.of(new double[] {0.1, 0.2, -0.3, 0.4}, 2, 2);
        assertArrayEquals(a.logProb(theta, x).toDoubleArray(), b.logProb(theta, x).toDoubleArray(), 1e-12);
        assertArrayEquals(a.sample(50, x, new Rng(5)).theta().toDoubleArray(),
                b.sample(50, x, new Rng(5)).theta().toDoubleArray(), 1e-12);
    }

    @Test
    void flowPosteriorRoundTrips() throws IOException {
        NeuralSplineFlow f = new NeuralSplineFlow(new NeuralSplineFlow.Config(2, 2, 2, 8, 1, 4, 3.0), DType.F32,
                new Rng(1));
        Posterior p = new Posterior(f, new ZScore(new double[] {0.1, 0}, new double[] {0.5, 0.6}),
                new ZScore(new double[] {0, 1}, new double[] {2, 3}), VectorPrior.box(2, -1, 1), null, 1e-4);
        PosteriorIo.save(dir, p, Map.of("task", "two_moons"));
        PosteriorIo.Loaded back = PosteriorIo.load(dir);
        assertEquals("two_moons", back.extra().get("task"));
        assertSame(p, back.posterior());
    }

    @Test
    void snpeAPosteriorRoundTripsWithItsProposal() throws IOException {
        MixtureDensityNetwork q = new MixtureDensityNetwork(new MixtureDensityNetwork.Config(2, 2, 3, 8, 2),
                DType.F64, new Rng(2));
        Mog proposal = Mog.diagonalGaussian(new double[] {0.1, 0.1}, new double[] {4, 4});
        Posterior p = new Posterior(q, new ZScore(new double[] {0, 0}, new double[] {1, 1}),
                new ZScore(new double[] {0, 0}, new double[] {1, 1}),
                VectorPrior.gaussian(new double[] {0, 0}, new double[] {3, 3}), proposal, 1e-4);
        PosteriorIo.save(dir, p, null);
        assertSame(p, PosteriorIo.load(dir).posterior());
    }

    @Test
    void missingOrForeignFilesAreClearErrors() throws IOException {
        assertThrows(IOException.class, () -> PosteriorIo.load(dir.resolve("nothing")));
        Files.write(dir.resolve(PosteriorIo.WEIGHTS), new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> PosteriorIo.load(dir));
    }
}
