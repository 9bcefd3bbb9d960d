package astrograd.examples;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.metrics.Metrics;
import astrograd.layers.optim.Adam;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * How-to "a new layer in one file" ({@code docs/howto/custom-layer.md}): checks {@link GatedLinear}'s gradients in
 * float64, then trains two of them on the XOR quadrants (label = x₀·x₁ &gt; 0), which no linear model separates.
 */
public final class CustomLayerExample {
    private CustomLayerExample() {
    }

    public static void main(String[] args) {
        System.out.printf("held-out accuracy %.3f%n", run(1024, 400));
    }

    /**
     * Checks the gradients, trains on {@code points} examples for {@code steps} full-batch Adam steps and returns the
     * accuracy on as many fresh ones.
     */
    public static double run(int points, int steps) {
        // docs:begin gradcheck
        Rng rng = new Rng(7);
        // float64 central differences against backward(), for x and every parameter at once
        GradCheck.assertPasses(GradCheck.check(v -> GatedLinear.glu(v[0], v[1], v[2], v[3], v[4]).square().sum(),
                rng.randn(DType.F64, 4, 3), rng.randn(DType.F64, 2, 3), rng.randn(DType.F64, 2),
                rng.randn(DType.F64, 2, 3), rng.randn(DType.F64, 2)));
        // docs:end gradcheck
        // docs:begin train
        Sequential model = new Sequential(new GatedLinear(2, 16, DType.F32, rng),
                new GatedLinear(16, 16, DType.F32, rng), new Linear(16, 2, rng));
        Tensor x = rng.uniform(DType.F32, -1, 1, points, 2);
        Tensor labels = xorLabels(x);
        Adam adam = new Adam(model.parameters(), 0.01);
        for (int step = 0; step < steps; step++) {
            adam.zeroGrad();
            Losses.crossEntropy(model.forward(Var.constant(x)), labels, Reduction.MEAN).backward();
            adam.step();
        }
        // docs:end train
        Tensor test = rng.uniform(DType.F32, -1, 1, points, 2);
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Tensor predicted = model.forward(Var.constant(test)).value().argmax(1, false);
            return Metrics.accuracy(toInts(xorLabels(test)), toInts(predicted));
        }
    }

    /** 1 where x₀·x₁ &gt; 0, else 0, as I64 class indices. */
    static Tensor xorLabels(Tensor x) {
        return x.select(1, 0).mul(x.select(1, 1)).gt(0).to(DType.I64);
    }

    static int[] toInts(Tensor labels) {
        long[] l = labels.to(DType.I64).toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }
}
