package astrograd.astro.flares;

import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Injection–recovery on one light curve: Davenport flares are added to copies of its flux, the whole finder runs
 * on each copy ({@link FlarePipeline#predict}), and each injected flare counts as recovered when a detection peaks
 * within {@link FlarePipeline#MATCH_TOLERANCE_DAYS} of it. Per pass, {@code perPass} flares go at least 300
 * cadences apart and away from the flares the light curve already has; a share of them ({@code nearEdgeShare})
 * peaks within 100 cadences of an end of the light curve or of a gap (a step of more than
 * {@link Windows#DEFAULT_GAP_FACTOR} cadences), the rest farther away. Amplitudes are log-uniform in units of the
 * light curve's noise σ, FWHMs log-uniform in days.
 */
public final class InjectionRecovery {
    /** Cadences from an edge or gap within which a flare counts as near it. */
    public static final int NEAR_EDGE = 100;
    private static final int SPACING = 300;

    /**
     * Settings.
     *
     * @param passes copies of the light curve scored
     * @param perPass flares injected into each copy
     */
    public record Config(int passes, int perPass, double minSigma, double maxSigma, double minFwhmDays,
            double maxFwhmDays, double nearEdgeShare) {
        public Config {
            if (passes < 1 || perPass < 1 || !(minSigma > 0 && maxSigma >= minSigma && minFwhmDays > 0
                    && maxFwhmDays >= minFwhmDays && nearEdgeShare >= 0 && nearEdgeShare <= 1)) {
                throw new IllegalArgumentException("InjectionRecovery.Config: bad settings " + passes + ", " + perPass
                        + ", [" + minSigma + ", " + maxSigma + "] σ, [" + minFwhmDays + ", " + maxFwhmDays + "] d, "
                        + nearEdgeShare);
            }
        }
    }

    /**
     * One injected flare.
     *
     * @param edgeDistance cadences from the peak to the nearest end of the light curve or gap
     * @param injectedEd the injected flare's equivalent duration over the light curve's cadences (s)
     * @param recoveredEd the matched detection's equivalent duration (s), NaN when missed
     */
    public record Trial(double tpeak, double amplitude, double amplitudeSigma, double fwhmDays, int edgeDistance,
            double injectedEd, boolean recovered, double recoveredEd) {
    }

    private InjectionRecovery() {
    }

    /** Runs the passes on {@code lc} (normalized) with the ensemble at {@code threshold}. */
    public static List<Trial> run(LightCurve lc, FlareEnsemble ensemble, Config config, double threshold, Rng rng) {
        double sigma = Windows.noise(lc.flux());
        double cadence = lc.cadence();
        int[] edge = edgeDistances(lc.time(), cadence);
        boolean[] taken = near(lc, FlarePipeline.predict(lc, ensemble, threshold).flares());
        List<Trial> out = new ArrayList<>();
        for (int pass = 0; pass < config.passes(); pass++) {
            double[] flux = lc.flux().clone();
            boolean[] used = taken.clone();
            List<double[]> injected = new ArrayList<>();
            for (int k = 0; k < config.perPass(); k++) {
                int at = pick(edge, used, rng.nextDouble() < config.nearEdgeShare(), rng);
                if (at < 0) {
                    break;
                }
                markUsed(used, at);
                double ampSigma = logUniform(config.minSigma(), config.maxSigma(), rng);
                double fwhm = logUniform(config.minFwhmDays(), config.maxFwhmDays(), rng);
                double tpeak = lc.time()[at] + (rng.nextDouble() - 0.5) * cadence;
                double ed = inject(lc.time(), flux, tpeak, fwhm, ampSigma * sigma, cadence);
                injected.add(new double[] {tpeak, ampSigma * sigma, ampSigma, fwhm, edge[at], ed});
            }
            List<Flare> found = FlarePipeline.predict(lc.withFlux(flux, lc.fluxErr()), ensemble, threshold).flares();
            for (double[] f : injected) {
                Flare match = match(found, f[0]);
                out.add(new Trial(f[0], f[1], f[2], f[3], (int) f[4], f[5], match != null,
                        match == null ? Double.NaN : match.equivalentDurationS()));
            }
        }
        return out;
    }

    /** Adds the flare to {@code flux} near its peak; returns its equivalent duration (s) over the cadences. */
    private static double inject(double[] time, double[] flux, double tpeak, double fwhm, double amplitude,
                                 double cadence) {
        int from = lowerBound(time, tpeak - 2 * fwhm - cadence);
        int to = lowerBound(time, tpeak + 30 * fwhm + cadence);
        double[] t = Arrays.copyOfRange(time, from, to);
        double[] f = DavenportFlare.binned(t, tpeak, fwhm, amplitude, cadence);
        double ed = 0;
        for (int i = 0; i < f.length; i++) {
            flux[from + i] += f[i];
            if (i > 0) {
                ed += 0.5 * (f[i] + f[i - 1]) * (t[i] - t[i - 1]);
            }
        }
        return ed * 86_400.0;
    }

    private static Flare match(List<Flare> found, double tpeak) {
        Flare best = null;
        for (Flare f : found) {
            double d = Math.abs(f.tpeak() - tpeak);
            if (d <= FlarePipeline.MATCH_TOLERANCE_DAYS && (best == null || d < Math.abs(best.tpeak() - tpeak))) {
                best = f;
            }
        }
        return best;
    }

    /** Per cadence, the cadences to the nearest end of the light curve or gap (grid steps, missing cadences counted). */
    static int[] edgeDistances(double[] time, double cadence) {
        int n = time.length;
        long[] grid = new long[n];
        int[] steps = FlareSeries.gridSteps(time, cadence);
        for (int i = 1; i < n; i++) {
            grid[i] = grid[i - 1] + steps[i];
        }
        int[] d = new int[n];
        long lastEdge = -1; // grid position of the last missing cadence before i (or −1: before the start)
        for (int i = 0; i < n; i++) {
            if (i > 0 && steps[i] > Windows.DEFAULT_GAP_FACTOR) {
                lastEdge = grid[i] - 1;
            }
            d[i] = (int) Math.min(Integer.MAX_VALUE, grid[i] - lastEdge - 1);
        }
        long nextEdge = grid[n - 1] + 1;
        for (int i = n - 1; i >= 0; i--) {
            if (i < n - 1 && steps[i + 1] > Windows.DEFAULT_GAP_FACTOR) {
                nextEdge = grid[i] + 1;
            }
            d[i] = (int) Math.min(d[i], nextEdge - grid[i] - 1);
        }
        return d;
    }

    private static boolean[] near(LightCurve lc, List<Flare> flares) {
        boolean[] used = new boolean[lc.size()];
        for (Flare f : flares) {
            int from = lowerBound(lc.time(), f.tstart() - 0.05);
            int to = lowerBound(lc.time(), f.tstop() + 0.05);
            Arrays.fill(used, from, to, true);
        }
        return used;
    }

    private static int pick(int[] edge, boolean[] used, boolean nearEdge, Rng rng) {
        for (int attempt = 0; attempt < 2000; attempt++) {
            int i = (int) rng.nextLong(edge.length);
            if (!used[i] && (edge[i] < NEAR_EDGE) == nearEdge) {
                return i;
            }
        }
        return -1;
    }

    private static void markUsed(boolean[] used, int at) {
        Arrays.fill(used, Math.max(0, at - SPACING), Math.min(used.length, at + SPACING), true);
    }

    private static int lowerBound(double[] time, double t) {
        int i = Arrays.binarySearch(time, t);
        return i >= 0 ? i : -i - 1;
    }

    private static double logUniform(double lo, double hi, Rng rng) {
        return lo * Math.exp(rng.nextDouble() * Math.log(hi / lo));
    }

    /** The fraction recovered among trials with {@code nearEdge} (edge distance below {@link #NEAR_EDGE}) or not. */
    public static double[] recoveredNearAndFar(List<Trial> trials, double minSigma) {
        int[] n = new int[2];
        int[] r = new int[2];
        for (Trial t : trials) {
            if (t.amplitudeSigma() < minSigma) {
                continue;
            }
            int g = t.edgeDistance() < NEAR_EDGE ? 0 : 1;
            n[g]++;
            r[g] += t.recovered() ? 1 : 0;
        }
        return new double[] {(double) r[0] / n[0], n[0], (double) r[1] / n[1], n[1]};
    }
}
