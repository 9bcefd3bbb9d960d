package astrograd.astro.cli;

import astrograd.inference.hmc.Divergence;
import astrograd.inference.hmc.HmcChain;
import astrograd.inference.hmc.HmcResult;
import astrograd.inference.hmc.HmcSampler;
import astrograd.layers.io.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code astrograd sample --sampler nuts|hmc} prints and writes beyond the draws and the summary: the adapted
 * step sizes, divergences (how many and where), tree-depth saturations, E-BFMI per chain, gradient evaluations, and
 * {@code divergences.csv}.
 */
final class HmcReport {
    /** Post-warm-up divergences listed on the console; the CSV has all of them. */
    static final int LISTED = 5;
    /** Parameters shown per listed divergence. */
    private static final int SHOWN = 6;

    private HmcReport() {
    }

    /** Two lines: the sampler's settings; step sizes and mean accept statistic. */
    static String header(HmcSampler sampler, HmcResult r) {
        StringBuilder sb = new StringBuilder(sampler.toString()).append('\n').append(r.chains().size())
                .append(" chains: adapted step size");
        for (HmcChain c : r.chains()) {
            sb.append(String.format(Locale.ROOT, " %.4g", c.stepSize()));
        }
        return sb.append(String.format(Locale.ROOT, ", mean accept statistic %.3f", r.meanAcceptStat())).toString();
    }

    /**
     * The HMC diagnostics, several lines: divergences after and during warm-up with the first {@value #LISTED}
     * post-warm-up ones and where they are, tree-depth saturations, E-BFMI per chain, gradient evaluations, and
     * {@link HmcResult#diagnostics()}'s verdict.
     */
    static String diagnostics(HmcResult r, List<String> names) {
        int draws = r.chains().stream().mapToInt(c -> c.stats().size()).sum();
        List<Divergence> all = r.divergenceList();
        long inWarmup = all.stream().filter(Divergence::warmup).count();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "divergences: %d of %d transitions after "
                + "warm-up, %d during warm-up", r.divergences(), draws, inWarmup));
        all.stream().filter(d -> !d.warmup()).limit(LISTED).forEach(d -> sb.append("\n  chain ").append(d.chain())
                .append(", draw ").append(d.iteration()).append(" at ").append(position(d.position(), names)));
        if (r.divergences() > LISTED) {
            sb.append("\n  ... (all in divergences.csv)");
        }
        sb.append(String.format(Locale.ROOT, "%ntree-depth saturations: %d of %d transitions after warm-up",
                r.treeDepthSaturations(), draws));
        sb.append("\nE-BFMI per chain:");
        for (HmcChain c : r.chains()) {
            sb.append(String.format(Locale.ROOT, " %.3f", ebfmi(c)));
        }
        sb.append(String.format(Locale.ROOT, "%ngradient evaluations: %d (warm-up and step-size searches included)",
                r.gradientEvaluations()));
        return sb.append("\nchecks: ").append(verdict(r)).toString();
    }

    private static String verdict(HmcResult r) {
        try {
            return r.diagnostics().replace("\n", "; ");
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * Writes every divergence (warm-up ones included) as CSV, atomically: {@code chain,iteration,warmup}, the draw
     * the transition returned ({@code <names>}), and the trajectory's point where it diverged
     * ({@code diverged_<names>}); constrained space, iteration counted within its phase.
     */
    static void writeDivergences(HmcResult r, List<String> names, Path file) throws IOException {
        AtomicFile.writeAt(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("chain,iteration,warmup," + String.join(",", names) + ",diverged_"
                        + String.join(",diverged_", names));
                w.newLine();
                for (Divergence d : r.divergenceList()) {
                    StringBuilder row = new StringBuilder().append(d.chain()).append(',').append(d.iteration())
                            .append(',').append(d.warmup());
                    for (double v : d.position()) {
                        row.append(',').append(v);
                    }
                    for (double v : d.divergentPoint()) {
                        row.append(',').append(v);
                    }
                    w.write(row.toString());
                    w.newLine();
                }
            }
        });
    }

    private static String position(double[] x, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(x.length, SHOWN); i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(String.format(Locale.ROOT, "=%.3g", x[i]));
        }
        return x.length > SHOWN ? sb.append(", ...").toString() : sb.toString();
    }

    /** E-BFMI, or NaN where it is undefined (constant energies). */
    private static double ebfmi(HmcChain c) {
        try {
            return c.ebfmi();
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }
}
