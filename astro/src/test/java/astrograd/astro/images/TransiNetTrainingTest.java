package astrograd.astro.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransiNetTrainingTest {
    private static double heldOutLoss(TransiNet net, TransiNetData heldOut) {
        List<Tensor> b = heldOut.batch(Tensor.arange(heldOut.size()));
        net.eval();
        try (GradMode.Scope g = GradMode.noGrad()) {
            return TransiNetLoss.multiResolutionL1(net.forward(Var.constant(b.get(0))), Var.constant(b.get(1)),
                    TransiNetLoss.DEFAULT_WEIGHTS).value().item();
        }
    }

    @Test
    void shortTrainingLowersTheHeldOutLossAndTheCheckpointRoundTrips(@TempDir Path dir) throws Exception {
        SurveySimulator sim = new SurveySimulator(SurveyConfig.defaults().withSize(64).withCounts(1, 3, 0, 2), 5);
        TransiNetData heldOut = new TransiNetData(new SurveySimulator(sim.config(), 6), 0, 8);
        TransiNet net = new TransiNet(new TransiNetConfig(1.0 / 32, 2, DType.F32), new Rng(3));
        double before = heldOutLoss(net, heldOut);
        TransiNetTraining.Result r = new TransiNetTraining(20, 4, 2e-3, 0).train(net, sim, null, 10);
        assertEquals(20, r.losses().size());
        double after = heldOutLoss(net, heldOut);
        assertTrue(after < 0.7 * before, "held-out loss " + before + " -> " + after);

        Path file = dir.resolve("tn.safetensors");
        TransiNetTraining.save(file, net);
        TransiNet back = TransiNetTraining.load(file);
        assertEquals(after, heldOutLoss(back, heldOut), 1e-6);
        assertEquals(net.config().widthFactor(), back.config().widthFactor());
    }
}
