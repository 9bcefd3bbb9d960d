package astrograd.layers.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused one-pass Adam and SGD updates against the same formulas written with tensor ops (their other path). */
class FusedUpdateTest {
    /** The vector loop and its scalar tail give the bits of the scalar float formula, element by element. */
    @Test
    void floatAdamIsBitForBitTheScalarFormula() {
        Rng rng = new Rng(8);
        int n = 1003;
        for (double wd : new double[] {0, 0.01}) {
            Tensor theta = rng.randn(DType.F32, n);
            Tensor g = rng.randn(DType.F32, n);
            Tensor m = rng.randn(DType.F32, n).mul(0.1);
            Tensor v = rng.rand(DType.F32, n).mul(0.1);
            AdamCpu.Step s = new AdamCpu.Step(0.9, 0.99, 1e-8, wd, false, 1e-3, 1e-3 / (1 - 0.9 * 0.9),
                    Math.sqrt(1 - 0.99 * 0.99));
            float[] out = AdamCpu.update(theta, g, m, v, null, false, s, false)[0].toFloatArray();
            float[] th = theta.toFloatArray();
            float[] gr = g.toFloatArray();
            float[] mm = m.toFloatArray();
            float[] vv = v.toFloatArray();
            for (int i = 0; i < n; i++) {
                float gi = wd != 0 ? gr[i] + (float) wd * th[i] : gr[i];
                float mi = 0.9f * mm[i] + (float) (1 - 0.9) * gi;
                float vi = 0.99f * vv[i] + (float) (1 - 0.99) * gi * gi;
                float expected = th[i] * 1f - (float) s.stepSize() * mi
                        / ((float) Math.sqrt(vi) * (float) (1 / s.biasCorrection2Sqrt()) + 1e-8f);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), "wd=" + wd + " element " + i);
            }
        }
    }

    @Test
    void fusedUpdateMatchesTheTensorFormulaForEveryVariant() {
        Rng rng = new Rng(5);
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double tol = dtype == DType.F64 ? 1e-14 : 1e-6;
            for (boolean amsgrad : new boolean[] {false, true}) {
                for (boolean decoupled : new boolean[] {false, true}) {
                    for (double wd : new double[] {0, 0.01}) {
                        Tensor theta = rng.randn(dtype, 70_001);
                        Tensor g = rng.randn(dtype, 70_001);
                        Tensor m = rng.randn(dtype, 70_001).mul(0.1);
                        Tensor v = rng.rand(dtype, 70_001).mul(0.1);
                        Tensor vMax = v.add(rng.rand(dtype, 70_001).mul(0.05));
                        AdamCpu.Step s = new AdamCpu.Step(0.9, 0.99, 1e-8, wd, decoupled, 1e-3, 1e-3 / (1 - 0.9 * 0.9),
                                Math.sqrt(1 - 0.99 * 0.99));
                        Tensor[] fused = AdamCpu.update(theta, g, m, v, amsgrad ? vMax : null, amsgrad, s, false);
                        Tensor th = decoupled && wd != 0 ? theta.mul(1 - s.lr() * wd) : theta;
                        Tensor gg = !decoupled && wd != 0 ? g.add(theta.mul(wd)) : g;
                        Tensor m1 = m.mul(0.9).add(gg.mul(0.1));
                        Tensor v1 = v.mul(0.99).add(gg.mul(gg).mul(0.01));
                        Tensor vHat = amsgrad ? vMax.maximum(v1) : v1;
                        Tensor th1 = th.sub(m1.div(vHat.sqrt().div(s.biasCorrection2Sqrt()).add(1e-8)).mul(s.stepSize()));
                        String what = dtype + " amsgrad=" + amsgrad + " decoupled=" + decoupled + " wd=" + wd;
                        assertArrayEquals(th1.toDoubleArray(), fused[0].toDoubleArray(), tol, what + " θ");
                        assertArrayEquals(m1.toDoubleArray(), fused[1].toDoubleArray(), tol, what + " m");
                        assertArrayEquals(v1.toDoubleArray(), fused[2].toDoubleArray(), tol, what + " v");
                        if (amsgrad) {
                            assertArrayEquals(vHat.toDoubleArray(), fused[3].toDoubleArray(), tol, what + " v̂");
                        }
                    }
                }
            }
        }
    }

    @Test
    void onlyContiguousCpuFloatingTensorsOfOneDtypeTakeTheFusedPath() {
        Tensor a = Tensor.zeros(DType.F32, 4, 3);
        assertTrue(AdamCpu.applies(a, a, a, a, null));
        assertFalse(AdamCpu.applies(a, a.transpose(0, 1), a, a, null));
        assertFalse(AdamCpu.applies(a, Tensor.zeros(DType.F64, 4, 3), a, a, null));
        assertFalse(AdamCpu.applies(Tensor.zeros(DType.I64, 4, 3)));
    }

    @Test
    void plainSgdStepGivesTheSameBitsAsTheTensorFormula() {
        Rng rng = new Rng(9);
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Tensor theta = rng.randn(dtype, 40_003);
            Tensor g = rng.randn(dtype, 40_003);
            assertArrayEquals(theta.add(g.mul(-0.01)).toDoubleArray(), SgdCpu.step(theta, g, 0.01).toDoubleArray(), 0,
                    dtype.toString());
        }
        assertFalse(SgdCpu.applies(Tensor.zeros(DType.F32, 3, 2), Tensor.zeros(DType.F32, 2, 3).transpose(0, 1)));
    }
}
