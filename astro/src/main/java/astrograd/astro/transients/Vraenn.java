package astrograd.astro.transients;

import astrograd.autodiff.Var;
import astrograd.layers.KerasGru;
import astrograd.layers.Linear;
import astrograd.layers.Module;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;

/**
 * The variational recurrent autoencoder of Villar et al. (2021; villrv/vraenn {@code vraenn.py}), on
 * {@link VraennData}:
 * <pre>
 *   encoder  GRU(H, tanh) → GRU(H, relu) → { GRU(L, linear) → μ,  GRU(L, linear) → ln σ² }   (last states)
 *   latent   z = μ + exp(½ ln σ²) ⊙ ε,  ε ~ N(0, I)   (reparameterised; z = μ in evaluation)
 *   decoder  RepeatVector(T)(z) ⊕ input2 → GRU(H, tanh) → GRU(H, tanh) → TimeDistributed(Dense(F, tanh))
 * </pre>
 * with Keras GRUs whose recurrent activation is hard_sigmoid (Keras 2's by default; see {@link KerasGru}). Losses:
 * <ul>
 *   <li>{@link Loss#PAPER}: the reference's {@code ln(mean (y − ŷ)²) + KL_mean},
 *       {@code KL_mean = −½ mean_j(1 + ln σ²_j − μ_j² − σ²_j)} (averaged, not summed, over the L latent dims);</li>
 *   <li>{@link Loss#ELBO}: the negative evidence lower bound with the photometric errors, per object
 *       {@code Σ_{t,b} ½((y − ŷ)/σ)² + Σ_j KL_j}, averaged over the batch.</li>
 * </ul>
 * Masking: the reference does not mask padded epochs, so its decoder also learns to reproduce the limit after a light
 * curve ends and the padding length enters the loss. Here the reconstruction terms run over real epochs only
 * ({@code mask = 1}) unless {@link Config#maskPadding()} is false (the reference behaviour). The encoder sees the padded
 * epochs in both cases, as in the reference (they carry "the light curve has ended").
 */
public final class Vraenn extends Module {
    /** Training objective. */
    public enum Loss { PAPER, ELBO }

    /** Sizes and options: bands F, hidden units H (reference 100), latent L (reference 10). */
    public record Config(int bands, int hidden, int latent, KerasGru.Gate gate, boolean resetAfter, Loss loss,
                         boolean maskPadding) {
        /** The reference: H = 100, L = 10, Keras 2 hard sigmoid, reset_after = false, paper loss, with masking. */
        public static Config reference(int bands) {
            return new Config(bands, 100, 10, KerasGru.Gate.HARD_SIGMOID_KERAS2, false, Loss.PAPER, true);
        }
    }

    /** Encoder outputs and the reconstruction {@code [B, T, F]}. */
    public record Output(Var mean, Var logVar, Var reconstruction) {
    }

    private final Config config;
    private final KerasGru enc1;
    private final KerasGru enc2;
    private final KerasGru encMean;
    private final KerasGru encLogVar;
    private final KerasGru dec1;
    private final KerasGru dec2;
    private final Linear out;

    public Vraenn(Config c, Rng rng) {
        if (c.bands() < 1 || c.hidden() < 1 || c.latent() < 1) {
            throw new IllegalArgumentException("Vraenn: sizes must be >= 1, got " + c);
        }
        this.config = c;
        DType dt = DType.F32;
        int in = 2 * c.bands() + 1;
        enc1 = module("enc1", new KerasGru(in, c.hidden(), KerasGru.Candidate.TANH, c.gate(), c.resetAfter(), true, dt,
                rng.split()));
        enc2 = module("enc2", new KerasGru(c.hidden(), c.hidden(), KerasGru.Candidate.RELU, c.gate(), c.resetAfter(),
                true, dt, rng.split()));
        encMean = module("mu", new KerasGru(c.hidden(), c.latent(), KerasGru.Candidate.LINEAR, c.gate(),
                c.resetAfter(), false, dt, rng.split()));
        encLogVar = module("log_var", new KerasGru(c.hidden(), c.latent(), KerasGru.Candidate.LINEAR, c.gate(),
                c.resetAfter(), false, dt, rng.split()));
        dec1 = module("dec1", new KerasGru(c.latent() + 2, c.hidden(), KerasGru.Candidate.TANH, c.gate(),
                c.resetAfter(), true, dt, rng.split()));
        dec2 = module("dec2", new KerasGru(c.hidden(), c.hidden(), KerasGru.Candidate.TANH, c.gate(), c.resetAfter(),
                true, dt, rng.split()));
        out = module("out", new Linear(c.hidden(), c.bands(), true, dt, rng.split()));
    }

    public Config config() {
        return config;
    }

    /** Encodes and decodes a batch; {@code noise} null means z = μ (evaluation). */
    public Output forward(VraennData batch, Rng noise) {
        if (batch.bands() != config.bands()) {
            throw new IllegalArgumentException("Vraenn: data has " + batch.bands() + " bands, the model "
                    + config.bands());
        }
        Var x = Var.constant(batch.input());
        Var h = enc2.forward(enc1.forward(x));
        Var mean = encMean.forward(h);
        Var logVar = encLogVar.forward(h);
        Var z = mean;
        if (noise != null) {
            Tensor eps = noise.randn(DType.F32, mean.value().shape());
            z = mean.add(logVar.mul(0.5).exp().mul(Var.constant(eps)));
        }
        int b = batch.size();
        int t = batch.steps();
        Var repeated = z.unsqueeze(1).expand(b, t, config.latent());
        Var dec = Var.cat(2, repeated, Var.constant(batch.input2()));
        Var hd = dec2.forward(dec1.forward(dec));
        Var y = hd.reshape(b * t, config.hidden()).linear(out.weight().var(), out.bias().var()).tanh()
                .reshape(b, t, config.bands());
        return new Output(mean, logVar, y);
    }

    /** The configured loss of a batch and its output. */
    public Var loss(VraennData batch, Output o) {
        Var diff = o.reconstruction().sub(Var.constant(batch.target()));
        Tensor m = config.maskPadding() ? batch.mask() : onesLike(batch.mask());
        Var mask = Var.constant(m.unsqueeze(2));
        double count = m.sum().item() * config.bands();
        Var kl = o.logVar().add(1).sub(o.mean().square()).sub(o.logVar().exp()).mul(-0.5);
        if (config.loss() == Loss.PAPER) {
            Var mse = diff.square().mul(mask).sum().div(count);
            return mse.log().add(kl.mean());
        }
        Var z = diff.div(Var.constant(batch.targetSigma()));
        Var nll = z.square().mul(mask).sum().mul(0.5);
        return nll.add(kl.sum()).div(batch.size());
    }

    /** Latent means and standard deviations {@code exp(½ ln σ²)} of every object: {@code [0]} μ, {@code [1]} σ. */
    public double[][][] encode(VraennData data, int batchSize) {
        int n = data.size();
        double[][] mu = new double[n][];
        double[][] sd = new double[n][];
        for (int s = 0; s < n; s += batchSize) {
            int[] idx = java.util.stream.IntStream.range(s, Math.min(n, s + batchSize)).toArray();
            VraennData batch = data.rows(idx);
            Var x = Var.constant(batch.input());
            Var h = enc2.forward(enc1.forward(x));
            double[] m = encMean.forward(h).value().toDoubleArray();
            double[] lv = encLogVar.forward(h).value().toDoubleArray();
            int l = config.latent();
            for (int i = 0; i < idx.length; i++) {
                mu[s + i] = java.util.Arrays.copyOfRange(m, i * l, (i + 1) * l);
                sd[s + i] = new double[l];
                for (int j = 0; j < l; j++) {
                    sd[s + i][j] = Math.exp(0.5 * lv[i * l + j]);
                }
            }
        }
        return new double[][][] {mu, sd};
    }

    private static Tensor onesLike(Tensor t) {
        return Tensor.full(t.dtype(), 1.0, t.shape());
    }
}
