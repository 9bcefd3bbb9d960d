package astrograd.astro.cli;

import astrograd.astro.plot.PosteriorPlots;
import astrograd.astro.sampling.BuiltinModel;
import astrograd.astro.sampling.BuiltinModels;
import astrograd.inference.Draws;
import astrograd.inference.demc.DemcRun;
import astrograd.inference.demc.DemcSampler;
import astrograd.inference.diagnostics.Summary;
import astrograd.inference.ensemble.EnsembleRun;
import astrograd.inference.ensemble.EnsembleSampler;
import astrograd.inference.ensemble.Move;
import astrograd.inference.hmc.HmcResult;
import astrograd.inference.hmc.HmcRun;
import astrograd.inference.hmc.HmcSampler;
import astrograd.inference.hmc.MetricKind;
import astrograd.inference.model.Space;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code astrograd sample}: a built-in posterior sampled by the ensemble sampler, DEMC, NUTS or static HMC, with
 * draws ({@code .npy} and CSV), the summary (printed and CSV) and corner, trace and rank plots written to a folder;
 * NUTS and HMC also print their diagnostics and write {@code divergences.csv} ({@link HmcReport}). Bad options and
 * impossible settings are usage errors: one line on standard error, exit code 2.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sample a built-in posterior and write draws.npy, draws.csv, summary.csv, corner.png, "
            + "trace.png and rank.png to a folder "
                + "(nuts and hmc: also divergences.csv).",
            "Models: gaussian (D-dim, scales 1..10, neighbour correlation rho), rosenbrock, funnel (Neal's), "
                + "eight-schools (non-centered, or --centered), retrieval (transmission spectrum, synthetic "
                + "observation; ensemble or demc only)."},
        footer = {"", "Examples:", "  astrograd sample --model gaussian --dim 5 --out runs/gauss",
            "  astrograd sample --model eight-schools --sampler demc --chains 10 --steps 20000 --out runs/schools",
            "  astrograd sample --model eight-schools --sampler nuts --steps 2000 --burn-in 1000 --out runs/nuts",
            "  astrograd sample --model gaussian --dim 10 --sampler hmc --trajectory-length 3 --metric dense "
                + "--out runs/hmc",
            "  astrograd sample --model rosenbrock --move stretch=0.8,de=0.2 --checkpoint runs/r.ckpt --resume "
                + "--out runs/r"})
final class SampleCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    /** The samplers. */
    enum SamplerKind { ensemble, demc, nuts, hmc }

    /** The HMC metrics, as on the command line. */
    enum MetricOption {
        diag(MetricKind.DIAGONAL), dense(MetricKind.DENSE), unit(MetricKind.UNIT);

        final MetricKind kind;

        MetricOption(MetricKind kind) {
            this.kind = kind;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "gaussian, rosenbrock, funnel, eight-schools or retrieval")
    String model;

    @Option(names = "--dim", defaultValue = "0", description = "dimension of gaussian (default 5) or funnel (10)")
    int dim;

    @Option(names = "--rho", defaultValue = "0.9", description = "gaussian: neighbour correlation (default ${DEFAULT-VALUE})")
    double rho;

    @Option(names = "--centered", description = "eight-schools: the centered parameterization (default non-centered)")
    boolean centered;

    @Option(names = "--sampler", defaultValue = "ensemble", paramLabel = "KIND",
            description = "ensemble, demc, nuts or hmc (default ${DEFAULT-VALUE})")
    SamplerKind sampler;

    @Option(names = "--steps", defaultValue = "4000",
            description = "steps, generations or iterations in all (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--burn-in",
            description = "steps discarded at the start; nuts/hmc: warm-up iterations (default: a quarter of --steps)")
    Long burnIn;

    @Option(names = "--thin", defaultValue = "1",
            description = "store every k-th step; nuts/hmc: every k-th draw (default ${DEFAULT-VALUE})")
    int thin;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--space", defaultValue = "unconstrained", paramLabel = "SPACE",
            description = "sample in constrained or unconstrained space (default ${DEFAULT-VALUE}; nuts/hmc: "
                + "unconstrained only)")
    String space;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--walkers", description = "ensemble: walkers per ensemble, >= 2D (default max(32, 2D))")
    Integer walkers;

    @Option(names = "--ensembles", defaultValue = "4", description = "ensemble: independent ensembles (default ${DEFAULT-VALUE})")
    int ensembles;

    @Option(names = "--move", defaultValue = "stretch", paramLabel = "MOVES",
            description = "ensemble: stretch, de or walk, or a weighted mixture such as stretch=0.8,de=0.2")
    String move;

    @Option(names = "--chains", description = "demc: chains (default 8); nuts/hmc: chains (default 4)")
    Integer chains;

    @Option(names = "--no-archive", description = "demc: DE-MC on the current chains instead of DE-MCz with an archive")
    boolean noArchive;

    @Option(names = "--snooker", description = "demc: snooker probability per generation (default 0.1)")
    Double snooker;

    @Option(names = "--jitter", defaultValue = "1e-6", description = "demc: jitter scale (default ${DEFAULT-VALUE})")
    double jitter;

    @Option(names = "--gamma-factor", defaultValue = "1", description = "demc: factor on gamma = 2.38/sqrt(2D)")
    double gammaFactor;

    @Option(names = "--step-size", description = "nuts/hmc: first step size, adapted in warm-up (> 0; default 1)")
    Double stepSize;

    @Option(names = "--max-depth", description = "nuts: maximum tree depth in [1, 30] (default 10); hmc: at most "
            + "2^depth leapfrog steps")
    Integer maxDepth;

    @Option(names = "--trajectory-length", paramLabel = "T",
            description = "hmc: integration time T = step size x steps (> 0; default 2 pi, Stan's)")
    Double trajectoryLength;

    @Option(names = "--metric", defaultValue = "diag", paramLabel = "KIND",
            description = "nuts/hmc: diag, dense or unit metric, adapted in warm-up (default ${DEFAULT-VALUE})")
    MetricOption metric;

    @Option(names = "--target-accept", description = "nuts/hmc: accept statistic the step size adapts to, in (0, 1) "
            + "(default 0.8)")
    Double targetAccept;

    @Option(names = "--batch-chains", description = "nuts/hmc: advance the chains together in one thread, evaluating "
            + "all their next points as one batch per leapfrog step (fastest for small models; the same draws)")
    boolean batchChains;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "ensemble/demc: save the run to FILE as it goes (atomically)")
    Path checkpoint;

    @Option(names = "--checkpoint-every", description = "steps between checkpoints (default: a tenth of --steps)")
    Long checkpointEvery;

    @Option(names = "--resume", description = "continue the run saved in --checkpoint up to --steps (nuts/hmc: with "
            + "the same --steps, --burn-in and settings)")
    boolean resume;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--no-plots", description = "skip the PNG plots")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        long burn = validate();
        BuiltinModel m = model();
        if (hamiltonian()) {
            return callHmc(m, (int) burn);
        }
        SamplingRun run = startOrResume(m);
        long t0 = System.nanoTime();
        long startSteps = run.steps();
        advance(run);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int kept = (int) (burn / thin);
        Summary summary = run.summary(kept);
        write(m, run.draws(kept), summary, run.independentChains(kept), run.report(), String.format(Locale.ROOT,
                "%d steps in %.2f s; smallest bulk ESS %.0f, largest R-hat %.4f", run.steps() - startSteps, seconds,
                summary.minEssBulk(), summary.maxRhat()));
        return 0;
    }

    /**
     * NUTS or static HMC: warm-up = burn-in, then {@code steps − burn} draws per chain, advanced in pieces with the
     * progress bar and the checkpoints (a resumed run must have the same settings, --steps and --burn-in included).
     */
    private int callHmc(BuiltinModel m, int burn) throws IOException {
        HmcSampler sampler = hmcSampler(m, burn);
        int nChains = chains != null ? chains : 4;
        boolean fromFile = resume && Files.exists(checkpoint);
        require(!resume || fromFile, "--resume: checkpoint " + checkpoint + " does not exist");
        HmcRun run = fromFile ? HmcRun.resume(sampler, checkpoint) : sampler.start(nChains, new Rng(seed));
        long t0 = System.nanoTime();
        advance(new SteppedRun() {
            @Override
            public long steps() {
                return run.iteration();
            }

            @Override
            public void advance(long n) {
                run.advance(n);
            }

            @Override
            public void checkpoint(Path file) throws IOException {
                run.checkpoint(file);
            }
        });
        HmcResult result = run.result();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Draws draws = result.draws().thin(thin);
        Summary summary = Summary.of(draws);
        Files.createDirectories(out);
        HmcReport.writeDivergences(result, m.model().names(), out.resolve("divergences.csv"));
        write(m, draws, summary, draws, HmcReport.header(sampler, result), HmcReport.diagnostics(result,
                m.model().names()) + String.format(Locale.ROOT, "%n%d chains x %d iterations in %.2f s; smallest "
                + "bulk ESS %.0f, largest R-hat %.4f", nChains, steps, seconds, summary.minEssBulk(),
                summary.maxRhat()));
        return 0;
    }

    private HmcSampler hmcSampler(BuiltinModel m, int burn) {
        HmcSampler.Builder b = sampler == SamplerKind.nuts ? HmcSampler.nuts(m.model())
                : HmcSampler.staticHmc(m.model(), trajectoryLength != null ? trajectoryLength : 2 * Math.PI);
        b.warmup(burn).draws((int) (steps - burn)).metric(metric.kind).batchChains(batchChains);
        if (stepSize != null) {
            b.stepSize(stepSize);
        }
        if (maxDepth != null) {
            b.maxTreeDepth(maxDepth);
        }
        if (targetAccept != null) {
            b.targetAccept(targetAccept);
        }
        return b.build();
    }

    private boolean hamiltonian() {
        return sampler == SamplerKind.nuts || sampler == SamplerKind.hmc;
    }

    /** Checks every option; returns the burn-in in steps. */
    private long validate() {
        require(steps >= 1, "--steps must be >= 1, got " + steps);
        require(thin >= 1, "--thin must be >= 1, got " + thin);
        long burn = burnIn != null ? burnIn : steps / 4;
        require(burn >= 0 && burn < steps, "--burn-in must be in [0, --steps), got " + burn);
        require((steps - burn) / thin >= 4, "--steps, --burn-in and --thin keep " + (steps - burn) / thin
                + " draws per chain: need at least 4");
        require(steps / thin <= Integer.MAX_VALUE / 8, "--steps / --thin is too large to store");
        require(walkers == null || walkers >= 1, "--walkers must be >= 1, got " + walkers);
        require(ensembles >= 1, "--ensembles must be >= 1, got " + ensembles);
        require(chains == null || chains >= 1, "--chains must be >= 1, got " + chains);
        require(snooker == null || snooker >= 0 && snooker <= 1, "--snooker must be in [0, 1], got " + snooker);
        require(jitter >= 0 && Double.isFinite(jitter), "--jitter must be >= 0, got " + jitter);
        require(gammaFactor > 0 && Double.isFinite(gammaFactor), "--gamma-factor must be > 0, got " + gammaFactor);
        require(stepSize == null || stepSize > 0 && Double.isFinite(stepSize), "--step-size must be > 0, got "
                + stepSize);
        require(maxDepth == null || maxDepth >= 1 && maxDepth <= 30, "--max-depth must be in [1, 30], got "
                + maxDepth);
        require(trajectoryLength == null || trajectoryLength > 0 && Double.isFinite(trajectoryLength),
                "--trajectory-length must be > 0, got " + trajectoryLength);
        require(targetAccept == null || targetAccept > 0 && targetAccept < 1, "--target-accept must be in (0, 1), got "
                + targetAccept);
        require(checkpointEvery == null || checkpointEvery >= 1, "--checkpoint-every must be >= 1, got "
                + checkpointEvery);
        require(!resume || checkpoint != null, "--resume needs --checkpoint FILE");
        require(space.equals("constrained") || space.equals("unconstrained"),
                "--space must be constrained or unconstrained, got '" + space + "'");
        require(!batchChains || hamiltonian(), "--batch-chains applies to --sampler nuts or hmc only");
        if (hamiltonian()) {
            require(space.equals("unconstrained"), "--sampler " + sampler + " samples in unconstrained space only");
            require(steps <= Integer.MAX_VALUE, "--steps must be <= " + Integer.MAX_VALUE + " for --sampler "
                    + sampler);
        }
        return burn;
    }

    private BuiltinModel model() {
        if (hamiltonian() && !BuiltinModels.differentiable(model)) {
            throw usage("model " + model + " has no gradient: use --sampler ensemble or demc");
        }
        try {
            return BuiltinModels.of(model, dim, rho, centered);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private SamplingRun startOrResume(BuiltinModel m) throws IOException {
        Space s = space.equals("constrained") ? Space.CONSTRAINED : Space.UNCONSTRAINED;
        boolean fromFile = resume && Files.exists(checkpoint);
        require(!resume || fromFile, "--resume: checkpoint " + checkpoint + " does not exist");
        SamplingRun run;
        try {
            if (sampler == SamplerKind.ensemble) {
                EnsembleSampler.Builder b = EnsembleSampler.builder(m.model()).move(moves()).space(s).thin(thin);
                if (walkers != null) {
                    b.walkers(walkers);
                }
                EnsembleSampler es = b.build();
                run = SamplingRun.of(fromFile ? EnsembleRun.resume(es, checkpoint)
                        : es.start(ensembles, m.initializer(), new Rng(seed)));
            } else {
                DemcSampler.Builder b = DemcSampler.builder(m.model()).archive(!noArchive).space(s).thin(thin)
                        .jitter(jitter).gammaFactor(gammaFactor);
                if (chains != null) {
                    b.chains(chains);
                }
                if (snooker != null) {
                    b.snooker(snooker);
                }
                DemcSampler ds = b.build();
                run = SamplingRun.of(fromFile ? DemcRun.resume(ds, checkpoint) : ds.start(m.initializer(),
                        new Rng(seed)));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        require(run.steps() <= steps, "--resume: the checkpoint is at step " + run.steps() + ", past --steps " + steps);
        return run;
    }

    /** Parses {@code name[=weight],...} with names stretch, de and walk. */
    private Move moves() {
        List<Move> list = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String part : move.split(",")) {
            String[] kv = part.trim().split("=", 2);
            Move mv = switch (kv[0].trim()) {
                case "stretch" -> Move.stretch();
                case "de" -> Move.differentialEvolution();
                case "walk" -> Move.walk();
                default -> throw usage("--move: unknown move '" + kv[0].trim() + "': choose stretch, de or walk");
            };
            double w = 1;
            if (kv.length == 2) {
                try {
                    w = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw usage("--move: weight '" + kv[1].trim() + "' of " + kv[0].trim() + " is not a number");
                }
            }
            require(w > 0 && Double.isFinite(w), "--move: weights must be > 0, got " + w + " for " + kv[0].trim());
            list.add(mv);
            weights.add(w);
        }
        return list.size() == 1 ? list.get(0)
                : Move.mixture(weights.stream().mapToDouble(Double::doubleValue).toArray(), list.toArray(new Move[0]));
    }

    /** Advances to {@code --steps} in pieces, with the progress bar and the checkpoints. */
    private void advance(SteppedRun run) throws IOException {
        long every = checkpoint == null ? Long.MAX_VALUE : checkpointEvery != null ? checkpointEvery
                : Math.max(1, steps / 10);
        long piece = Math.max(1, Math.min(every, steps / 200));
        try (SampleProgress bar = new SampleProgress(sampler + " " + model, run.steps(), steps, quiet)) {
            while (run.steps() < steps) {
                long n = Math.min(piece, steps - run.steps());
                long next = (run.steps() / every + 1) * every;
                n = Math.min(n, next - run.steps());
                run.advance(n);
                bar.stepTo(run.steps());
                if (checkpoint != null && (run.steps() % every == 0 || run.steps() == steps)) {
                    run.checkpoint(checkpoint);
                }
            }
        }
    }

    /**
     * Writes draws, summary and plots ({@code chains}: the chains for the rank plot) and prints the report, the
     * summary and the footer.
     */
    private void write(BuiltinModel m, Draws draws, Summary summary, Draws chains, String report, String footer)
            throws IOException {
        Files.createDirectories(out);
        draws.writeNpy(out.resolve("draws.npy"));
        draws.writeCsv(out.resolve("draws.csv"));
        summary.writeCsv(out.resolve("summary.csv"));
        String title = m.description() + ", " + sampler;
        if (!noPlots) {
            PosteriorPlots.corner(out.resolve("corner.png"), draws, m.truth(), supports(m), title);
            PosteriorPlots.trace(out.resolve("trace.png"), draws, title + ": traces");
            PosteriorPlots.rank(out.resolve("rank.png"), chains, title + ": rank plots");
        }
        System.out.println(m.description() + " with " + sampler + " (seed " + seed + ")");
        System.out.println(report);
        System.out.print(summary);
        System.out.println(footer);
        System.out.println("wrote " + draws.chains() + " chains x " + draws.draws() + " draws x " + draws.dim()
                + " parameters to " + out);
    }

    /** Each parameter's prior support {@code {lower, upper}}, so the corner plot stops at the bounds. */
    private static double[][] supports(BuiltinModel m) {
        return m.model().parameters().stream().map(p -> new double[] {p.prior().lower(), p.prior().upper()})
                .toArray(double[][]::new);
    }

        private void require(boolean ok, String message) {
        if (!ok) {
            throw usage(message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
