package astrograd.astro.retrieval;

import astrograd.tensor.Rng;

/**
 * A <b>synthetic</b> line list for one absorber: line centres {@code νᵢ} (cm⁻¹), strengths {@code Sᵢ} at
 * {@link #T_REF} (cm/molecule, integrated over the line), lower-state energies {@code E''ᵢ} (cm⁻¹) and Lorentz
 * half-widths {@code γᵢ} at {@link #T_REF} (cm⁻¹). These are <em>not</em> HITRAN/ExoMol data: the lines are drawn from
 * a fixed seed inside a few bands per molecule placed near the molecule's real near-infrared bands, so the spectra
 * look like molecular absorption (bands made of many lines with a temperature-dependent shape) without any licensed
 * line list. Each band {@code (ν_c, w, S_band, n)} gets n lines with {@code νᵢ = ν_c + w·zᵢ}, {@code zᵢ ~ N(0, 1)},
 * {@code Sᵢ = S_band · uᵢ/Σu}, {@code uᵢ ~ LogNormal(0, 1.5)}, {@code E''ᵢ ~ Exp(mean 2000 cm⁻¹)} capped at 8000,
 * {@code γᵢ ~ U(0.1, 0.3)} cm⁻¹.
 *
 * <p>At temperature T: {@code Sᵢ(T) = Sᵢ (T_ref/T)^{3/2} exp(−c₂ E''ᵢ (1/T − 1/T_ref))} with
 * {@code c₂ = hc/k = 1.4388 cm K} (a rotational partition function ∝ T^{3/2} and the Boltzmann factor of the lower
 * state), and {@code γᵢ(T) = γᵢ (T_ref/T)^{1/2}}.
 *
 * @param name       the absorber's name
 * @param centre     {@code νᵢ} (cm⁻¹)
 * @param strength   {@code Sᵢ} at T_ref (cm/molecule)
 * @param lowerState {@code E''ᵢ} (cm⁻¹)
 * @param halfWidth  {@code γᵢ} at T_ref (cm⁻¹)
 */
public record SyntheticLineList(String name, double[] centre, double[] strength, double[] lowerState,
        double[] halfWidth) {
    /** Reference temperature of the strengths and widths (K). */
    public static final double T_REF = 1000;
    /** Second radiation constant {@code c₂ = hc/k} (cm K). */
    public static final double C2 = 1.4387769;

    /** One absorption band of a synthetic list: centre and spread (cm⁻¹), summed strength (cm/molecule), lines. */
    public record Band(double centre, double width, double strength, int lines) {
    }

    /** The absorbers of {@link #standard}: the HELA retrieval's three molecules. */
    public static final String[] ABSORBERS = {"H2O", "HCN", "NH3"};

    /**
     * The fixed synthetic list of {@code name} (H2O, HCN or NH3) with {@code linesPerBand} lines per band, seeded by
     * the name, so every call gives the same lines. Bands: H2O near 1.38, 1.14 and 0.94 µm; HCN near 1.53 and
     * 1.03 µm; NH3 near 1.51, 1.27 and 1.03 µm.
     */
    public static SyntheticLineList standard(String name, int linesPerBand) {
        Band[] bands = switch (name) {
            case "H2O" -> new Band[] {new Band(7250, 250, 6e-19, linesPerBand), new Band(8800, 220, 2e-19, linesPerBand),
                new Band(10600, 200, 6e-20, linesPerBand)};
            case "HCN" -> new Band[] {new Band(6520, 120, 4e-19, linesPerBand), new Band(9700, 150, 5e-20, linesPerBand)};
            case "NH3" -> new Band[] {new Band(6600, 200, 5e-19, linesPerBand), new Band(7880, 180, 1.5e-19, linesPerBand),
                new Band(9700, 200, 4e-20, linesPerBand)};
            default -> throw new IllegalArgumentException("unknown absorber '" + name + "': choose H2O, HCN or NH3");
        };
        return generate(name, new Rng(name.hashCode()), bands);
    }

    /** A synthetic list of the given bands drawn from {@code rng}. */
    public static SyntheticLineList generate(String name, Rng rng, Band... bands) {
        int n = 0;
        for (Band b : bands) {
            if (b.lines() < 1 || !(b.width() > 0) || !(b.strength() > 0)) {
                throw new IllegalArgumentException("line list " + name + ": bad band " + b);
            }
            n += b.lines();
        }
        double[] nu = new double[n];
        double[] s = new double[n];
        double[] e = new double[n];
        double[] g = new double[n];
        int k = 0;
        for (Band b : bands) {
            double sum = 0;
            int first = k;
            for (int i = 0; i < b.lines(); i++, k++) {
                nu[k] = b.centre() + b.width() * rng.nextGaussian();
                s[k] = Math.exp(1.5 * rng.nextGaussian());
                sum += s[k];
                e[k] = Math.min(8000, -2000 * Math.log(1 - rng.nextDouble()));
                g[k] = 0.1 + 0.2 * rng.nextDouble();
            }
            for (int i = first; i < k; i++) {
                s[i] *= b.strength() / sum;
            }
        }
        return new SyntheticLineList(name, nu, s, e, g);
    }

    /** Number of lines. */
    public int size() {
        return centre.length;
    }

    /** {@code Sᵢ(T)} (cm/molecule). */
    public double strengthAt(int i, double t) {
        return strength[i] * Math.pow(T_REF / t, 1.5) * Math.exp(-C2 * lowerState[i] * (1 / t - 1 / T_REF));
    }

    /** {@code γᵢ(T)} (cm⁻¹). */
    public double halfWidthAt(int i, double t) {
        return halfWidth[i] * Math.sqrt(T_REF / t);
    }
}
