package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;

final class CpuIndexing {
    private CpuIndexing() {
    }

    static Tensor gather(Tensor x, int axis, Tensor index) {
        throw new UnsupportedOperationException();
    }

    static Tensor scatterAdd(Tensor b, int axis, Tensor index, Tensor src) {
        throw new UnsupportedOperationException();
    }

    static Tensor indexSelect(Tensor x, int axis, Tensor index) {
        throw new UnsupportedOperationException();
    }
}
