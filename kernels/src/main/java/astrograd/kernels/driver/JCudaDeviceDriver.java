package astrograd.kernels.driver;

import astrograd.kernels.CudaException;
import astrograd.kernels.CudaOutOfMemoryException;
import astrograd.kernels.CudaUnavailableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * {@link DeviceDriver} over the CUDA driver API through JCuda: the only class that touches {@code jcuda.*}
 * (with {@link JCudaLoader}), loaded only when a CUDA device is opened. It uses the device's primary
 * context, made current on each calling thread on first use; the fatbin's module is loaded into it once, at
 * the first launch, and kernel handles are cached by name. Every call's result is checked and a failure
 * becomes a {@link CudaException} naming the call.
 */
public final class JCudaDeviceDriver implements DeviceDriver {
    private final CUcontext context;
    private final DeviceProperties properties;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private volatile CUmodule module;

    private JCudaDeviceDriver(CUcontext context, DeviceProperties properties) {
        this.context = context;
        this.properties = properties;
    }

    /**
     * Opens device {@code ordinal}: checks the driver (CUDA 13 or newer), initializes it, and retains the
     * device's primary context.
     *
     * @throws CudaUnavailableException saying why when there is no usable driver or device
     */
    public static JCudaDeviceDriver open(int ordinal) {
        JCudaLoader.requireDriver();
        int count = JCudaLoader.deviceCount();
        if (ordinal >= count) {
            throw new CudaUnavailableException("cuda:" + ordinal + " does not exist: the driver sees " + count
                    + (count == 1 ? " device (cuda:0)" : " devices (cuda:0 .. cuda:" + (count - 1) + ")"));
        }
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
        CUcontext context = new CUcontext();
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        return new JCudaDeviceDriver(context, JCudaLoader.describe(ordinal));
    }

    @Override
    public DeviceProperties properties() {
        return properties;
    }

    @Override
    public long malloc(long bytes) {
        makeCurrent();
        DevicePointer p = DevicePointer.empty();
        int r = JCudaDriver.cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            throw new CudaOutOfMemoryException("cuMemAlloc", "cuMemAlloc of " + bytes + " bytes failed: out of memory");
        }
        check(r, "cuMemAlloc(" + bytes + " bytes)");
        return p.address();
    }

    @Override
    public void free(long address) {
        makeCurrent();
        check(JCudaDriver.cuMemFree(DevicePointer.at(address)), "cuMemFree");
    }

    @Override
    public void memsetZero(long address, long bytes) {
        makeCurrent();
        check(JCudaDriver.cuMemsetD8(DevicePointer.at(address), (byte) 0, bytes), "cuMemsetD8");
    }

    @Override
    public void upload(long dst, Object hostArray, int count) {
        makeCurrent();
        check(JCudaDriver.cuMemcpyHtoD(DevicePointer.at(dst), host(hostArray), bytes(hostArray, count)),
                "cuMemcpyHtoD");
    }

    @Override
    public void download(long src, Object hostArray, int count) {
        makeCurrent();
        check(JCudaDriver.cuMemcpyDtoH(host(hostArray), DevicePointer.at(src), bytes(hostArray, count)),
                "cuMemcpyDtoH");
    }

    @Override
    public void copy(long dst, long src, long bytes) {
        makeCurrent();
        check(JCudaDriver.cuMemcpyDtoD(DevicePointer.at(dst), DevicePointer.at(src), bytes), "cuMemcpyDtoD");
    }

    @Override
    public void launch(String name, Launch l, KernelArgs args) {
        makeCurrent();
        CUfunction f = function(name);
        Pointer[] params = new Pointer[args.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = parameter(args, i);
        }
        check(JCudaDriver.cuLaunchKernel(f, l.gridX(), l.gridY(), l.gridZ(), l.blockX(), l.blockY(),
                l.blockZ(), l.sharedBytes(), null, Pointer.to(params), null), "cuLaunchKernel(" + name + ", " + l + ")");
    }

    @Override
    public void synchronize() {
        makeCurrent();
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    @Override
    public long[] memoryInfo() {
        makeCurrent();
        long[] free = new long[1];
        long[] total = new long[1];
        check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }

    /** The kernel's handle, loading the fatbin's module into the context on first use. */
    private CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module(), name), "cuModuleGetFunction(" + name + ")");
            functions.put(name, f);
        }
        return f;
    }

    private CUmodule module() {
        CUmodule m = module;
        if (m == null) {
            synchronized (this) {
                m = module;
                if (m == null) {
                    m = new CUmodule();
                    int r = JCudaDriver.cuModuleLoadData(m, Fatbin.bytes());
                    if (r == CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU) {
                        throw new CudaUnavailableException("astrograd.fatbin has no code for " + properties.name()
                                + " (compute capability " + properties.computeCapability() + "): it holds SASS for sm_80 and "
                                + "sm_90 and PTX for compute_80");
                    }
                    check(r, "cuModuleLoadData(astrograd.fatbin)");
                    module = m;
                }
            }
        }
        return m;
    }

    private void makeCurrent() {
        if (!current.get()) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            current.set(Boolean.TRUE);
        }
    }

    private static Pointer parameter(KernelArgs args, int i) {
        Object v = args.value(i);
        switch (args.kind(i)) {
            case POINTER:
            case LONG: return Pointer.to(new long[] {(Long) v});
            case INT: return Pointer.to(new int[] {(Integer) v});
            case FLOAT: return Pointer.to(new float[] {(Float) v});
            case DOUBLE: return Pointer.to(new double[] {(Double) v});
            case BYTE: return Pointer.to(new byte[] {(Byte) v});
            default: return Pointer.to((int[]) v);
        }
    }

    private static Pointer host(Object array) {
        if (array instanceof float[]) {
            return Pointer.to((float[]) array);
        } else if (array instanceof double[]) {
            return Pointer.to((double[]) array);
        } else if (array instanceof int[]) {
            return Pointer.to((int[]) array);
        } else if (array instanceof long[]) {
            return Pointer.to((long[]) array);
        } else if (array instanceof byte[]) {
            return Pointer.to((byte[]) array);
        }
        throw new IllegalArgumentException("not a host array of float, double, int, long or byte: " + array);
    }

    private static long bytes(Object array, int count) {
        int size = array instanceof double[] || array instanceof long[] ? 8 : array instanceof byte[] ? 1 : 4;
        return (long) count * size;
    }

    /** Throws a {@link CudaException} naming {@code call} unless {@code result} is CUDA_SUCCESS. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call, result, JCudaLoader.errorName(result));
        }
    }

    /**
     * A {@code CUdeviceptr} made from, and read as, a plain address: JCuda passes a device pointer to the
     * driver as its native pointer plus its byte offset, so the address is held as an offset from null.
     */
    private static final class DevicePointer extends CUdeviceptr {
        private static final CUdeviceptr NULL = new CUdeviceptr();

        private DevicePointer(long address) {
            super(NULL, address);
        }

        /** A pointer to pass for {@code address}. */
        static CUdeviceptr at(long address) {
            return new DevicePointer(address);
        }

        /** A pointer for cuMemAlloc to fill in; read it back with {@link #address()}. */
        static DevicePointer empty() {
            return new DevicePointer(0);
        }

        long address() {
            return getNativePointer() + getByteOffset();
        }
    }
}
