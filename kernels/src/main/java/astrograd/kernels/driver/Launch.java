package astrograd.kernels.driver;

/**
 * A launch shape: grid and block dimensions and dynamic shared memory bytes.
 *
 * @param gridX blocks along x (1 .. 2^31 - 1)
 * @param gridY blocks along y (1 .. 65535)
 * @param gridZ blocks along z (1 .. 65535)
 * @param blockX threads per block along x; blockX * blockY * blockZ is at most 1024
 * @param blockY threads per block along y
 * @param blockZ threads per block along z
 * @param sharedBytes dynamic shared memory per block
 */
public record Launch(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int sharedBytes) {
    /** The CUDA limit on the y and z grid dimensions. */
    public static final int MAX_GRID_YZ = 65535;

    public Launch {
        if (gridX < 1 || gridY < 1 || gridZ < 1 || gridY > MAX_GRID_YZ || gridZ > MAX_GRID_YZ) {
            throw new IllegalArgumentException("launch grid " + gridX + "x" + gridY + "x" + gridZ + " out of range");
        }
        if (blockX < 1 || blockY < 1 || blockZ < 1 || (long) blockX * blockY * blockZ > 1024) {
            throw new IllegalArgumentException("launch block " + blockX + "x" + blockY + "x" + blockZ + " out of range");
        }
        if (sharedBytes < 0) {
            throw new IllegalArgumentException("launch shared memory " + sharedBytes + " < 0");
        }
    }

    /** A one-dimensional launch of {@code blocks} blocks of {@code threads} threads. */
    public static Launch linear(int blocks, int threads) {
        return new Launch(blocks, 1, 1, threads, 1, 1, 0);
    }

    /** Threads per block. */
    public int threadsPerBlock() {
        return blockX * blockY * blockZ;
    }

    @Override
    public String toString() {
        return "grid " + gridX + "x" + gridY + "x" + gridZ + ", block " + blockX + "x" + blockY + "x" + blockZ;
    }
}
