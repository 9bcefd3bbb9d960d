package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    @ParameterizedTest
    @CsvSource({"batchnorm1d,1,F64", "batchnorm1d,1,F32", "batchnorm1d_seq,1,F64", "batchnorm1d_seq,1,F32",
            "batchnorm2d,2,F64", "batchnorm2d,2,F32", "batchnorm2d_noaffine,2,F64", "batchnorm2d_noaffine,2,F32"})
    void matchesTorchInTrainingAndEvaluation(String name, int rank, DType dtype) {
        NormRnnFixtures f = NormRnnFixtures.load(name);
        boolean affine = f.has("weight");
        int channels = f.get("x0").size(1);
        BatchNorm bn = new BatchNorm(channels, rank, 1e-5, 0.1, affine, dtype);
        if (affine) {
            bn.weight().set(f.get("weight", dtype));
            bn.bias().set(f.get("bias", dtype));
        }
        int steps = 0;
        while (f.has("x" + (steps + 1))) {
            bn.forward(Var.constant(f.get("x" + steps, dtype)));
            steps++;
        }
        Var x = Var.param(f.get("x" + steps, dtype));
        Var out = bn.forward(x);
        double tol = NormRnnFixtures.tol(dtype);
        f.assertClose("out", out.value(), tol);
        out.mul(Var.constant(f.get("w_out", dtype))).sum().backward();
        f.assertClose("grad_x", x.grad(), tol * 10);
        if (affine) {
            f.assertClose("grad_weight", bn.weight().grad(), tol);
            f.assertClose("grad_bias", bn.bias().grad(), tol);
        }
        f.assertClose("running_mean", bn.runningMean(), tol);
        f.assertClose("running_var", bn.runningVar(), tol);
        assertEquals(f.get("num_batches_tracked").toLongArray()[0], bn.numBatchesTracked());
        bn.eval();
        f.assertClose("out_eval", bn.forward(Var.constant(f.get("x_eval", dtype))).value(), tol);
    }

    @Test
    void namesMatchPytorchStateDict() {
        BatchNorm bn = BatchNorm.batchNorm2d(4);
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"), List.copyOf(bn.namedBuffers().keySet()));
        Tensor count = bn.namedBuffers().get("num_batches_tracked");
        assertEquals(DType.I64, count.dtype());
        assertEquals(0, count.rank());
        Sequential s = new Sequential(BatchNorm.batchNorm1d(3));
        s.forward(Var.constant(new Rng(1).randn(DType.F32, 5, 3)));
        assertEquals(1L, s.namedBuffers().get("0.num_batches_tracked").toLongArray()[0]);
    }

    @Test
    void gradientsInTrainingModePassGradCheck() {
        Rng rng = new Rng(3);
        for (int rank : new int[] {1, 2}) {
            BatchNorm bn = new BatchNorm(2, rank, 1e-5, 0.1, true, DType.F64);
            int[] shape = rank == 1 ? new int[] {4, 2, 3} : new int[] {3, 2, 2, 2};
            Tensor x = rng.randn(DType.F64, shape);
            GradCheck.assertPasses(GradCheck.check(v -> bn.forward(v[0]), x));
        }
    }

    @Test
    void evaluationUsesRunningStatisticsOnly() {
        BatchNorm bn = new BatchNorm(2, 1, 1e-5, 0.1, false, DType.F64);
        bn.setBufferByName("running_mean", Tensor.of(new double[] {1, -2}));
        bn.setBufferByName("running_var", Tensor.of(new double[] {4, 0.25}));
        bn.eval();
        Tensor x = Tensor.of(new double[][] {{3, -2}});
        double s1 = Math.sqrt(4 + 1e-5);
        double s2 = Math.sqrt(0.25 + 1e-5);
        assertArrayEquals(new double[] {2 / s1, 0 / s2}, bn.forward(Var.constant(x)).value().toDoubleArray(), 1e-12);
        assertEquals(0, bn.numBatchesTracked());
    }

    @Test
    void badInputsAreNamed() {
        BatchNorm bn = BatchNorm.batchNorm2d(3);
        Exception e = assertThrows(ShapeException.class, () -> bn.forward(Var.constant(Tensor.zeros(2, 4, 5, 5))));
        assertEquals("BatchNorm(3, 2d, eps=1.0E-5, momentum=0.1): input [2, 4, 5, 5] must be [N, 3, spatial, spatial]",
                e.getMessage());
        BatchNorm one = BatchNorm.batchNorm1d(3);
        e = assertThrows(ShapeException.class, () -> one.forward(Var.constant(Tensor.zeros(1, 3))));
        assertEquals("BatchNorm(3, 1d, eps=1.0E-5, momentum=0.1): input [1, 3] has one value per channel; training needs more than one",
                e.getMessage());
    }
}
