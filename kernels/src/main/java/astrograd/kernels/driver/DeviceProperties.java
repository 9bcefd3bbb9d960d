package astrograd.kernels.driver;

/**
 * What a device is.
 *
 * @param ordinal the CUDA device ordinal
 * @param name the driver's name for it, e.g. "NVIDIA H100 80GB HBM3"
 * @param major compute capability, major
 * @param minor compute capability, minor
 * @param multiprocessors streaming multiprocessors
 * @param totalMemory device memory in bytes
 */
public record DeviceProperties(int ordinal, String name, int major, int minor, int multiprocessors, long totalMemory) {

    /** The compute capability as "9.0". */
    public String computeCapability() {
        return major + "." + minor;
    }
}
