/**
 * Losses written from {@link astrograd.autodiff.Var} ops with PyTorch's semantics unless stated:
 * {@link astrograd.layers.losses.Losses} (MSE, L1, Huber, binary cross-entropy from probabilities or logits,
 * cross-entropy with class weights and label smoothing), {@link astrograd.layers.losses.GaussianLosses} (Gaussian
 * negative log-likelihoods) and {@link astrograd.layers.losses.Mmd} (maximum mean discrepancy). Every loss validates
 * its shapes and takes a {@link astrograd.layers.losses.Reduction}.
 */
package astrograd.layers.losses;
