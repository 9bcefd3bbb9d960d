package astrograd.inference.hmc;

import astrograd.tensor.Rng;
import java.util.Arrays;

/**
 * The No-U-Turn sampler (Hoffman &amp; Gelman 2014) as Stan runs it today (Betancourt 2017, arXiv:1701.02434):
 *
 * <ul>
 *   <li>the trajectory doubles in a random direction until the U-turn criterion fails, a subtree diverges or the
 *       depth reaches {@code maxDepth} (at most {@code 2^maxDepth − 1} leapfrog steps);</li>
 *   <li>multinomial sampling with weights {@code w = exp(H₀ − H)}: within a subtree the final half's proposal
 *       replaces the initial half's with probability {@code W_final/(W_init + W_final)} (uniform progressive
 *       sampling); at the top level a new subtree's proposal replaces the current sample with probability
 *       {@code min(1, W_new/W_old)} (biased progressive sampling, which favours later states);</li>
 *   <li>the generalized U-turn criterion with {@code ρ = Σ p} over a (sub)tree and sharp momenta
 *       {@code p♯ = M⁻¹ p} at its ends: continue while {@code p♯₋·ρ > 0} and {@code p♯₊·ρ > 0}; checked on every
 *       merged tree and, as Stan does since 2.23, also on each half extended by the first point of the other
 *       ({@code ρ_init + p_final_begin} and {@code ρ_final + p_init_end});</li>
 *   <li>a divergence: {@code H − H₀ > maxDeltaH} (1000) at any leapfrog step; the subtree is discarded.</li>
 * </ul>
 *
 * The accept statistic is {@code Σ min(1, exp(H₀ − H))/n_leapfrog} over every state built. The recursion over
 * subtrees (at most {@code maxDepth} levels, each with its own scratch buffers and {@link Frame}) is unrolled into a
 * walk down and up the levels that stops at every leaf's gradient, so that several chains can evaluate theirs as one
 * batch (see {@link Transition}).
 */
final class NutsTransition implements Transition {
    private final Hamiltonian ham;
    private final int maxDepth;
    private final double maxDeltaH;
    private final int dim;

    private final PhasePoint z;
    private final PhasePoint zFwd;
    private final PhasePoint zBck;
    private final PhasePoint zSample;
    private final PhasePoint zPropose;
    private final double[] pFwdFwd;
    private final double[] pSharpFwdFwd;
    private final double[] pFwdBck;
    private final double[] pSharpFwdBck;
    private final double[] pBckFwd;
    private final double[] pSharpBckFwd;
    private final double[] pBckBck;
    private final double[] pSharpBckBck;
    private final double[] rho;
    private final double[] rhoFwd;
    private final double[] rhoBck;
    private final double[] rhoExtended;
    private final Level[] levels;

    private final Frame[] frames;

    private PhasePoint state;
    private Rng rng;
    private Step out;
    private double eps;
    private double h0;
    private int nLeapfrog;
    private double sumMetroProb;
    private double logSumWeight;
    /** Doublings done; the subtree being built has {@code 2^depth} states. */
    private int depth;
    /** The level of the subtree being built now (0: a leaf). */
    private int level;
    private boolean forward;

    /** Scratch of one recursion level: the ends and momentum sums of its two halves. */
    private static final class Level {
        final PhasePoint zProposeFinal;
        final double[] pInitEnd;
        final double[] pSharpInitEnd;
        final double[] pFinalBeg;
        final double[] pSharpFinalBeg;
        final double[] rhoInit;
        final double[] rhoFinal;
        final double[] rhoSubtree;

        Level(int d) {
            zProposeFinal = new PhasePoint(d);
            pInitEnd = new double[d];
            pSharpInitEnd = new double[d];
            pFinalBeg = new double[d];
            pSharpFinalBeg = new double[d];
            rhoInit = new double[d];
            rhoFinal = new double[d];
            rhoSubtree = new double[d];
        }
    }

    /**
     * The arguments of the subtree being built at one level: where its proposal, end momenta and sharp momenta go,
     * the momentum sum it adds into, and whether its initial half is done (with that half's log-sum-weight).
     */
    private static final class Frame {
        PhasePoint zProp;
        double[] pSharpBeg;
        double[] pSharpEnd;
        double[] rhoAcc;
        double[] pBeg;
        double[] pEnd;
        boolean finalHalf;
        double initWeight;

        void set(PhasePoint zProp, double[] pSharpBeg, double[] pSharpEnd, double[] rhoAcc, double[] pBeg,
                double[] pEnd) {
            this.zProp = zProp;
            this.pSharpBeg = pSharpBeg;
            this.pSharpEnd = pSharpEnd;
            this.rhoAcc = rhoAcc;
            this.pBeg = pBeg;
            this.pEnd = pEnd;
        }
    }

    NutsTransition(Hamiltonian ham, int maxDepth, double maxDeltaH) {
        this.ham = ham;
        this.maxDepth = maxDepth;
        this.maxDeltaH = maxDeltaH;
        int d = ham.dim();
        this.dim = d;
        z = new PhasePoint(d);
        zFwd = new PhasePoint(d);
        zBck = new PhasePoint(d);
        zSample = new PhasePoint(d);
        zPropose = new PhasePoint(d);
        pFwdFwd = new double[d];
        pSharpFwdFwd = new double[d];
        pFwdBck = new double[d];
        pSharpFwdBck = new double[d];
        pBckFwd = new double[d];
        pSharpBckFwd = new double[d];
        pBckBck = new double[d];
        pSharpBckBck = new double[d];
        rho = new double[d];
        rhoFwd = new double[d];
        rhoBck = new double[d];
        rhoExtended = new double[d];
        levels = new Level[maxDepth];
        frames = new Frame[maxDepth];
        for (int k = 0; k < maxDepth; k++) {
            levels[k] = k == 0 ? null : new Level(d);
            frames[k] = new Frame();
        }
    }

    @Override
    public PhasePoint begin(PhasePoint state, double stepSize, double nominalStepSize, Rng rng, Step out) {
        this.state = state;
        this.rng = rng;
        this.out = out;
        this.eps = stepSize;
        out.reset();
        z.set(state);
        ham.sampleMomentum(z, rng);
        zFwd.set(z);
        zBck.set(z);
        zSample.set(z);
        zPropose.set(z);
        ham.velocity(z.p, pSharpFwdFwd);
        for (double[] a : new double[][] {pSharpFwdBck, pSharpBckFwd, pSharpBckBck}) {
            System.arraycopy(pSharpFwdFwd, 0, a, 0, dim);
        }
        for (double[] a : new double[][] {pFwdFwd, pFwdBck, pBckFwd, pBckBck, rho}) {
            System.arraycopy(z.p, 0, a, 0, dim);
        }
        logSumWeight = 0;
        h0 = ham.energy(z);
        nLeapfrog = 0;
        sumMetroProb = 0;
        depth = 0;
        return extend();
    }

    @Override
    public PhasePoint resume() {
        return ascend(leafFromGradient(frames[0]));
    }

    /**
     * Starts a new subtree of {@code 2^depth} states in a random direction from the current trajectory's end; the
     * old trajectory becomes the other side. Returns the first point to evaluate.
     */
    private PhasePoint extend() {
        Arrays.fill(rhoFwd, 0);
        Arrays.fill(rhoBck, 0);
        forward = rng.nextDouble() > 0.5;
        if (forward) {
            z.set(zFwd);
            System.arraycopy(rho, 0, rhoBck, 0, dim);
            System.arraycopy(pFwdFwd, 0, pBckFwd, 0, dim);
            System.arraycopy(pSharpFwdFwd, 0, pSharpBckFwd, 0, dim);
            frames[depth].set(zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd);
        } else {
            z.set(zBck);
            System.arraycopy(rho, 0, rhoFwd, 0, dim);
            System.arraycopy(pBckBck, 0, pFwdBck, 0, dim);
            System.arraycopy(pSharpBckBck, 0, pSharpFwdBck, 0, dim);
            frames[depth].set(zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck);
        }
        level = depth;
        return descend();
    }

    /**
     * Goes down from the subtree at {@code level} to its first leaf, each level building its initial half first,
     * and starts that leaf's leapfrog step. Returns the point to evaluate.
     */
    private PhasePoint descend() {
        while (level > 0) {
            Frame f = frames[level];
            Level lv = levels[level];
            Arrays.fill(lv.rhoInit, 0);
            f.finalHalf = false;
            frames[level - 1].set(f.zProp, f.pSharpBeg, lv.pSharpInitEnd, lv.rhoInit, f.pBeg, lv.pInitEnd);
            level--;
        }
        ham.leapfrogToGradient(z, sign() * eps);
        return z;
    }

    /**
     * Goes up from a finished subtree at {@code level} of log-sum-weight {@code w} (NaN: invalid): a finished initial
     * half starts its final half; a finished final half merges with its initial half. Returns the next point to
     * evaluate, or null when the transition is finished.
     */
    private PhasePoint ascend(double w) {
        while (level < depth) {
            int parent = level + 1;
            Frame f = frames[parent];
            Level lv = levels[parent];
            if (!Double.isNaN(w) && !f.finalHalf) {
                f.initWeight = w;
                f.finalHalf = true;
                lv.zProposeFinal.set(z);
                Arrays.fill(lv.rhoFinal, 0);
                frames[level].set(lv.zProposeFinal, lv.pSharpFinalBeg, f.pSharpEnd, lv.rhoFinal, lv.pFinalBeg, f.pEnd);
                return descend();
            }
            w = Double.isNaN(w) ? Double.NaN : merge(f, lv, w);
            level = parent;
        }
        return extended(w);
    }

    /**
     * After a subtree of {@code 2^depth} states with log-sum-weight {@code subtree} (NaN: invalid): the trajectory's
     * new end, the biased progressive sampling of the proposal, and the U-turn checks of the merged trajectory.
     */
    private PhasePoint extended(double subtree) {
        (forward ? zFwd : zBck).set(z);
        if (Double.isNaN(subtree)) {
            return finish();
        }
        depth++;
        if (subtree > logSumWeight || rng.nextDouble() < Math.exp(subtree - logSumWeight)) {
            zSample.set(zPropose);
        }
        logSumWeight = logSumExp(logSumWeight, subtree);
        if (!mergedTreeContinues() || depth >= maxDepth) {
            return finish();
        }
        return extend();
    }

    private PhasePoint finish() {
        out.treeDepth = depth;
        out.saturated = depth >= maxDepth;
        out.nLeapfrog = nLeapfrog;
        out.acceptStat = sumMetroProb / nLeapfrog;
        state.set(zSample);
        out.energy = ham.energy(zSample);
        return null;
    }

    private int sign() {
        return forward ? 1 : -1;
    }

    /** The U-turn checks of the whole trajectory after a merge; also sets {@code rho = ρ_bck + ρ_fwd}. */
    private boolean mergedTreeContinues() {
        for (int i = 0; i < dim; i++) {
            rho[i] = rhoBck[i] + rhoFwd[i];
        }
        boolean persist = noUTurn(pSharpBckBck, pSharpFwdFwd, rho);
        for (int i = 0; i < dim; i++) {
            rhoExtended[i] = rhoBck[i] + pFwdBck[i];
        }
        persist &= noUTurn(pSharpBckBck, pSharpFwdBck, rhoExtended);
        for (int i = 0; i < dim; i++) {
            rhoExtended[i] = rhoFwd[i] + pBckFwd[i];
        }
        persist &= noUTurn(pSharpBckFwd, pSharpFwdFwd, rhoExtended);
        return persist;
    }

    /**
     * Merges the two valid halves of the subtree of frame {@code f}: the final half's proposal replaces the initial
     * half's with probability {@code W_final/(W_init + W_final)}, the momentum sums add, and the U-turn criterion is
     * checked on the whole subtree and on each half extended by the other's nearest point. Returns the subtree's
     * log-sum-weight, or NaN if it U-turned.
     */
    private double merge(Frame f, Level lv, double fin) {
        double subtree = logSumExp(f.initWeight, fin);
        if (fin > subtree || rng.nextDouble() < Math.exp(fin - subtree)) {
            f.zProp.set(lv.zProposeFinal);
        }
        double[] r = lv.rhoSubtree;
        for (int i = 0; i < dim; i++) {
            r[i] = lv.rhoInit[i] + lv.rhoFinal[i];
            f.rhoAcc[i] += r[i];
        }
        boolean persist = noUTurn(f.pSharpBeg, f.pSharpEnd, r);
        for (int i = 0; i < dim; i++) {
            r[i] = lv.rhoInit[i] + lv.pFinalBeg[i];
        }
        persist &= noUTurn(f.pSharpBeg, lv.pSharpFinalBeg, r);
        for (int i = 0; i < dim; i++) {
            r[i] = lv.rhoFinal[i] + lv.pInitEnd[i];
        }
        persist &= noUTurn(lv.pSharpInitEnd, f.pSharpEnd, r);
        return persist ? subtree : Double.NaN;
    }

    /** Finishes the leapfrog step of a leaf (a subtree of depth 0) after its gradient: its weight {@code H₀ − H}. */
    private double leafFromGradient(Frame f) {
        ham.leapfrogFromGradient(z, sign() * eps);
        nLeapfrog++;
        ham.velocity(z.p, f.pSharpBeg);
        double h = ham.energy(z, f.pSharpBeg);
        boolean diverged = h - h0 > maxDeltaH;
        double logWeight = h0 - h;
        sumMetroProb += logWeight > 0 ? 1 : Math.exp(logWeight);
        f.zProp.set(z);
        System.arraycopy(f.pSharpBeg, 0, f.pSharpEnd, 0, dim);
        System.arraycopy(z.p, 0, f.pBeg, 0, dim);
        System.arraycopy(z.p, 0, f.pEnd, 0, dim);
        for (int i = 0; i < dim; i++) {
            f.rhoAcc[i] += z.p[i];
        }
        if (diverged) {
            out.divergent = true;
            System.arraycopy(z.q, 0, out.divergentAt, 0, dim);
            return Double.NaN;
        }
        return logWeight;
    }

    /** The generalized no-U-turn criterion {@code p♯₋·ρ > 0 ∧ p♯₊·ρ > 0}. */
    static boolean noUTurn(double[] pSharpMinus, double[] pSharpPlus, double[] rho) {
        double plus = 0;
        double minus = 0;
        for (int i = 0; i < rho.length; i++) {
            plus += pSharpPlus[i] * rho[i];
            minus += pSharpMinus[i] * rho[i];
        }
        return plus > 0 && minus > 0;
    }

    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
