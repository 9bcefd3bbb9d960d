package astrograd.kernels;

import astrograd.kernels.driver.DeviceProperties;
import astrograd.kernels.driver.Fatbin;
import astrograd.kernels.driver.JCudaLoader;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code gpu-info}: what the CUDA backend would run on — JCuda, the fatbin, the driver, each device (name,
 * compute capability, multiprocessors, memory), and the optional libraries. Without a usable GPU it prints
 * why, in one line, and no stack trace; the exit status is 0 either way (this is a report, not a check).
 *
 * <pre>.device/java astrograd.kernels.GpuInfo</pre>
 */
public final class GpuInfo {
    private GpuInfo() {
    }

    public static void main(String[] args) {
        report(System.out);
    }

    /** Writes the report. */
    public static void report(PrintStream out) {
        out.println("astrograd gpu-info");
        row(out, "JCuda", JCudaLoader.jcudaVersion() + " (org.jcuda:jcuda, the CUDA driver API binding)");
        row(out, "kernels", "astrograd.fatbin: " + Fatbin.kernels().size() + " kernels, SASS sm_80 and sm_90, PTX compute_80, "
                + "built by nvcc " + Fatbin.manifestField("nvcc"));
        try {
            int version = JCudaLoader.driverVersion();
            row(out, "driver", "CUDA " + JCudaLoader.versionString(version) + " (astrograd needs "
                    + JCudaLoader.versionString(JCudaLoader.MIN_DRIVER_VERSION) + " or newer)");
            int count = JCudaLoader.deviceCount();
            row(out, "devices", Integer.toString(count));
            for (int i = 0; i < count; i++) {
                row(out, "cuda:" + i, describe(JCudaLoader.describe(i)));
            }
        } catch (CudaUnavailableException e) {
            row(out, "CUDA", "unavailable: " + e.getMessage());
        } catch (CudaException e) {
            row(out, "CUDA", "error: " + e.getMessage());
        }
        row(out, "JCublas", jcublas());
        row(out, "GEMM", "astrograd's own tiled kernel (gemm_f32, gemm_f64)");
    }

    private static String describe(DeviceProperties p) {
        return String.format(Locale.ROOT, "%s, compute capability %s, %d multiprocessors, %.1f GiB", p.name(),
                p.computeCapability(), p.multiprocessors(), p.totalMemory() / (double) (1L << 30));
    }

    /** Whether the optional cuBLAS binding is present and loads, and why not. */
    static String jcublas() {
        try {
            Class.forName("jcuda.jcublas.JCublas2", false, GpuInfo.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "not loaded: optional, and not on the class path (org.jcuda:jcublas 12.6.0 needs libcublas.so.12, "
                    + "which CUDA 13 machines lack; matmul uses astrograd's own GEMM)";
        }
        try {
            Class.forName("jcuda.jcublas.JCublas2", true, GpuInfo.class.getClassLoader());
            return "on the class path and loaded (not used by the backend yet)";
        } catch (LinkageError e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return "not loaded: " + (first.contains("libcublas") ? "libcublas.so.12 is missing" : first);
        } catch (ClassNotFoundException e) {
            return "not loaded: " + e.getMessage();
        }
    }

    private static void row(PrintStream out, String key, String value) {
        out.printf(Locale.ROOT, "  %-9s %s%n", key, value);
    }
}
