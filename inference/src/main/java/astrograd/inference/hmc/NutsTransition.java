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
 * subtrees goes at most {@code maxDepth} levels deep; each level has its own scratch buffers.
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

    private Rng rng;
    private Step out;
    private double eps;
    private double h0;
    private int nLeapfrog;
    private double sumMetroProb;

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
        for (int k = 1; k < maxDepth; k++) {
            levels[k] = new Level(d);
        }
    }

    @Override
    public void transition(PhasePoint state, double stepSize, double nominalStepSize, Rng rng, Step out) {
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
        double logSumWeight = 0;
        h0 = ham.energy(z);
        nLeapfrog = 0;
        sumMetroProb = 0;
        int depth = 0;
        while (depth < maxDepth) {
            double subtree = extend(depth);
            if (Double.isNaN(subtree)) {
                break;
            }
            depth++;
            if (subtree > logSumWeight || rng.nextDouble() < Math.exp(subtree - logSumWeight)) {
                zSample.set(zPropose);
            }
            logSumWeight = logSumExp(logSumWeight, subtree);
            if (!mergedTreeContinues()) {
                break;
            }
        }
        out.treeDepth = depth;
        out.saturated = depth >= maxDepth;
        out.nLeapfrog = nLeapfrog;
        out.acceptStat = sumMetroProb / nLeapfrog;
        state.set(zSample);
        out.energy = ham.energy(zSample);
    }

    /**
     * Builds a new subtree of {@code 2^depth} states in a random direction from the current trajectory's end; the
     * old trajectory becomes the other side. Returns the subtree's log-sum-weight, or NaN if it is invalid.
     */
    private double extend(int depth) {
        double subtree;
        Arrays.fill(rhoFwd, 0);
        Arrays.fill(rhoBck, 0);
        if (rng.nextDouble() > 0.5) {
            z.set(zFwd);
            System.arraycopy(rho, 0, rhoBck, 0, dim);
            System.arraycopy(pFwdFwd, 0, pBckFwd, 0, dim);
            System.arraycopy(pSharpFwdFwd, 0, pSharpBckFwd, 0, dim);
            subtree = buildTree(depth, zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, 1);
            zFwd.set(z);
        } else {
            z.set(zBck);
            System.arraycopy(rho, 0, rhoFwd, 0, dim);
            System.arraycopy(pBckBck, 0, pFwdBck, 0, dim);
            System.arraycopy(pSharpBckBck, 0, pSharpFwdBck, 0, dim);
            subtree = buildTree(depth, zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, -1);
            zBck.set(z);
        }
        return subtree;
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
     * Builds a subtree of {@code 2^depth} leapfrog steps from {@code z} in direction {@code sign}, leaving z at its
     * far end. Outputs: its proposal {@code zProp}, sharp momenta and momenta at its beginning and end, and its
     * momentum sum added into {@code rhoAcc}. Returns the subtree's log-sum-weight, or NaN if it diverged or
     * U-turned.
     */
    private double buildTree(int depth, PhasePoint zProp, double[] pSharpBeg, double[] pSharpEnd, double[] rhoAcc,
            double[] pBeg, double[] pEnd, int sign) {
        if (depth == 0) {
            return leaf(zProp, pSharpBeg, pSharpEnd, rhoAcc, pBeg, pEnd, sign);
        }
        Level lv = levels[depth];
        Arrays.fill(lv.rhoInit, 0);
        double init = buildTree(depth - 1, zProp, pSharpBeg, lv.pSharpInitEnd, lv.rhoInit, pBeg, lv.pInitEnd, sign);
        if (Double.isNaN(init)) {
            return Double.NaN;
        }
        lv.zProposeFinal.set(z);
        Arrays.fill(lv.rhoFinal, 0);
        double fin = buildTree(depth - 1, lv.zProposeFinal, lv.pSharpFinalBeg, pSharpEnd, lv.rhoFinal, lv.pFinalBeg,
                pEnd, sign);
        if (Double.isNaN(fin)) {
            return Double.NaN;
        }
        double subtree = logSumExp(init, fin);
        if (fin > subtree || rng.nextDouble() < Math.exp(fin - subtree)) {
            zProp.set(lv.zProposeFinal);
        }
        double[] r = lv.rhoSubtree;
        for (int i = 0; i < dim; i++) {
            r[i] = lv.rhoInit[i] + lv.rhoFinal[i];
            rhoAcc[i] += r[i];
        }
        boolean persist = noUTurn(pSharpBeg, pSharpEnd, r);
        for (int i = 0; i < dim; i++) {
            r[i] = lv.rhoInit[i] + lv.pFinalBeg[i];
        }
        persist &= noUTurn(pSharpBeg, lv.pSharpFinalBeg, r);
        for (int i = 0; i < dim; i++) {
            r[i] = lv.rhoFinal[i] + lv.pInitEnd[i];
        }
        persist &= noUTurn(lv.pSharpInitEnd, pSharpEnd, r);
        return persist ? subtree : Double.NaN;
    }

    /** One leapfrog step: a subtree of depth 0, weight {@code H₀ − H}. */
    private double leaf(PhasePoint zProp, double[] pSharpBeg, double[] pSharpEnd, double[] rhoAcc, double[] pBeg,
            double[] pEnd, int sign) {
        ham.leapfrog(z, sign * eps);
        nLeapfrog++;
        ham.velocity(z.p, pSharpBeg);
        double h = ham.energy(z, pSharpBeg);
        boolean diverged = h - h0 > maxDeltaH;
        double logWeight = h0 - h;
        sumMetroProb += logWeight > 0 ? 1 : Math.exp(logWeight);
        zProp.set(z);
        System.arraycopy(pSharpBeg, 0, pSharpEnd, 0, dim);
        System.arraycopy(z.p, 0, pBeg, 0, dim);
        System.arraycopy(z.p, 0, pEnd, 0, dim);
        for (int i = 0; i < dim; i++) {
            rhoAcc[i] += z.p[i];
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
