package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.Conv;
import astrograd.tensor.ops.PadMode;
import java.util.Arrays;

/**
 * How a convolution layer pads its spatial axes: a rule giving the amounts per axis, and how the border is
 * filled (zeros by default; {@link PadMode#CIRCULAR}, {@link PadMode#REFLECT} or {@link PadMode#REPLICATE}
 * as PyTorch's {@code padding_mode}).
 *
 * <p>Rules, per spatial axis of input length {@code in}, kernel {@code k}, stride {@code s}, dilation
 * {@code d}:
 * <ul>
 *   <li>{@link #valid()}: no padding;</li>
 *   <li>{@link #same()}: PyTorch's {@code 'same'} (stride 1): {@code total = d(k-1)},
 *       {@code before = total/2}, {@code after = total - before};</li>
 *   <li>{@link #sameTf()}: TensorFlow's {@code 'SAME'}: {@code out = ceil(in/s)},
 *       {@code total = max((out-1)s + d(k-1) + 1 - in, 0)}, the odd extra one after;</li>
 *   <li>{@link #symmetric(int...)} / {@link #sides(int...)}: explicit amounts;</li>
 *   <li>{@link #circular(int...)}: explicit amounts filled by wrap-around (index {@code (i - before) mod in}),
 *       amounts may exceed the axis length.</li>
 * </ul>
 * Zero padding is passed to the convolution itself; any other fill pads the input first
 * ({@link Var#pad}) and then runs a 'valid' convolution.
 */
public final class ConvPadding {
    private enum Rule { VALID, SAME, SAME_TF, EXPLICIT }

    private final Rule rule;
    /** (before, after) pairs in axis order; null unless EXPLICIT; one pair applies to every axis. */
    private final int[] sides;
    private final PadMode mode;

    private ConvPadding(Rule rule, int[] sides, PadMode mode) {
        this.rule = rule;
        this.sides = sides;
        this.mode = mode;
    }

    /** No padding. */
    public static ConvPadding valid() {
        return new ConvPadding(Rule.VALID, null, PadMode.CONSTANT);
    }

    /** PyTorch's {@code padding='same'} (stride 1 only); the odd extra element goes after. */
    public static ConvPadding same() {
        return new ConvPadding(Rule.SAME, null, PadMode.CONSTANT);
    }

    /** TensorFlow's {@code padding='SAME'} (any stride), asymmetric with the extra element after. */
    public static ConvPadding sameTf() {
        return new ConvPadding(Rule.SAME_TF, null, PadMode.CONSTANT);
    }

    /**
     * The same amount on both sides of each axis, as PyTorch's {@code padding=p} or {@code padding=(ph, pw)};
     * one value applies to every axis.
     */
    public static ConvPadding symmetric(int... perAxis) {
        int[] pairs = new int[2 * perAxis.length];
        for (int i = 0; i < perAxis.length; i++) {
            pairs[2 * i] = perAxis[i];
            pairs[2 * i + 1] = perAxis[i];
        }
        return sides(pairs);
    }

    /**
     * Explicit (before, after) amounts in axis order: {@code (left, right)} in 1-d,
     * {@code (top, bottom, left, right)} in 2-d; one pair applies to every axis.
     */
    public static ConvPadding sides(int... beforeAfter) {
        if (beforeAfter.length == 0 || beforeAfter.length % 2 != 0) {
            throw new IllegalArgumentException("ConvPadding: sides " + Arrays.toString(beforeAfter)
                    + " must be (before, after) pairs");
        }
        for (int p : beforeAfter) {
            if (p < 0) {
                throw new IllegalArgumentException("ConvPadding: amounts must be >= 0, got " + Arrays.toString(beforeAfter));
            }
        }
        return new ConvPadding(Rule.EXPLICIT, beforeAfter.clone(), PadMode.CONSTANT);
    }

    /** Wrap-around padding of the same amount on both sides of each axis (PyTorch's {@code padding_mode='circular'}). */
    public static ConvPadding circular(int... perAxis) {
        return symmetric(perAxis).withMode(PadMode.CIRCULAR);
    }

    /** This rule with another fill (zeros are {@link PadMode#CONSTANT}). */
    public ConvPadding withMode(PadMode fill) {
        return new ConvPadding(rule, sides, fill);
    }

    public PadMode mode() {
        return mode;
    }

    /**
     * The {@code {before, after}} amounts of spatial axis {@code axis} (0-based among {@code axes} spatial
     * axes) for input length {@code in}.
     */
    int[] resolve(String layer, int axis, int axes, int in, int k, int stride, int dilation) {
        switch (rule) {
            case VALID:
                return new int[] {0, 0};
            case SAME:
                return Conv.Padding.SAME.resolve(layer, in, k, stride, dilation);
            case SAME_TF:
                return Conv.Padding.SAME_TF.resolve(layer, in, k, stride, dilation);
            default:
                if (sides.length != 2 && sides.length != 2 * axes) {
                    throw new IllegalArgumentException(layer + ": padding " + this + " needs 1 or " + axes
                            + " (before, after) pairs");
                }
                int at = sides.length == 2 ? 0 : 2 * axis;
                return new int[] {sides[at], sides[at + 1]};
        }
    }

    /** True for {@link #valid()} with zero fill. */
    boolean isValid() {
        return rule == Rule.VALID && mode == PadMode.CONSTANT;
    }

    /**
     * The fixed zero amounts as (before, after) pairs for {@code axes} axes, for layers that take no padding
     * rule (transposed convolutions).
     */
    int[] fixedSides(String layer, int axes) {
        if (rule == Rule.VALID && mode == PadMode.CONSTANT) {
            return new int[2 * axes];
        }
        if (rule != Rule.EXPLICIT || mode != PadMode.CONSTANT) {
            throw new IllegalArgumentException(layer + ": padding " + this + " is not allowed; give explicit zero amounts");
        }
        int[] out = new int[2 * axes];
        for (int a = 0; a < axes; a++) {
            int[] p = resolve(layer, a, axes, 0, 1, 1, 1);
            out[2 * a] = p[0];
            out[2 * a + 1] = p[1];
        }
        return out;
    }

    /** Checks the rule against a layer's axis count and stride when it is built. */
    void check(String layer, int axes, int[] stride) {
        if (rule == Rule.EXPLICIT && sides.length != 2 && sides.length != 2 * axes) {
            throw new IllegalArgumentException(layer + ": padding " + this + " needs 1 or " + axes + " (before, after) pairs");
        }
        if (rule == Rule.SAME) {
            for (int s : stride) {
                if (s != 1) {
                    throw new IllegalArgumentException(layer + ": padding 'same' needs stride 1, got stride "
                            + Arrays.toString(stride) + "; use ConvPadding.sameTf() for strided 'same' padding");
                }
            }
        }
    }

    @Override
    public String toString() {
        String r = rule == Rule.EXPLICIT ? Arrays.toString(sides) : rule == Rule.SAME_TF ? "SAME" : rule.name().toLowerCase();
        return mode == PadMode.CONSTANT ? r : r + " " + mode.name().toLowerCase();
    }
}
