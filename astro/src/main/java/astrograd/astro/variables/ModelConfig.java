package astrograd.astro.variables;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The architecture of a {@link PhaseNet}: which network, its input channels C, classes K, kernel k, depth
 * (blocks), width (channels per block), dropout rate, parameter dtype and the number of independently trained
 * members whose probabilities are averaged ({@link PhaseEnsemble}; 1: a single network) and how many of the last
 * input channels (the auxiliary inputs, constant along the sequence) are also given to the head directly, beside
 * the features of the last block ({@code headAux}, 0: none), and the MLPs on the auxiliary inputs whose probabilities
 * are mixed with the network's ({@code mlp}, {@link HybridNet}; {@link AuxMlpConfig#NONE}: none). Saved as JSON with
 * the weights.
 */
public record ModelConfig(Arch arch, int inputChannels, int classes, int kernel, int depth, int width, double dropout,
                          DType dtype, int members, int headAux, AuxMlpConfig mlp) {
    /** The networks. */
    public enum Arch {
        /** Invariant TCN: circular padding, mean-over-phase head. */
        ITCN,
        /** Invariant ResNet with cyclic max pooling. */
        IRESNET,
        /** The same TCN with causal zero padding and a last-step head (not invariant). */
        TCN_BASELINE;

        /** Parses "itcn", "iresnet" or "baseline" (any case; the enum names work too). */
        public static Arch parse(String s) {
            String t = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (t.equals("BASELINE")) {
                return TCN_BASELINE;
            }
            try {
                return valueOf(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown architecture '" + s + "' (itcn, iresnet, baseline)");
            }
        }
    }

    public ModelConfig {
        if (headAux < 0 || headAux >= inputChannels) {
            throw new IllegalArgumentException("ModelConfig: headAux must be in [0, inputChannels), got " + headAux + " of "
                    + inputChannels);
        }
        if (inputChannels < 1 || classes < 2 || kernel < 1 || depth < 1 || width < 1 || members < 1) {
            throw new IllegalArgumentException("ModelConfig: need inputChannels >= 1, classes >= 2, kernel, depth, width,"
                    + " members >= 1; got " + inputChannels + ", " + classes + ", " + kernel + ", " + depth + ", " + width
                    + ", " + members);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("ModelConfig: dropout must be in [0, 1), got " + dropout);
        }
        if (dtype != DType.F32 && dtype != DType.F64) {
            throw new IllegalArgumentException("ModelConfig: dtype must be F32 or F64, got " + dtype);
        }
        if (mlp == null || mlp.inputs() >= inputChannels) {
            throw new IllegalArgumentException("ModelConfig: the aux MLPs' inputs must be fewer than the " + inputChannels
                    + " input channels, got " + mlp);
        }
    }

    /** Without aux MLPs. */
    public ModelConfig(Arch arch, int inputChannels, int classes, int kernel, int depth, int width, double dropout,
                       DType dtype, int members, int headAux) {
        this(arch, inputChannels, classes, kernel, depth, width, dropout, dtype, members, headAux, AuxMlpConfig.NONE);
    }

    /** A single network. */
    public ModelConfig(Arch arch, int inputChannels, int classes, int kernel, int depth, int width, double dropout,
                       DType dtype) {
        this(arch, inputChannels, classes, kernel, depth, width, dropout, dtype, 1, 0, AuxMlpConfig.NONE);
    }

    /** A fresh network (or ensemble) with weights drawn from {@code rng}. */
    public PhaseNet build(Rng rng) {
        if (mlp.present()) {
            return new HybridNet(this, rng);
        }
        if (members > 1) {
            return new PhaseEnsemble(this, rng);
        }
        return arch == Arch.IRESNET ? new IResNet(this, rng) : new Tcn(this, rng);
    }

    /** This configuration with another architecture. */
    public ModelConfig withArch(Arch a) {
        return new ModelConfig(a, inputChannels, classes, kernel, depth, width, dropout, dtype, members, headAux, mlp);
    }

    /** This configuration with another dtype. */
    public ModelConfig withDtype(DType d) {
        return new ModelConfig(arch, inputChannels, classes, kernel, depth, width, dropout, d, members, headAux, mlp);
    }

    /** This configuration with {@code a} auxiliary channels routed to the head. */
    public ModelConfig withHeadAux(int a) {
        return new ModelConfig(arch, inputChannels, classes, kernel, depth, width, dropout, dtype, members, a, mlp);
    }

    /** This configuration with another number of ensemble members. */
    public ModelConfig withMembers(int m) {
        return new ModelConfig(arch, inputChannels, classes, kernel, depth, width, dropout, dtype, m, headAux, mlp);
    }

    /** This configuration with other aux MLPs. */
    public ModelConfig withMlp(AuxMlpConfig m) {
        return new ModelConfig(arch, inputChannels, classes, kernel, depth, width, dropout, dtype, members, headAux, m);
    }

    /** The JSON form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", arch.name());
        m.put("input_channels", inputChannels);
        m.put("classes", classes);
        m.put("kernel", kernel);
        m.put("depth", depth);
        m.put("width", width);
        m.put("dropout", dropout);
        m.put("dtype", dtype.name());
        m.put("members", members);
        m.put("head_aux", headAux);
        if (mlp.present()) {
            m.put("mlp", mlp.toMap());
        }
        return m;
    }

    /**
     * Reads {@link #toMap()}'s form (a missing {@code members}, as in older files, is 1; a missing {@code head_aux} 0; a
     * missing {@code mlp} none).
     */
    public static ModelConfig fromMap(Map<?, ?> m) {
        return new ModelConfig(Arch.parse(Json.string(m, "arch")), Json.integer(m, "input_channels"),
                Json.integer(m, "classes"), Json.integer(m, "kernel"), Json.integer(m, "depth"), Json.integer(m, "width"),
                Json.number(m, "dropout"), DType.valueOf(Json.string(m, "dtype")),
                m.containsKey("members") ? Json.integer(m, "members") : 1,
                m.containsKey("head_aux") ? Json.integer(m, "head_aux") : 0, AuxMlpConfig.fromMap((Map<?, ?>) m.get("mlp")));
    }

    @Override
    public String toString() {
        return arch.name().toLowerCase(Locale.ROOT) + " k=" + kernel + " depth " + depth + " width " + width
                + " dropout " + dropout + (headAux > 0 ? ", " + headAux + " aux inputs to the head" : "")
                + (members > 1 ? ", ensemble of " + members : "") + (mlp.present() ? ", " + mlp : "");
    }

    /** Typed look-ups in parsed JSON maps, with errors naming the key. */
    static final class Json {
        private Json() {
        }

        static Object get(Map<?, ?> m, String key) {
            Object v = m.get(key);
            if (v == null) {
                throw new IllegalArgumentException("model config: missing '" + key + "'");
            }
            return v;
        }

        static String string(Map<?, ?> m, String key) {
            return get(m, key).toString();
        }

        static int integer(Map<?, ?> m, String key) {
            Object v = get(m, key);
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException("model config: '" + key + "' is not a number: " + v);
            }
            return ((Number) v).intValue();
        }

        static double number(Map<?, ?> m, String key) {
            Object v = get(m, key);
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException("model config: '" + key + "' is not a number: " + v);
            }
            return ((Number) v).doubleValue();
        }
    }
}
