package astrograd.autodiff;

import astrograd.tensor.Conv;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;

/**
 * The convolution family's vector-Jacobian products, written with the tensor library's own primitives.
 * For {@code y = conv2d(x, w) + b} with groups G: {@code x̄ = convTranspose2d(ȳ, w)} (output padding
 * chosen to restore x's size), {@code w̄_g = Σ_n ȳ_g · unfold(x)_gᵀ} per group
 * ({@link Conv#conv2dWeightGrad}), {@code b̄ = Σ_{n,h,w} ȳ}. The transposed convolution swaps the two roles;
 * unfold and fold are each other's adjoint; max pooling scatters ȳ to the recorded argmax positions; average
 * pooling spreads ȳ over each window with the weight its divisor gave each element.
 */
final class ConvRules {
    private ConvRules() {
    }

    static Var conv2d(Var x, Var w, Var bias, ConvSpec spec) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Tensor y = Conv.conv2d(xv, wv, bias == null ? null : bias.value(), spec);
        Vjp vjp = (g, i) -> convolutionGradient(xv, wv, spec, g, i);
        return bias == null ? Var.make("conv2d", y, vjp, x, w) : Var.make("conv2d", y, vjp, x, w, bias);
    }

    /** The gradient of {@code conv2d(x, w) + b} for input i (x, w, then b) from the upstream {@code g}. */
    private static Tensor convolutionGradient(Tensor xv, Tensor wv, ConvSpec spec, Tensor g, int i) {
        switch (i) {
            case 0: return Conv.convTranspose2d(g, wv, null, restoring(spec, xv, wv, g));
            case 1: return Conv.conv2dWeightGrad(xv, g, wv.size(2), wv.size(3), spec);
            default: return g.sum(new int[] {0, 2, 3}, false);
        }
    }

    /**
     * {@code y = relu(conv2d(x, w) + b)} as one node: {@code ȳ} is masked where {@code y > 0} (the same set as
     * the pre-activation's, NaN included in neither), once per backward pass, then the rows of {@link #conv2d}.
     */
    static Var conv2dRelu(Var x, Var w, Var bias, ConvSpec spec) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Tensor y = Conv.conv2dRelu(xv, wv, bias == null ? null : bias.value(), spec);
        JointVjp vjp = (g, needed) -> {
            Tensor masked = Tensor.where(y.gt(0), g, Tensor.scalar(0, g.dtype()).to(g.device()));
            Tensor[] grads = new Tensor[needed.length];
            for (int i = 0; i < needed.length; i++) {
                grads[i] = needed[i] ? convolutionGradient(xv, wv, spec, masked, i) : null;
            }
            return grads;
        };
        return bias == null ? Var.make("conv2dRelu", y, vjp, x, w) : Var.make("conv2dRelu", y, vjp, x, w, bias);
    }

    /**
     * {@code y = convTranspose2d(x, w) + b} is the adjoint of a convolution: {@code x̄ = conv2d(ȳ, w)},
     * {@code w̄ = conv2dWeightGrad(ȳ, x)} under the {@link #adjoint} geometry, {@code b̄ = Σ_{n,h,w} ȳ}.
     */
    static Var convTranspose2d(Var x, Var w, Var bias, ConvSpec spec) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Tensor y = Conv.convTranspose2d(xv, wv, bias == null ? null : bias.value(), spec);
        Adjoint adjoint = adjoint(spec);
        Vjp vjp = (g, i) -> {
            switch (i) {
                case 0: return Conv.conv2d(adjoint.read(g), wv, null, adjoint.spec());
                case 1: return Conv.conv2dWeightGrad(adjoint.read(g), xv, wv.size(2), wv.size(3), adjoint.spec());
                default: return g.sum(new int[] {0, 2, 3}, false);
            }
        };
        return bias == null ? Var.make("convTranspose2d", y, vjp, x, w)
                : Var.make("convTranspose2d", y, vjp, x, w, bias);
    }

    /**
     * The convolution a transposed one is the adjoint of, and the trailing rows and columns of ȳ it leaves
     * unread ({@code cropH}, {@code cropW}).
     */
    private record Adjoint(ConvSpec spec, int cropH, int cropW) {
        Tensor read(Tensor g) {
            Tensor r = cropH == 0 ? g : g.narrow(2, 0, g.size(2) - cropH);
            return cropW == 0 ? r : r.narrow(3, 0, r.size(3) - cropW);
        }
    }

    /**
     * Along an axis with stride s, padding (pa before, pb after) and output padding op, the transposed output
     * is {@code (in-1)s - pa - pb + d(k-1) + op + 1} long, and the convolution of it with the same geometry
     * has {@code in + floor(op / s)} positions: the floor absorbs op only while {@code op < s}. PyTorch allows
     * {@code op < max(s, d)}, so the excess {@code e = op - (s - 1)}, where positive, is taken off the
     * after-padding first and then off the end of ȳ: the rows cropped lie past
     * {@code (in-1)s - pa + d(k-1)}, the last one any input position writes, so the convolution reads all
     * the others and has exactly {@code in} positions.
     */
    private static Adjoint adjoint(ConvSpec s) {
        int excessH = Math.max(0, s.outputPadH() - s.strideH() + 1);
        int excessW = Math.max(0, s.outputPadW() - s.strideW() + 1);
        int padH = Math.min(s.padBottom(), excessH);
        int padW = Math.min(s.padRight(), excessW);
        ConvSpec forward = new ConvSpec(s.strideH(), s.strideW(), s.padTop(), s.padBottom() - padH, s.padLeft(),
                s.padRight() - padW, s.dilationH(), s.dilationW(), s.groups(), 0, 0);
        return new Adjoint(forward, excessH - padH, excessW - padW);
    }

    /** The transposed spec whose output has exactly x's spatial size for upstream g. */
    private static ConvSpec restoring(ConvSpec s, Tensor x, Tensor w, Tensor g) {
        int extraH = x.size(2) - s.transposedOutH(g.size(2), w.size(2));
        int extraW = x.size(3) - s.transposedOutW(g.size(3), w.size(3));
        return new ConvSpec(s.strideH(), s.strideW(), s.padTop(), s.padBottom(), s.padLeft(), s.padRight(),
                s.dilationH(), s.dilationW(), s.groups(), extraH, extraW);
    }

    static Var unfold(Var x, int kh, int kw, ConvSpec spec) {
        Tensor xv = x.value();
        int h = xv.size(2);
        int w = xv.size(3);
        return Var.make("unfold", Conv.unfold(xv, kh, kw, spec), (g, i) -> Conv.fold(g, h, w, kh, kw, spec), x);
    }

    static Var fold(Var cols, int outH, int outW, int kh, int kw, ConvSpec spec) {
        return Var.make("fold", Conv.fold(cols.value(), outH, outW, kh, kw, spec),
                (g, i) -> Conv.unfold(g, kh, kw, spec), cols);
    }

    /** Max pooling: the gradient goes to the recorded argmax of each window (summed where windows share one). */
    static VarConv.Pooled maxPool2d(Var x, PoolSpec spec) {
        Tensor xv = x.value();
        Conv.PoolResult r = Conv.maxPool2d(xv, spec);
        int n = xv.size(0);
        int c = xv.size(1);
        int plane = xv.size(2) * xv.size(3);
        Tensor idx = r.indices().reshape(n, c, -1);
        Var values = Var.make("maxPool2d", r.values(), (g, i) -> Tensor.zeros(g.dtype(), n, c, plane).to(g.device())
                .scatterAdd(2, idx, g.reshape(n, c, -1)).reshape(xv.shape()), x);
        return new VarConv.Pooled(values, r.indices());
    }

    /**
     * Average pooling is linear: {@code x̄ = fold(ȳ · (p / m))} where m counts the input elements in each
     * window (unfold of ones) and p is the pool of ones, so {@code p / m} is exactly 1/divisor under any
     * divisor rule. Ceil mode is matched by extra bottom/right padding of the unfold.
     */
    static Var avgPool2d(Var x, PoolSpec spec) {
        Tensor xv = x.value();
        Tensor y = Conv.avgPool2d(xv, spec);
        int h = xv.size(2);
        int w = xv.size(3);
        int oh = y.size(2);
        int ow = y.size(3);
        ConvSpec windows = new ConvSpec(spec.strideH(), spec.strideW(), spec.padH(),
                Math.max(spec.padH(), (oh - 1) * spec.strideH() + spec.kernelH() - h - spec.padH()),
                spec.padW(), Math.max(spec.padW(), (ow - 1) * spec.strideW() + spec.kernelW() - w - spec.padW()),
                1, 1, 1, 0, 0);
        return Var.make("avgPool2d", y, (g, i) -> {
            Tensor ones = Tensor.ones(g.dtype(), 1, 1, h, w).to(g.device());
            Tensor perWindow = Conv.unfold(ones, spec.kernelH(), spec.kernelW(), windows)
                    .sum(new int[] {1}, false).reshape(oh, ow);
            Tensor weight = Conv.avgPool2d(ones, spec).reshape(oh, ow).div(perWindow.maximum(1));
            Tensor spread = g.mul(weight).reshape(g.size(0), g.size(1), 1, oh * ow);
            Tensor cols = spread.expand(g.size(0), g.size(1), spec.kernelH() * spec.kernelW(), oh * ow)
                    .reshape(g.size(0), g.size(1) * spec.kernelH() * spec.kernelW(), oh * ow);
            return foldCropped(cols, h, w, oh, ow, spec, windows);
        }, x);
    }

    private static Tensor foldCropped(Tensor cols, int h, int w, int oh, int ow, PoolSpec spec, ConvSpec windows) {
        int fullH = windows.outH(h, spec.kernelH());
        int fullW = windows.outW(w, spec.kernelW());
        if (fullH != oh || fullW != ow) {
            throw new IllegalStateException("avgPool2d: window grid " + fullH + "x" + fullW + " != output " + oh + "x" + ow);
        }
        return Conv.fold(cols, h, w, spec.kernelH(), spec.kernelW(), windows);
    }

}
