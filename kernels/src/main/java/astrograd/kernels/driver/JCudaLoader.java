package astrograd.kernels.driver;

import astrograd.kernels.CudaUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Loads JCuda's native driver binding and brings the CUDA driver up, turning every way this can fail into a
 * {@link CudaUnavailableException} with one sentence saying why: JCuda's natives or {@code libcuda.so.1}
 * missing, a driver older than CUDA 13 (checked first, before {@code cuInit}), or no device. The first
 * failure is remembered and repeated, since a JVM cannot retry a failed native load.
 */
public final class JCudaLoader {
    /** The oldest driver the fatbin runs on: CUDA 13.0 (nvcc 13 emits PTX 9.0). */
    public static final int MIN_DRIVER_VERSION = 13000;

    private static String failure;
    private static boolean initialized;

    private JCudaLoader() {
    }

    /** JCuda's version from its jar's Maven metadata (loads no native code), or "unknown". */
    public static String jcudaVersion() {
        try (InputStream in = JCudaDriver.class.getResourceAsStream("/META-INF/maven/org.jcuda/jcuda/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The CUDA version the driver supports, e.g. 13000 for 13.0.
     *
     * @throws CudaUnavailableException when the native binding or the driver library does not load
     */
    public static synchronized int driverVersion() {
        loadNatives();
        int[] v = new int[1];
        int r = JCudaDriver.cuDriverGetVersion(v);
        if (r != CUresult.CUDA_SUCCESS) {
            throw unavailable("cuDriverGetVersion failed: " + errorName(r));
        }
        return v[0];
    }

    /** A driver version as "13.0". */
    public static String versionString(int version) {
        return version / 1000 + "." + (version % 1000) / 10;
    }

    /**
     * Checks the driver version and initializes the driver, once.
     *
     * @throws CudaUnavailableException saying why the driver cannot be used
     */
    public static synchronized void requireDriver() {
        if (initialized) {
            return;
        }
        int version = driverVersion();
        if (version < MIN_DRIVER_VERSION) {
            throw unavailable("the NVIDIA driver supports CUDA " + versionString(version) + ", but astrograd's kernels "
                    + "need CUDA " + versionString(MIN_DRIVER_VERSION) + " or newer (driver 580 or later): update the driver");
        }
        int r = JCudaDriver.cuInit(0);
        if (r == CUresult.CUDA_ERROR_NO_DEVICE) {
            throw unavailable("the NVIDIA driver is installed but sees no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)");
        }
        if (r != CUresult.CUDA_SUCCESS) {
            throw unavailable("the CUDA driver did not initialize: cuInit failed with " + errorName(r));
        }
        initialized = true;
    }

    /** Number of CUDA devices (after {@link #requireDriver()}). */
    public static int deviceCount() {
        requireDriver();
        int[] n = new int[1];
        JCudaDeviceDriver.check(JCudaDriver.cuDeviceGetCount(n), "cuDeviceGetCount");
        return n[0];
    }

    /** Name, compute capability, multiprocessors and memory of device {@code ordinal}. */
    public static DeviceProperties describe(int ordinal) {
        requireDriver();
        CUdevice d = new CUdevice();
        JCudaDeviceDriver.check(JCudaDriver.cuDeviceGet(d, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        JCudaDeviceDriver.check(JCudaDriver.cuDeviceGetName(name, name.length, d), "cuDeviceGetName");
        long[] mem = new long[1];
        JCudaDeviceDriver.check(JCudaDriver.cuDeviceTotalMem(mem, d), "cuDeviceTotalMem");
        return new DeviceProperties(ordinal, cString(name),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, "compute capability major"),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, "compute capability minor"),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, "multiprocessor count"), mem[0]);
    }

    /** The driver's name for an error code, e.g. "CUDA_ERROR_OUT_OF_MEMORY". */
    public static String errorName(int code) {
        String[] name = new String[1];
        if (JCudaDriver.cuGetErrorName(code, name) == CUresult.CUDA_SUCCESS && name[0] != null) {
            return name[0];
        }
        return CUresult.stringFor(code);
    }

    private static int attribute(CUdevice d, int attribute, String what) {
        int[] v = new int[1];
        JCudaDeviceDriver.check(JCudaDriver.cuDeviceGetAttribute(v, attribute, d),
                "cuDeviceGetAttribute(" + what + ")");
        return v[0];
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Triggers JCuda's static initializer, which loads its native library and with it libcuda.so.1. */
    private static void loadNatives() {
        if (failure != null) {
            throw new CudaUnavailableException(failure);
        }
        try {
            JCudaDriver.setExceptionsEnabled(false);
        } catch (LinkageError e) {
            throw unavailable(whyNotLoaded(e));
        }
    }

    /** One sentence from JCuda's long report of a failed native load. */
    static String whyNotLoaded(Throwable e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("libcuda.so.1")) {
            return "no NVIDIA driver: libcuda.so.1 could not be loaded (this machine has no GPU driver installed, "
                    + "or it is not on the library path)";
        }
        String firstLine = text.lines().findFirst().orElse(text);
        return "JCuda's native driver binding did not load (" + e.getClass().getSimpleName() + ": " + firstLine
                + "); JCuda natives exist for linux-x86_64 only in this build";
    }

    private static CudaUnavailableException unavailable(String why) {
        failure = why;
        return new CudaUnavailableException(why);
    }
}
