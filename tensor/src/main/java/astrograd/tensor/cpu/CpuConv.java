package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;

/** Convolution family on the CPU (helper-owned). */
final class CpuConv {
    private CpuConv() {
    }

    static Tensor conv2d(Tensor x, Tensor w, ConvSpec spec) {
        throw new UnsupportedOperationException("conv2d: not yet implemented on cpu");
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, ConvSpec spec) {
        throw new UnsupportedOperationException("convTranspose2d: not yet implemented on cpu");
    }

    static Tensor[] maxPool2d(Tensor x, PoolSpec spec) {
        throw new UnsupportedOperationException("maxPool2d: not yet implemented on cpu");
    }

    static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        throw new UnsupportedOperationException("avgPool2d: not yet implemented on cpu");
    }

    static Tensor unfold(Tensor x, int kh, int kw, ConvSpec spec) {
        throw new UnsupportedOperationException("unfold: not yet implemented on cpu");
    }

    static Tensor fold(Tensor cols, int h, int w, int kh, int kw, ConvSpec spec) {
        throw new UnsupportedOperationException("fold: not yet implemented on cpu");
    }
}
