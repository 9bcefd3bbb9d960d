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
 * {@code astrograd sample}: a built-in posterior sampled by the ensemble sampler or DEMC, with draws ({@code .npy}
 * and CSV), the summary (printed and CSV) and corner, trace and rank plots written to a folder. Bad options and
 * impossible settings are usage errors: one line on standard error, exit code 2.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sample a built-in posterior and write draws.npy, draws.csv, summary.csv, corner.png, "
            + "trace.png and rank.png to a folder.",
            "Models: gaussian (D-dim, scales 1..10, neighbour correlation rho), rosenbrock, funnel (Neal's), "
                + "eight-schools (non-centered, or --centered)."},
        footer = {"", "Examples:", "  astrograd sample --model gaussian --dim 5 --out runs/gauss",
            "  astrograd sample --model eight-schools --sampler demc --chains 10 --steps 20000 --out runs/schools",
            "  astrograd sample --model rosenbrock --move stretch=0.8,de=0.2 --checkpoint runs/r.ckpt --resume "
                + "--out runs/r"})
final class SampleCommand implements Callable<Integer>, Main.OneLineUsageErrors {
    /** The samplers; {@code nuts} and {@code hmc} are parsed but not available yet. */
    enum SamplerKind { ensemble, demc, nuts, hmc }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "gaussian, rosenbrock, funnel or eight-schools")
    String model;

    @Option(names = "--dim", defaultValue = "0", description = "dimension of gaussian (default 5) or funnel (10)")
    int dim;

    @Option(names = "--rho", defaultValue = "0.9", description = "gaussian: neighbour correlation (default ${DEFAULT-VALUE})")
    double rho;

    @Option(names = "--centered", description = "eight-schools: the centered parameterization (default non-centered)")
    boolean centered;

    @Option(names = "--sampler", defaultValue = "ensemble", paramLabel = "KIND",
            description = "ensemble, demc, nuts or hmc (default ${DEFAULT-VALUE}; nuts and hmc are not available yet)")
    SamplerKind sampler;

    @Option(names = "--steps", defaultValue = "4000", description = "steps or generations in all (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--burn-in", description = "steps discarded at the start (default: a quarter of --steps)")
    Long burnIn;

    @Option(names = "--thin", defaultValue = "1", description = "store every k-th step (default ${DEFAULT-VALUE})")
    int thin;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--space", defaultValue = "unconstrained", paramLabel = "SPACE",
            description = "sample in constrained or unconstrained space (default ${DEFAULT-VALUE})")
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

    @Option(names = "--chains", description = "demc: chains (default 8)")
    Integer chains;

    @Option(names = "--no-archive", description = "demc: DE-MC on the current chains instead of DE-MCz with an archive")
    boolean noArchive;

    @Option(names = "--snooker", description = "demc: snooker probability per generation (default 0.1)")
    Double snooker;

    @Option(names = "--jitter", defaultValue = "1e-6", description = "demc: jitter scale (default ${DEFAULT-VALUE})")
    double jitter;

    @Option(names = "--gamma-factor", defaultValue = "1", description = "demc: factor on gamma = 2.38/sqrt(2D)")
    double gammaFactor;

    @Option(names = "--step-size", description = "hmc/nuts: initial step size (> 0)")
    Double stepSize;

    @Option(names = "--max-depth", description = "nuts: maximum tree depth (>= 1)")
    Integer maxDepth;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "save the run to FILE as it goes (atomically)")
    Path checkpoint;

    @Option(names = "--checkpoint-every", description = "steps between checkpoints (default: a tenth of --steps)")
    Long checkpointEvery;

    @Option(names = "--resume", description = "continue the run saved in --checkpoint up to --steps")
    boolean resume;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--no-plots", description = "skip the PNG plots")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        long burn = validate();
        BuiltinModel m = model();
        SamplingRun run = startOrResume(m);
        long t0 = System.nanoTime();
        long startSteps = run.steps();
        advance(run);
        double seconds = (System.nanoTime() - t0) / 1e9;
        write(m, run, (int) (burn / thin), seconds, run.steps() - startSteps);
        return 0;
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
        require(maxDepth == null || maxDepth >= 1, "--max-depth must be >= 1, got " + maxDepth);
        require(checkpointEvery == null || checkpointEvery >= 1, "--checkpoint-every must be >= 1, got "
                + checkpointEvery);
        require(!resume || checkpoint != null, "--resume needs --checkpoint FILE");
        require(space.equals("constrained") || space.equals("unconstrained"),
                "--space must be constrained or unconstrained, got '" + space + "'");
        if (sampler == SamplerKind.nuts || sampler == SamplerKind.hmc) {
            // TODO(lead): wire astrograd.inference.hmc here once it is merged (API as of wt-g7-hmc 10a27bb):
            // HmcSampler.nuts(model) (or staticHmc(model, T)).warmup(burn).draws(steps - burn).stepSize(eps)
            // .maxTreeDepth(depth).build().run(chains, new Rng(seed)) -> HmcResult: draws() [chains, N, D] for
            // Summary.of and the plots, diagnostics() for the report line. It runs in one call, so a SamplingRun
            // adapter would do all the work in advance() and refuse --checkpoint; --step-size and --max-depth are
            // parsed and checked above.
            throw usage("--sampler " + sampler + " is not yet available: HMC and NUTS (astrograd.inference.hmc) are "
                    + "still being built; use ensemble or demc");
        }
        return burn;
    }

    private BuiltinModel model() {
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
    private void advance(SamplingRun run) throws IOException {
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

    private void write(BuiltinModel m, SamplingRun run, int burn, double seconds, long stepsRun) throws IOException {
        Files.createDirectories(out);
        Draws draws = run.draws(burn);
        Summary summary = run.summary(burn);
        draws.writeNpy(out.resolve("draws.npy"));
        draws.writeCsv(out.resolve("draws.csv"));
        summary.writeCsv(out.resolve("summary.csv"));
        String title = m.description() + ", " + sampler;
        if (!noPlots) {
            PosteriorPlots.corner(out.resolve("corner.png"), draws, m.truth(), title);
            PosteriorPlots.trace(out.resolve("trace.png"), draws, title + ": traces");
            PosteriorPlots.rank(out.resolve("rank.png"), run.independentChains(burn), title + ": rank plots");
        }
        System.out.println(m.description() + " with " + sampler + " (seed " + seed + ")");
        System.out.println(run.report());
        System.out.print(summary);
        System.out.printf(Locale.ROOT, "%d steps in %.2f s; smallest bulk ESS %.0f, largest R-hat %.4f%n", stepsRun,
                seconds, summary.minEssBulk(), summary.maxRhat());
        System.out.println("wrote " + draws.chains() + " chains x " + draws.draws() + " draws x " + draws.dim()
                + " parameters to " + out);
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
