package astrograd.tensor.cpu;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.RandomKind;

/** Philox fills on the CPU (helper-owned). */
final class CpuRandom {
    private CpuRandom() {
    }

    static Tensor random(RandomKind kind, DType dtype, int[] shape, long key, long counter) {
        throw new UnsupportedOperationException("random: not yet implemented on cpu");
    }
}
