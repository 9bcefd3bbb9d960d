package astrograd.astro.retrieval;

/**
 * How {@link SpectrumEmulator#train} fits the MLP: hidden widths (ReLU after each), at most {@code epochs} epochs of
 * shuffled batches, Adam with AMSGrad at {@code lr}, the rate halved after 6 epochs without a better validation loss,
 * early stopping after {@code patience} such epochs (the best weights kept), and the optional log₁₀ of the outputs.
 *
 * @param hidden   hidden-layer widths
 * @param epochs   maximum epochs
 * @param batch    batch size
 * @param lr       initial learning rate
 * @param patience early-stopping patience (epochs)
 * @param logOut   whether the outputs get MARGE's log₁₀ before the z-score
 * @param seed     seed of the weights and the batch order
 */
public record EmulatorConfig(int[] hidden, int epochs, int batch, double lr, int patience, boolean logOut, long seed) {
    public EmulatorConfig {
        if (hidden.length < 1 || epochs < 1 || batch < 1 || !(lr > 0) || patience < 1) {
            throw new IllegalArgumentException("emulator config: need >= 1 hidden layer, epochs, batch and patience and "
                    + "lr > 0");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("emulator config: hidden widths must be >= 1, got " + h);
            }
        }
        hidden = hidden.clone();
    }

    /** The full-size setting: 5 → 256 → 256 → 13, batch 64, lr 10⁻³, at most 400 epochs, patience 30. */
    public static EmulatorConfig standard(long seed) {
        return new EmulatorConfig(new int[] {256, 256}, 400, 64, 1e-3, 30, false, seed);
    }
}
