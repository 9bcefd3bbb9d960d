package astrograd.autodiff.gradtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.autodiff.GradCheck;
import astrograd.tensor.Backend;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The autodiff module's gradient table ({@link GradOpTableTest}) with every input on another device: for each row
 * checked by finite differences, the inner-product check ⟨u, J v⟩ against ⟨Jᵀu, v⟩ on the larger instance, with the
 * forward pass, the backward rules and the perturbed evaluations all on the device (same tolerances as on the
 * CPU). A rule that builds a tensor on the wrong device, or a device op with a wrong gradient, fails here. In this
 * package to reach the table; subclasses give the device's backend or skip saying why. Live device bytes must be
 * back to zero after each row.
 */
abstract class DeviceGradTableContract {

    /** The backend of the device under test; aborts (skips) the test when it is unavailable. */
    protected abstract Backend backend();

    /** The device's live bytes (checked after each row's scope closed). */
    protected abstract long liveBytes();

    static Stream<String> checkedRows() {
        return GradOpTableTest.checkedRows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkedRows")
    void innerProductOnTheDevice(String id) {
        Backend dev = backend();
        GradRow row = GradOpTable.get(id);
        SplittableRandom r = new SplittableRandom(row.seed(1));
        int[][] shapes = row.largeShapes();
        String what = GradOpTableTest.describe(row, "inner-product check on " + dev.device(), shapes);
        try (TensorScope scope = TensorScope.open()) {
            Tensor[] in = onDevice(dev, row.draw(r, shapes));
            Tensor[] aux = onDevice(dev, row.drawAux(r, shapes));
            Rng rng = new Rng(row.seed(2));
            GradCheck.Report report = GradOpTableTest.runOrFail(what,
                    () -> GradCheck.innerProduct(row.bind(aux), 1e-6, 1e-6, 1e-6, rng, in));
            if (!report.passed()) {
                fail(what + ": " + report);
            }
        }
        assertEquals(0, liveBytes(), what + ": device bytes still live after the scope");
    }

    private static Tensor[] onDevice(Backend dev, Tensor[] t) {
        return Arrays.stream(t).map(x -> x == null ? null : x.to(dev.device())).toArray(Tensor[]::new);
    }
}
