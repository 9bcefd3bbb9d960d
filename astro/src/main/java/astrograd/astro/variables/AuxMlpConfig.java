package astrograd.astro.variables;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The auxiliary-input MLPs of a {@link HybridNet}: {@code members} independently trained {@link AuxMlp}s that read the
 * last {@code inputs} input channels (the standardized auxiliary inputs, constant along the sequence), with
 * {@code hidden} units in each of their two hidden layers and dropout {@code dropout}; their mean probabilities enter
 * the model's output with the share {@code weight}: {@code p = (1 − weight)·p_sequence + weight·p_mlp}.
 * {@link #NONE} (0 members): no MLP, the sequence network alone. A weight of {@link #FROM_VALIDATION} asks
 * {@link Training} to choose it on the validation stars ({@link AuxMlpTraining#chooseWeight}); a model's configuration
 * always holds a number.
 */
public record AuxMlpConfig(int members, int inputs, int hidden, double dropout, double weight) {
    /** No MLP. */
    public static final AuxMlpConfig NONE = new AuxMlpConfig(0, 0, 0, 0, 0);
    /** The recommended hidden width. */
    public static final int HIDDEN = 64;
    /** The weight to be chosen on the validation stars (NaN). */
    public static final double FROM_VALIDATION = Double.NaN;
    /** The recommended dropout. */
    public static final double DROPOUT = 0.2;

    public AuxMlpConfig {
        if (members < 0 || (members > 0 && (inputs < 1 || hidden < 1 || !(weight > 0 && weight <= 1 || Double.isNaN(weight))
                || !(dropout >= 0 && dropout < 1)))) {
            throw new IllegalArgumentException("AuxMlpConfig: need members >= 0 and, with members, inputs and hidden >= 1,"
                    + " dropout in [0, 1) and weight in (0, 1] or FROM_VALIDATION; got " + this);
        }
    }

    /** {@code members} MLPs of the recommended size on {@code inputs} auxiliary inputs, with share {@code weight}. */
    public static AuxMlpConfig of(int members, int inputs, double weight) {
        return members == 0 ? NONE : new AuxMlpConfig(members, inputs, HIDDEN, DROPOUT, weight);
    }

    /** Whether the weight is still to be chosen on the validation stars. */
    public boolean weightFromValidation() {
        return Double.isNaN(weight);
    }

    /** This configuration with the MLPs' share {@code w}. */
    public AuxMlpConfig withWeight(double w) {
        return new AuxMlpConfig(members, inputs, hidden, dropout, w);
    }

    /** Whether there are MLPs at all. */
    public boolean present() {
        return members > 0;
    }

    /** The JSON form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("members", members);
        m.put("inputs", inputs);
        m.put("hidden", hidden);
        m.put("dropout", dropout);
        m.put("weight", weight);
        return m;
    }

    /** Reads {@link #toMap()}'s form; null (older files) is {@link #NONE}. */
    public static AuxMlpConfig fromMap(Map<?, ?> m) {
        if (m == null || ModelConfig.Json.integer(m, "members") == 0) {
            return NONE;
        }
        return new AuxMlpConfig(ModelConfig.Json.integer(m, "members"), ModelConfig.Json.integer(m, "inputs"),
                ModelConfig.Json.integer(m, "hidden"), ModelConfig.Json.number(m, "dropout"), ModelConfig.Json.number(m, "weight"));
    }

    @Override
    public String toString() {
        return present() ? String.format(java.util.Locale.ROOT, "%d aux MLPs (%d inputs, %d hidden, weight %s)", members,
                inputs, hidden, weightFromValidation() ? "chosen on validation" : String.format(java.util.Locale.ROOT, "%.2f", weight))
                : "no aux MLP";
    }
}
