package astrograd.tensor;

import astrograd.tensor.cpu.CpuConv;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;

/**
 * Convolutions, transposed convolutions, pooling and im2col/col2im over channel-first tensors
 * ({@code [N, C, L]} in 1-d, {@code [N, C, H, W]} in 2-d), F32 and F64. Convolutions are
 * cross-correlations, as in PyTorch: {@code out[n, o, y, x] = bias[o] + sum_{c, i, j}
 * w[o, c, i, j] * in[n, g*C/groups + c, y*sh - padTop + i*dh, x*sw - padLeft + j*dw]} with zero padding,
 * where g is the group of output channel o. Arguments are not modified; results are new tensors.
 *
 * <p>Output size along an axis of a convolution with input length {@code in}, kernel {@code k}, stride
 * {@code s}, dilation {@code d} and padding {@code before + after}:
 * {@code out = floor((in + before + after - d*(k-1) - 1) / s) + 1}. Of a transposed convolution:
 * {@code out = (in-1)*s - before - after + d*(k-1) + outputPadding + 1}. 1-d ops run as 2-d ops with H = 1.
 *
 * <p>Every method throws {@link ShapeException} naming the op and the shapes when ranks, channel counts, groups or
 * sizes do not fit, and {@link DTypeException} when the operands are not all F32 or all F64.
 */
public final class Conv {
    private Conv() {
    }

    /**
     * Padding of one spatial axis: explicit amounts, or a rule resolved from the input length, kernel,
     * stride and dilation.
     */
    public static final class Padding {
        private enum Kind { EXPLICIT, VALID, SAME, SAME_TF }

        /** No padding. */
        public static final Padding VALID = new Padding(Kind.VALID, 0, 0);
        /**
         * PyTorch's {@code padding='same'} (stride 1 only): {@code total = d*(k-1)}, {@code before = total/2},
         * {@code after = total - before}, so the output has the input's length.
         */
        public static final Padding SAME = new Padding(Kind.SAME, 0, 0);
        /**
         * TensorFlow's {@code 'SAME'} (any stride): {@code out = ceil(in/s)},
         * {@code total = max((out-1)*s + d*(k-1) + 1 - in, 0)}, {@code before = total/2}, the extra one after.
         */
        public static final Padding SAME_TF = new Padding(Kind.SAME_TF, 0, 0);

        private final Kind kind;
        private final int before;
        private final int after;

        private Padding(Kind kind, int before, int after) {
            this.kind = kind;
            this.before = before;
            this.after = after;
        }

        /** {@code amount} zeros on both sides. */
        public static Padding of(int amount) {
            return of(amount, amount);
        }

        /** {@code before} zeros at the start of the axis and {@code after} at its end. */
        public static Padding of(int before, int after) {
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException("Padding: amounts must be >= 0, got (" + before + ", " + after + ")");
            }
            return new Padding(Kind.EXPLICIT, before, after);
        }

        /** The amounts {@code {before, after}} for an axis of length {@code in}. */
        public int[] resolve(String op, int in, int k, int stride, int dilation) {
            switch (kind) {
                case EXPLICIT:
                    return new int[] {before, after};
                case VALID:
                    return new int[] {0, 0};
                case SAME: {
                    if (stride != 1) {
                        throw new IllegalArgumentException(op + ": padding SAME (PyTorch's 'same') needs stride 1, got "
                                + stride + "; use Padding.SAME_TF for strided 'same' padding");
                    }
                    int total = dilation * (k - 1);
                    return new int[] {total / 2, total - total / 2};
                }
                default: {
                    int out = (in + stride - 1) / stride;
                    int total = Math.max((out - 1) * stride + dilation * (k - 1) + 1 - in, 0);
                    return new int[] {total / 2, total - total / 2};
                }
            }
        }

        @Override
        public String toString() {
            return kind == Kind.EXPLICIT ? "Padding(" + before + ", " + after + ")" : kind.name();
        }
    }

    /** Max-pooling values and the I64 flat index {@code ih*W + iw} of each maximum within its input plane. */
    public record PoolResult(Tensor values, Tensor indices) {
    }

    // ---------------------------------------------------------------- 1-d convolution

    /**
     * 1-d convolution: x {@code [N, C, L]}, w {@code [O, C/groups, k]}, bias {@code [O]} or null;
     * result {@code [N, O, floor((L + padLeft + padRight - dilation*(k-1) - 1) / stride) + 1]}.
     */
    public static Tensor conv1d(Tensor x, Tensor w, Tensor bias, int stride, int padLeft, int padRight,
                                int dilation, int groups) {
        String op = "conv1d";
        checkConvOperands(op, x, w, bias, 3, groups, false);
        ConvSpec spec = new ConvSpec(1, stride, 0, 0, padLeft, padRight, 1, dilation, groups, 0, 0);
        checkWindow(op, x, "L", x.size(2), padLeft, padRight, w.size(2), dilation);
        return forward(x.unsqueeze(2), w.unsqueeze(2), bias, spec).squeeze(2);
    }

    /** 1-d convolution with a padding rule ({@link Padding#SAME}, {@link Padding#VALID}...). */
    public static Tensor conv1d(Tensor x, Tensor w, Tensor bias, int stride, Padding padding, int dilation, int groups) {
        checkConvOperands("conv1d", x, w, bias, 3, groups, false);
        int[] p = padding.resolve("conv1d", x.size(2), w.size(2), stride, dilation);
        return conv1d(x, w, bias, stride, p[0], p[1], dilation, groups);
    }

    // ---------------------------------------------------------------- 2-d convolution

    /**
     * 2-d convolution: x {@code [N, C, H, W]}, w {@code [O, C/groups, kh, kw]}, bias {@code [O]} or null;
     * result {@code [N, O, spec.outH(H, kh), spec.outW(W, kw)]}. The spec's output padding must be 0.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        checkConv2d("conv2d", x, w, bias, spec);
        return forward(x, w, bias, spec);
    }

    /**
     * {@code relu(conv2d(x, w, bias, spec))} in one pass over the output: the CPU applies the ReLU to each block
     * of outputs as it is computed, so the pre-activation is never written and read back. Bit for bit the same
     * as the two ops (NaN kept, as {@link Tensor#relu}); arguments and errors as {@link #conv2d}.
     */
    public static Tensor conv2dRelu(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        checkConv2d("conv2dRelu", x, w, bias, spec);
        if (x.device().equals(Device.cpu())) {
            return CpuConv.conv2d(x, w, bias, spec, true);
        }
        return forward(x, w, bias, spec).relu();
    }

    /**
     * {@code maxPool2d(relu(conv2d(x, w, bias, spec)), pool)} values, in one pass for inference: on the CPU an F32
     * convolution whose pool windows are one row high (the 1-d pools of sequence models) pools each block of
     * outputs while it is in cache, so the convolution's output is never written to memory; other cases run the
     * ops in turn. Bit for bit the same as the three ops. There are no indices: a backward pass needs the separate
     * ops ({@code VarConv.conv2dReluMaxPool} picks them when a gradient is recorded). Result
     * {@code [N, O, pool.outH(outH), pool.outW(outW)]}; arguments and errors as {@link #conv2d} and
     * {@link #maxPool2d(Tensor, PoolSpec)}.
     */
    public static Tensor conv2dReluMaxPool(Tensor x, Tensor w, Tensor bias, ConvSpec spec, PoolSpec pool) {
        checkConv2d("conv2dReluMaxPool", x, w, bias, spec);
        int[] convOut = {x.size(0), w.size(0), spec.outH(x.size(2), w.size(2)), spec.outW(x.size(3), w.size(3))};
        checkPoolOutput("conv2dReluMaxPool", "convolution output", convOut, pool, convOut[2], convOut[3]);
        if (x.device().equals(Device.cpu())) {
            return CpuConv.conv2dReluMaxPool(x, w, bias, spec, pool);
        }
        return maxPool2dValues(forward(x, w, bias, spec).relu(), pool);
    }

    private static void checkConv2d(String op, Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        checkConvOperands(op, x, w, bias, 4, spec.groups(), false);
        if (spec.outputPadH() != 0 || spec.outputPadW() != 0) {
            throw new IllegalArgumentException(op + ": output padding applies to transposed convolutions only, got ("
                    + spec.outputPadH() + ", " + spec.outputPadW() + ")");
        }
        checkWindow(op, x, "H", x.size(2), spec.padTop(), spec.padBottom(), w.size(2), spec.dilationH());
        checkWindow(op, x, "W", x.size(3), spec.padLeft(), spec.padRight(), w.size(3), spec.dilationW());
    }

    /** 2-d convolution with the same stride, symmetric padding and dilation on both axes (PyTorch's int arguments). */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, int dilation, int groups) {
        return conv2d(x, w, bias, new ConvSpec(stride, stride, padding, padding, padding, padding,
                dilation, dilation, groups, 0, 0));
    }

    /** 2-d convolution with one padding rule for both axes. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, Padding padding, int dilation, int groups) {
        return conv2d(x, w, bias, new int[] {stride, stride}, new Padding[] {padding, padding},
                new int[] {dilation, dilation}, groups);
    }

    /** 2-d convolution with per-axis options, each array ordered {H, W}. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, Padding[] padding, int[] dilation,
                                int groups) {
        String op = "conv2d";
        checkConvOperands(op, x, w, bias, 4, groups, false);
        checkPair(op, "stride", stride.length);
        checkPair(op, "padding", padding.length);
        checkPair(op, "dilation", dilation.length);
        int[] ph = padding[0].resolve(op, x.size(2), w.size(2), stride[0], dilation[0]);
        int[] pw = padding[1].resolve(op, x.size(3), w.size(3), stride[1], dilation[1]);
        return conv2d(x, w, bias, new ConvSpec(stride[0], stride[1], ph[0], ph[1], pw[0], pw[1],
                dilation[0], dilation[1], groups, 0, 0));
    }

    // ---------------------------------------------------------------- transposed convolution

    /**
     * Transposed 1-d convolution (the adjoint of {@link #conv1d} in x): x {@code [N, C, L]},
     * w {@code [C, O/groups, k]}, bias {@code [O]} or null; result length
     * {@code (L-1)*stride - 2*padding + dilation*(k-1) + outputPadding + 1}.
     * {@code outputPadding} must be smaller than the stride or the dilation.
     */
    public static Tensor convTranspose1d(Tensor x, Tensor w, Tensor bias, int stride, int padding,
                                         int outputPadding, int dilation, int groups) {
        String op = "convTranspose1d";
        checkConvOperands(op, x, w, bias, 3, groups, true);
        ConvSpec spec = new ConvSpec(1, stride, 0, 0, padding, padding, 1, dilation, groups, 0, outputPadding);
        checkTransposedAxis(op, x, "L", spec.transposedOutW(x.size(2), w.size(2)), outputPadding, stride, dilation);
        return transposed(x.unsqueeze(2), w.unsqueeze(2), bias, spec).squeeze(2);
    }

    /** Transposed 2-d convolution with the same options on both axes. */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int stride, int padding,
                                         int outputPadding, int dilation, int groups) {
        return convTranspose2d(x, w, bias, new ConvSpec(stride, stride, padding, padding, padding, padding,
                dilation, dilation, groups, outputPadding, outputPadding));
    }

    /**
     * Transposed 2-d convolution (the adjoint of {@link #conv2d} in x): x {@code [N, C, H, W]},
     * w {@code [C, O/groups, kh, kw]}, bias {@code [O]} or null; result
     * {@code [N, O, spec.transposedOutH(H, kh), spec.transposedOutW(W, kw)]}.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        String op = "convTranspose2d";
        checkConvOperands(op, x, w, bias, 4, spec.groups(), true);
        checkTransposedAxis(op, x, "H", spec.transposedOutH(x.size(2), w.size(2)), spec.outputPadH(),
                spec.strideH(), spec.dilationH());
        checkTransposedAxis(op, x, "W", spec.transposedOutW(x.size(3), w.size(3)), spec.outputPadW(),
                spec.strideW(), spec.dilationW());
        return transposed(x, w, bias, spec);
    }

    // ---------------------------------------------------------------- pooling

    /**
     * 1-d max pooling of x {@code [N, C, L]}; output length
     * {@code floor((L + 2*padding - dilation*(k-1) - 1) / stride) + 1} (the ceiling with ceilMode).
     * Indices count positions along L.
     */
    public static PoolResult maxPool1d(Tensor x, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        checkPoolInput("maxPool1d", x, 3);
        PoolSpec spec = new PoolSpec(1, kernel, 1, stride, 0, padding, 1, dilation, ceilMode, false);
        checkPoolOutput("maxPool1d", x, spec, 1, x.size(2));
        Tensor[] r = x.backend().maxPool2d(x.unsqueeze(2), spec, true);
        return new PoolResult(r[0].squeeze(2), r[1].squeeze(2));
    }

    /** 2-d max pooling with a square window, stride and symmetric padding, dilation 1, floor mode. */
    public static PoolResult maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, new PoolSpec(kernel, kernel, stride, stride, padding, padding, 1, 1, false, false));
    }

    /**
     * 2-d max pooling of x {@code [N, C, H, W]}: result {@code [N, C, spec.outH(H), spec.outW(W)]}, values
     * and I64 indices {@code ih*W + iw} into each input plane (as PyTorch's {@code return_indices}).
     */
    public static PoolResult maxPool2d(Tensor x, PoolSpec spec) {
        checkPoolInput("maxPool2d", x, 4);
        checkPoolOutput("maxPool2d", x, spec, x.size(2), x.size(3));
        Tensor[] r = x.backend().maxPool2d(x, spec, true);
        return new PoolResult(r[0], r[1]);
    }

    /** {@link #maxPool2d(Tensor, PoolSpec)} without the indices (cheaper when no backward needs them). */
    public static Tensor maxPool2dValues(Tensor x, PoolSpec spec) {
        checkPoolInput("maxPool2d", x, 4);
        checkPoolOutput("maxPool2d", x, spec, x.size(2), x.size(3));
        return x.backend().maxPool2d(x, spec, false)[0];
    }

    /**
     * 1-d average pooling of x {@code [N, C, L]}: output length as {@link #maxPool1d} with dilation 1. The
     * divisor is the window size clipped to the padded input if {@code countIncludePad}, else the number of
     * input elements in the window.
     */
    public static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding, boolean ceilMode,
                                   boolean countIncludePad) {
        checkPoolInput("avgPool1d", x, 3);
        PoolSpec spec = new PoolSpec(1, kernel, 1, stride, 0, padding, 1, 1, ceilMode, countIncludePad);
        checkPoolOutput("avgPool1d", x, spec, 1, x.size(2));
        return x.backend().avgPool2d(x.unsqueeze(2), spec).squeeze(2);
    }

    /** 2-d average pooling with a square window, stride and symmetric padding, floor mode, padding counted. */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, new PoolSpec(kernel, kernel, stride, stride, padding, padding, 1, 1, false, true));
    }

    /** 2-d average pooling of x {@code [N, C, H, W]} (dilation must be 1); divisor as in {@link #avgPool1d}. */
    public static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        checkPoolInput("avgPool2d", x, 4);
        if (spec.dilationH() != 1 || spec.dilationW() != 1) {
            throw new IllegalArgumentException("avgPool2d: dilation must be 1, got (" + spec.dilationH() + ", "
                    + spec.dilationW() + ")");
        }
        checkPoolOutput("avgPool2d", x, spec, x.size(2), x.size(3));
        return x.backend().avgPool2d(x, spec);
    }

    /** Mean over each whole plane: {@code [N, C, H, W] -> [N, C, 1, 1]}. */
    public static Tensor globalAvgPool2d(Tensor x) {
        checkPoolInput("globalAvgPool2d", x, 4);
        return avgPool2d(x, new PoolSpec(x.size(2), x.size(3), 1, 1, 0, 0, 1, 1, false, true));
    }

    /** Maximum over each whole plane, with its flat index: {@code [N, C, H, W] -> [N, C, 1, 1]}. */
    public static PoolResult globalMaxPool2d(Tensor x) {
        checkPoolInput("globalMaxPool2d", x, 4);
        return maxPool2d(x, new PoolSpec(x.size(2), x.size(3), 1, 1, 0, 0, 1, 1, false, false));
    }

    // ---------------------------------------------------------------- im2col / col2im

    /**
     * im2col as PyTorch's {@code F.unfold}: x {@code [N, C, H, W] -> [N, C*kh*kw, L]} with
     * {@code L = spec.outH(H, kh) * spec.outW(W, kw)}; row {@code (c*kh + i)*kw + j}, column
     * {@code oh*outW + ow} holds {@code x[n, c, oh*sh - padTop + i*dh, ow*sw - padLeft + j*dw]} (0 in the
     * padding). The spec's groups and output padding must be the defaults.
     */
    public static Tensor unfold(Tensor x, int kh, int kw, ConvSpec spec) {
        String op = "unfold";
        checkFloating(op, x);
        checkRank(op, "input", x, 4, "[N, C, H, W]");
        checkPlainSpec(op, spec, kh, kw);
        checkWindow(op, x, "H", x.size(2), spec.padTop(), spec.padBottom(), kh, spec.dilationH());
        checkWindow(op, x, "W", x.size(3), spec.padLeft(), spec.padRight(), kw, spec.dilationW());
        return x.backend().unfold(x, kh, kw, spec);
    }

    /**
     * col2im as PyTorch's {@code F.fold}, the adjoint of {@link #unfold}: cols {@code [N, C*kh*kw, L]} are
     * summed back into {@code [N, C, outH, outW]} (overlapping windows add up). L must equal
     * {@code spec.outH(outH, kh) * spec.outW(outW, kw)}.
     */
    public static Tensor fold(Tensor cols, int outH, int outW, int kh, int kw, ConvSpec spec) {
        String op = "fold";
        checkFloating(op, cols);
        checkRank(op, "input", cols, 3, "[N, C*kh*kw, L]");
        checkPlainSpec(op, spec, kh, kw);
        if (outH < 1 || outW < 1) {
            throw new ShapeException(op + ": output size (" + outH + ", " + outW + ") must be positive");
        }
        if (cols.size(1) % (kh * kw) != 0) {
            throw new ShapeException(op + ": input " + Shape.str(cols.shape()) + ": dimension 1 (" + cols.size(1)
                    + ") is not a multiple of kh*kw = " + kh * kw);
        }
        int gh = spec.outH(outH, kh);
        int gw = spec.outW(outW, kw);
        if (gh < 1 || gw < 1 || (long) gh * gw != cols.size(2)) {
            throw new ShapeException(op + ": input " + Shape.str(cols.shape()) + ": " + cols.size(2)
                    + " columns, but output (" + outH + ", " + outW + ") with kernel (" + kh + ", " + kw
                    + ") and this spec has " + Math.max(gh, 0) + " x " + Math.max(gw, 0) + " window positions");
        }
        return cols.backend().fold(cols, outH, outW, kh, kw, spec);
    }

    /**
     * The gradient of {@link #conv2d} with respect to its weight for upstream ȳ (PyTorch's
     * {@code torch.nn.grad.conv2d_weight}): {@code w̄[g] = Σ_n ȳ[n, g] · unfold(x[n])_gᵀ}, shaped
     * {@code [O, C/groups, kh, kw]}, for x {@code [N, C, H, W]} and ȳ {@code [N, O, outH, outW]} where
     * outH × outW is the output grid of x under spec with a kh × kw kernel. The sum over the batch is taken
     * after the per-image products.
     */
    public static Tensor conv2dWeightGrad(Tensor x, Tensor upstream, int kh, int kw, ConvSpec spec) {
        String op = "conv2dWeightGrad";
        checkFloating(op, x);
        checkRank(op, "input", x, 4, "[N, C, H, W]");
        checkRank(op, "upstream", upstream, 4, "[N, O, outH, outW]");
        checkSameKind(op, "upstream", x, upstream);
        checkKernel(op, kh, kw);
        if (spec.outputPadH() != 0 || spec.outputPadW() != 0) {
            throw new IllegalArgumentException(op + ": output padding applies to transposed convolutions only");
        }
        checkWindow(op, x, "H", x.size(2), spec.padTop(), spec.padBottom(), kh, spec.dilationH());
        checkWindow(op, x, "W", x.size(3), spec.padLeft(), spec.padRight(), kw, spec.dilationW());
        int groups = spec.groups();
        int outH = spec.outH(x.size(2), kh);
        int outW = spec.outW(x.size(3), kw);
        if (upstream.size(0) != x.size(0) || upstream.size(2) != outH || upstream.size(3) != outW
                || upstream.size(1) % groups != 0 || x.size(1) % groups != 0) {
            throw new ShapeException(op + ": upstream " + Shape.str(upstream.shape()) + " does not fit input "
                    + Shape.str(x.shape()) + " with kernel (" + kh + ", " + kw + ") and groups " + groups
                    + " (expected [" + x.size(0) + ", a multiple of " + groups + ", " + outH + ", " + outW
                    + "] and C divisible by groups)");
        }
        Tensor products = x.backend().convWeightProducts(x, upstream, kh, kw, spec);
        return products.sum(new int[] {0}, false).reshape(upstream.size(1), x.size(1) / groups, kh, kw);
    }

    // ---------------------------------------------------------------- validation

    private static void checkConvOperands(String op, Tensor x, Tensor w, Tensor bias, int rank, int groups,
                                          boolean transposed) {
        checkFloating(op, x);
        String layout = rank == 3 ? "[N, C, L]" : "[N, C, H, W]";
        String wLayout = transposed ? (rank == 3 ? "[C, O/groups, k]" : "[C, O/groups, kh, kw]")
                : (rank == 3 ? "[O, C/groups, k]" : "[O, C/groups, kh, kw]");
        checkRank(op, "input", x, rank, layout);
        checkRank(op, "weight", w, rank, wLayout);
        checkSameKind(op, "weight", x, w);
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be >= 1, got " + groups);
        }
        String pair = op + ": input " + Shape.str(x.shape()) + " and weight " + Shape.str(w.shape()) + ": ";
        int c = x.size(1);
        for (int a = 2; a < rank; a++) {
            if (w.size(a) < 1) {
                throw new ShapeException(pair + "kernel sizes must be >= 1");
            }
        }
        int outChannels;
        if (transposed) {
            if (c != w.size(0)) {
                throw new ShapeException(pair + "input channels " + c + " != weight dimension 0 (" + w.size(0) + ")");
            }
            if (c % groups != 0) {
                throw new ShapeException(pair + "input channels " + c + " not divisible by groups " + groups);
            }
            outChannels = w.size(1) * groups;
        } else {
            if (c != w.size(1) * groups) {
                throw new ShapeException(pair + "input channels " + c + " != weight in-channels " + w.size(1)
                        + " * groups " + groups);
            }
            if (w.size(0) % groups != 0) {
                throw new ShapeException(pair + "output channels " + w.size(0) + " not divisible by groups " + groups);
            }
            outChannels = w.size(0);
        }
        if (c < 1 || outChannels < 1) {
            throw new ShapeException(pair + "channel counts must be >= 1");
        }
        if (bias != null) {
            checkSameKind(op, "bias", x, bias);
            if (bias.rank() != 1 || bias.size(0) != outChannels) {
                throw new ShapeException(op + ": bias " + Shape.str(bias.shape()) + " must have shape ["
                        + outChannels + "] (one value per output channel)");
            }
        }
    }

    /** The dilated kernel must fit in the padded input along the axis. */
    private static void checkWindow(String op, Tensor x, String axis, int in, int before, int after, int k,
                                    int dilation) {
        long span = (long) dilation * (k - 1) + 1;
        if (span > (long) in + before + after) {
            throw new ShapeException(op + ": input " + Shape.str(x.shape()) + " along " + axis + ": padded length "
                    + in + " + " + before + " + " + after + " is smaller than the dilated kernel " + span
                    + " (k " + k + ", dilation " + dilation + ")");
        }
    }

    private static void checkTransposedAxis(String op, Tensor x, String axis, int out, int outputPad, int stride,
                                            int dilation) {
        if (outputPad >= Math.max(stride, dilation)) {
            throw new IllegalArgumentException(op + ": output padding " + outputPad + " along " + axis
                    + " must be smaller than the stride " + stride + " or the dilation " + dilation);
        }
        if (out < 1) {
            throw new ShapeException(op + ": input " + Shape.str(x.shape()) + " gives a non-positive output length "
                    + out + " along " + axis);
        }
    }

    private static void checkPoolInput(String op, Tensor x, int rank) {
        checkFloating(op, x);
        checkRank(op, "input", x, rank, rank == 3 ? "[N, C, L]" : "[N, C, H, W]");
    }

    private static void checkPoolOutput(String op, Tensor x, PoolSpec spec, int h, int w) {
        checkPoolOutput(op, "input", x.shape(), spec, h, w);
    }

    private static void checkPoolOutput(String op, String what, int[] pooled, PoolSpec spec, int h, int w) {
        int oh = spec.outH(h);
        int ow = spec.outW(w);
        if (oh < 1 || ow < 1) {
            throw new ShapeException(op + ": " + what + " " + Shape.str(pooled) + " is smaller than the window (kernel ("
                    + spec.kernelH() + ", " + spec.kernelW() + "), dilation (" + spec.dilationH() + ", "
                    + spec.dilationW() + "), padding (" + spec.padH() + ", " + spec.padW() + "))");
        }
    }

    private static void checkPlainSpec(String op, ConvSpec spec, int kh, int kw) {
        checkKernel(op, kh, kw);
        if (spec.groups() != 1 || spec.outputPadH() != 0 || spec.outputPadW() != 0) {
            throw new IllegalArgumentException(op + ": spec must have groups 1 and no output padding, got " + spec);
        }
    }

    private static void checkKernel(String op, int kh, int kw) {
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException(op + ": kernel size (" + kh + ", " + kw + ") must be >= 1");
        }
    }

    private static void checkPair(String op, String what, int length) {
        if (length != 2) {
            throw new IllegalArgumentException(op + ": " + what + " needs 2 entries {H, W}, got " + length);
        }
    }

    private static void checkRank(String op, String what, Tensor t, int rank, String layout) {
        if (t.rank() != rank) {
            throw new ShapeException(op + ": " + what + " " + Shape.str(t.shape()) + " must have rank " + rank
                    + " " + layout);
        }
    }

    private static void checkFloating(String op, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new DTypeException(op + ": input must be F32 or F64, got " + x.dtype());
        }
    }

    private static void checkSameKind(String op, String what, Tensor x, Tensor t) {
        if (t.dtype() != x.dtype()) {
            throw new DTypeException(op + ": " + what + " dtype " + t.dtype() + " != input dtype " + x.dtype());
        }
        if (!t.device().equals(x.device())) {
            throw new DeviceException(op + ": " + what + " on " + t.device() + " but input on " + x.device());
        }
    }

    // ---------------------------------------------------------------- bias

    /** The CPU kernels add the bias as they write; other backends get a broadcast add. */
    private static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        if (x.device().equals(Device.cpu())) {
            return CpuConv.conv2d(x, w, bias, spec);
        }
        return addBias(x.backend().conv2d(x, w, spec), bias);
    }

    private static Tensor transposed(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        if (x.device().equals(Device.cpu())) {
            return CpuConv.convTranspose2d(x, w, bias, spec);
        }
        return addBias(x.backend().convTranspose2d(x, w, spec), bias);
    }

    private static Tensor addBias(Tensor out, Tensor bias) {
        return bias == null ? out : out.add(bias.reshape(1, bias.size(0), 1, 1));
    }
}
