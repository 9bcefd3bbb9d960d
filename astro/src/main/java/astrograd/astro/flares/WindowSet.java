package astrograd.astro.flares;

import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled flare windows: inputs {@code [n, channels, length]} as the network {@link FlareNetwork.Input} reads
 * them ({@code [n, 1, 200]} or {@code [n, 2, 210]}), labels {@code [n, 1]} (1 = a flare peaks at the window's
 * centre), and for evaluation what each window is and how significant its injected signal is.
 */
public final class WindowSet {
    /** What a window holds. */
    public enum Kind {
        /** A catalogued real flare peaking at the centre (label 1). */
        CATALOG_FLARE(1),
        /** A Davenport flare injected into a quiet stretch, peaking at the centre (label 1). */
        SYNTHETIC_FLARE(1),
        /** A quiet stretch of a real light curve, rotational modulation included (label 0). */
        QUIET(0),
        /** An injected flare that peaks away from the centre (label 0: the centre is not part of it). */
        OFF_CENTER_FLARE(0),
        /** A single-cadence spike at the centre, e.g. a cosmic ray (label 0). */
        SPIKE(0),
        /** A step in the flux level at the centre (label 0). */
        STEP(0);

        private final int label;

        Kind(int label) {
            this.label = label;
        }

        public int label() {
            return label;
        }
    }

    private final FlareNetwork.Input input;
    private final float[] inputs;
    private final Kind[] kinds;
    private final double[] peakSigma;

    WindowSet(FlareNetwork.Input input, float[] inputs, Kind[] kinds, double[] peakSigma) {
        if (inputs.length != kinds.length * width(input) || peakSigma.length != kinds.length) {
            throw new IllegalArgumentException("WindowSet: " + kinds.length + " windows need " + kinds.length * width(input)
                    + " inputs, got " + inputs.length);
        }
        this.input = input;
        this.inputs = inputs;
        this.kinds = kinds;
        this.peakSigma = peakSigma;
    }

    private static int width(FlareNetwork.Input input) {
        return input.channels() * input.length();
    }

    public int size() {
        return kinds.length;
    }

    /** What the windows are cut for. */
    public FlareNetwork.Input input() {
        return input;
    }

    /** The windows as a {@code [n, channels, length]} F32 tensor. */
    public Tensor inputs() {
        return Tensor.of(inputs, size(), input.channels(), input.length());
    }

    /** The labels as a {@code [n, 1]} F32 tensor. */
    public Tensor labels() {
        float[] y = new float[size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = kinds[i].label();
        }
        return Tensor.of(y, size(), 1);
    }

    /** The labels as integers. */
    public int[] labelArray() {
        return Arrays.stream(kinds).mapToInt(Kind::label).toArray();
    }

    public Kind kind(int i) {
        return kinds[i];
    }

    /** The sampled peak of the injected signal in units of the light curve's noise σ (NaN for real windows). */
    public double peakSigma(int i) {
        return peakSigma[i];
    }

    /** The windows at {@code indices}, in that order. */
    public WindowSet subset(int[] indices) {
        int w = width(input);
        float[] x = new float[indices.length * w];
        Kind[] k = new Kind[indices.length];
        double[] p = new double[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            System.arraycopy(inputs, i * w, x, j * w, w);
            k[j] = kinds[i];
            p[j] = peakSigma[i];
        }
        return new WindowSet(input, x, k, p);
    }

    /** All windows of the given sets (cut for the same input), in order. */
    public static WindowSet concat(List<WindowSet> sets) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("WindowSet.concat: no sets");
        }
        FlareNetwork.Input input = sets.get(0).input;
        for (WindowSet s : sets) {
            if (s.input != input) {
                throw new IllegalArgumentException("WindowSet.concat: " + s.input + " windows cannot join " + input + " windows");
            }
        }
        int w = width(input);
        int n = sets.stream().mapToInt(WindowSet::size).sum();
        float[] x = new float[n * w];
        Kind[] k = new Kind[n];
        double[] p = new double[n];
        int at = 0;
        for (WindowSet s : sets) {
            System.arraycopy(s.inputs, 0, x, at * w, s.inputs.length);
            System.arraycopy(s.kinds, 0, k, at, s.size());
            System.arraycopy(s.peakSigma, 0, p, at, s.size());
            at += s.size();
        }
        return new WindowSet(input, x, k, p);
    }

    /** Collects windows one at a time. */
    static final class Builder {
        private final FlareNetwork.Input input;
        private final List<float[]> windows = new ArrayList<>();
        private final List<Kind> kinds = new ArrayList<>();
        private final List<Double> peaks = new ArrayList<>();

        Builder(FlareNetwork.Input input) {
            this.input = input;
        }

        void add(float[] window, Kind kind, double peak) {
            if (window.length != width(input)) {
                throw new IllegalArgumentException("WindowSet.Builder: a " + input + " window has " + width(input)
                        + " values, got " + window.length);
            }
            windows.add(window);
            kinds.add(kind);
            peaks.add(peak);
        }

        WindowSet build() {
            int w = width(input);
            float[] x = new float[windows.size() * w];
            for (int i = 0; i < windows.size(); i++) {
                System.arraycopy(windows.get(i), 0, x, i * w, w);
            }
            return new WindowSet(input, x, kinds.toArray(new Kind[0]), peaks.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
