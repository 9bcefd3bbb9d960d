package astrograd.astro.variables;

/** A star that cannot be classified (too few points, bad period, bad values); the message names the star. */
public final class BadStarException extends IllegalArgumentException {
    private final String starId;

    public BadStarException(String starId, String reason) {
        super("star " + starId + ": " + reason);
        this.starId = starId;
    }

    public String starId() {
        return starId;
    }
}
