package astrograd.inference.demc;

import astrograd.autodiff.Var;
import astrograd.inference.ensemble.Initializer;
import astrograd.inference.model.Model;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.EnginePool;

/**
 * A small DEMC run whose log-density reduces over 20 000 data points (so the engine pool cuts it into blocks):
 * mean and log-sd of a normal sample. {@link #main} prints the engine's thread count and a fingerprint of the draws,
 * for the test that runs it in JVMs with other thread counts.
 */
public final class DemcProbe {
    private DemcProbe() {
    }

    static Model model() {
        Tensor y = new Rng(5).normal(DType.F64, 1.5, 2.0, 1, 20_000);
        Var data = Var.constant(y);
        return Model.of(theta -> {
            int w = theta.value().size(0);
            Var mu = theta.select(1, 0).reshape(w, 1);
            Var logSd = theta.select(1, 1);
            Var z = data.sub(mu).div(logSd.exp().reshape(w, 1));
            return z.square().sum(new int[] {1}, false).mul(-0.5).sub(logSd.mul(20_000));
        }, "mu", "log_sd");
    }

    /** Draws of 6 chains over 150 generations, flattened, then the last states. */
    static double[] run() {
        DemcSampler s = DemcSampler.builder(model()).chains(6).build();
        DemcResult r = s.run(Initializer.ball(new double[] {1.5, 0.7}, new double[] {0.1, 0.1}), 150, new Rng(8));
        double[] draws = r.draws(0).values();
        double[] last = r.lastPositions().toDoubleArray();
        double[] out = java.util.Arrays.copyOf(draws, draws.length + last.length);
        System.arraycopy(last, 0, out, draws.length, last.length);
        return out;
    }

    /** A fingerprint of every bit of the draws. */
    static long fingerprint(double[] v) {
        long h = 1125899906842597L;
        for (double x : v) {
            h = 31 * h + Double.doubleToRawLongBits(x);
        }
        return h;
    }

    public static void main(String[] args) {
        System.out.println("threads " + EnginePool.threads() + " fingerprint " + fingerprint(run()));
    }
}
