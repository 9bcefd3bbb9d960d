package astrograd.inference.demc;

import astrograd.inference.ensemble.Initializer;
import astrograd.inference.model.Model;
import astrograd.inference.model.Space;
import astrograd.tensor.Rng;
import java.util.Arrays;

/**
 * Differential-evolution MCMC with C chains updated as a population, as MC3's {@code demc} and {@code snooker}
 * samplers (Cubillos et al. 2017) run it, with the two safeguards MC3 leaves out: jitter on by default and a
 * periodic {@code γ = 1} generation.
 *
 * <p><b>DE-MCz with the snooker update</b> (ter Braak &amp; Vrugt 2008; the default, {@code archive(true)}): the
 * archive Z starts with M₀ = 10·C draws of the initializer and the chains start at its last C rows. Each
 * generation, chain i makes, with probability {@code p_s = 0.1}, a snooker move (three distinct rows z, z₁, z₂ of
 * Z, {@code δ = xᵢ − z}, {@code x' = xᵢ + γₛ ((z₁ − z₂)·δ) δ/|δ|²}, {@code γₛ ~ U(1.2, 2.2)}, accepted with
 * probability {@code min(1, (|x' − z|/|xᵢ − z|)^{D−1} p(x')/p(xᵢ))}); otherwise a DE-z move
 * {@code x' = xᵢ + γ (z_a − z_b) + e} with two distinct rows of Z. All C proposals of a generation are evaluated
 * in one batched call; every K-th generation (K = 10) appends the C states to Z.
 *
 * <p><b>DE-MC</b> (ter Braak 2006; {@code archive(false)}): {@code x' = xᵢ + γ (x_a − x_b) + e} with two distinct
 * other chains. ter Braak updates the chains one after another and MC3 all at once from the previous
 * generation's states (which is not an exact Metropolis update of the population); here a random balanced half of
 * the chains moves against the other, frozen, half, then the other way round: exact, and one batched call per
 * half. It needs C ≥ 4 chains; ter Braak recommends C ≥ 2D.
 *
 * <p>In both, {@code γ = f_γ · 2.38/√(2D)} except on every 10th generation, where {@code γ = 1} lets chains jump
 * between modes; the jitter is {@code eⱼ ~ N(0, bⱼ²)} with {@code bⱼ = 10⁻⁶} by default (MC3's default is no
 * jitter, with which proposals degenerate when chains coincide). A non-finite log-density counts as −∞ (rejected)
 * and is counted in the result.
 *
 * <pre>{@code
 * DemcSampler s = DemcSampler.builder(model).chains(10).build();
 * DemcResult r = s.run(Initializer.ball(center, scale), 20_000, new Rng(42));
 * Summary table = r.summary(5_000);
 * }</pre>
 *
 * <p>Randomness: the run's {@code rng} is split into an initializer stream, a population stream (the halves of
 * DE-MC) and one stream per chain (its move type, archive rows, γₛ, jitter and acceptance), so the same seed gives
 * the same draws for any thread count of the engine (the log-density is evaluated in fixed-order blocks).
 */
public final class DemcSampler {
    /** MC3's archive size per chain at the start (hsize). */
    public static final int ARCHIVE_PER_CHAIN = 10;

    private final Model model;
    private final int chains;
    private final Space space;
    private final boolean archive;
    private final double snookerProbability;
    private final int archiveThin;
    private final int initialArchive;
    private final double gammaFactor;
    private final int gammaOneEvery;
    private final double[] jitter;
    private final int thin;

    private DemcSampler(Builder b) {
        this.model = b.model;
        this.chains = b.chains;
        this.space = b.space;
        this.archive = b.archive;
        this.snookerProbability = b.archive ? b.snookerProbability : 0;
        this.archiveThin = b.archiveThin;
        this.initialArchive = b.initialArchive > 0 ? b.initialArchive : ARCHIVE_PER_CHAIN * b.chains;
        this.gammaFactor = b.gammaFactor;
        this.gammaOneEvery = b.gammaOneEvery;
        this.jitter = b.jitter;
        this.thin = b.thin;
        if (!archive && chains < 4) {
            throw new IllegalArgumentException("demc: " + chains + " chains without an archive: need at least 4 (two "
                    + "halves of at least 2)");
        }
        if (!archive && b.snookerProbability > 0 && b.snookerSet) {
            throw new IllegalArgumentException("demc: the snooker update needs the archive (archive(true))");
        }
        if (archive && initialArchive < Math.max(3, chains)) {
            throw new IllegalArgumentException("demc: an initial archive of " + initialArchive + " rows for " + chains
                    + " chains: need at least max(3, chains)");
        }
        if (jitter != null && jitter.length != 1 && jitter.length != model.dim()) {
            throw new IllegalArgumentException("demc: " + jitter.length + " jitter scales for " + model.dim()
                    + " parameters");
        }
    }

    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /**
     * Starts a run: draws the initial archive (or chain states) from {@code init} in constrained space and
     * evaluates the chains' log-densities. Advance it with {@link DemcRun#advance(long)}.
     *
     * @throws IllegalArgumentException when a start is not finite, a parameter has the same value at every start,
     *                                  or a chain starts where the log-density is −∞
     */
    public DemcRun start(Initializer init, Rng rng) {
        return DemcRun.start(this, init, rng);
    }

    /** {@code start(init, rng)} advanced by {@code generations}, as a result. */
    public DemcResult run(Initializer init, long generations, Rng rng) {
        DemcRun r = start(init, rng);
        r.advance(generations);
        return r.result();
    }

    public Model model() {
        return model;
    }

    public int chains() {
        return chains;
    }

    public Space space() {
        return space;
    }

    public boolean usesArchive() {
        return archive;
    }

    public double snookerProbability() {
        return snookerProbability;
    }

    /** Generations between archive updates (K). */
    public int archiveThin() {
        return archiveThin;
    }

    /** Rows of the archive at the start (M₀). */
    public int initialArchive() {
        return initialArchive;
    }

    /** Every n-th generation uses γ = 1 (0: never). */
    public int gammaOneEvery() {
        return gammaOneEvery;
    }

    /** Stored generations: every {@code thin}-th. */
    public int thin() {
        return thin;
    }

    /** The DE scale {@code γ = f_γ · 2.38/√(2D)}. */
    public double gamma(int dim) {
        return gammaFactor * 2.38 / Math.sqrt(2.0 * dim);
    }

    /** The jitter scales {@code bⱼ} for D parameters, or null when there is no jitter. */
    double[] jitter(int dim) {
        if (jitter == null) {
            return null;
        }
        if (jitter.length == dim) {
            return jitter;
        }
        double[] b = new double[dim];
        Arrays.fill(b, jitter[0]);
        return b;
    }

    @Override
    public String toString() {
        return "DemcSampler(" + chains + " chains, " + (archive ? "DE-MCz, snooker " + snookerProbability
                + ", archive every " + archiveThin : "DE-MC") + ", gamma factor " + gammaFactor + ", gamma = 1 every "
                + gammaOneEvery + ", jitter " + (jitter == null ? "none" : Arrays.toString(jitter)) + ", " + space
                + ", thin " + thin + ")";
    }

    /**
     * Options: chains (8), archive (true), snooker probability (0.1), archive thinning K (10), initial archive
     * M₀ (10·C), γ factor f_γ (1), γ = 1 every n-th generation (10), jitter (10⁻⁶), space (constrained), thin (1).
     */
    public static final class Builder {
        private final Model model;
        private int chains = 8;
        private Space space = Space.CONSTRAINED;
        private boolean archive = true;
        private double snookerProbability = 0.1;
        private boolean snookerSet;
        private int archiveThin = 10;
        private int initialArchive;
        private double gammaFactor = 1;
        private int gammaOneEvery = 10;
        private double[] jitter = {1e-6};
        private int thin = 1;

        private Builder(Model model) {
            if (model == null) {
                throw new IllegalArgumentException("demc: model is null");
            }
            this.model = model;
        }

        /** Number of chains C (≥ 1 with the archive, ≥ 4 without). */
        public Builder chains(int c) {
            if (c < 1) {
                throw new IllegalArgumentException("demc: chains must be >= 1, got " + c);
            }
            this.chains = c;
            return this;
        }

        public Builder space(Space s) {
            if (s == null) {
                throw new IllegalArgumentException("demc: space is null");
            }
            this.space = s;
            return this;
        }

        /** DE-MCz with an archive of past states (true, the default) or DE-MC on the current states (false). */
        public Builder archive(boolean a) {
            this.archive = a;
            return this;
        }

        /** Probability {@code p_s} of a snooker move per chain and generation (DE-MCz only); 0 turns it off. */
        public Builder snooker(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("demc: snooker probability must be in [0, 1], got " + p);
            }
            this.snookerProbability = p;
            this.snookerSet = true;
            return this;
        }

        /** Append the chains' states to the archive every {@code k}-th generation. */
        public Builder archiveThin(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("demc: archive thinning must be >= 1, got " + k);
            }
            this.archiveThin = k;
            return this;
        }

        /** Rows M₀ of the archive at the start (default 10·C; at least max(3, C)). */
        public Builder initialArchive(int m0) {
            if (m0 < 1) {
                throw new IllegalArgumentException("demc: initial archive must be >= 1 rows, got " + m0);
            }
            this.initialArchive = m0;
            return this;
        }

        /** The factor {@code f_γ} of {@code γ = f_γ · 2.38/√(2D)}. */
        public Builder gammaFactor(double f) {
            if (!(f > 0 && Double.isFinite(f))) {
                throw new IllegalArgumentException("demc: gamma factor must be > 0, got " + f);
            }
            this.gammaFactor = f;
            return this;
        }

        /** Use γ = 1 on every n-th generation (0: never). */
        public Builder gammaOneEvery(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("demc: gamma-one period must be >= 0, got " + n);
            }
            this.gammaOneEvery = n;
            return this;
        }

        /** Jitter scales {@code bⱼ}: one for every parameter, or one per parameter; all zeros turn it off. */
        public Builder jitter(double... b) {
            if (b == null || b.length == 0) {
                throw new IllegalArgumentException("demc: give at least one jitter scale");
            }
            boolean any = false;
            for (double v : b) {
                if (!(v >= 0 && Double.isFinite(v))) {
                    throw new IllegalArgumentException("demc: jitter scales must be finite and >= 0, got "
                            + Arrays.toString(b));
                }
                any |= v > 0;
            }
            this.jitter = any ? b.clone() : null;
            return this;
        }

        /** Store every k-th generation (acceptance counts every generation). */
        public Builder thin(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("demc: thinning must be >= 1, got " + k);
            }
            this.thin = k;
            return this;
        }

        public DemcSampler build() {
            return new DemcSampler(this);
        }
    }
}
