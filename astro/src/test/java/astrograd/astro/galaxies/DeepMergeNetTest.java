package astrograd.astro.galaxies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.autodiff.Var;
import astrograd.layers.Sequential;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** DeepMerge's shapes and parameter counts as the spec sheet tabulates them (§4 (a)). */
class DeepMergeNetTest {
    @Test
    void shapesAndParameterCountsAreThePapers() {
        DeepMergeNet net = new DeepMergeNet(new Rng(1));
        long trainable = net.namedParameters().values().stream().mapToLong(p -> p.value().numel()).sum();
        assertEquals(174_626L, trainable);
        Var x = Var.constant(new Rng(2).randn(DType.F32, 2, 3, 75, 75));
        Var f = net.features(x);
        assertArrayEquals(new int[] {2, 2592}, f.value().shape());
        assertArrayEquals(new int[] {2, 2}, net.classify(f).value().shape());
        Sequential domain = DeepMergeNet.domainClassifier(new Rng(3));
        assertEquals(3_705_857L, domain.namedParameters().values().stream().mapToLong(p -> p.value().numel()).sum());
        assertArrayEquals(new int[] {2, 1}, domain.forward(f).value().shape());
        assertThrows(ShapeException.class, () -> net.forward(Var.constant(Tensor.zeros(DType.F32, 1, 3, 64, 64))));
    }
}
