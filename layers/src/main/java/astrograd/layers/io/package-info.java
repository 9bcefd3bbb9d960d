/**
 * Checkpoints and weight files: {@link astrograd.layers.io.Safetensors} reads and writes Hugging Face's
 * safetensors format (strictly validated, written atomically), {@link astrograd.layers.io.StateDict} maps a
 * {@link astrograd.layers.Module} to and from PyTorch-style {@code state_dict} keys, and
 * {@link astrograd.layers.io.Checkpoint} adds the optimizer state, the model configuration, the epoch and
 * the training {@link astrograd.tensor.Rng} so that a run resumes exactly. {@link astrograd.layers.io.Json}
 * is the small strict JSON reader/writer the header needs.
 *
 * <p>Interop with PyTorch is tested both ways by {@code layers/src/test/python/checkpoint_fixtures.py}.
 */
package astrograd.layers.io;
