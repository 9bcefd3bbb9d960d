package astrograd.layers.optim;

/** Multiplies the learning rate by γ every epoch: {@code lr_e = lr_0 γ^e} (PyTorch's ExponentialLR). */
public final class ExponentialLr extends LrSchedule {
    private final double gamma;

    public ExponentialLr(Optimizer optimizer, double gamma) {
        super(optimizer);
        checkPositive("ExponentialLr", "gamma", gamma);
        this.gamma = gamma;
    }

    @Override
    protected double lrAt(int epoch, double current) {
        return current * gamma;
    }
}
