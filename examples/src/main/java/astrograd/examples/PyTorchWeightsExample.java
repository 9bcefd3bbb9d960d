package astrograd.examples;

import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.layers.Activation;
import astrograd.layers.Linear;
import astrograd.layers.Sequential;
import astrograd.layers.io.Safetensors;
import astrograd.layers.io.StateDict;
import astrograd.layers.losses.Losses;
import astrograd.layers.losses.Reduction;
import astrograd.layers.optim.Adam;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * How-to "moving weights to and from PyTorch with safetensors" ({@code docs/howto/pytorch-weights.md}): loads the
 * state_dict PyTorch wrote ({@code examples/src/main/python/torch_mlp.py}), reproduces PyTorch's output, trains a
 * few steps and writes the weights back for PyTorch ({@code torch_mlp.py --check DIR} loads them).
 */
public final class PyTorchWeightsExample {
    /** The largest difference from PyTorch's output, and the files written for PyTorch. */
    public record Result(double maxDiffFromTorch, Path weights, Path io) {
    }

    private PyTorchWeightsExample() {
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("astrograd-pytorch");
        Result r = run(out);
        System.out.printf("max |astrograd - torch| = %.2e; wrote %s and %s%n", r.maxDiffFromTorch(), r.weights(), r.io());
        System.out.println("check in PyTorch: /usr/bin/python3 examples/src/main/python/torch_mlp.py --check " + out);
    }

    public static Result run(Path out) throws IOException {
        Path torchWeights = resource("torch_mlp.safetensors", out);
        Map<String, Tensor> torchIo = Safetensors.read(resource("torch_mlp_io.safetensors", out)).tensors();
        // docs:begin load
        Rng rng = new Rng(0);
        // the same architecture as nn.Sequential(Linear(4, 16), Tanh(), Linear(16, 3)): children are named 0, 1, 2
        Sequential model = new Sequential(new Linear(4, 16, rng), Activation.tanh(), new Linear(16, 3, rng));
        StateDict.load(model, torchWeights, true);          // strict: same keys, shapes and dtypes, or an exception
        // docs:end load
        double diff;
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Tensor y = model.forward(Var.constant(torchIo.get("input"))).value();
            diff = y.sub(torchIo.get("output")).abs().max(new int[] {0, 1}, false).item();
        }
        Tensor x = rng.randn(DType.F32, 64, 4);
        Tensor target = rng.randn(DType.F32, 64, 3);
        Adam adam = new Adam(model.parameters(), 1e-2);
        for (int step = 0; step < 20; step++) {
            adam.zeroGrad();
            Losses.mse(model.forward(Var.constant(x)), Var.constant(target), Reduction.MEAN).backward();
            adam.step();
        }
        // docs:begin save
        Path weights = out.resolve("java_mlp.safetensors");
        Safetensors.write(weights, StateDict.of(model), Map.of("format", "pt"));   // PyTorch's keys and layouts
        // docs:end save
        Path io = out.resolve("java_mlp_io.safetensors");
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            Tensor probe = torchIo.get("input");
            Safetensors.write(io, Map.of("input", probe, "output", model.forward(Var.constant(probe)).value()),
                    Map.of());
        }
        return new Result(diff, weights, io);
    }

    /** Copies a bundled fixture to a file (a resource in a jar is no file). */
    private static Path resource(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = PyTorchWeightsExample.class.getResourceAsStream("pytorch/" + name)) {
            if (in == null) {
                throw new IOException("PyTorchWeightsExample: resource pytorch/" + name + " is missing");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
