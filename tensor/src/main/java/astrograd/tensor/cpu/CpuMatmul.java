package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;

/** Batched matrix products on the CPU (helper-owned: GEMM). */
final class CpuMatmul {
    private CpuMatmul() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        throw new UnsupportedOperationException("matmul: not yet implemented on cpu");
    }
}
