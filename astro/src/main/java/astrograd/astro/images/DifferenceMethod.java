package astrograd.astro.images;

import java.util.Locale;

/** The four differencing methods, by their command-line names. */
public enum DifferenceMethod {
    TRANSINET("transinet"), ZOGY("zogy"), ALARD_LUPTON("alard-lupton"), NAIVE("naive");

    private final String label;

    DifferenceMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The method named {@code name} (case-insensitive), or an exception listing the names. */
    public static DifferenceMethod parse(String name) {
        for (DifferenceMethod m : values()) {
            if (m.label.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "' (use transinet, zogy, alard-lupton or naive)");
    }

    /**
     * Runs the method on a pair. The classical methods use the given PSFs (ZOGY both, Alard–Lupton both to choose
     * which image to convolve, naive the science PSF for its matched filter); ZOGY also the astrometric σ; TransiNet
     * needs {@code model} and ignores the PSFs.
     */
    public DifferenceResult run(Image reference, Image science, GaussianPsf psfReference, GaussianPsf psfScience,
            double astrometricSigma, TransiNetDifference model) {
        reference.requireSameSize(label, science);
        return switch (this) {
            case NAIVE -> NaiveDifference.difference(reference, science, psfScience);
            case ALARD_LUPTON -> new AlardLupton().difference(reference, science, psfReference, psfScience);
            case ZOGY -> new Zogy(psfReference, psfScience, astrometricSigma).difference(reference, science);
            case TRANSINET -> {
                if (model == null) {
                    throw new IllegalArgumentException("transinet needs a trained model (--model FILE)");
                }
                yield model.difference(reference, science);
            }
        };
    }
}
