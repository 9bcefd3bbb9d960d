package astrograd.astro.variables;

/**
 * How {@link Training} fits a model.
 *
 * @param epochs        the most epochs
 * @param batchSize     stars per batch
 * @param lr            Adam's initial learning rate
 * @param valFraction   the stratified share of the training stars held out for validation (keep-best, plateaus)
 * @param plateauPatience epochs without a lower validation loss before the rate is multiplied by 0.5
 * @param earlyStop     epochs without a better validation balanced accuracy before training stops (0: never)
 * @param seed          seeds the split, the weights, the batch order, the chunks and dropout
 * @param verbose       print one line per epoch
 */
public record TrainOptions(int epochs, int batchSize, double lr, double valFraction, int plateauPatience, int earlyStop,
                           long seed, boolean verbose) {
    public TrainOptions {
        if (epochs < 1 || batchSize < 1 || !(lr > 0) || !(valFraction > 0 && valFraction < 1) || plateauPatience < 0
                || earlyStop < 0) {
            throw new IllegalArgumentException("TrainOptions: need epochs, batch size >= 1, lr > 0, validation fraction in (0, 1),"
                    + " patience >= 0; got " + this);
        }
    }

    /**
     * The recommended settings (for each member of an ensemble): 20 epochs, batches of 64, lr 3e-3, 15 % validation,
     * patience 4, stop after 6.
     */
    public static TrainOptions defaults() {
        return new TrainOptions(20, 64, 3e-3, 0.15, 4, 6, 1, false);
    }

    public TrainOptions withEpochs(int e) {
        return new TrainOptions(e, batchSize, lr, valFraction, plateauPatience, earlyStop, seed, verbose);
    }

    public TrainOptions withSeed(long s) {
        return new TrainOptions(epochs, batchSize, lr, valFraction, plateauPatience, earlyStop, s, verbose);
    }

    public TrainOptions withVerbose(boolean v) {
        return new TrainOptions(epochs, batchSize, lr, valFraction, plateauPatience, earlyStop, seed, v);
    }
}
