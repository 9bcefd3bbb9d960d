package astrograd.astro.retrieval;

import java.util.Arrays;
import java.util.List;

/**
 * Transmission spectrum of an isothermal, H₂-dominated atmosphere with the analytic transit radius of Heng &amp;
 * Kitzmann (2017, MNRAS 470, 2972, eq. 12), evaluated line by line on a fine wavenumber grid and averaged over
 * wavelength bins. For parameters {@code θ = (T, log₁₀ X_H2O, log₁₀ X_HCN, log₁₀ X_NH3, log₁₀ κ_cloud)}:
 *
 * <pre>
 *   H      = k T / (μ m_H g)
 *   κ(ν)   = Σⱼ Xⱼ σⱼ(ν, T)/(μ m_H) + κ_Ray(ν) + κ_cloud                     [cm² g⁻¹]
 *   σⱼ(ν,T) = Σᵢ Sᵢ(T) (γᵢ(T)/π) / ((ν − νᵢ)² + γᵢ(T)²),  |ν − νᵢ| ≤ 15 cm⁻¹   (Lorentz lines, cut off)
 *   κ_Ray  = 8.14·10⁻¹³ λ_Å⁻⁴ / (μ m_H)                                      (H₂ Rayleigh, Dalgarno &amp; Williams 1962)
 *   R(ν)   = R₀ + H [γ_E + ln(P₀ κ(ν)/g · √(2π R₀/H))]                       (Heng &amp; Kitzmann 2017)
 *   depth_b = 100 · Σ_{ν ∈ b} w(ν) (R(ν)/R★)² / Σ_{ν ∈ b} w(ν),  w = 1/ν²  (uniform weight in wavelength) [%]
 * </pre>
 *
 * with γ_E = 0.5772 (Euler–Mascheroni), {@code Xⱼ} volume mixing ratios and the <b>synthetic</b> line lists of
 * {@link SyntheticLineList} (not real molecular data). The planet is WASP-12b-like as in HELA (Márquez-Neila et al.
 * 2018): {@code R★ = 1.57 R☉}, {@code R₀ = 1.79 R_J} at {@code P₀ = 10 bar}, {@code g = 10^2.99 cm s⁻²}, μ = 2.4 (fixed,
 * whatever the absorbers' abundances). The grid is uniform in wavenumber over the bins' range; every line is added
 * to every evaluation (constant cost whatever θ), which is what makes the model expensive: about
 * {@code lines × 2·15 cm⁻¹/Δν} profile points plus one logarithm per grid point.
 *
 * <p>Immutable; {@link #spectrum} may run on several threads at once.
 */
public final class TransmissionModel {
    /** Parameter names, in order. */
    public static final List<String> NAMES = List.of("T", "log_X_H2O", "log_X_HCN", "log_X_NH3", "log_kappa_cloud");
    /** Default fine-grid size. */
    public static final int DEFAULT_GRID = 120_000;
    /** Default lines per band of each synthetic list. */
    public static final int DEFAULT_LINES_PER_BAND = 600;
    /** Line-wing cutoff (cm⁻¹). */
    public static final double CUTOFF = 15;

    static final double K_B = 1.380649e-16;
    static final double M_H = 1.6735575e-24;
    static final double R_SUN = 6.957e10;
    static final double R_JUP = 7.1492e9;
    static final double EULER_GAMMA = 0.5772156649015329;

    private final double rStar = 1.57 * R_SUN;
    private final double r0 = 1.79 * R_JUP;
    private final double gravity = Math.pow(10, 2.99);
    private final double p0 = 1e7;
    private final double mu = 2.4;

    private final WavelengthBins bins;
    private final List<SyntheticLineList> absorbers;
    private final double nu0;
    private final double dnu;
    private final int grid;
    private final double[] rayleigh;
    private final int[] binIndex;
    private final double[] binWeight;

    /**
     * @param bins          the output bins
     * @param absorbers     one synthetic list per log-abundance parameter, in order
     * @param gridPoints    fine-grid size (≥ 1000)
     */
    public TransmissionModel(WavelengthBins bins, List<SyntheticLineList> absorbers, int gridPoints) {
        if (gridPoints < 1000) {
            throw new IllegalArgumentException("transmission model: grid must have >= 1000 points, got " + gridPoints);
        }
        if (absorbers.size() != 3) {
            throw new IllegalArgumentException("transmission model: need 3 absorbers, got " + absorbers.size());
        }
        this.bins = bins;
        this.absorbers = List.copyOf(absorbers);
        this.grid = gridPoints;
        this.nu0 = 1e4 / bins.upper();
        this.dnu = (1e4 / bins.lower() - nu0) / (gridPoints - 1);
        this.rayleigh = new double[grid];
        this.binIndex = new int[grid];
        this.binWeight = new double[grid];
        double[] total = new double[bins.count()];
        for (int k = 0; k < grid; k++) {
            double nu = wavenumber(k);
            double lambdaAngstrom = 1e8 / nu;
            rayleigh[k] = 8.14e-13 / Math.pow(lambdaAngstrom, 4) / (mu * M_H);
            binIndex[k] = bins.binOf(1e4 / nu);
            if (binIndex[k] >= 0) {
                binWeight[k] = 1 / (nu * nu);
                total[binIndex[k]] += binWeight[k];
            }
        }
        for (int b = 0; b < total.length; b++) {
            if (total[b] == 0) {
                throw new IllegalArgumentException("transmission model: bin " + b + " holds no grid point; use a finer grid");
            }
        }
        for (int k = 0; k < grid; k++) {
            if (binIndex[k] >= 0) {
                binWeight[k] /= total[binIndex[k]];
            }
        }
    }

    /** The standard model: H2O, HCN and NH3 synthetic lists ({@value #DEFAULT_LINES_PER_BAND} lines per band), 120 000 points. */
    public static TransmissionModel standard(WavelengthBins bins) {
        return new TransmissionModel(bins, List.of(SyntheticLineList.standard("H2O", DEFAULT_LINES_PER_BAND),
                SyntheticLineList.standard("HCN", DEFAULT_LINES_PER_BAND),
                SyntheticLineList.standard("NH3", DEFAULT_LINES_PER_BAND)), DEFAULT_GRID);
    }

    public WavelengthBins bins() {
        return bins;
    }

    /** Fine-grid size. */
    public int gridPoints() {
        return grid;
    }

    /** Total number of lines over all absorbers. */
    public int lineCount() {
        return absorbers.stream().mapToInt(SyntheticLineList::size).sum();
    }

    /** Wavenumber of fine-grid point k (cm⁻¹). */
    public double wavenumber(int k) {
        return nu0 + k * dnu;
    }

    /** The binned transit depth {@code 100 (R/R★)²} (%) for {@code θ} (see the class formula). */
    public double[] spectrum(double[] theta) {
        double[] radius = radius(theta);
        double[] depth = new double[bins.count()];
        for (int k = 0; k < grid; k++) {
            int b = binIndex[k];
            if (b >= 0) {
                double r = radius[k] / rStar;
                depth[b] += binWeight[k] * r * r;
            }
        }
        for (int b = 0; b < depth.length; b++) {
            depth[b] *= 100;
        }
        return depth;
    }

    /** The transit radius {@code R(ν)} (cm) on the fine grid. */
    public double[] radius(double[] theta) {
        double t = theta[0];
        double[] kappa = opacity(theta);
        double h = K_B * t / (mu * M_H * gravity);
        double c = Math.log(p0 / gravity * Math.sqrt(2 * Math.PI * r0 / h)) + EULER_GAMMA;
        for (int k = 0; k < grid; k++) {
            kappa[k] = r0 + h * (c + Math.log(kappa[k]));
        }
        return kappa;
    }

    /** The mass opacity {@code κ(ν)} (cm² g⁻¹) on the fine grid. */
    public double[] opacity(double[] theta) {
        check(theta);
        double t = theta[0];
        double[] kappa = new double[grid];
        double cloud = Math.pow(10, theta[4]);
        for (int k = 0; k < grid; k++) {
            kappa[k] = rayleigh[k] + cloud;
        }
        for (int j = 0; j < absorbers.size(); j++) {
            addLines(kappa, absorbers.get(j), Math.pow(10, theta[1 + j]) / (mu * M_H), t);
        }
        return kappa;
    }

    private void addLines(double[] kappa, SyntheticLineList lines, double perMass, double t) {
        double[] centre = lines.centre();
        for (int i = 0; i < lines.size(); i++) {
            double gamma = lines.halfWidthAt(i, t);
            double area = perMass * lines.strengthAt(i, t) * gamma / Math.PI;
            double g2 = gamma * gamma;
            int lo = Math.max(0, (int) Math.ceil((centre[i] - CUTOFF - nu0) / dnu));
            int hi = Math.min(grid - 1, (int) Math.floor((centre[i] + CUTOFF - nu0) / dnu));
            double d0 = nu0 - centre[i];
            for (int k = lo; k <= hi; k++) {
                double d = d0 + k * dnu;
                kappa[k] += area / (d * d + g2);
            }
        }
    }

    private static void check(double[] theta) {
        if (theta.length != NAMES.size()) {
            throw new IllegalArgumentException("transmission model: need " + NAMES.size() + " parameters " + NAMES
                    + ", got " + theta.length);
        }
        for (double v : theta) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("transmission model: parameters must be finite, got "
                        + Arrays.toString(theta));
            }
        }
        if (!(theta[0] > 0)) {
            throw new IllegalArgumentException("transmission model: temperature must be > 0 K, got " + theta[0]);
        }
    }
}
