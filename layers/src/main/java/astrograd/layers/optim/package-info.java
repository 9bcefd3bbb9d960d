/**
 * Optimizers ({@link astrograd.layers.optim.Sgd}, {@link astrograd.layers.optim.Adam},
 * {@link astrograd.layers.optim.AdamW}, {@link astrograd.layers.optim.RmsProp}) with PyTorch's update formulas
 * and state exposed as named tensors for checkpoints; learning-rate schedules (step, exponential, cosine,
 * one-cycle, reduce-on-plateau) with PyTorch's sequences; gradient clipping by global norm and by value.
 * Proofs: {@code OptimizerTorchTest} and {@code ScheduleAndClipTorchTest} against fixtures from
 * {@code layers/src/test/python/optim_fixtures.py}.
 */
package astrograd.layers.optim;
