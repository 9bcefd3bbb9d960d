package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;

/** Batched Cholesky and triangular solves on the CPU (helper-owned). */
final class CpuLinalg {
    private CpuLinalg() {
    }

    static Tensor cholesky(Tensor a) {
        throw new UnsupportedOperationException("cholesky: not yet implemented on cpu");
    }

    static Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA) {
        throw new UnsupportedOperationException("triangularSolve: not yet implemented on cpu");
    }
}
