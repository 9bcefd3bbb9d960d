package astrograd.benchmarks;

import astrograd.astro.flares.FlareEnsemble;
import astrograd.astro.flares.FlareNetwork;
import astrograd.astro.flares.FlarePipeline;
import astrograd.astro.flares.FlarePredictor;
import astrograd.astro.lightcurve.LightCurve;
import astrograd.tensor.Rng;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The astrograd side of {@code benchmarks/compare-flares}: scores whole light curves (the five bundled stella
 * Sector 2 ones, 18 300 cadences each, in turn) with 5-member flare ensembles three ways — stella's per-window
 * network ({@link FlareNetwork.Input#WINDOW}), the series network window by window, and the series network with
 * its convolutions shared across windows — and prints one JSON line per path: light curves, wall and process
 * CPU seconds, light curves per second and per CPU-second. Untrained weights: the cost does not depend on them.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks.jar astrograd.benchmarks.FlareScanBench
 *     [shared light curves, default 20] [window light curves, default 2]</pre>
 */
public final class FlareScanBench {
    private FlareScanBench() {
    }

    public static void main(String[] args) throws Exception {
        int shared = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int slow = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<LightCurve> curves = FlarePipeline.bundled().stream().map(c -> c.lightCurve()).toList();
        FlareEnsemble window = FlareEnsemble.untrained(5, FlareNetwork.Input.WINDOW, new Rng(1));
        FlareEnsemble series = FlareEnsemble.untrained(5, FlareNetwork.Input.SERIES, new Rng(1));
        run("series-shared", curves, shared, (lc, e) -> FlarePredictor.probabilities(lc, e), series);
        run("stella-per-window", curves, slow, (lc, e) -> FlarePredictor.probabilities(lc, e), window);
        run("series-window-by-window", curves, slow, FlarePredictor::windowByWindow, series);
        run("series-shared", curves, shared, (lc, e) -> FlarePredictor.probabilities(lc, e), series);
    }

    private static void run(String path, List<LightCurve> curves, int count,
                            BiFunction<LightCurve, FlareEnsemble, double[]> score, FlareEnsemble e) {
        for (int i = 0; i < 2; i++) {
            score.apply(curves.get(i), e);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < count; i++) {
            score.apply(curves.get(i % curves.size()), e);
        }
        double wallS = (System.nanoTime() - wall) / 1e9;
        double cpuS = (os.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "{\"side\": \"astrograd\", \"path\": \"%s\", \"threads\": %s, \"light_curves\": %d,"
                        + " \"wall_s\": %.3f, \"cpu_s\": %.3f, \"lc_per_s\": %.4f, \"lc_per_cpu_s\": %.4f}%n", path,
                System.getProperty("astrograd.threads", "default"), count, wallS, cpuS, count / wallS, count / cpuS);
    }
}
