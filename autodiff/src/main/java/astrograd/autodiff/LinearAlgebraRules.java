package astrograd.autodiff;

import astrograd.tensor.Tensor;

/** Matrix products and the batched triangular algebra of {@link astrograd.tensor.Linalg}. */
final class LinearAlgebraRules {
    private LinearAlgebraRules() {
    }

    /**
     * {@code z = a b}: {@code (g bᵀ, aᵀ g)}, summed back over broadcast batch axes by the walker. 1-d
     * operands are made 2-d by reshape first (so they need no rule of their own).
     */
    static Var matmul(Var a, Var b) {
        if (a.value().rank() == 1) {
            return matmul(a.unsqueeze(0), b).squeeze(-2);
        }
        if (b.value().rank() == 1) {
            return matmul(a, b.unsqueeze(1)).squeeze(-1);
        }
        Tensor x = a.value();
        Tensor y = b.value();
        return Var.make("matmul", x.matmul(y),
                (g, i) -> i == 0 ? g.matmul(y.transpose(-1, -2)) : x.transpose(-1, -2).matmul(g), a, b);
    }
}
