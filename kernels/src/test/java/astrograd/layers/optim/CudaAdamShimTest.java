package astrograd.layers.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import astrograd.kernels.CudaAdam;
import astrograd.kernels.CudaBackend;
import astrograd.kernels.driver.Fatbin;
import astrograd.kernels.driver.KernelRunner;
import astrograd.kernels.shim.ShimBinary;
import astrograd.kernels.shim.ShimDriver;
import astrograd.tensor.Backends;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused Adam kernel ({@code adam_f32}, run by the host shim) against the CPU's fused step {@link AdamCpu}:
 * three steps fed back into themselves must give the same bits for θ, m, v and v̂, with L2 decay, decoupled decay
 * and AMSGrad, on a size with a vector tail on the CPU. (In this package to reach the package-private AdamCpu.)
 */
class CudaAdamShimTest {
    private static ShimDriver driver;
    private static CudaBackend backend;

    @BeforeAll
    static void startShim() throws IOException {
        String why = ShimBinary.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "host shim unavailable: " + why);
        driver = new ShimDriver();
        backend = new CudaBackend(Device.cuda(0), new KernelRunner(driver, Fatbin.kernels(), false));
    }

    @AfterAll
    static void stopShim() throws IOException {
        if (driver != null) {
            driver.close();
        }
    }

    @ParameterizedTest(name = "decay {0} decoupled {1} amsgrad {2}")
    @CsvSource({"0, false, false", "0.01, false, false", "0.05, true, false", "0.01, false, true", "0.05, true, true"})
    void threeStepsAreBitIdenticalToTheCpu(double decay, boolean decoupled, boolean amsgrad) {
        int n = 1037;
        double lr = 3e-3;
        double beta1 = 0.9;
        double beta2 = 0.999;
        SplittableRandom r = new SplittableRandom(7);
        float[] theta = random(r, n, 1);
        try (TensorScope scope = TensorScope.open()) {
            Tensor[] cpu = {Tensor.of(theta, n), zeros(n), zeros(n), amsgrad ? zeros(n) : null};
            Tensor[] dev = {upload(theta), upload(new float[n]), upload(new float[n]), amsgrad ? upload(new float[n]) : null};
            for (int t = 1; t <= 3; t++) {
                float[] grad = random(r, n, t == 2 ? 1e-3 : 2);
                double stepSize = lr / (1 - Math.pow(beta1, t));
                double c2 = Math.sqrt(1 - Math.pow(beta2, t));
                Tensor[] nextCpu = AdamCpu.update(cpu[0], Tensor.of(grad, n), cpu[1], cpu[2], cpu[3], amsgrad,
                        new AdamCpu.Step(beta1, beta2, 1e-8, decay, decoupled, lr, stepSize, c2), false);
                Tensor[] nextDev = backend.adamStep(dev[0], upload(grad), dev[1], dev[2], dev[3],
                        new CudaAdam.Step(beta1, beta2, 1e-8, decay, decoupled, lr, stepSize, c2));
                for (int k = 0; k < 4; k++) {
                    if (k == 3 && !amsgrad) {
                        assertNull(nextDev[k]);
                        continue;
                    }
                    float[] want = (float[]) Backends.cpu().download(nextCpu[k]);
                    float[] got = (float[]) backend.download(nextDev[k]);
                    if (!Arrays.equals(want, got)) {
                        int i = Arrays.mismatch(want, got);
                        throw new AssertionError("adam step " + t + ", output " + k + ": element " + i + " is " + got[i]
                                + ", the CPU's " + want[i]);
                    }
                }
                cpu = nextCpu;
                dev = nextDev;
            }
        }
        assertEquals(0, backend.allocator().liveBytes(), "device bytes still live after the scope closed");
    }

    @org.junit.jupiter.api.Test
    void stridedOrF64InputsAreRefused() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor a = upload(new float[6]);
            Tensor strided = new Tensor(a.storage(), new int[] {3}, new int[] {2}, 0);
            CudaAdam.Step s = new CudaAdam.Step(0.9, 0.999, 1e-8, 0, false, 1e-3, 1e-2, 0.03);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.adamStep(strided, strided, strided, strided, null, s));
            assertEquals("adam: needs contiguous F32 tensors of 3 elements, got F32 [3] (not contiguous)", e.getMessage());
            Tensor d = new Tensor(backend.upload(new double[3], DType.F64), new int[] {3});
            assertThrows(IllegalArgumentException.class, () -> backend.adamStep(d, d, d, d, null, s));
        }
    }

    private static Tensor upload(float[] v) {
        return new Tensor(backend.upload(v, DType.F32), new int[] {v.length});
    }

    private static Tensor zeros(int n) {
        return Tensor.of(new float[n], n);
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return f;
    }
}
