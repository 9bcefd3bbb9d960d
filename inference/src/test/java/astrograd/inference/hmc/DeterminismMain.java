package astrograd.inference.hmc;

import astrograd.tensor.Rng;
import astrograd.tensor.cpu.EnginePool;

/**
 * A short NUTS run whose digest (of every draw and statistic) {@link DeterminismTest} compares across thread
 * counts: run as a program in a JVM with {@code -Dastrograd.threads=1}, it prints the thread count and the digest.
 */
final class DeterminismMain {
    private DeterminismMain() {
    }

    static HmcResult run(boolean parallel, int chains) {
        // 100 warm-up iterations: the 15/75/10 schedule, so a metric update and a step-size search happen too
        return HmcSampler.nuts(Targets.independentGaussian(new double[] {0.5, 1, 2})).warmup(100).draws(50)
                .parallel(parallel).build().run(chains, new Rng(2024));
    }

    /** A digest of the draws and per-draw statistics of every chain (warm-up included). */
    static long digest(HmcResult r) {
        long h = 17;
        for (HmcChain c : r.chains()) {
            for (double v : c.draws().values()) {
                h = 31 * h + Double.doubleToLongBits(v);
            }
            for (double v : c.warmupDraws().values()) {
                h = 31 * h + Double.doubleToLongBits(v);
            }
            for (SamplerStats s : new SamplerStats[] {c.warmupStats(), c.stats()}) {
                for (int i = 0; i < s.size(); i++) {
                    h = 31 * h + Double.doubleToLongBits(s.acceptStat()[i]);
                    h = 31 * h + Double.doubleToLongBits(s.energy()[i]);
                    h = 31 * h + Double.doubleToLongBits(s.stepSize()[i]);
                    h = 31 * h + s.nLeapfrog()[i];
                }
            }
        }
        return h;
    }

    public static void main(String[] args) {
        System.out.println("threads " + EnginePool.threads());
        System.out.println("digest " + digest(run(true, 3)));
    }
}
