package astrograd.astro.cli;

import astrograd.astro.variables.AuxMlpConfig;
import astrograd.astro.variables.Features;
import astrograd.astro.variables.ModelConfig;
import astrograd.astro.variables.StarCatalog;
import astrograd.astro.variables.TrainOptions;
import astrograd.tensor.DType;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Option groups shared by the {@code variables} subcommands. */
final class VariablesOptions {
    private VariablesOptions() {
    }

    /** The two input files and how to read them. */
    static final class Data {
        @Option(names = "--lightcurves", required = true, paramLabel = "LC.csv[.gz]",
                description = "Light curves in long format: id, band, time, mag, error columns (gzip is detected).")
        Path lightCurves;

        @Option(names = "--meta", required = true, paramLabel = "META.csv",
                description = "One row per star: id, period (days) and, for EROS, div_period (true period = period / div_period);"
                        + " the class column when training.")
        Path meta;

        @Option(names = "--format", defaultValue = "eros", paramLabel = "eros|sdss",
                description = "Column names: eros (id, band, time, mag, mag_err; meta: first column, period, div_period, type)"
                        + " or sdss (id, band, time, mag, magerr; meta: Num, Per, Type). Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--bands", split = ",", paramLabel = "B",
                description = "Bands to use, in this order (default: every band in the file, sorted; a model uses its own).")
        List<String> bands;

        StarCatalog catalog() {
            switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "eros":
                    return StarCatalog.eros();
                case "sdss":
                    return StarCatalog.sdss();
                default:
                    throw new IllegalArgumentException("--format must be eros or sdss, got '" + format + "'");
            }
        }
    }

    /** Feature and network settings. */
    static final class Model {
        @Option(names = "--arch", defaultValue = "itcn", description = "itcn, iresnet or baseline. Default: ${DEFAULT-VALUE}.")
        String arch;

        @Option(names = "--kernel", defaultValue = "5", description = "Convolution kernel size. Default: ${DEFAULT-VALUE}.")
        int kernel;

        @Option(names = "--depth", defaultValue = "5", description = "Blocks (dilation 2^i in block i). Default: ${DEFAULT-VALUE}.")
        int depth;

        @Option(names = "--width", defaultValue = "32", description = "Channels per block. Default: ${DEFAULT-VALUE}.")
        int width;

        @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout rate. Default: ${DEFAULT-VALUE}.")
        double dropout;

        @Option(names = "--members", defaultValue = "3",
                description = "Networks trained independently (own weights, batches, dropout) whose probabilities are averaged."
                        + " Default: ${DEFAULT-VALUE}.")
        int members;

        @Option(names = "--mlp-members", defaultValue = "5",
                description = "MLPs on the auxiliary inputs alone whose mean probabilities are mixed with the network's"
                        + " (0: the network alone). Default: ${DEFAULT-VALUE}.")
        int mlpMembers;

        @Option(names = "--mlp-weight", defaultValue = "validation", paramLabel = "W|validation",
                description = "The MLPs' share of the mixed probabilities, in (0, 1], or 'validation': the one of 0.1 .. 0.9"
                        + " with the lowest validation loss. Default: ${DEFAULT-VALUE}.")
        String mlpWeight;

        @Option(names = "--aux-to-head", description = "Also give the auxiliary inputs to the head directly.")
        boolean auxToHead;

        @Option(names = "--length", defaultValue = "200", description = "Observations per chunk L. Default: ${DEFAULT-VALUE}.")
        int length;

        @Option(names = "--min-points", defaultValue = "20", description = "Fewest observations a star needs. Default: ${DEFAULT-VALUE}.")
        int minPoints;

        @Option(names = "--no-errors", description = "Leave out the magnitude-error channel.")
        boolean noErrors;

        @Option(names = "--no-shape-aux",
                description = "Leave out the shape inputs (per band amplitude, Fourier R21, R31, phi21, phi31, skewness; colours).")
        boolean noShapeAux;

        @Option(names = "--f64", description = "Train in double precision (slower).")
        boolean f64;

        Features features(int bands) {
            return new Features(length, !noErrors, bands, Math.min(minPoints, length), !noShapeAux);
        }

        ModelConfig config(Features f, int classes) {
            return new ModelConfig(ModelConfig.Arch.parse(arch), f.inputChannels(), classes, kernel, depth, width, dropout,
                    f64 ? DType.F64 : DType.F32, members, auxToHead ? f.auxCount() : 0,
                    AuxMlpConfig.of(mlpMembers, f.auxCount(), mlpWeight()));
        }

        private double mlpWeight() {
            if (mlpWeight.equalsIgnoreCase("validation")) {
                return AuxMlpConfig.FROM_VALIDATION;
            }
            try {
                return Double.parseDouble(mlpWeight);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mlp-weight must be a number in (0, 1] or 'validation', got '" + mlpWeight + "'");
            }
        }
    }

    /** Training-loop settings. */
    static final class Fit {
        @Option(names = "--epochs", defaultValue = "20", description = "Most epochs. Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--batch", defaultValue = "64", description = "Stars per batch. Default: ${DEFAULT-VALUE}.")
        int batch;

        @Option(names = "--lr", defaultValue = "3e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
        double lr;

        @Option(names = "--val-fraction", defaultValue = "0.15",
                description = "Stratified share held out for keep-best and plateaus. Default: ${DEFAULT-VALUE}.")
        double valFraction;

        @Option(names = "--patience", defaultValue = "4",
                description = "Epochs without a lower validation loss before the rate halves. Default: ${DEFAULT-VALUE}.")
        int patience;

        @Option(names = "--early-stop", defaultValue = "6",
                description = "Epochs without a better validation balanced accuracy before stopping (0: never). Default: ${DEFAULT-VALUE}.")
        int earlyStop;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of splits, weights, batches. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--quiet", description = "No per-epoch lines.")
        boolean quiet;

        TrainOptions options() {
            return new TrainOptions(epochs, batch, lr, valFraction, patience, earlyStop, seed, !quiet);
        }
    }
}
