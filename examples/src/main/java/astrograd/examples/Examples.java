package astrograd.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an example by name: {@code ./astrograd example NAME [ARGS]} or
 * {@code java --add-modules jdk.incubator.vector -jar examples/target/astrograd-examples.jar NAME [ARGS]}; without a
 * name (or with {@code --help}) it lists them.
 */
public final class Examples {
    /** An example's entry point. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    record Entry(String summary, String doc, Main main) {
    }

    /** The examples by name, in the order the docs present them. */
    static final Map<String, Entry> ALL = new LinkedHashMap<>();

    static {
        ALL.put("quickstart", new Entry("the README's example: fit a noisy sine with an MLP and Adam",
                "README.md", QuickStart::main));
        ALL.put("custom-layer", new Entry("a gated linear unit written in one file, gradient-checked and trained",
                "docs/howto/custom-layer.md", CustomLayerExample::main));
        ALL.put("custom-op", new Entry("SiLU as a custom op with its own backward and CPU kernels",
                "docs/howto/custom-op.md", CustomOpExample::main));
        ALL.put("training-loop", new Entry("Trainer with validation, a schedule, early stopping, keep-best, a callback",
                "docs/howto/training-loop.md", TrainingLoopExample::main));
        ALL.put("checkpoints", new Entry("save mid-epoch, crash, restore and resume to the same bits",
                "docs/howto/checkpoints.md", CheckpointExample::main));
        ALL.put("pytorch", new Entry("load a PyTorch state_dict from safetensors and write one back [DIR]",
                "docs/howto/pytorch-weights.md", PyTorchWeightsExample::main));
        ALL.put("benchmark", new Entry("a JMH benchmark of your own model [--quick]",
                "docs/howto/jmh-benchmark.md", BenchmarkRunner::main));
        ALL.put("polar-classifier", new Entry("a phase-invariant classifier of synthetic folded light curves",
                "docs/howto/custom-architecture.md", PolarClassifierExample::main));
        ALL.put("nuts", new Entry("NUTS on a two-parameter Gaussian model, with diagnostics",
                "docs/systems/samplers.md", SamplerExample::main));
    }

    private Examples() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(usage());
            return;
        }
        Entry e = ALL.get(args[0]);
        if (e == null) {
            System.err.println("astrograd example: no example '" + args[0] + "'\n" + usage());
            System.exit(2);
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        e.main().run(rest);
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("Usage: astrograd example NAME [ARGS]\n\nExamples:\n");
        ALL.forEach((name, e) -> sb.append(String.format("  %-17s %s (%s)%n", name, e.summary(), e.doc())));
        return sb.toString().stripTrailing();
    }
}
