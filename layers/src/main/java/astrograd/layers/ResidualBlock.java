package astrograd.layers;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A residual connection around any layer: {@code y = after(body(x) + shortcut(x))}, where the shortcut is
 * the identity unless given (e.g. a 1×1 convolution when the widths differ) and {@code after} is optional
 * (e.g. the activation that ends a ResNet basic block). {@code body(x)} and {@code shortcut(x)} must have
 * the same shape. Parts that are {@link Module}s are registered as submodules {@code body},
 * {@code shortcut} and {@code after}; a part that is a bare {@link Layer} (a lambda) must own no parameters.
 *
 * <p>{@link #conv1d} and {@link #conv2d} build the basic block
 * {@code act(conv_b(act(conv_a(x))) + skip(x))} with 'same' padding, PyTorch-style names
 * {@code body.0.weight}, {@code body.2.weight}, {@code shortcut.weight}...
 */
public final class ResidualBlock extends Module implements Layer {
    private final Layer body;
    private final Layer shortcut;
    private final Layer after;

    /** {@code body(x) + x}. */
    public ResidualBlock(Layer body) {
        this(body, null, null);
    }

    /**
     * @param shortcut applied to the skip path, or null for the identity
     * @param after    applied to the sum, or null for none
     */
    public ResidualBlock(Layer body, Layer shortcut, Layer after) {
        if (body == null) {
            throw new IllegalArgumentException("ResidualBlock: body must not be null");
        }
        this.body = register("body", body);
        this.shortcut = register("shortcut", shortcut);
        this.after = register("after", after);
    }

    private Layer register(String name, Layer part) {
        if (part instanceof Module) {
            module(name, (Module) part);
        }
        return part;
    }

    /**
     * The 1-d basic block: body {@code Conv1d(in→out, k, same), act, Conv1d(out→out, k, same)}, a
     * {@code Conv1d(in→out, 1)} shortcut when {@code in != out}, and {@code act} after the sum.
     */
    public static ResidualBlock conv1d(int in, int out, int kernel, Supplier<? extends Layer> activation, DType dtype, Rng rng) {
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.same()).dtype(dtype);
        Sequential body = new Sequential(new Conv1d(in, out, kernel, same, rng), activation.get(),
                new Conv1d(out, out, kernel, same, rng));
        Layer skip = in == out ? null : new Conv1d(in, out, 1, ConvOptions.defaults().dtype(dtype), rng);
        return new ResidualBlock(body, skip, activation.get());
    }

    /** The 2-d basic block, as {@link #conv1d} with {@link Conv2d} and square kernels. */
    public static ResidualBlock conv2d(int in, int out, int kernel, Supplier<? extends Layer> activation, DType dtype, Rng rng) {
        ConvOptions same = ConvOptions.defaults().padding(ConvPadding.same()).dtype(dtype);
        Sequential body = new Sequential(new Conv2d(in, out, kernel, same, rng), activation.get(),
                new Conv2d(out, out, kernel, same, rng));
        Layer skip = in == out ? null : new Conv2d(in, out, 1, ConvOptions.defaults().dtype(dtype), rng);
        return new ResidualBlock(body, skip, activation.get());
    }

    @Override
    public Var forward(Var x) {
        Var y = body.forward(x);
        Var s = shortcut == null ? x : shortcut.forward(x);
        if (!Arrays.equals(y.value().shape(), s.value().shape())) {
            throw new ShapeException("ResidualBlock: body output " + Shape.str(y.value().shape()) + " and "
                    + (shortcut == null ? "identity shortcut " : "shortcut output ") + Shape.str(s.value().shape())
                    + " differ for input " + Shape.str(x.value().shape()));
        }
        Var sum = y.add(s);
        return after == null ? sum : after.forward(sum);
    }

    @Override
    protected String describe() {
        return shortcut == null ? "identity shortcut" : "";
    }
}
