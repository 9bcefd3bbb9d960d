// docs:begin layer
package astrograd.examples;

import astrograd.autodiff.Var;
import astrograd.layers.Init;
import astrograd.layers.Layer;
import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;

/**
 * Gated linear unit (Dauphin et al. 2017) over the last axis:
 * {@code y = (x Wᵀ + b) ⊙ σ(x Vᵀ + c)} for x {@code [..., in]}, W and V {@code [out, in]}, b and c {@code [out]}.
 * Initialized as PyTorch's {@code nn.Linear}: {@code U(-1/√in, 1/√in)}.
 */
public final class GatedLinear extends Module implements Layer {
    private final int in;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter gateWeight;
    private final Parameter gateBias;

    public GatedLinear(int in, int out, DType dtype, Rng rng) {
        this.in = in;
        // registration order fixes the state_dict keys: weight, bias, gate_weight, gate_bias
        this.weight = parameter("weight", Init.torchDefault(rng, dtype, in, out, in));
        this.bias = parameter("bias", Init.torchDefault(rng, dtype, in, out));
        this.gateWeight = parameter("gate_weight", Init.torchDefault(rng, dtype, in, out, in));
        this.gateBias = parameter("gate_bias", Init.torchDefault(rng, dtype, in, out));
    }

    @Override
    public Var forward(Var x) {
        int[] shape = x.value().shape();
        if (shape.length < 1 || shape[shape.length - 1] != in) {
            throw new ShapeException("GatedLinear(" + in + "): input " + Shape.str(shape) + " must end in " + in);
        }
        return glu(x, weight.var(), bias.var(), gateWeight.var(), gateBias.var());
    }

    /** {@code (x Wᵀ + b) ⊙ σ(x Vᵀ + c)}: autodiff derives the backward from these ops. */
    public static Var glu(Var x, Var w, Var b, Var v, Var c) {
        return x.linear(w, b).mul(x.linear(v, c).sigmoid());
    }
}
// docs:end layer
