package astrograd.astro.transients;

import java.util.Locale;

/**
 * A photometric passband: its name in the survey's files and its effective wavelength in Å (the wavelength axis of
 * the 2-D light-curve GP and of the extinction law). ZTF g, r, i: λ_eff from the SVO Filter Profile Service
 * (Palomar/ZTF.g, .r, .i); Pan-STARRS1 g, r, i, z: Tonry et al. (2012, ApJ 750, 99), table 3.
 */
public record Passband(String name, double wavelength) {
    public static final Passband ZTF_G = new Passband("ztf-g", 4746.5);
    public static final Passband ZTF_R = new Passband("ztf-r", 6366.4);
    public static final Passband ZTF_I = new Passband("ztf-i", 7829.0);
    public static final Passband PS1_G = new Passband("ps1-g", 4866.0);
    public static final Passband PS1_R = new Passband("ps1-r", 6215.0);
    public static final Passband PS1_I = new Passband("ps1-i", 7545.0);
    public static final Passband PS1_Z = new Passband("ps1-z", 8679.0);

    public Passband {
        if (!(wavelength > 0)) {
            throw new IllegalArgumentException("Passband " + name + ": wavelength must be > 0 Å, got " + wavelength);
        }
    }

    /** The ZTF band written {@code g}, {@code R}/{@code r} or {@code i} in the BTS files, or null. */
    public static Passband ztf(String code) {
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "g" -> ZTF_G;
            case "r" -> ZTF_R;
            case "i" -> ZTF_I;
            default -> null;
        };
    }

    /** The Pan-STARRS1 band written {@code g}, {@code r}, {@code i} or {@code z} in SNANA files, or null. */
    public static Passband ps1(String code) {
        return switch (code.trim()) {
            case "g" -> PS1_G;
            case "r" -> PS1_R;
            case "i" -> PS1_I;
            case "z" -> PS1_Z;
            default -> null;
        };
    }
}
