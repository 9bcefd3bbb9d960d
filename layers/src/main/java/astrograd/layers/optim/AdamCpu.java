package astrograd.layers.optim;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import astrograd.tensor.cpu.CpuStorage;
import astrograd.tensor.cpu.EnginePool;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's update of one parameter in one pass over contiguous CPU arrays: reads θ, g, m, v (and the running
 * maximum of v with AMSGrad) and writes new θ, m, v, where the composite tensor version makes about twelve
 * passes and as many temporaries. Per element (in float for F32, in double for F64):
 * <pre>
 *   g ← g + λθ (L2)            or   θ ← θ(1 − η λ) (decoupled)
 *   m ← β₁ m + (1 − β₁) g,    v ← β₂ v + (1 − β₂) g²,    v̂ ← max(v̂, v) with AMSGrad, else v
 *   θ ← θ − s · m / (√v̂ / c₂ + ε)
 * </pre>
 * with {@code s = η / (1 − β₁ᵗ)} and {@code c₂ = √(1 − β₂ᵗ)}: the same formula as {@link Adam#update}'s tensor
 * ops, which stay the path for other devices and layouts.
 */
final class AdamCpu {
    private static final int MIN_PER_THREAD = 1 << 15;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** The scalars of one step. */
    record Step(double beta1, double beta2, double eps, double weightDecay, boolean decoupled, double lr,
                double stepSize, double biasCorrection2Sqrt) {
    }

    private AdamCpu() {
    }

    /** Whether every tensor (nulls skipped) is a contiguous CPU F32 or F64 tensor of the first one's dtype and size. */
    static boolean applies(Tensor... tensors) {
        DType dtype = tensors[0].dtype();
        int n = tensors[0].numel();
        return (dtype == DType.F32 || dtype == DType.F64) && Arrays.stream(tensors).allMatch(t -> t == null
                || t.device().isCpu() && t.isContiguous() && t.dtype() == dtype && t.numel() == n);
    }

    /**
     * New θ, m, v (and v̂ with AMSGrad, else null) for a case {@link #applies} accepts; θ and g are not modified.
     * With {@code inPlace} the new m, v (and v̂) overwrite the given ones, which must then be distinct tensors
     * owned by the caller (the optimizer's own slots: a training loop then reuses their arrays instead of
     * allocating three per parameter and step); otherwise they are new tensors too.
     */
    static Tensor[] update(Tensor theta, Tensor grad, Tensor m, Tensor v, Tensor vMax, boolean amsgrad, Step s,
                           boolean inPlace) {
        Tensor[] out = {fresh(theta), inPlace ? m : fresh(theta), inPlace ? v : fresh(theta),
            amsgrad ? (inPlace ? vMax : fresh(theta)) : null};
        Tensor[] in = {theta, grad, m, v, vMax};
        EnginePool.parallelFor(theta.numel(), MIN_PER_THREAD, (first, last) -> {
            if (theta.dtype() == DType.F32) {
                f32(in, out, amsgrad, s, first, last);
            } else {
                f64(in, out, amsgrad, s, first, last);
            }
        });
        return out;
    }

    /**
     * The float loop, in float arithmetic with the scalars hoisted. Without AMSGrad it runs on vectors (the same
     * operations in the same order, none fused, and a correctly rounded square root as {@code (float) Math.sqrt}
     * of a float: the same bits as the scalar tail); L2 decay first folds λθ into a copy of the gradient.
     */
    private static void f32(Tensor[] in, Tensor[] out, boolean amsgrad, Step s, int first, int last) {
        float[] th = f32(in[0]);
        float[] gr = f32(in[1]);
        float[] m = f32(in[2]);
        float[] v = f32(in[3]);
        int tho = in[0].offset();
        int gro = in[1].offset();
        int mo = in[2].offset();
        int vo = in[3].offset();
        float[] thOut = f32(out[0]);
        float[] mOut = f32(out[1]);
        float[] vOut = f32(out[2]);
        int mOutO = out[1].offset();
        int vOutO = out[2].offset();
        boolean l2 = s.weightDecay() != 0 && !s.decoupled();
        float decay = (float) s.weightDecay();
        float shrink = s.decoupled() ? (float) (1 - s.lr() * s.weightDecay()) : 1f;
        float b1 = (float) s.beta1();
        float b1c = (float) (1 - s.beta1());
        float b2 = (float) s.beta2();
        float b2c = (float) (1 - s.beta2());
        float invC2 = (float) (1 / s.biasCorrection2Sqrt());
        float eps = (float) s.eps();
        float step = (float) s.stepSize();
        if (amsgrad) {
            float[] vMax = f32(in[4]);
            int vMaxo = in[4].offset();
            float[] vMaxOut = f32(out[3]);
            int vMaxOutO = out[3].offset();
            for (int i = first; i < last; i++) {
                float g = l2 ? gr[gro + i] + decay * th[tho + i] : gr[gro + i];
                float mi = b1 * m[mo + i] + b1c * g;
                float vi = b2 * v[vo + i] + b2c * g * g;
                float vHat = Math.max(vMax[vMaxo + i], vi);
                thOut[i] = th[tho + i] * shrink - step * mi / ((float) Math.sqrt(vHat) * invC2 + eps);
                mOut[mOutO + i] = mi;
                vOut[vOutO + i] = vi;
                vMaxOut[vMaxOutO + i] = vHat;
            }
            return;
        }
        if (l2) {
            float[] decayed = new float[last - first];
            for (int i = first; i < last; i++) {
                decayed[i - first] = gr[gro + i] + decay * th[tho + i];
            }
            gr = decayed;
            gro = -first;
        }
        int i = first;
        for (int bound = first + S.loopBound(last - first); i < bound; i += S.length()) {
            FloatVector g = FloatVector.fromArray(S, gr, gro + i);
            FloatVector mi = FloatVector.fromArray(S, m, mo + i).mul(b1).add(g.mul(b1c));
            FloatVector vi = FloatVector.fromArray(S, v, vo + i).mul(b2).add(g.mul(b2c).mul(g));
            FloatVector denominator = vi.sqrt().mul(invC2).add(eps);
            FloatVector.fromArray(S, th, tho + i).mul(shrink).sub(mi.mul(step).div(denominator)).intoArray(thOut, i);
            mi.intoArray(mOut, mOutO + i);
            vi.intoArray(vOut, vOutO + i);
        }
        for (; i < last; i++) {
            float g = gr[gro + i];
            float mi = b1 * m[mo + i] + b1c * g;
            float vi = b2 * v[vo + i] + b2c * g * g;
            thOut[i] = th[tho + i] * shrink - step * mi / ((float) Math.sqrt(vi) * invC2 + eps);
            mOut[mOutO + i] = mi;
            vOut[vOutO + i] = vi;
        }
    }

    private static void f64(Tensor[] in, Tensor[] out, boolean amsgrad, Step s, int first, int last) {
        double[] th = f64(in[0]);
        double[] gr = f64(in[1]);
        double[] m = f64(in[2]);
        double[] v = f64(in[3]);
        double[] vMax = amsgrad ? f64(in[4]) : null;
        int[] o = offsets(in);
        int[] oo = offsets(out);
        double[] thOut = f64(out[0]);
        double[] mOut = f64(out[1]);
        double[] vOut = f64(out[2]);
        double[] vMaxOut = amsgrad ? f64(out[3]) : null;
        for (int i = first; i < last; i++) {
            double theta = th[o[0] + i];
            double g = gr[o[1] + i];
            if (s.weightDecay() != 0 && s.decoupled()) {
                theta *= 1 - s.lr() * s.weightDecay();
            } else if (s.weightDecay() != 0) {
                g += s.weightDecay() * theta;
            }
            double mi = s.beta1() * m[o[2] + i] + (1 - s.beta1()) * g;
            double vi = s.beta2() * v[o[3] + i] + (1 - s.beta2()) * g * g;
            double vHat = vi;
            if (amsgrad) {
                vHat = Math.max(vMax[o[4] + i], vi);
                vMaxOut[oo[3] + i] = vHat;
            }
            thOut[i] = theta - s.stepSize() * mi / (Math.sqrt(vHat) / s.biasCorrection2Sqrt() + s.eps());
            mOut[oo[1] + i] = mi;
            vOut[oo[2] + i] = vi;
        }
    }

    private static int[] offsets(Tensor[] in) {
        int[] o = new int[in.length];
        for (int t = 0; t < in.length; t++) {
            o[t] = in[t] == null ? 0 : in[t].offset();
        }
        return o;
    }

    private static float[] f32(Tensor t) {
        return ((CpuStorage) t.storage()).f32();
    }

    private static double[] f64(Tensor t) {
        return ((CpuStorage) t.storage()).f64();
    }

    private static Tensor fresh(Tensor like) {
        return new Tensor(CpuStorage.uninitialized(like.dtype(), like.numel()), like.shape());
    }
}
