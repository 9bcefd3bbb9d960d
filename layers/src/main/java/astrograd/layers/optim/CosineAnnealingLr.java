package astrograd.layers.optim;

/**
 * Cosine annealing without restarts (Loshchilov &amp; Hutter 2017), PyTorch's CosineAnnealingLR:
 * {@code lr_e = η_min + (lr_0 − η_min)(1 + cos(π e / T_max)) / 2}, continued periodically beyond
 * {@code T_max}. Computed by PyTorch's recursive form from the previous rate.
 */
public final class CosineAnnealingLr extends LrSchedule {
    private final int tMax;
    private final double etaMin;

    public CosineAnnealingLr(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLr: T_max must be >= 1, got " + tMax);
        }
        if (!(etaMin >= 0)) {
            throw new IllegalArgumentException("CosineAnnealingLr: eta_min must be >= 0, got " + etaMin);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    protected double lrAt(int e, double current) {
        if ((e - 1 - tMax) % (2 * tMax) == 0) {
            // The rate was η_min at the end of the previous half period: the recursion below would divide by zero.
            return current + (baseLr() - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax)) * (current - etaMin) + etaMin;
    }
}
