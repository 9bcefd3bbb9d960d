package astrograd.astro.cli;

import astrograd.inference.Draws;
import astrograd.inference.demc.DemcResult;
import astrograd.inference.demc.DemcRun;
import astrograd.inference.diagnostics.Summary;
import astrograd.inference.ensemble.EnsembleResult;
import astrograd.inference.ensemble.EnsembleRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** What {@code astrograd sample} needs of a run in progress, for the ensemble sampler and DEMC alike. */
interface SamplingRun extends SteppedRun {
    /** Every chain (each walker of each ensemble, or each DEMC chain) after {@code burnIn} stored steps. */
    Draws draws(int burnIn);

    /** The chains that R̂ and the rank plot compare: one per independent ensemble, or the DEMC chains. */
    Draws independentChains(int burnIn);

    Summary summary(int burnIn);

    /** One line: acceptance, non-finite proposals, evaluations. */
    String report();

    /** Stored steps so far. */
    int stored();

    static SamplingRun of(EnsembleRun run) {
        return new RunAdapter<EnsembleResult>(run::steps, run::advance, run::checkpoint, run::result,
                EnsembleResult::draws, EnsembleResult::summary) {
            @Override
            public Draws independentChains(int burnIn) {
                return run.ensembles() > 1 ? result().ensembleDraws(burnIn) : result().draws(burnIn);
            }

            @Override
            public int stored() {
                return result().ensemble(0).stored();
            }

            @Override
            public String report() {
                EnsembleResult r = result();
                double acc = r.ensembles().stream().flatMapToDouble(c -> Arrays.stream(c.acceptanceFraction()))
                        .average().orElse(0);
                long evals = r.ensembles().stream().mapToLong(c -> c.evaluations()).sum();
                return String.format(Locale.ROOT, "%d ensembles of %d walkers, %d steps: mean acceptance %.3f, %d "
                        + "non-finite proposals, %d batched evaluations", run.ensembles(), r.ensemble(0).walkers(),
                        run.steps(), acc, r.nonFinite(), evals);
            }
        };
    }

    static SamplingRun of(DemcRun run) {
        return new RunAdapter<DemcResult>(run::generation, run::advance, run::checkpoint, run::result,
                DemcResult::draws, DemcResult::summary) {
            @Override
            public Draws independentChains(int burnIn) {
                return result().draws(burnIn);
            }

            @Override
            public int stored() {
                return result().stored();
            }

            @Override
            public String report() {
                DemcResult r = result();
                long[] snooker = r.snookerCounts();
                return String.format(Locale.ROOT, "%d chains, %d generations: mean acceptance %.3f, snooker %d of %d "
                        + "accepted, archive %d rows, %d non-finite proposals, %d batched evaluations", r.chains(),
                        r.generations(), r.meanAcceptance(), snooker[1], snooker[0], r.archiveSize(), r.nonFinite(),
                        r.evaluations());
            }
        };
    }
}
