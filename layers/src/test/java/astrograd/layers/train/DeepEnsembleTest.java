package astrograd.layers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.layers.data.DataLoader;
import astrograd.layers.data.TensorDataset;
import astrograd.layers.optim.Adam;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeepEnsembleTest {
    private static final Tensor X = Tensor.linspace(-1, 1, 64, DType.F64).reshape(64, 1);
    private static final Tensor Y = X.mul(3).sin();

    private static DeepEnsemble<Sequential> ensemble(long seed, int members) {
        return DeepEnsemble.train(members, new Rng(seed),
                (i, rng) -> new Sequential(new Linear(1, 16, true, DType.F64, rng), Activation.tanh(), new Linear(16, 1, true, DType.F64, rng)),
                (i, m, rng) -> new Trainer(m, new Adam(m.parameters(), 0.03),
                        b -> m.forward(Var.constant(b.get(0))).sub(Var.constant(b.get(1))).square().mean())
                        .fit(new DataLoader(new TensorDataset(X, Y), 16, rng, false), 80));
    }

    @Test
    void membersDifferAndPredictionsCombineByMeanAndMedian() {
        DeepEnsemble<Sequential> e = ensemble(5, 3);
        Tensor stacked = e.predictions(m -> m.forward(Var.constant(X)).value());
        assertArrayEquals(new int[] {3, 64, 1}, stacked.shape());
        double[] s = stacked.toDoubleArray();
        assertFalse(Arrays.equals(Arrays.copyOfRange(s, 0, 64), Arrays.copyOfRange(s, 64, 128)));
        double[] mean = e.predict(m -> m.forward(Var.constant(X)).value(), DeepEnsemble.Combine.MEAN).toDoubleArray();
        double[] median = e.predict(m -> m.forward(Var.constant(X)).value(), DeepEnsemble.Combine.MEDIAN).toDoubleArray();
        for (int j = 0; j < 64; j++) {
            double[] col = {s[j], s[64 + j], s[128 + j]};
            assertEquals((col[0] + col[1] + col[2]) / 3, mean[j], 1e-12);
            Arrays.sort(col);
            assertEquals(col[1], median[j], 0.0);
        }
        double mse = 0;
        double[] y = Y.toDoubleArray();
        for (int j = 0; j < 64; j++) {
            mse += (mean[j] - y[j]) * (mean[j] - y[j]) / 64;
        }
        assertTrue(mse < 0.05, "ensemble mse " + mse);
        e.members().forEach(m -> assertTrue(m.isTraining()));
    }

    @Test
    void sameSeedGivesTheSameEnsembleAndEvenMediansAverage() {
        Tensor a = ensemble(8, 2).predictions(m -> m.forward(Var.constant(X)).value());
        Tensor b = ensemble(8, 2).predictions(m -> m.forward(Var.constant(X)).value());
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0.0);
        Tensor stacked = Tensor.of(new double[] {1, 10, 4, 2, 3, 7, 9, 0}, 4, 2);
        assertArrayEquals(new double[] {3.5, 4.5}, DeepEnsemble.combine(stacked, DeepEnsemble.Combine.MEDIAN).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {4.25, 4.75}, DeepEnsemble.combine(stacked, DeepEnsemble.Combine.MEAN).toDoubleArray(), 1e-15);
    }
}
