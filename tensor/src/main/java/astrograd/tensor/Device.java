package astrograd.tensor;

import java.util.Objects;

/** Where a tensor's storage lives: {@code Device.cpu()} or {@code Device.cuda(i)}. Immutable value. */
public final class Device {
    /** Kinds of device the engine knows. */
    public enum Kind { CPU, CUDA }

    private static final Device CPU = new Device(Kind.CPU, 0);

    private final Kind kind;
    private final int index;

    private Device(Kind kind, int index) {
        this.kind = kind;
        this.index = index;
    }

    /** The host. */
    public static Device cpu() {
        return CPU;
    }

    /**
     * The CUDA device with this ordinal. Creating the value loads nothing; the backend is looked up when
     * a tensor is first placed on it, and {@link DeviceException} says why when none is available.
     */
    public static Device cuda(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("Device.cuda: index must be >= 0, got " + index);
        }
        return new Device(Kind.CUDA, index);
    }

    public Kind kind() {
        return kind;
    }

    public int index() {
        return index;
    }

    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device && ((Device) o).kind == kind && ((Device) o).index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, index);
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
