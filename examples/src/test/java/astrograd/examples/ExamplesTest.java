package astrograd.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.diagnostics.Summary;
import astrograd.inference.hmc.HmcResult;
import astrograd.layers.io.Safetensors;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;

/**
 * Runs every example of the docs (smaller configurations where training is involved) and checks what it shows, with
 * thresholds the documents quote.
 */
class ExamplesTest {
    @Test
    void quickStartFitsTheSine() throws Exception {
        String printed = capture(() -> {
            QuickStart.run();
            return null;
        });
        List<String> lines = printed.lines().toList();
        assertEquals(7, lines.size(), printed);
        double first = Double.parseDouble(lines.get(0).replaceAll(".*loss ", ""));
        double last = Double.parseDouble(lines.get(5).replaceAll(".*loss ", ""));
        double prediction = Double.parseDouble(lines.get(6));
        assertTrue(first > 0.1 && last < 0.005, "loss from " + first + " to " + last + " (noise variance 0.0025)");
        assertEquals(1.0, prediction, 0.05, "f(pi/2)");
    }

    @Test
    void customLayerLearnsXor() {
        double accuracy = CustomLayerExample.run(384, 150);
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy);
    }

    @Test
    void customOpMatchesTheComposite() {
        CustomOpExample.Result r = CustomOpExample.run();
        assertTrue(r.forwardDiff() < 1e-6 && r.gradientDiff() < 1e-6, r.toString());
    }

    @Test
    void trainingLoopReachesTheNoiseFloor() {
        TrainingLoopExample.Result r = TrainingLoopExample.run(12);
        assertTrue(r.history().size() >= 9, "epochs run " + r.history().size());
        assertEquals(r.history().size(), r.log().size(), "the custom callback saw every epoch");
        double[] val = r.history().values("val_mse");
        assertEquals(val[r.bestEpoch()], r.bestValidationMse(), 0, "KeepBest's epoch");
        assertTrue(r.bestValidationMse() < 0.03, "validation MSE " + r.bestValidationMse() + " (noise 0.01)");
    }

    @Test
    void checkpointResumesToTheSameBits(@TempDir Path dir) throws Exception {
        assertTrue(CheckpointExample.run(dir.resolve("run.safetensors")));
    }

    @Test
    void pyTorchWeightsReproduceTorchAndRoundTrip(@TempDir Path dir) throws Exception {
        PyTorchWeightsExample.Result r = PyTorchWeightsExample.run(dir);
        assertTrue(r.maxDiffFromTorch() < 1e-6, "max |astrograd - torch| " + r.maxDiffFromTorch());
        var written = Safetensors.read(r.weights());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(written.tensors().keySet()));
        assertEquals("pt", written.metadata().get("format"));
        assertArrayEquals(new int[] {16, 4}, written.tensors().get("0.weight").shape());
    }

    @Test
    void benchmarkRunsUnderJmh() throws Exception {
        Collection<RunResult> results = BenchmarkRunner.run(true);
        assertEquals(2, results.size(), "trainingStep and inference");
        for (RunResult r : results) {
            double ms = r.getPrimaryResult().getScore();
            assertTrue(ms > 0 && Double.isFinite(ms), r.getParams().getBenchmark() + ": " + ms);
        }
    }

    @Test
    void polarClassifierIsAccurateAndPhaseInvariant() {
        PolarClassifierExample.Result r = PolarClassifierExample.run(200, 5);
        assertTrue(r.accuracy() > 0.85, "held-out accuracy " + r.accuracy());
        assertTrue(r.maxLogitChangeUnderRoll() < 1e-4, "logits moved by " + r.maxLogitChangeUnderRoll());
    }

    @Test
    void nutsRecoversTheGaussianPosterior() throws Exception {
        HmcResult[] result = new HmcResult[1];
        String text = capture(() -> result[0] = SamplerExample.run());
        assertTrue(text.contains("r_hat") && text.contains("mu") && text.contains("sigma"), text);
        assertEquals(result[0].diagnostics().toString(), text.strip().lines().reduce((a, b) -> b).orElseThrow());
        Summary s = Summary.of(result[0].draws());
        assertEquals(1.9, s.row("mu").mean(), 0.1, "posterior mean of mu");
        double sigma = s.row("sigma").mean();
        assertTrue(sigma > 0.7 && sigma < 1.0, "posterior mean of sigma " + sigma);
        assertTrue(s.maxRhat() < 1.02, "R-hat " + s.maxRhat());
    }

    @Test
    void userGuideComputesWhatItSays() throws Exception {
        var t = UserGuide.tensors();
        assertArrayEquals(new int[] {32, 64}, ((Tensor) t.get("h")).shape());
        float[] ones = new float[32];
        java.util.Arrays.fill(ones, 1f);
        assertArrayEquals(ones, ((Tensor) t.get("rowSums")).toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {0, 2, 6, 0, 5, 12}, ((Tensor) t.get("ab")).toFloatArray());
        var v = UserGuide.views();
        assertArrayEquals(new int[] {1, 4}, ((Tensor) v.get("t")).strides());
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10}, ((Tensor) v.get("everyOther")).toFloatArray());
        assertArrayEquals(new float[] {4, 5, 6, 7}, ((Tensor) v.get("row")).toFloatArray());
        assertEquals(true, v.get("shared"));
        assertTrue(((Tensor) v.get("packed")).isContiguous());
        var d = UserGuide.dtypesAndDevices();
        assertEquals(DType.F64, ((Tensor) d.get("mixed")).dtype());
        assertEquals(DType.BOOL, ((Tensor) d.get("mask")).dtype());
        assertEquals(Device.cpu(), d.get("device"));
        assertTrue(((String) d.get("gpu")).startsWith("no GPU: device cuda"), (String) d.get("gpu"));
        var g = UserGuide.gradients();
        Tensor dw = (Tensor) g.get("dw");
        assertArrayEquals(new int[] {13, 64}, dw.shape());
        assertTrue(dw.abs().sum().item() > 0 && Double.isFinite(dw.sum().item()));
        assertEquals(false, UserGuide.noGrad());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, UserGuide.scope(Tensor.ones(4), Tensor.ones(4)).toFloatArray());
    }

    @Test
    void everyExampleIsListedWithItsDocument() throws Exception {
        String usage = capture(() -> {
            Examples.main(new String[0]);
            return null;
        });
        for (var e : Examples.ALL.entrySet()) {
            assertTrue(usage.contains(e.getKey()), e.getKey());
            assertTrue(Files.isRegularFile(DocFiles.root().resolve(e.getValue().doc())), e.getValue().doc());
        }
    }

    /** What the call prints on standard output. */
    static String capture(Callable<?> call) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            call.call();
        } finally {
            System.setOut(stdout);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return text;
    }
}
