package astrograd.layers.optim;

/**
 * The one-cycle policy (Smith &amp; Topin 2019) as PyTorch's OneCycleLR (two phases), stepped once per batch.
 * The rate rises from {@code max_lr / divFactor} to {@code max_lr} over the first {@code pctStart} of the
 * steps, then falls to {@code max_lr / divFactor / finalDivFactor}; phase k runs from step
 * {@code s_{k-1}} to {@code s_k} with {@code s_1 = pctStart · total − 1}, {@code s_2 = total − 1}, and anneals by
 * {@code cos}: {@code end + (start − end)(1 + cos(π t))/2} or linearly, with t the fraction of the phase
 * done. With momentum cycling (on by default, as in PyTorch) the optimizer's momentum (Adam's β1) moves
 * the other way, from {@code maxMomentum} down to {@code baseMomentum} and back.
 * Constructing the schedule sets the rate (and momentum) of step 0. As in PyTorch, one step past
 * {@code total − 1} is allowed (so the schedule can be stepped after every one of the {@code total} optimizer
 * steps; its rate continues the last phase's curve) and a further one throws.
 */
public final class OneCycleLr extends LrSchedule {
    private final int totalSteps;
    private final double initialLr;
    private final double maxLr;
    private final double minLr;
    private final double pctStart;
    private final boolean cosine;
    private final boolean cycleMomentum;
    private final double baseMomentum;
    private final double maxMomentum;

    /** PyTorch's defaults: pct_start 0.3, cosine annealing, div_factor 25, final_div_factor 1e4, momentum 0.85–0.95. */
    public OneCycleLr(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, true, 25, 1e4, true, 0.85, 0.95);
    }

    public OneCycleLr(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, boolean cosine, double divFactor,
            double finalDivFactor, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
        super(optimizer);
        if (totalSteps < 1) {
            throw new IllegalArgumentException("OneCycleLr: total steps must be >= 1, got " + totalSteps);
        }
        if (!(pctStart >= 0 && pctStart <= 1)) {
            throw new IllegalArgumentException("OneCycleLr: pct_start must be in [0, 1], got " + pctStart);
        }
        checkPositive("OneCycleLr", "max_lr", maxLr);
        checkPositive("OneCycleLr", "div_factor", divFactor);
        checkPositive("OneCycleLr", "final_div_factor", finalDivFactor);
        if (cycleMomentum && !optimizer.hasMomentum()) {
            throw new IllegalArgumentException("OneCycleLr: momentum cycling needs an optimizer with momentum, got " + optimizer.name());
        }
        this.totalSteps = totalSteps;
        this.maxLr = maxLr;
        this.initialLr = maxLr / divFactor;
        this.minLr = initialLr / finalDivFactor;
        this.pctStart = pctStart;
        this.cosine = cosine;
        this.cycleMomentum = cycleMomentum;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
        setBaseLr(initialLr);
        apply(0);
    }

    @Override
    protected double lrAt(int step, double current) {
        return apply(step);
    }

    /** Sets the momentum of {@code step} on the optimizer and returns the rate. */
    private double apply(int step) {
        if (step > totalSteps) {
            throw new IllegalStateException("OneCycleLr: tried to step " + (step + 1) + " times; total steps is " + totalSteps);
        }
        double end1 = pctStart * totalSteps - 1;
        double end2 = totalSteps - 1;
        boolean first = step <= end1;
        double pct = first ? step / end1 : (step - end1) / (end2 - end1);
        if (cycleMomentum) {
            optimizer.setMomentum(first ? anneal(maxMomentum, baseMomentum, pct) : anneal(baseMomentum, maxMomentum, pct));
        }
        double lr = first ? anneal(initialLr, maxLr, pct) : anneal(maxLr, minLr, pct);
        optimizer.setLr(lr);
        return lr;
    }

    private double anneal(double start, double end, double pct) {
        if (cosine) {
            return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
        }
        return (end - start) * pct + start;
    }
}
