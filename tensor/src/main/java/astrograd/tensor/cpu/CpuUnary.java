package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;

final class CpuUnary {
    private CpuUnary() {
    }

    static Tensor apply(astrograd.tensor.ops.UnaryOp op, Tensor x) {
        throw new UnsupportedOperationException();
    }
}
