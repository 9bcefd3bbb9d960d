package astrograd.inference.sbi;

import astrograd.inference.flows.MixtureDensityNetwork;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.Map;

/**
 * SNPE-A's final-round initialization (sbi's classic {@code final_round}): a one-component MDN becomes a
 * K-component one whose components are copies of the single Gaussian; the trunk is copied and the rows of the
 * head that produce the logits are perturbed with N(0, 5e-3²) noise so the copies can separate.
 */
final class Replicate {
    static final double LOGIT_NOISE = 5e-3;

    private Replicate() {
    }

    static MixtureDensityNetwork mdn(MixtureDensityNetwork single, int components, Rng rng) {
        if (single.config().components() != 1) {
            throw new IllegalArgumentException("Replicate.mdn: expects one component, got "
                    + single.config().components());
        }
        DType dtype = single.parameters().get(0).value().dtype();
        MixtureDensityNetwork many = new MixtureDensityNetwork(single.config().withComponents(components), dtype,
                rng.split());
        Map<String, Parameter> from = single.namedParameters();
        int d = single.dim();
        int off = d * (d - 1) / 2;
        int[] blocks = {1, d, d, off};
        for (Map.Entry<String, Parameter> e : many.namedParameters().entrySet()) {
            Tensor source = from.get(e.getKey()).value();
            if (!e.getKey().startsWith("head.")) {
                e.getValue().set(source);
                continue;
            }
            Tensor[] parts = new Tensor[blocks.length];
            int start = 0;
            for (int b = 0; b < blocks.length; b++) {
                Tensor block = source.narrow(0, start, blocks[b]);
                Tensor[] copies = new Tensor[components];
                java.util.Arrays.fill(copies, block);
                parts[b] = Tensor.cat(0, copies);
                start += blocks[b];
            }
            Tensor noise = rng.normal(dtype, 0, LOGIT_NOISE, parts[0].shape());
            parts[0] = parts[0].add(noise);
            e.getValue().set(Tensor.cat(0, parts).contiguous());
        }
        return many;
    }
}
