package astrograd.inference.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.inference.Draws;
import astrograd.inference.diagnostics.Convergence;
import astrograd.inference.diagnostics.Summary;
import astrograd.tensor.Rng;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Eight schools against Stan's reference posterior, and the divergences of centered hierarchies. */
class HierarchicalPosteriorTest {
    /**
     * posteriordb (github.com/stan-dev/posteriordb, commit 28f8d3d), reference posterior
     * {@code eight_schools-eight_schools_noncentered}: rstan 2.21.1, 10 chains × 10 000 iterations (half warm-up,
     * thin 10, adapt_delta 0.95), 10 000 draws with bulk ESS ≈ 10 000. Means and their MCSE from
     * {@code summary_statistics/mean_value}; standard deviations computed from the reference draws by
     * {@code src/test/python/eight_schools_reference.py}; the MCSE of a standard deviation from the MCSE of
     * {@code E[x²]} in {@code summary_statistics/mean_squared_value} (0.3351 for μ, 0.4849 for τ) as
     * {@code MCSE(E[x²])/(2 sd)}.
     */
    private static final double MU_MEAN = 4.41051833695493;
    private static final double MU_MCSE = 0.0330374705950917;
    private static final double MU_SD = 3.30929647672635;
    private static final double MU_SD_MCSE = 0.3351356 / (2 * MU_SD);
    private static final double TAU_MEAN = 3.60205952364059;
    private static final double TAU_MCSE = 0.0318615135640706;
    private static final double TAU_SD = 3.19847767097663;
    private static final double TAU_SD_MCSE = 0.4848872 / (2 * TAU_SD);

    @Test
    void eightSchoolsNonCenteredAgreesWithStansReference() {
        HmcResult r = HmcSampler.nuts(Targets.eightSchoolsNonCentered()).warmup(1000).draws(1000).build()
                .run(4, new Rng(8));
        Draws d = r.draws();
        Summary s = Summary.of(d);
        Summary.Row mu = s.rows().get(d.indexOf("mu"));
        Summary.Row tau = s.rows().get(d.indexOf("tau"));
        double muSdMcse = sdMcse(d, d.indexOf("mu"));
        double tauSdMcse = sdMcse(d, d.indexOf("tau"));
        checkAgainstReference("mu", mu, muSdMcse, MU_MEAN, MU_MCSE, MU_SD, MU_SD_MCSE);
        checkAgainstReference("tau", tau, tauSdMcse, TAU_MEAN, TAU_MCSE, TAU_SD, TAU_SD_MCSE);
        for (int c = 0; c < 4; c++) {
            for (int n = 0; n < d.draws(); n++) {
                assertTrue(d.get(c, n, 9) > 0, "tau is reported in constrained space");
            }
        }
        assertTrue(r.divergences() < 20, "divergences " + r.divergences());
        for (double e : r.ebfmi()) {
            assertTrue(e > 0.5, "E-BFMI " + e);
        }
        long sampling = r.chains().stream().mapToLong(c -> c.stats().leapfrogSteps()).sum();
        System.out.printf(Locale.ROOT, "eight schools (non-centered): mu %.3f ± %.3f (MCSE %.3f, ref %.3f ± %.3f),"
                + " tau %.3f ± %.3f (MCSE %.3f, ref %.3f ± %.3f), sd MCSE mu %.3f tau %.3f, %d divergences, accept"
                + " %.3f, bulk ESS/gradient mu %.3f tau %.3f%n", mu.mean(), mu.sd(), mu.mcseMean(), MU_MEAN, MU_SD,
                tau.mean(), tau.sd(), tau.mcseMean(), TAU_MEAN, TAU_SD, muSdMcse, tauSdMcse, r.divergences(),
                r.meanAcceptStat(), mu.essBulk() / sampling, tau.essBulk() / sampling);
    }

    /** Mean and sd each within 4 combined MCSE of the reference (and the sd within 10 %). */
    private static void checkAgainstReference(String name, Summary.Row row, double sdMcse, double mean, double mcse,
            double sd, double refSdMcse) {
        assertEquals(mean, row.mean(), 4 * Math.hypot(row.mcseMean(), mcse), name + " mean");
        assertEquals(sd, row.sd(), 4 * Math.hypot(sdMcse, refSdMcse), name + " sd");
        assertEquals(sd, row.sd(), 0.1 * sd, name + " sd");
        assertTrue(row.rhat() < 1.01, name + " R-hat " + row.rhat());
    }

    /** MCSE of the standard deviation: {@code MCSE((x − x̄)²)/(2 sd)}. */
    private static double sdMcse(Draws d, int j) {
        double[][] x = d.parameter(j);
        double mean = NutsBehaviourTest.mean(d.flat(j));
        double var = NutsBehaviourTest.variance(d.flat(j), mean);
        for (double[] chain : x) {
            for (int n = 0; n < chain.length; n++) {
                chain[n] = (chain[n] - mean) * (chain[n] - mean);
            }
        }
        return Convergence.mcseMean(x) / (2 * Math.sqrt(var));
    }

    @Test
    void centeredFunnelReportsAndLocatesDivergences() {
        // Neal's funnel: v ~ N(0, 3), x₁..₉ ~ N(0, e^{v/2}); its neck (v ≪ 0) is too curved for one step size
        HmcResult r = HmcSampler.nuts(Targets.funnel(9)).warmup(500).draws(500).build().run(2, new Rng(9));
        assertTrue(r.divergences() > 0, "the centered funnel must diverge after warm-up");
        assertTrue(r.diagnostics().contains("transitions after warm-up diverged"), r.diagnostics());
        assertTrue(r.divergenceList().size() >= 10, "divergences in all " + r.divergenceList().size());
        double vAll = NutsBehaviourTest.mean(r.draws().flat(0));
        double vDivergent = 0;
        int after = 0;
        for (Divergence div : r.divergenceList()) {
            HmcChain c = r.chain(div.chain());
            Draws d = div.warmup() ? c.warmupDraws() : c.draws();
            SamplerStats s = div.warmup() ? c.warmupStats() : c.stats();
            for (int j = 0; j < 10; j++) {
                assertEquals(d.get(0, div.iteration(), j), div.position()[j], 0,
                        "the divergence's position is the draw of its iteration");
            }
            assertTrue(s.divergent()[div.iteration()]);
            if (!div.warmup()) {
                vDivergent += div.position()[0];
                after++;
            }
        }
        assertEquals(r.divergences(), after);
        vDivergent /= after;
        // after warm-up the transitions that diverge start in the neck (warm-up ones follow each metric update)
        assertTrue(vDivergent < vAll - 1, "divergences sit in the neck: mean v " + vDivergent + " vs " + vAll);
        System.out.printf(Locale.ROOT, "centered funnel: %d divergences after warm-up (%d in warm-up), mean v at"
                + " divergences %.2f vs %.2f overall, E-BFMI %.3f %.3f%n", r.divergences(),
                r.divergenceList().size() - after, vDivergent, vAll, r.ebfmi()[0], r.ebfmi()[1]);
    }

    @Test
    void centeredEightSchoolsDiverges() {
        HmcResult r = HmcSampler.nuts(Targets.eightSchoolsCentered()).warmup(500).draws(500).build()
                .run(1, new Rng(10));
        assertTrue(r.divergences() > 0, "centered eight schools must diverge");
        System.out.printf(Locale.ROOT, "centered eight schools: %d divergences in %d draws%n", r.divergences(),
                r.draws().chains() * r.draws().draws());
    }
}
