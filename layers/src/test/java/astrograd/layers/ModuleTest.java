package astrograd.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleTest {
    private final Rng rng = new Rng(5);

    private Sequential mlp() {
        return new Sequential(new Linear(13, 64, rng), Activation.relu(), new Linear(64, 6, rng));
    }

    @Test
    void namesNestLikePytorchStateDicts() {
        Sequential m = mlp();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(13 * 64 + 64 + 64 * 6 + 6, m.parameterCount());
        String summary = m.toString();
        assertTrue(summary.contains("0: Linear(13 -> 64)  [896 params]"), summary);
        assertTrue(summary.endsWith("total parameters: 1286"), summary);
    }

    @Test
    void linearMatchesItsFormulaAndGetsGradients() {
        Linear l = new Linear(3, 2, true, DType.F64, rng);
        Tensor x = rng.randn(DType.F64, 4, 3);
        Tensor expected = x.matmul(l.weight().value().transpose(0, 1)).add(l.bias().value());
        Var y = l.forward(Var.constant(x));
        assertArrayEquals(expected.toDoubleArray(), y.value().toDoubleArray(), 1e-12);
        y.sum().backward();
        assertArrayEquals(x.sum(0).toDoubleArray(), l.weight().grad().select(0, 0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {4, 4}, l.bias().grad().toDoubleArray(), 1e-12);
        double bound = 1 / Math.sqrt(3);
        for (double w : l.weight().value().toDoubleArray()) {
            assertTrue(Math.abs(w) <= bound);
        }
    }

    @Test
    void freezingAndParameterGroups() {
        Sequential m = mlp();
        assertEquals(2, m.freeze("0."));
        assertEquals(2, m.trainableParameters().size());
        Var out = m.forward(Var.constant(rng.randn(DType.F32, 5, 13))).sum();
        out.backward();
        assertNull(m.namedParameters().get("0.weight").grad());
        assertTrue(m.namedParameters().get("2.weight").grad() != null);
        assertTrue(m.toString().contains("(trainable 390)"));
        assertEquals(2, m.setLrMultiplier("2.", 0.1));
        assertEquals(0.1, m.namedParameters().get("2.bias").lrMultiplier());
        m.unfreeze("");
        assertEquals(4, m.trainableParameters().size());
    }

    @Test
    void modesPropagateAndBadInputsAreNamed() {
        Sequential m = mlp();
        m.eval();
        assertFalse(m.children().get("1").isTraining());
        m.train();
        assertTrue(m.children().get("0").isTraining());
        Exception e = assertThrows(astrograd.tensor.ShapeException.class, () -> m.forward(Var.constant(Tensor.zeros(2, 12))));
        assertEquals("Linear(13 -> 64): input [2, 12] must end in 13", e.getMessage());
        Parameter w = m.namedParameters().get("0.weight");
        assertThrows(astrograd.tensor.ShapeException.class, () -> w.set(Tensor.zeros(64, 12)));
    }

    @Test
    void orthogonalInitIsOrthogonal() {
        Tensor q = Init.orthogonal(rng, DType.F64, 1, 5, 8);
        Tensor qqt = q.matmul(q.transpose(0, 1));
        assertArrayEquals(Tensor.eye(5, DType.F64).toDoubleArray(), qqt.toDoubleArray(), 1e-12);
        Tensor tall = Init.orthogonal(rng, DType.F64, 2, 8, 5);
        assertArrayEquals(Tensor.eye(5, DType.F64).mul(4).toDoubleArray(),
                tall.transpose(0, 1).matmul(tall).toDoubleArray(), 1e-12);
    }
}
