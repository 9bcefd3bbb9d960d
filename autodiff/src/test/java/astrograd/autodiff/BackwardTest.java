package astrograd.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class BackwardTest {
    private static Var p(double... v) {
        return Var.param(Tensor.of(v));
    }

    @Test
    void reusedNodesAccumulate() {
        Var x = p(3);
        Var y = x.mul(x).add(x);
        y.backward();
        assertEquals(7.0, x.grad().item());
        Var z = x.mul(2);
        z.backward();
        assertEquals(9.0, x.grad().item(), "gradients accumulate across passes until zeroGrad");
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void broadcastGradientsAreSummedBack() {
        Var a = Var.param(Tensor.ones(DType.F64, 2, 3));
        Var b = Var.param(Tensor.of(1.0, 2.0, 3.0));
        Var s = Var.param(Tensor.scalar(2, DType.F64));
        a.add(b).mul(s).sum().backward();
        assertArrayEquals(new double[] {4, 4, 4}, b.grad().toDoubleArray());
        assertEquals(18.0, s.grad().item(), "d(s * sum(a + b))/ds = sum(a + b)");
        assertArrayEquals(new int[] {2, 3}, a.grad().shape());
    }

    @Test
    void seedForNonScalarOutputsAndDetach() {
        Var x = p(1, 2);
        Var y = x.square();
        y.backward(Tensor.of(1.0, 10.0));
        assertArrayEquals(new double[] {2, 40}, x.grad().toDoubleArray());
        Var d = x.square().detach();
        assertFalse(d.requiresGrad());
        assertThrows(IllegalStateException.class, () -> p(1, 2).square().backward());
    }

    @Test
    void noGradRecordsNothingAndGradientsOnlyWhereNeeded() {
        Var x = p(2);
        try (GradMode.Scope s = GradMode.noGrad()) {
            Var y = x.mul(x);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
        }
        assertTrue(GradMode.isEnabled());
        Var c = Var.constant(Tensor.of(5.0));
        x.mul(c).backward();
        assertNull(c.grad());
        assertEquals(5.0, x.grad().item());
    }

    @Test
    void graphIsFreedUnlessRetained() {
        Var x = p(1.5);
        Var y = x.exp().mul(2);
        y.backward(Tensor.of(1.0), true);
        y.backward(Tensor.of(1.0), true);
        assertEquals(4 * Math.exp(1.5), x.grad().item(), 1e-12);
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
    }

    @Test
    void sliceGradientsAccumulateIntoTheirRegions() {
        Var x = Var.param(Tensor.arange(0, 24, 1, DType.F64).reshape(2, 3, 4));
        Var total = x.select(1, 0).sum();
        for (int t = 0; t < 3; t++) {
            total = total.add(x.select(1, t).mul(t + 1).sum()).add(x.narrow(2, 1, 2).sum().mul(0.5));
        }
        total = total.add(x.mul(2).sum());
        total.backward();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 3; t++) {
                for (int k = 0; k < 4; k++) {
                    double expected = 2 + (t == 0 ? 1 : 0) + (t + 1) + (k == 1 || k == 2 ? 1.5 : 0);
                    assertEquals(expected, g[(i * 3 + t) * 4 + k], 1e-12);
                }
            }
        }
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Var x = p(1);
        Var y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.mul(1.0000001).add(0);
        }
        y.backward();
        assertEquals(Math.pow(1.0000001, 100_000), x.grad().item(), 1e-9);
    }

    @Test
    void graphIsUnreachableAfterBackward() {
        Var x = p(1, 2, 3);
        Var hidden = x.tanh();
        WeakReference<Var> ref = new WeakReference<>(hidden);
        Var out = hidden.square().sum();
        hidden = null;
        out.backward();
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), "intermediate Vars must be garbage after backward()");
        assertTrue(out.isLeaf());
    }

    @Test
    void opWithoutGradientThrowsNamingTheOp() {
        CustomOp noGrad = new CustomOp() {
            public String name() {
                return "histogram";
            }

            public Tensor forward(Tensor... in) {
                return in[0].mul(2);
            }

            public Tensor backward(Tensor g, int input, Tensor[] in, Tensor out) {
                return null;
            }
        };
        Var y = CustomOp.apply(noGrad, p(1, 2)).sum();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, y::backward);
        assertEquals("histogram: has no gradient with respect to input 0", e.getMessage());
    }
}
