package astrograd.astro.flares;

import astrograd.layers.Activation;
import astrograd.layers.Conv1d;
import astrograd.layers.ConvOptions;
import astrograd.layers.ConvPadding;
import astrograd.layers.Dropout;
import astrograd.layers.Flatten;
import astrograd.layers.Linear;
import astrograd.layers.Pool;
import astrograd.layers.Sequential;
import astrograd.tensor.Rng;

/**
 * stella's CNN (Feinstein et al. 2020): Conv1d(1→16, k7, same) ReLU, MaxPool 2, Dropout 0.1, Conv1d(16→64, k3,
 * same) ReLU, MaxPool 2, Dropout 0.1, Flatten, Linear(3200→32) ReLU, Dropout 0.1, Linear(32→1) — 105 729
 * parameters. It returns the logit; the probability is its sigmoid (training uses BCE with logits, which is
 * the sigmoid followed by binary cross-entropy, computed stably).
 */
public final class FlareNetwork {
    /** The number of trainable parameters. */
    public static final long PARAMETERS = 105_729;

    private FlareNetwork() {
    }

    /** A freshly initialized network; dropout masks come from split streams of {@code rng}. */
    public static Sequential create(Rng rng) {
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.same());
        return new Sequential(new Conv1d(1, 16, 7, same, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new Conv1d(16, 64, 3, same, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new Flatten(), new Linear(Windows.LENGTH / 4 * 64, 32, rng),
                Activation.relu(), new Dropout(0.1, rng.split()), new Linear(32, 1, rng));
    }
}
