// docs:begin benchmark
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
import astrograd.tensor.TensorScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH benchmark of one's own model: the training step (forward, backward, Adam) and the inference of an MLP
 * {@code 64 → hidden → hidden → 10} on a batch of 256, for two widths. Run it with {@link BenchmarkRunner} or
 * {@code ./astrograd example benchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BenchmarkExample {
    @Param({"128", "512"})
    public int hidden;

    private Sequential model;
    private Adam adam;
    private Tensor batch;
    private Tensor labels;

    @Setup
    public void setUp() {
        Rng rng = new Rng(1);
        model = new Sequential(new Linear(64, hidden, rng), Activation.relu(),
                new Linear(hidden, hidden, rng), Activation.relu(), new Linear(hidden, 10, rng));
        adam = new Adam(model.parameters(), 1e-3);
        batch = rng.randn(DType.F32, 256, 64);
        labels = rng.randint(0, 10, 256);
    }

    @Benchmark
    public double trainingStep() {
        try (TensorScope scope = TensorScope.open()) {          // recycle the step's temporaries
            adam.zeroGrad();
            Var loss = Losses.crossEntropy(model.forward(Var.constant(batch)), labels, Reduction.MEAN);
            loss.backward();
            adam.step();
            model.parameters().forEach(p -> scope.keepUnowned(p.value()));   // the new weights outlive the step,
            adam.keepState(scope);                                           // and so do Adam's moments
            return loss.value().item();                         // returned, so JMH cannot drop the work
        }
    }

    @Benchmark
    public Tensor inference() {
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            return model.forward(Var.constant(batch)).value();
        }
    }
}
// docs:end benchmark
