package astrograd.layers;

import astrograd.tensor.DType;
import java.util.Arrays;

/**
 * The optional settings of a convolution layer, as PyTorch's keyword arguments with their defaults:
 * stride 1, dilation 1, one group, a bias, {@link ConvPadding#valid()} padding, F32 parameters. Immutable;
 * each setter returns a changed copy, e.g. {@code ConvOptions.defaults().stride(2).padding(ConvPadding.sameTf())}.
 * Stride and dilation take one value for every spatial axis or one per axis.
 */
public final class ConvOptions {
    private final int[] stride;
    private final int[] dilation;
    private final int groups;
    private final boolean bias;
    private final ConvPadding padding;
    private final DType dtype;
    private final int[] outputPadding;

    private ConvOptions(int[] stride, int[] dilation, int groups, boolean bias, ConvPadding padding, DType dtype,
                        int[] outputPadding) {
        this.stride = stride;
        this.dilation = dilation;
        this.groups = groups;
        this.bias = bias;
        this.padding = padding;
        this.dtype = dtype;
        this.outputPadding = outputPadding;
    }

    public static ConvOptions defaults() {
        return new ConvOptions(new int[] {1}, new int[] {1}, 1, true, ConvPadding.valid(), DType.F32, new int[] {0});
    }

    public ConvOptions stride(int... perAxis) {
        return new ConvOptions(positive("stride", perAxis), dilation, groups, bias, padding, dtype, outputPadding);
    }

    public ConvOptions dilation(int... perAxis) {
        return new ConvOptions(stride, positive("dilation", perAxis), groups, bias, padding, dtype, outputPadding);
    }

    public ConvOptions groups(int g) {
        if (g < 1) {
            throw new IllegalArgumentException("ConvOptions: groups must be >= 1, got " + g);
        }
        return new ConvOptions(stride, dilation, g, bias, padding, dtype, outputPadding);
    }

    public ConvOptions bias(boolean withBias) {
        return new ConvOptions(stride, dilation, groups, withBias, padding, dtype, outputPadding);
    }

    public ConvOptions padding(ConvPadding p) {
        if (p == null) {
            throw new IllegalArgumentException("ConvOptions: padding must not be null");
        }
        return new ConvOptions(stride, dilation, groups, bias, p, dtype, outputPadding);
    }

    public ConvOptions dtype(DType d) {
        if (d != DType.F32 && d != DType.F64) {
            throw new IllegalArgumentException("ConvOptions: parameters must be F32 or F64, got " + d);
        }
        return new ConvOptions(stride, dilation, groups, bias, padding, d, outputPadding);
    }

    /**
     * Extra size added to one side of a transposed convolution's output (PyTorch's {@code output_padding});
     * each must be smaller than the stride or the dilation of its axis. Only {@link ConvTranspose2d} takes it.
     */
    public ConvOptions outputPadding(int... perAxis) {
        for (int v : perAxis) {
            if (v < 0) {
                throw new IllegalArgumentException("ConvOptions: output padding must be >= 0, got " + Arrays.toString(perAxis));
            }
        }
        if (perAxis.length == 0) {
            throw new IllegalArgumentException("ConvOptions: output padding needs at least one value");
        }
        return new ConvOptions(stride, dilation, groups, bias, padding, dtype, perAxis.clone());
    }

    private static int[] positive(String what, int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("ConvOptions: " + what + " needs at least one value");
        }
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException("ConvOptions: " + what + " must be >= 1, got " + Arrays.toString(values));
            }
        }
        return values.clone();
    }

    /** Stride per spatial axis for a layer with {@code axes} of them. */
    int[] stride(String layer, int axes) {
        return perAxis(layer, "stride", stride, axes);
    }

    /** Dilation per spatial axis for a layer with {@code axes} of them. */
    int[] dilation(String layer, int axes) {
        return perAxis(layer, "dilation", dilation, axes);
    }

    int[] outputPadding(String layer, int axes) {
        return perAxis(layer, "output padding", outputPadding, axes);
    }

    int groups() {
        return groups;
    }

    boolean bias() {
        return bias;
    }

    ConvPadding padding() {
        return padding;
    }

    DType dtype() {
        return dtype;
    }

    static int[] perAxis(String layer, String what, int[] values, int axes) {
        if (values.length == axes) {
            return values.clone();
        }
        if (values.length == 1) {
            int[] out = new int[axes];
            Arrays.fill(out, values[0]);
            return out;
        }
        throw new IllegalArgumentException(layer + ": " + what + " " + Arrays.toString(values) + " needs 1 or " + axes + " values");
    }
}
