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
import java.util.Locale;

/**
 * stella's CNN (Feinstein et al. 2020): Conv1d(→16, k7) ReLU, MaxPool 2, Dropout 0.1, Conv1d(16→64, k3) ReLU,
 * MaxPool 2, Dropout 0.1, Flatten, Linear(3200→32) ReLU, Dropout 0.1, Linear(32→1). It returns the logit; the
 * probability is its sigmoid (training uses BCE with logits, which is the sigmoid followed by binary
 * cross-entropy, computed stably). Two inputs ({@link Input}):
 * <ul>
 *   <li>{@link Input#WINDOW}: stella's, one channel of 200 cadences normalized per window ({@link Windows}),
 *       'same' zero padding — 105 729 parameters;</li>
 *   <li>{@link Input#SERIES}: two channels (flux, validity mask) of 210 cadences cut from one normalized
 *       series ({@link FlareSeries}), unpadded ('valid') convolutions: 210 → 204 → 102 → 100 → 50, the same
 *       3200 features as stella's, 105 841 parameters. Every window is a slice of the same series, so the
 *       convolutions of overlapping windows can be shared ({@link SeriesScorer}).</li>
 * </ul>
 */
public final class FlareNetwork {
    /** The number of trainable parameters of stella's network ({@link Input#WINDOW}). */
    public static final long PARAMETERS = 105_729;

    /** What the network reads. */
    public enum Input {
        /** One channel, 200 cadences, normalized per window, 'same' padding (descriptor format 1). */
        WINDOW(1, Windows.LENGTH, 1),
        /** Flux and mask channels, 210 cadences of a once-normalized series, 'valid' convolutions (format 2). */
        SERIES(FlareSeries.CHANNELS, FlareSeries.INPUT, 2);

        private final int channels;
        private final int length;
        private final int format;

        Input(int channels, int length, int format) {
            this.channels = channels;
            this.length = length;
            this.format = format;
        }

        public int channels() {
            return channels;
        }

        public int length() {
            return length;
        }

        /** The descriptor format of ensembles of this input. */
        public int format() {
            return format;
        }

        /** The input of a descriptor format. */
        public static Input ofFormat(int format) {
            for (Input i : values()) {
                if (i.format == format) {
                    return i;
                }
            }
            throw new IllegalArgumentException("FlareNetwork: unknown model format " + format);
        }

        /** The input named {@code name} ("window" or "series"). */
        public static Input parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("flare model input must be 'window' or 'series', got '" + name + "'");
            }
        }
    }

    private FlareNetwork() {
    }

    /** A freshly initialized stella network ({@link Input#WINDOW}); dropout masks come from split streams of {@code rng}. */
    public static Sequential create(Rng rng) {
        return create(Input.WINDOW, rng);
    }

    /** A freshly initialized network for {@code input}. */
    public static Sequential create(Input input, Rng rng) {
        ConvOptions pad = ConvOptions.defaults().padding(input == Input.WINDOW ? ConvPadding.same() : ConvPadding.valid());
        return new Sequential(new Conv1d(input.channels(), 16, 7, pad, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new Conv1d(16, 64, 3, pad, rng), Activation.relu(), Pool.maxPool1d(2),
                new Dropout(0.1, rng.split()), new Flatten(), new Linear(Windows.LENGTH / 4 * 64, 32, rng),
                Activation.relu(), new Dropout(0.1, rng.split()), new Linear(32, 1, rng));
    }
}
