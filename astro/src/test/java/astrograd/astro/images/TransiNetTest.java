package astrograd.astro.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransiNetTest {
    private static final TransiNetConfig TINY64 = new TransiNetConfig(1.0 / 256, 2, DType.F64);

    @Test
    void predictionsAtEveryScaleAndPaperParameterCount() {
        TransiNet net = new TransiNet(TransiNetConfig.cpu(), new Rng(1));
        List<Var> out = net.forward(Var.constant(new Rng(2).randn(DType.F32, 1, 2, 256, 256)));
        assertEquals(7, out.size());
        for (int l = 0; l < 7; l++) {
            assertArrayEquals(new int[] {1, 1, 256 >> l, 256 >> l}, out.get(l).value().shape(), "predict" + l);
        }
        List<Var> small = net.forward(Var.constant(Tensor.zeros(2, 2, 64, 128)));
        assertArrayEquals(new int[] {2, 1, 1, 2}, small.get(6).value().shape());
        assertThrows(ShapeException.class, () -> net.forward(Var.constant(Tensor.zeros(1, 2, 100, 100))));
        assertThrows(ShapeException.class, () -> net.forward(Var.constant(Tensor.zeros(1, 3, 64, 64))));
        // the paper's network: 154.9M parameters by the spec's count from the prototxt
        long paper = paperParameterCount();
        assertEquals(154.9e6, paper, 0.1e6);
    }

    /** Counted from the widths without allocating the 155M weights. */
    private static long paperParameterCount() {
        int[] k = {7, 5, 5, 3, 3, 3, 3, 3, 3, 3};
        int[] enc = TransiNetConfig.ENCODER;
        int[] dec = TransiNetConfig.DECODER;
        long n = 0;
        int in = 2;
        for (int i = 0; i < 10; i++) {
            n += (long) in * enc[i] * k[i] * k[i] + enc[i];
            in = enc[i];
        }
        int[] skip = {enc[7], enc[5], enc[3], enc[1], enc[0], 2};
        int concat = in;
        for (int d = 0; d < 6; d++) {
            n += concat * 9L + 1 + 16 + 1 + (long) concat * dec[d] * 16 + dec[d];
            concat = skip[d] + dec[d] + 1;
        }
        return n + concat * 9L + 1;
    }

    @Test
    void widthFactorScalesEveryLayer() {
        TransiNet a = new TransiNet(new TransiNetConfig(1.0 / 64, 1, DType.F32), new Rng(3));
        TransiNet b = new TransiNet(new TransiNetConfig(1.0 / 32, 1, DType.F32), new Rng(3));
        assertTrue(b.parameterCount() > 3 * a.parameterCount(), a.parameterCount() + " vs " + b.parameterCount());
        assertEquals(8, TransiNetConfig.cpu().encoder(0));
        assertEquals(128, TransiNetConfig.cpu().encoder(9));
    }

    @Test
    void lossGradientWithRespectToInputsAndTargetInFloat64() {
        TransiNet net = new TransiNet(TINY64, new Rng(4));
        Tensor x = new Rng(5).randn(DType.F64, 1, 2, 64, 64);
        Tensor t = new Rng(6).randn(DType.F64, 1, 1, 64, 64);
        GradCheck.Report r = GradCheck.innerProduct(v -> TransiNetLoss.multiResolutionL1(net.forward(v[0]), v[1],
                TransiNetLoss.DEFAULT_WEIGHTS), 1e-6, 1e-10, 1e-6, new Rng(7), x, t);
        GradCheck.assertPasses(r);
    }

    @Test
    void lossGradientWithRespectToEveryParameterInFloat64() {
        TransiNet net = new TransiNet(TINY64, new Rng(8));
        Var x = Var.constant(new Rng(9).randn(DType.F64, 2, 2, 64, 64));
        Var t = Var.constant(new Rng(10).randn(DType.F64, 2, 1, 64, 64));
        net.zeroGrad();
        TransiNetLoss.multiResolutionL1(net.forward(x), t, TransiNetLoss.DEFAULT_WEIGHTS).backward();
        Rng rng = new Rng(11);
        double adjoint = 0;
        List<Parameter> params = net.parameters();
        Tensor[] dirs = new Tensor[params.size()];
        Tensor[] base = new Tensor[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            dirs[i] = rng.randn(DType.F64, p.value().shape());
            base[i] = p.value();
            assertTrue(p.grad() != null, "no gradient for " + p.name());
            adjoint += p.grad().mul(dirs[i]).sum().item();
        }
        double eps = 1e-6;
        double[] loss = new double[2];
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).set(base[i].add(dirs[i].mul(s == 0 ? eps : -eps)));
            }
            loss[s] = TransiNetLoss.multiResolutionL1(net.forward(x), t, TransiNetLoss.DEFAULT_WEIGHTS).value().item();
        }
        double numeric = (loss[0] - loss[1]) / (2 * eps);
        assertEquals(numeric, adjoint, 1e-6 * Math.abs(numeric) + 1e-10, "<grad, v> over " + params.size() + " parameters");
    }
}
