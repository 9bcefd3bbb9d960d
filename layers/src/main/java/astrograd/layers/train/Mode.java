package astrograd.layers.train;

/** Whether lower ({@code MIN}, a loss) or higher ({@code MAX}, an accuracy) values of a monitored metric are better. */
public enum Mode {
    MIN, MAX;

    /** True if {@code current} beats {@code best} by more than {@code minDelta}. */
    public boolean improves(double current, double best, double minDelta) {
        return this == MIN ? current < best - minDelta : current > best + minDelta;
    }

    /** The starting "best" value: +∞ for MIN, −∞ for MAX. */
    public double worst() {
        return this == MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
}
