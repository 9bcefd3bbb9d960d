package astrograd.astro.retrieval;

import astrograd.tensor.Rng;
import astrograd.tensor.cpu.EnginePool;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Forward-model simulations {@code (θᵢ, yᵢ = f(θᵢ))} with {@code θᵢ} drawn from a {@link PriorBox}: the emulator's
 * training, validation and test data. The parameters come from one seeded stream in order; the simulations run in
 * parallel on the engine pool ({@code -Dastrograd.threads}), each row on its own, so the result does not depend
 * on the thread count.
 *
 * @param theta  {@code [n][D]}
 * @param output {@code [n][B]}
 */
public record Simulations(double[][] theta, double[][] output) {
    /** {@code n} simulations of {@code forward} at draws from {@code prior} with {@code seed}. */
    public static Simulations draw(PriorBox prior, Function<double[], double[]> forward, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("simulations: need n >= 1, got " + n);
        }
        double[][] theta = prior.sample(new Rng(seed), n);
        double[][] out = new double[n][];
        EnginePool.parallelFor(n, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = forward.apply(theta[i]);
            }
        });
        return new Simulations(theta, out);
    }

    public int size() {
        return theta.length;
    }

    /** Rows {@code [from, to)}. */
    public Simulations rows(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("simulations: rows [" + from + ", " + to + ") of " + size());
        }
        return new Simulations(Arrays.copyOfRange(theta, from, to), Arrays.copyOfRange(output, from, to));
    }
}
