package astrograd.astro.cli;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareNetwork;
import astrograd.layers.train.DeepEnsemble;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that train flare ensembles. */
final class TrainingOptions {
    @Option(names = "--members", description = "ensemble members (default: ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--epochs", description = "epochs per member (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "seed of every random stream (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data-scale", defaultValue = "1.0",
            description = "training windows relative to the standard mix (default: ${DEFAULT-VALUE})")
    double dataScale;

    @Option(names = "--median", description = "combine the members by the median instead of the mean")
    boolean median;

    @Option(names = "--network-input", defaultValue = "window",
            description = "what the network reads: 'series' (flux and mask channels cut from one normalized series:"
                    + " every cadence scored, edges and gaps included, convolutions shared between windows) or"
                    + " 'window' (stella's per-window normalization, edges and gaps masked) (default: ${DEFAULT-VALUE})")
    String networkInput;

    TrainingOptions(int members, int epochs) {
        this.members = members;
        this.epochs = epochs;
    }

    FlareEnsemble.TrainConfig config() {
        if (!(dataScale > 0)) {
            throw new IllegalArgumentException("--data-scale must be > 0, got " + dataScale);
        }
        FlareEnsemble.TrainConfig c = FlareEnsemble.TrainConfig.of(members, epochs);
        return new FlareEnsemble.TrainConfig(c.members(), c.epochs(), c.batchSize(), c.learningRate(),
                median ? DeepEnsemble.Combine.MEDIAN : DeepEnsemble.Combine.MEAN, true,
                FlareNetwork.Input.parse(networkInput == null ? "window" : networkInput));
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("members", members);
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("data_scale", dataScale);
        m.put("combine", median ? "median" : "mean");
        m.put("network_input", networkInput == null ? "window" : networkInput);
        m.put("optimizer", "Adam(lr 1e-3), batch 64, BCE, keep-best on validation loss");
        return m;
    }
}
