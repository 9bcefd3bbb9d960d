package astrograd.examples;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Adam;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * The README's example: fit a noisy sine with a two-layer network and Adam, then predict without a graph. The lines
 * between the {@code docs:} markers are the README's code block, character for character (checked by
 * {@code DocsCodeTest}); {@code QuickStartTest} checks what it prints.
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        run();
    }

    /** Runs the README's code block (it prints the loss every 100 steps, then f(π/2)) and returns the model. */
    public static Sequential run() {
        // docs:begin quickstart
        Rng rng = new Rng(42);                                      // explicit, splittable Philox4x32-10 stream
        Tensor x = rng.uniform(DType.F32, -3, 3, 512, 1);           // 512 points in [-3, 3)
        Tensor y = x.sin().add(rng.normal(DType.F32, 0, 0.05, 512, 1));
        Sequential model = new Sequential(new Linear(1, 32, rng), Activation.tanh(), new Linear(32, 1, rng));
        Adam adam = new Adam(model.parameters(), 0.02);
        for (int step = 0; step <= 500; step++) {
            adam.zeroGrad();
            Var loss = Losses.mse(model.forward(Var.constant(x)), Var.constant(y), Reduction.MEAN);
            loss.backward();                                        // frees the graph; gradients land in the parameters
            adam.step();
            if (step % 100 == 0) {
                System.out.printf("step %3d  loss %.4f%n", step, loss.value().item());
            }
        }
        try (GradMode.Scope noGrad = GradMode.noGrad()) {           // inference: nothing is recorded
            Tensor halfPi = Tensor.of(new float[] {(float) (Math.PI / 2)}, 1, 1);
            System.out.println(model.forward(Var.constant(halfPi)).value().item());  // close to sin(pi/2) = 1
        }
        // docs:end quickstart
        return model;
    }
}
