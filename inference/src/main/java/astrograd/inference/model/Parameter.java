package astrograd.inference.model;

/** A named model parameter with its prior and its bijection to unconstrained space. */
public record Parameter(String name, Prior prior, Bijection bijection) {
    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter: name must be non-empty");
        }
        if (prior == null || bijection == null) {
            throw new IllegalArgumentException("parameter '" + name + "': prior and bijection must be given");
        }
        if (bijection.lower() != prior.lower() || bijection.upper() != prior.upper()) {
            throw new IllegalArgumentException("parameter '" + name + "': bijection maps onto (" + bijection.lower()
                    + ", " + bijection.upper() + ") but the prior's support is [" + prior.lower() + ", "
                    + prior.upper() + "]");
        }
    }

    /** A parameter whose bijection is the prior's natural one. */
    public Parameter(String name, Prior prior) {
        this(name, prior, prior == null ? Bijection.identity() : prior.bijection());
    }
}
