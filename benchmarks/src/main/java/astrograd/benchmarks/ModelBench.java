package astrograd.benchmarks;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Conv1d;
import astrograd.layers.ConvOptions;
import astrograd.layers.ConvPadding;
import astrograd.layers.Dropout;
import astrograd.layers.Flatten;
import astrograd.layers.GRU;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.layers.Pool;
import astrograd.layers.Sequential;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Adam;
import astrograd.layers.optim.Optimizer;
import astrograd.layers.optim.Sgd;
import astrograd.autodiff.VarConv;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole training and inference steps of the models the issues name, each in a {@link TensorScope} as a
 * training loop runs them (parameters and optimizer state are kept, temporaries recycled). F32.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class ModelBench {
    public Sequential tinyMlp;
    public Optimizer tinySgd;
    public Tensor tinyX;
    public Tensor tinyY;
    public Sequential planNet;
    public Tensor planX;
    public Tensor planY;
    public Sequential stella;
    public Optimizer stellaAdam;
    public Tensor stellaX;
    public Tensor stellaY;
    public Tensor stellaBatch;
    public GRU gru;
    public Tensor gruX;
    public Tensor convX;
    public Tensor convW1;
    public Tensor convB1;
    public Tensor convW2;
    public Tensor convB2;

    @Setup
    public void setUp() {
        Rng rng = new Rng(11);
        tinyMlp = new Sequential(new Linear(13, 64, rng), Activation.relu(), new Linear(64, 64, rng), Activation.relu(),
                new Linear(64, 6, rng));
        tinySgd = new Sgd(tinyMlp.parameters(), 0.01);
        tinyX = rng.randn(DType.F32, 32, 13);
        tinyY = rng.randn(DType.F32, 32, 6);
        planNet = new Sequential(new Linear(13, 1024, rng), Activation.relu(), new Linear(1024, 1024, rng),
                Activation.relu(), new Linear(1024, 1024, rng), Activation.relu(), new Linear(1024, 1024, rng),
                Activation.relu(), new Linear(1024, 21, rng));
        planX = rng.randn(DType.F32, 512, 13);
        planY = rng.randn(DType.F32, 512, 21);
        stella = stellaCnn(rng);
        stellaAdam = new Adam(stella.parameters(), 1e-3);
        stellaX = rng.randn(DType.F32, 64, 1, 200);
        stellaY = rng.bernoulli(0.3, 64, 1).to(DType.F32);
        stellaBatch = rng.randn(DType.F32, 1024, 1, 200);
        gru = new GRU(12, 100, rng);
        gruX = rng.randn(DType.F32, 64, 50, 12);
        convX = rng.randn(DType.F32, 32, 3, 64, 64);
        convW1 = rng.randn(DType.F32, 32, 3, 3, 3).mul(0.2);
        convB1 = rng.randn(DType.F32, 32).mul(0.1);
        convW2 = rng.randn(DType.F32, 64, 32, 3, 3).mul(0.06);
        convB2 = rng.randn(DType.F32, 64).mul(0.1);
    }

    /** stella's CNN (Feinstein et al. 2020); the sigmoid is folded into the BCE-with-logits loss. */
    static Sequential stellaCnn(Rng rng) {
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.same());
        return new Sequential(new Conv1d(1, 16, 7, same, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new Conv1d(16, 64, 3, same, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new Flatten(), new Linear(3200, 32, rng), Activation.relu(),
                new Dropout(0.1, rng.split()), new Linear(32, 1, rng));
    }

    private static void keepState(TensorScope scope, Module model, Optimizer opt) {
        for (Parameter p : model.parameters()) {
            scope.keep(p.value());
        }
        model.namedBuffers().values().forEach(b -> {
            if (b != null) {
                scope.keep(b);
            }
        });
        if (opt != null) {
            opt.keepState(scope);
        }
    }

    /** 13 → 64 → 64 → 6 MLP, batch 32: forward, MSE, backward, plain SGD update. */
    @Benchmark
    public double tinyMlpStep() {
        try (TensorScope scope = TensorScope.open()) {
            tinyMlp.zeroGrad();
            Var loss = Losses.mse(tinyMlp.forward(Var.constant(tinyX)), Var.constant(tinyY), Reduction.MEAN);
            loss.backward();
            tinySgd.step();
            keepState(scope, tinyMlp, tinySgd);
            return loss.value().item();
        }
    }

    /** plan-net MLP 13 → 4 × 1024 → 21, batch 512: forward, MSE, backward (no update). */
    @Benchmark
    public double planNetForwardBackward() {
        try (TensorScope scope = TensorScope.open()) {
            planNet.zeroGrad();
            Var loss = Losses.mse(planNet.forward(Var.constant(planX)), Var.constant(planY), Reduction.MEAN);
            loss.backward();
            for (Parameter p : planNet.parameters()) {
                scope.keep(p.value());
            }
            return loss.value().item();
        }
    }

    /** stella CNN, batch 64 × 1 × 200: forward (train mode), BCE with logits, backward, Adam. */
    @Benchmark
    public double stellaTrainStep() {
        try (TensorScope scope = TensorScope.open()) {
            stella.train();
            stella.zeroGrad();
            Var loss = Losses.bceWithLogits(stella.forward(Var.constant(stellaX)), Var.constant(stellaY), Reduction.MEAN);
            loss.backward();
            stellaAdam.step();
            keepState(scope, stella, stellaAdam);
            return loss.value().item();
        }
    }

    /** stella CNN inference on 1024 windows (eval mode, no graph), sigmoid probabilities. */
    @Benchmark
    public double stellaInference() {
        try (TensorScope scope = TensorScope.open(); GradMode.Scope noGrad = GradMode.noGrad()) {
            stella.eval();
            return stella.forward(Var.constant(stellaBatch)).sigmoid().value().numel();
        }
    }

    /** GRU (input 12, hidden 100), sequence 50, batch 64: forward over the sequence, sum, backward. */
    @Benchmark
    public double gruForwardBackward() {
        try (TensorScope scope = TensorScope.open()) {
            gru.zeroGrad();
            Var x = Var.param(gruX);
            Var out = gru.forward(x).sum();
            out.backward();
            keepState(scope, gru, null);
            return out.value().item();
        }
    }

    /** The foundation's two-layer conv2d (3 → 32 → 64, 3×3, pad 1, batch 32, 64×64): forward, sum, backward. */
    @Benchmark
    public double conv2dForwardBackward() {
        try (TensorScope scope = TensorScope.open()) {
            Var x = Var.param(convX);
            Var w1 = Var.param(convW1);
            Var w2 = Var.param(convW2);
            Var h = VarConv.conv2d(x, w1, Var.param(convB1), 1, 1, 1, 1);
            Var out = VarConv.conv2d(h, w2, Var.param(convB2), 1, 1, 1, 1).sum();
            out.backward();
            return out.value().item();
        }
    }
}
