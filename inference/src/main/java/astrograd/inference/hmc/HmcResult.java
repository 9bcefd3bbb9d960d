package astrograd.inference.hmc;

import astrograd.inference.Draws;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The chains of one run of {@link HmcSampler}, each on its own random stream. */
public record HmcResult(List<HmcChain> chains) {
    /** E-BFMI below this suggests the momentum resampling explores the energy poorly (Betancourt 2016). */
    public static final double EBFMI_WARNING = 0.3;

    public HmcResult {
        chains = List.copyOf(chains);
    }

    public HmcChain chain(int c) {
        return chains.get(c);
    }

    /** Post-warm-up draws of every chain, {@code [chains, draws, D]} in constrained space. */
    public Draws draws() {
        Draws all = chains.get(0).draws();
        for (int c = 1; c < chains.size(); c++) {
            all = all.concatChains(chains.get(c).draws());
        }
        return all;
    }

    /** Post-warm-up divergent transitions over all chains. */
    public int divergences() {
        return chains.stream().mapToInt(HmcChain::divergences).sum();
    }

    /** Every divergence (warm-up included) of every chain, chain by chain. */
    public List<Divergence> divergenceList() {
        List<Divergence> out = new ArrayList<>();
        chains.forEach(c -> out.addAll(c.divergenceList()));
        return out;
    }

    /** Post-warm-up transitions that hit the maximum tree depth, over all chains. */
    public int treeDepthSaturations() {
        return chains.stream().mapToInt(HmcChain::treeDepthSaturations).sum();
    }

    /** E-BFMI of each chain. */
    public double[] ebfmi() {
        return chains.stream().mapToDouble(HmcChain::ebfmi).toArray();
    }

    /** Gradient evaluations over all chains and phases. */
    public long gradientEvaluations() {
        return chains.stream().mapToLong(HmcChain::gradientEvaluations).sum();
    }

    /** Mean post-warm-up accept statistic over all chains. */
    public double meanAcceptStat() {
        return chains.stream().mapToDouble(c -> c.stats().meanAcceptStat()).average().orElseThrow();
    }

    /**
     * Stan's HMC checks in words: divergences, tree-depth saturations and E-BFMI below {@value #EBFMI_WARNING}, one
     * line each; "no problems" when none.
     */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder();
        int draws = chains.stream().mapToInt(c -> c.stats().size()).sum();
        int div = divergences();
        if (div > 0) {
            sb.append(String.format(Locale.ROOT, "%d of %d transitions after warm-up diverged (%.1f%%)%n", div, draws,
                    100.0 * div / draws));
        }
        int sat = treeDepthSaturations();
        if (sat > 0) {
            sb.append(String.format(Locale.ROOT, "%d of %d transitions hit the maximum tree depth%n", sat, draws));
        }
        for (HmcChain c : chains) {
            if (c.stats().size() >= 2 && c.ebfmi() < EBFMI_WARNING) {
                sb.append(String.format(Locale.ROOT, "chain %d: E-BFMI %.3f below %.1f%n", c.index(), c.ebfmi(),
                        EBFMI_WARNING));
            }
        }
        return sb.length() == 0 ? "no problems" : sb.toString().strip();
    }
}
