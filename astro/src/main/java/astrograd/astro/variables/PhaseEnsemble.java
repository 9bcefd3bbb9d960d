package astrograd.astro.variables;

import astrograd.autodiff.Var;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * M networks of one architecture, trained independently, whose class probabilities are averaged: the output is
 * {@code log((1/M) Σ_i softmax(f_i(x)))}, so that its softmax is the mean of the members' softmax. The mean of
 * phase-invariant members is phase-invariant. Members are the submodules {@code member0 .. member(M−1)}.
 */
public final class PhaseEnsemble extends PhaseNet {
    private final List<PhaseNet> members = new ArrayList<>();

    /** Fresh members, member i drawn from {@code rng.fold(i)}. */
    PhaseEnsemble(ModelConfig c, Rng rng) {
        this(c, fresh(c, rng));
    }

    /**
     * @param nets trained single networks whose configuration is {@code c.withMembers(1)}
     */
    public PhaseEnsemble(ModelConfig c, List<PhaseNet> nets) {
        super(c);
        if (nets.size() != c.members()) {
            throw new IllegalArgumentException("PhaseEnsemble: " + nets.size() + " networks for " + c.members() + " members");
        }
        for (int i = 0; i < nets.size(); i++) {
            if (!nets.get(i).config().equals(c.withMembers(1))) {
                throw new IllegalArgumentException("PhaseEnsemble: member " + i + " is " + nets.get(i).config()
                        + ", expected " + c.withMembers(1));
            }
            members.add(module("member" + i, nets.get(i)));
        }
    }

    private static List<PhaseNet> fresh(ModelConfig c, Rng rng) {
        List<PhaseNet> nets = new ArrayList<>();
        for (int i = 0; i < c.members(); i++) {
            nets.add(c.withMembers(1).build(rng.fold(i)));
        }
        return nets;
    }

    public List<PhaseNet> members() {
        return List.copyOf(members);
    }

    @Override
    public Var forward(Var x) {
        Var[] logp = new Var[members.size()];
        for (int i = 0; i < logp.length; i++) {
            logp[i] = members.get(i).forward(x).logSoftmax(1);
        }
        return Var.stack(0, logp).logsumexp(new int[] {0}, false).sub(Math.log(logp.length));
    }

    @Override
    protected String describe() {
        return config().toString();
    }
}
