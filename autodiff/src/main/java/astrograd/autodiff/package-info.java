/**
 * Reverse-mode automatic differentiation over astrograd tensors.
 *
 * <p>{@link astrograd.autodiff.Var} wraps a {@link astrograd.tensor.Tensor} and records the op that made
 * it; {@link astrograd.autodiff.Var#backward()} walks the graph in reverse topological order (iteratively),
 * sums gradients of broadcast inputs back to their shapes in one place, accumulates with {@code +=}, and
 * frees the graph. The vector-Jacobian products live in the {@code *Rules} classes, one entry per
 * primitive, written with tensor ops so they run on any backend; composites (mean, var, stack, split,
 * non-constant pads, choleskySolve, 1-d convolutions) are built from primitives and have no rule of their
 * own. {@link astrograd.autodiff.CustomOp} lets a layer bring its own forward and backward;
 * {@link astrograd.autodiff.GradCheck} checks gradients against float64 finite differences.
 */
package astrograd.autodiff;
