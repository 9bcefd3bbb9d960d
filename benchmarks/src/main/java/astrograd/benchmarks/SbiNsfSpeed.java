package astrograd.benchmarks;

import astrograd.inference.sbi.Posterior;
import astrograd.inference.sbi.Snpe;
import astrograd.inference.sbi.SnpeConfig;
import astrograd.inference.sbi.tasks.TwoMoons;
import astrograd.tensor.Rng;
import java.util.Locale;

/**
 * The astrograd side of {@code benchmarks/compare-sbi}: NPE with sbi's default neural spline flow on N two_moons
 * simulations, trained for exactly E epochs (batch 200, Adam 5e-4, clip 5, validation loss every epoch; the patience
 * equals E so early stopping never ends the run first), then S posterior draws at observation 1. The PyTorch side,
 * {@code benchmarks/sbi_nsf_torch.py}, builds the same network by hand. Prints one JSON line.
 *
 * <p>Usage: {@code SbiNsfSpeed N E S}
 */
public final class SbiNsfSpeed {
    private SbiNsfSpeed() {
    }

    /** CPU seconds of the whole process (all threads, JIT and GC included). */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() * 1e-9;
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int samples = Integer.parseInt(args[2]);
        TwoMoons task = new TwoMoons();
        SnpeConfig base = SnpeConfig.defaults(SnpeConfig.Method.NPE, SnpeConfig.Estimator.NSF, n);
        SnpeConfig cfg = base.withTraining(base.batchSize(), base.learningRate(), epochs, epochs);
        long t0 = System.nanoTime();
        double c0 = cpuSeconds();
        Snpe.Result r = Snpe.run(cfg, task.prior(), task.simulator(), null);
        double train = (System.nanoTime() - t0) * 1e-9;
        double trainCpu = cpuSeconds() - c0;
        Posterior p = r.posterior();
        long t1 = System.nanoTime();
        double c1 = cpuSeconds();
        Posterior.Samples s = p.sample(samples, task.observation(1).x(), new Rng(1));
        double sample = (System.nanoTime() - t1) * 1e-9;
        double sampleCpu = cpuSeconds() - c1;
        System.out.printf(Locale.ROOT, "{\"side\": \"astrograd\", \"threads\": %s, \"simulate_and_train_s\": %.3f,"
                + " \"train_cpu_s\": %.3f, \"epochs\": %d, \"sample_s\": %.3f, \"sample_cpu_s\": %.3f,"
                + " \"final_val_loss\": %.4f, \"inside\": %.4f}%n",
                System.getProperty("astrograd.threads", "all"), train, trainCpu, r.rounds().get(0).epochs(), sample,
                sampleCpu,
                r.rounds().get(0).bestValidationLoss(), s.acceptanceRate());
    }
}
