package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence network (one {@link PhaseNet} or a {@link PhaseEnsemble}) and M {@link AuxMlp}s on the auxiliary
 * inputs alone, whose probabilities are mixed: with w the MLPs' share ({@link AuxMlpConfig#weight()}), the output is
 * {@code log((1 − w)·softmax(f(x)) + (w/M) Σ_i softmax(g_i(x)))}, so its softmax is that mixture. The MLPs see only
 * inputs that are constant along the sequence and the sequence network is phase-invariant, so the mixture is too.
 * The two kinds make different errors: the MLPs rely on the summary statistics, the sequence network on the shape.
 * Submodules: {@code sequence} and {@code mlp0 .. mlp(M−1)}.
 */
public final class HybridNet extends PhaseNet {
    private final PhaseNet sequence;
    private final List<AuxMlp> mlps = new ArrayList<>();

    /** Fresh weights: the sequence network from {@code rng} (as without MLPs), MLP i from {@code rng.fold(5000 + i)}. */
    HybridNet(ModelConfig c, Rng rng) {
        this(c, c.withMlp(AuxMlpConfig.NONE).build(rng), fresh(c, rng));
    }

    /**
     * @param sequence a network whose configuration is {@code c} without the MLPs
     * @param mlps     {@code c.mlp().members()} MLPs
     */
    public HybridNet(ModelConfig c, PhaseNet sequence, List<AuxMlp> mlps) {
        super(c);
        if (!c.mlp().present() || mlps.size() != c.mlp().members() || c.mlp().weightFromValidation()) {
            throw new IllegalArgumentException("HybridNet: " + mlps.size() + " MLPs for " + c.mlp() + " (the weight must be a number)");
        }
        if (!sequence.config().equals(c.withMlp(AuxMlpConfig.NONE))) {
            throw new IllegalArgumentException("HybridNet: sequence network is " + sequence.config() + ", expected "
                    + c.withMlp(AuxMlpConfig.NONE));
        }
        this.sequence = module("sequence", sequence);
        for (int i = 0; i < mlps.size(); i++) {
            this.mlps.add(module("mlp" + i, mlps.get(i)));
        }
    }

    /** A fresh MLP of configuration {@code c.mlp()}. */
    static AuxMlp freshMlp(ModelConfig c, Rng rng) {
        AuxMlpConfig m = c.mlp();
        return new AuxMlp(m.inputs(), m.hidden(), c.classes(), m.dropout(), c.dtype(), rng);
    }

    private static List<AuxMlp> fresh(ModelConfig c, Rng rng) {
        List<AuxMlp> out = new ArrayList<>();
        for (int i = 0; i < c.mlp().members(); i++) {
            out.add(freshMlp(c, rng.fold(5000 + i)));
        }
        return out;
    }

    /** The sequence network (a single network or a {@link PhaseEnsemble}). */
    public PhaseNet sequence() {
        return sequence;
    }

    /** The MLPs on the auxiliary inputs, in order. */
    public List<AuxMlp> mlps() {
        return List.copyOf(mlps);
    }

    @Override
    public Var forward(Var x) {
        double w = config().mlp().weight();
        Var[] logp = new Var[mlps.size() + (w < 1 ? 1 : 0)];
        for (int i = 0; i < mlps.size(); i++) {
            logp[i] = mlps.get(i).forward(x).logSoftmax(1).add(Math.log(w / mlps.size()));
        }
        if (w < 1) {
            logp[mlps.size()] = sequence.forward(x).logSoftmax(1).add(Math.log(1 - w));
        }
        return Var.stack(0, logp).logsumexp(new int[] {0}, false);
    }

    @Override
    protected String describe() {
        return config().toString();
    }
}
