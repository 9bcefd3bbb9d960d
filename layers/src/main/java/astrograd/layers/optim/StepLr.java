package astrograd.layers.optim;

/** Multiplies the learning rate by γ every {@code stepSize} epochs: {@code lr_e = lr_0 γ^⌊e / stepSize⌋} (PyTorch's StepLR). */
public final class StepLr extends LrSchedule {
    private final int stepSize;
    private final double gamma;

    public StepLr(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLr: step size must be >= 1, got " + stepSize);
        }
        checkPositive("StepLr", "gamma", gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    protected double lrAt(int epoch, double current) {
        return epoch % stepSize == 0 ? current * gamma : current;
    }
}
