package astrograd.autodiff;

import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Linalg;
import astrograd.tensor.Tensor;

/** Matrix products, the linear layer's product and the batched triangular algebra of {@link Linalg}. */
final class LinearAlgebraRules {
    private LinearAlgebraRules() {
    }

    /**
     * {@code z = a b}: {@code (g bᵀ, aᵀ g)}, summed back over broadcast batch axes by the walker. 1-d
     * operands are made 2-d by reshape first (so they need no rule of their own).
     */
    static Var matmul(Var a, Var b) {
        if (a.value().rank() == 1 && b.value().rank() == 1) {
            return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        }
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

    /**
     * {@code y = x Wᵀ + b} (PyTorch's {@code F.linear}) for x {@code [..., in]}, W {@code [out, in]}, b
     * {@code [out]} or null: {@code x̄ = ȳ W}, {@code W̄ = ȳ₂ᵀ x₂} and {@code b̄ = Σ_rows ȳ₂}, where {@code ȳ₂},
     * {@code x₂} are ȳ and x with their leading axes flattened into rows. One graph node instead of a transpose,
     * a product and a broadcast add, and W̄ comes out contiguous in W's own layout (the product of a transposed
     * view would give a transposed gradient that every optimizer step copies).
     */
    static Var linear(Var x, Var w, Var b) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Tensor y = Linalg.linear(xv, wv, b == null ? null : b.value());
        int in = wv.size(1);
        int out = wv.size(0);
        Vjp vjp = (g, i) -> {
            if (i == 0) {
                return g.matmul(wv);
            }
            Tensor rows = g.reshape(-1, out);
            return i == 1 ? rows.transpose(0, 1).matmul(xv.reshape(-1, in)) : rows.sum(0);
        };
        return b == null ? Var.make("linear", y, vjp, x, w) : Var.make("linear", y, vjp, x, w, b);
    }

    /**
     * {@code L = chol(A)}: {@code Ā = sym(L⁻ᵀ Φ(Lᵀ L̄) L⁻¹)} where Φ keeps the lower triangle with the
     * diagonal halved and {@code sym(X) = (X + Xᵀ)/2} (as PyTorch).
     */
    static Var cholesky(Var a) {
        Tensor l = Linalg.cholesky(a.value());
        return Var.make("cholesky", l, (g, i) -> {
            int n = l.size(-1);
            Tensor phi = lowerMask(n, l.device()).to(g.dtype()).sub(Tensor.eye(n, g.dtype()).to(g.device()).mul(0.5));
            Tensor p = l.transpose(-1, -2).matmul(g).mul(phi);
            Tensor s = Linalg.triangularSolve(l, p, true, true);
            Tensor abar = Linalg.triangularSolve(l, s.transpose(-1, -2), true, true).transpose(-1, -2);
            return abar.add(abar.transpose(-1, -2)).mul(0.5);
        }, a);
    }

    /**
     * {@code X = op(A)⁻¹ B}: {@code B̄ = op(A)⁻ᵀ X̄}; {@code Ā = -B̄ Xᵀ} (or {@code -X B̄ᵀ} when op is the
     * transpose), restricted to the triangle of A that is read.
     */
    static Var triangularSolve(Var a, Var b, boolean lower, boolean transposeA) {
        Tensor av = a.value();
        Tensor x = Linalg.triangularSolve(av, b.value(), lower, transposeA);
        return Var.make("triangularSolve", x, (g, i) -> {
            Tensor bbar = Linalg.triangularSolve(av, g, lower, !transposeA);
            if (i == 1) {
                return bbar;
            }
            Tensor abar = transposeA ? x.matmul(bbar.transpose(-1, -2)) : bbar.matmul(x.transpose(-1, -2));
            Tensor mask = lowerMask(av.size(-1), av.device());
            return abar.neg().maskedFill((lower ? mask.not() : mask.transpose(0, 1).not()), 0);
        }, a, b);
    }

    /** {@code 2 Σ log diag(L)}: gradient {@code 2 g / L_ii} on the diagonal. */
    static Var logdetFromCholesky(Var l) {
        Tensor lv = l.value();
        return Var.make("logdetFromCholesky", Linalg.logdetFromCholesky(lv), (g, i) -> {
            Tensor eye = Tensor.eye(lv.size(-1), DType.BOOL).to(lv.device());
            Tensor scaled = g.unsqueeze(-1).unsqueeze(-1).mul(2).div(lv);
            return Tensor.where(eye, scaled, Tensor.scalar(0, g.dtype()).to(g.device()));
        }, l);
    }

    /** {@code A⁻¹ B} from the Cholesky factor, as the composite {@code Lᵀ \ (L \ B)}. */
    static Var choleskySolve(Var l, Var b) {
        return triangularSolve(l, triangularSolve(l, b, true, false), true, true);
    }

    /** BOOL {@code [n, n]} true on and below the diagonal. */
    private static Tensor lowerMask(int n, Device device) {
        Tensor rows = Tensor.arange(n).unsqueeze(1);
        Tensor cols = Tensor.arange(n).unsqueeze(0);
        return rows.ge(cols).to(device);
    }
}
