package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ConvSpec;
import java.util.Arrays;

/**
 * Transposed 2-d convolution (PyTorch's {@code nn.ConvTranspose2d}), the adjoint of {@link Conv2d} with the
 * same geometry: each input element scatters {@code x[n, c, i, j] · weight[c, o, u, v]} to output position
 * {@code (i·sh - padTop + u·dh, j·sw - padLeft + v·dw)}; per axis the output size is
 * {@code (in-1)·s - before - after + d(k-1) + outputPadding + 1}. Padding is explicit zero amounts
 * ({@link ConvPadding#symmetric} or {@link ConvPadding#sides}) and crops the output. Parameters
 * {@code weight [in, out/G, kh, kw]} and {@code bias [out]}, initialized as PyTorch does with
 * {@code fanIn = out/G · kh · kw}.
 */
public final class ConvTranspose2d extends Module implements Layer {
    private final int in;
    private final int out;
    private final int[] kernel;
    private final ConvSpec spec;
    private final Parameter weight;
    private final Parameter bias;

    /** A square kernel, stride 1, no padding, a bias, F32. */
    public ConvTranspose2d(int in, int out, int kernel, Rng rng) {
        this(in, out, kernel, kernel, ConvOptions.defaults(), rng);
    }

    public ConvTranspose2d(int in, int out, int kernelH, int kernelW, ConvOptions options, Rng rng) {
        this.in = in;
        this.out = out;
        this.kernel = new int[] {kernelH, kernelW};
        String layer = "ConvTranspose2d";
        int groups = options.groups();
        if (in < 1 || out < 1 || kernelH < 1 || kernelW < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(layer + ": channels " + in + " -> " + out + " (both divisible by groups "
                    + groups + ") and kernel " + Arrays.toString(kernel) + " must be >= 1");
        }
        int[] s = options.stride(layer, 2);
        int[] d = options.dilation(layer, 2);
        int[] op = options.outputPadding(layer, 2);
        for (int a = 0; a < 2; a++) {
            if (op[a] >= Math.max(s[a], d[a])) {
                throw new IllegalArgumentException(layer + ": output padding " + Arrays.toString(op)
                        + " must be smaller than the stride " + Arrays.toString(s) + " or the dilation " + Arrays.toString(d));
            }
        }
        int[] p = options.padding().fixedSides(layer, 2);
        this.spec = new ConvSpec(s[0], s[1], p[0], p[1], p[2], p[3], d[0], d[1], groups, op[0], op[1]);
        int[] wShape = {in, out / groups, kernelH, kernelW};
        int fanIn = Init.fans(wShape)[0];
        this.weight = parameter("weight", Init.torchDefault(rng, options.dtype(), fanIn, wShape));
        this.bias = options.bias() ? parameter("bias", Init.torchDefault(rng, options.dtype(), fanIn, out)) : null;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Var forward(Var x) {
        return forwardWith(x, weight.var(), bias == null ? null : bias.var());
    }

    /** The layer with the given weight and bias (null for none) in place of its own. */
    public Var forwardWith(Var x, Var w, Var b) {
        Tensor v = x.value();
        if (v.rank() != 4 || v.size(1) != in) {
            throw new ShapeException("ConvTranspose2d(" + describe() + "): input " + Shape.str(v.shape())
                    + " must be [N, " + in + ", H, W]");
        }
        if (v.dtype() != weight.value().dtype()) {
            throw new astrograd.tensor.DTypeException("ConvTranspose2d(" + describe() + "): input is " + v.dtype()
                    + " but the parameters are " + weight.value().dtype());
        }
        int oh = spec.transposedOutH(v.size(2), kernel[0]);
        int ow = spec.transposedOutW(v.size(3), kernel[1]);
        if (oh < 1 || ow < 1) {
            throw new ShapeException("ConvTranspose2d(" + describe() + "): input " + Shape.str(v.shape())
                    + " gives an empty output " + oh + "x" + ow);
        }
        return VarConv.convTranspose2d(x, w, b, spec);
    }

    @Override
    protected String describe() {
        ConvSpec s = spec;
        StringBuilder sb = new StringBuilder().append(in).append(" -> ").append(out)
                .append(", k=[").append(kernel[0]).append(',').append(kernel[1]).append(']');
        sb.append(", stride [").append(s.strideH()).append(',').append(s.strideW()).append(']');
        sb.append(", padding [").append(s.padTop()).append(',').append(s.padBottom()).append(',')
                .append(s.padLeft()).append(',').append(s.padRight()).append(']');
        if (s.outputPadH() != 0 || s.outputPadW() != 0) {
            sb.append(", output padding [").append(s.outputPadH()).append(',').append(s.outputPadW()).append(']');
        }
        if (s.dilationH() != 1 || s.dilationW() != 1) {
            sb.append(", dilation [").append(s.dilationH()).append(',').append(s.dilationW()).append(']');
        }
        if (s.groups() != 1) {
            sb.append(", groups ").append(s.groups());
        }
        return bias == null ? sb.append(", no bias").toString() : sb.toString();
    }
}
