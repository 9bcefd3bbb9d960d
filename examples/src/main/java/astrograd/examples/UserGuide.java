package astrograd.examples;

import astrograd.autodiff.GradCheck;
import astrograd.autodiff.GradMode;
import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.DeviceException;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.Map;

/**
 * The code of {@code docs/user-guide.md}, one method per section, each returning what the guide says it computes
 * ({@code ExamplesTest} checks it).
 */
public final class UserGuide {
    private UserGuide() {
    }

    public static void main(String[] args) {
        System.out.println(tensors());
        System.out.println(views());
        System.out.println(dtypesAndDevices());
        System.out.println(gradients());
        System.out.println(noGrad());
        System.out.println(scope(Tensor.ones(4), Tensor.ones(4)));
    }

    /** Creating tensors and computing with them. */
    public static Map<String, Object> tensors() {
        // docs:begin tensors
        Rng rng = new Rng(42);                                  // explicit, splittable Philox4x32-10 stream
        Tensor x = rng.randn(DType.F32, 32, 13);                // batch of 32 feature vectors
        Tensor w = rng.randn(DType.F32, 13, 64).mul(0.1);
        Tensor h = x.matmul(w).add(1f).relu();                  // broadcasting elementwise ops
        Tensor p = h.softmax(-1);                               // stable softmax along the last axis
        Tensor rowSums = p.sum(new int[] {1}, false);           // 32 ones
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.arange(3).to(DType.F32);              // [0, 1, 2], broadcast over the rows of a
        System.out.println(a.mul(b));                           // [[0, 2, 6], [0, 5, 12]]
        // docs:end tensors
        return Map.of("h", h, "rowSums", rowSums, "ab", a.mul(b));
    }

    /** Views share storage; contiguous() copies only when it must. */
    public static Map<String, Object> views() {
        // docs:begin views
        Tensor m = Tensor.arange(12).to(DType.F32).reshape(3, 4);   // a view of the arange's storage
        Tensor t = m.transpose(0, 1);                              // [4, 3], strides [1, 4]: no copy
        Tensor everyOther = m.slice(1, 0, 4, 2);                   // columns 0 and 2: [3, 2]
        Tensor row = m.select(0, 1);                               // [4]: 4, 5, 6, 7
        boolean shared = t.storage() == m.storage();               // true
        Tensor packed = t.contiguous();                            // a row-major copy of the transpose
        // docs:end views
        return Map.of("t", t, "everyOther", everyOther, "row", row, "shared", shared, "packed", packed);
    }

    /** Dtypes, casts and devices. */
    public static Map<String, Object> dtypesAndDevices() {
        // docs:begin dtypes
        Tensor f = Tensor.of(new float[] {0.5f, 1.5f, 2.5f}, 3);   // F32, the default
        Tensor d = f.to(DType.F64);                                // casts copy; F64 for gradient checks and samplers
        Tensor i = Tensor.of(new long[] {2, 0, 1}, 3);             // I64 indices and labels
        Tensor mask = f.gt(1.0);                                   // BOOL
        Tensor mixed = f.add(d);                                   // F32 + F64 -> F64 (promotion)
        Device where = f.device();                                 // Device.cpu()
        String gpu;
        try {
            gpu = Tensor.zeros(2, 2).to(Device.cuda(0)).device().toString();
        } catch (DeviceException e) {                              // no CUDA backend or no GPU: a clear message
            gpu = "no GPU: " + e.getMessage();
        }
        // docs:end dtypes
        return Map.of("d", d, "i", i, "mask", mask, "mixed", mixed, "device", where, "gpu", gpu);
    }

    /** Var, backward and the gradient check. */
    public static Map<String, Object> gradients() {
        Rng rng = new Rng(42);
        Tensor x = rng.randn(DType.F32, 32, 13);
        Tensor w = rng.randn(DType.F32, 13, 64).mul(0.1);
        // docs:begin gradients
        Var w1 = Var.param(w);                                  // a leaf that requires a gradient
        Var loss = Var.constant(x).matmul(w1).tanh().square().mean();
        loss.backward();                                        // frees the graph; w1.grad() holds dloss/dw1
        Tensor dw = w1.grad();                                  // [13, 64], like w
        GradCheck.assertPasses(GradCheck.check(v -> v[0].tanh().sum(), rng.randn(DType.F64, 3, 4)));
        // docs:end gradients
        return Map.of("loss", loss, "dw", dw);
    }

    /** No graph under noGrad. */
    public static boolean noGrad() {
        Var w = Var.param(Tensor.ones(3));
        // docs:begin nograd
        Var y;
        try (GradMode.Scope s = GradMode.noGrad()) {
            y = w.mul(2).sum();                                 // computed, but nothing is recorded
        }
        boolean recorded = y.requiresGrad();                    // false: y.backward() would throw
        // docs:end nograd
        return recorded;
    }

    /** A training step's temporaries released by a scope, the new weights kept. */
    public static Tensor scope(Tensor weights, Tensor batch) {
        // docs:begin scope
        try (TensorScope scope = TensorScope.open()) {
            Tensor next = step(weights, batch);                 // every temporary allocated here is recycled on close
            weights = scope.keep(next);                         // ...except what outlives the step
        }
        // docs:end scope
        return weights;
    }

    /** The stand-in update of the scope example: {@code w − b/2}. */
    static Tensor step(Tensor weights, Tensor batch) {
        return weights.sub(batch.div(2));
    }
}
