package astrograd.layers;

import astrograd.autodiff.Var;
import java.util.function.UnaryOperator;

/**
 * Parameter-free elementwise activations as layers. Formulas: ReLU {@code max(x, 0)}; LeakyReLU
 * {@code x ≥ 0 ? x : αx}; ELU {@code x ≥ 0 ? x : α(eˣ − 1)}; GELU {@code x Φ(x) = x (1 + erf(x/√2)) / 2};
 * Mish {@code x tanh(softplus(x))}; Tanh; Sigmoid {@code 1/(1+e⁻ˣ)}; Softplus {@code log(1 + eˣ)};
 * Softmax along an axis.
 */
public final class Activation extends Module implements Layer {
    private final String name;
    private final UnaryOperator<Var> fn;

    private Activation(String name, UnaryOperator<Var> fn) {
        this.name = name;
        this.fn = fn;
    }

    public static Activation relu() {
        return new Activation("ReLU", Var::relu);
    }

    /** True for {@link #relu()}, which {@link Sequential} fuses into a preceding convolution. */
    boolean isRelu() {
        return name.equals("ReLU");
    }

    public static Activation leakyRelu(double slope) {
        return new Activation("LeakyReLU(" + slope + ")", x -> Var.where(x.value().ge(0), x, x.mul(slope)));
    }

    public static Activation elu(double alpha) {
        return new Activation("ELU(" + alpha + ")", x -> Var.where(x.value().ge(0), x,
                x.minimum(0).expm1().mul(alpha)));
    }

    public static Activation gelu() {
        return new Activation("GELU", x -> x.mul(x.mul(1 / Math.sqrt(2)).erf().add(1)).mul(0.5));
    }

    public static Activation mish() {
        return new Activation("Mish", x -> x.mul(x.softplus().tanh()));
    }

    public static Activation tanh() {
        return new Activation("Tanh", Var::tanh);
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Var::sigmoid);
    }

    public static Activation softplus() {
        return new Activation("Softplus", Var::softplus);
    }

    public static Activation softmax(int axis) {
        return new Activation("Softmax(" + axis + ")", x -> x.softmax(axis));
    }

    @Override
    public Var forward(Var x) {
        return fn.apply(x);
    }

    @Override
    protected String describe() {
        return name;
    }
}
