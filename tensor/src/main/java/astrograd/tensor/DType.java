package astrograd.tensor;

/**
 * Element types of a {@link Tensor}. {@code F32} is the default; {@code F64} serves gradient checks,
 * samplers and linear algebra; {@code I32}/{@code I64} hold indices and labels; {@code BOOL} holds masks.
 */
public enum DType {
    F32(4), F64(8), I32(4), I64(8), BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F32 and F64. */
    public boolean isFloating() {
        return this == F32 || this == F64;
    }

    /** True for I32 and I64. */
    public boolean isInteger() {
        return this == I32 || this == I64;
    }

    /**
     * The type two operands are promoted to: floating beats integer beats bool, wider beats narrower
     * (F64 &gt; F32 &gt; I64 &gt; I32 &gt; BOOL), as in PyTorch for tensors of equal rank category.
     */
    public static DType promote(DType a, DType b) {
        return a.rank() >= b.rank() ? a : b;
    }

    private int rank() {
        switch (this) {
            case BOOL: return 0;
            case I32: return 1;
            case I64: return 2;
            case F32: return 3;
            default: return 4;
        }
    }
}
