package astrograd.layers.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metrics of every epoch a {@link Trainer} ran, in order. */
public final class History {
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Map<String, Double>> metrics = new ArrayList<>();

    void add(int epoch, Map<String, Double> m) {
        epochs.add(epoch);
        metrics.add(Collections.unmodifiableMap(new LinkedHashMap<>(m)));
    }

    /** The number of epochs recorded. */
    public int size() {
        return metrics.size();
    }

    /** The epoch numbers (counted from 0) of the recorded epochs. */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The metrics of the i-th recorded epoch. */
    public Map<String, Double> get(int i) {
        return metrics.get(i);
    }

    /** The metrics of the last epoch. */
    public Map<String, Double> last() {
        if (metrics.isEmpty()) {
            throw new IllegalStateException("History: no epoch was run");
        }
        return metrics.get(metrics.size() - 1);
    }

    /** One metric over all epochs. */
    public double[] values(String key) {
        double[] out = new double[metrics.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = metrics.get(i).get(key);
            if (v == null) {
                throw new IllegalArgumentException("History: epoch " + epochs.get(i) + " has no metric '" + key + "'; it has "
                        + metrics.get(i).keySet());
            }
            out[i] = v;
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < metrics.size(); i++) {
            sb.append("epoch ").append(epochs.get(i)).append(": ").append(metrics.get(i)).append('\n');
        }
        return sb.toString();
    }
}
