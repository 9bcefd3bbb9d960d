package astrograd.kernels;

import astrograd.kernels.driver.DeviceDriver;
import astrograd.kernels.driver.DeviceProperties;
import astrograd.kernels.driver.JCudaDeviceDriver;
import astrograd.kernels.driver.KernelRunner;
import astrograd.kernels.memory.CachingAllocator;
import astrograd.tensor.Backend;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Storage;
import astrograd.tensor.Tensor;
import astrograd.tensor.ops.ArgReduceOp;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import astrograd.tensor.ops.RandomKind;
import astrograd.tensor.ops.ReduceOp;
import astrograd.tensor.ops.UnaryOp;

/**
 * The CUDA backend of one device: hand-written kernels from {@code kernels/src/main/cuda}, launched through a
 * {@link DeviceDriver}, with memory from a {@link CachingAllocator}.
 *
 * <p>Every op of the {@link Backend} contract runs on CUDA: allocation, host/device copies, strided copies with
 * casts, fills, elementwise ops (floating, integer and BOOL, as the CPU defines them), where, reductions,
 * arg-reductions, cumsum, softmax/log-softmax/logsumexp, gather/scatter-add/indexSelect, matmul and linear, the
 * Philox fills, batched Cholesky and triangular solves, convolutions and transposed convolutions (im2col + GEMM,
 * GEMM + col2im), max and average pooling, unfold and fold. Views with more than 8 axes that do not merge are
 * refused as "not yet on CUDA".
 */
public final class CudaBackend implements Backend {
    private final DeviceContext ctx;
    private final CudaCopy copy;
    private final CudaElementwise elementwise;
    private final CudaReduce reductions;
    private final CudaMatmul matmul;
    private final CudaRandom random;
    private final CudaRows rows;
    private final CudaIndexing indexing;
    private final CudaImage image;
    private final CudaLinalg linalg;
    private final CudaAdam adam;

    /**
     * A backend for {@code device} over any driver (the JCuda one, or a test's).
     *
     * @param device the device tensors of this backend report
     * @param runner launches kernels on the driver
     */
    public CudaBackend(Device device, KernelRunner runner) {
        this.ctx = new DeviceContext(device, runner.driver(), runner);
        this.copy = new CudaCopy(ctx);
        this.elementwise = new CudaElementwise(ctx);
        this.reductions = new CudaReduce(ctx, copy);
        this.matmul = new CudaMatmul(ctx, copy, elementwise);
        this.random = new CudaRandom(ctx);
        this.rows = new CudaRows(ctx);
        this.indexing = new CudaIndexing(ctx, copy);
        this.image = new CudaImage(ctx, copy, matmul);
        this.linalg = new CudaLinalg(ctx, copy);
        this.adam = new CudaAdam(ctx);
    }

    /**
     * Opens {@code Device.cuda(ordinal)} through JCuda.
     *
     * @throws CudaUnavailableException saying why there is no usable driver or device
     */
    public static CudaBackend open(int ordinal) {
        DeviceDriver driver = JCudaDeviceDriver.open(ordinal);
        return new CudaBackend(Device.cuda(ordinal), KernelRunner.of(driver));
    }

    /** The device's allocator (live and cached bytes, for tests and diagnostics). */
    public CachingAllocator allocator() {
        return ctx.allocator;
    }

    /** What the device is. */
    public DeviceProperties properties() {
        return ctx.driver.properties();
    }

    /** The driver under this backend (for benchmarks and diagnostics: raw copies, memory info). */
    public DeviceDriver driver() {
        return ctx.driver;
    }

    /** Waits for all launched work, surfacing any kernel's failure. */
    public void synchronize() {
        ctx.driver.synchronize();
    }

    /**
     * One fused Adam/AdamW step on contiguous F32 tensors of this device ({@link CudaAdam}): new {θ, m, v, v̂},
     * v̂ null when vMax is (no AMSGrad); bit-identical to the CPU's fused step.
     */
    public Tensor[] adamStep(Tensor theta, Tensor grad, Tensor m, Tensor v, Tensor vMax, CudaAdam.Step step) {
        return adam.step(theta, grad, m, v, vMax, step);
    }

    @Override
    public Device device() {
        return ctx.device;
    }

    @Override
    public Storage allocate(DType dtype, int numel) {
        return ctx.zeros(dtype, numel);
    }

    @Override
    public Storage allocateUninitialized(DType dtype, int numel) {
        return ctx.storage(dtype, numel);
    }

    @Override
    public Storage upload(Object hostArray, DType dtype) {
        return copy.upload(hostArray, dtype);
    }

    @Override
    public Object download(Tensor t) {
        return copy.download(t);
    }

    @Override
    public void copyInto(Tensor src, Tensor dst) {
        copy.copyInto(src, dst);
    }

    @Override
    public Tensor full(DType dtype, int[] shape, double value) {
        return copy.full(dtype, shape, value);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        return elementwise.unary(op, x);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        return elementwise.binary(op, a, b);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        return elementwise.where(cond, a, b);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes) {
        return reductions.reduce(op, x, axes);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return matmul.matmul(a, b);
    }

    @Override
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        return matmul.linear(x, w, b);
    }

    @Override
    public Tensor random(RandomKind kind, DType dtype, int[] shape, long key, long counter) {
        return random.random(kind, dtype, shape, key, counter);
    }

    @Override
    public Tensor argReduce(ArgReduceOp op, Tensor x, int axis) {
        return rows.argReduce(op, x, axis);
    }

    @Override
    public Tensor cumsum(Tensor x, int axis) {
        return rows.cumsum(x, axis);
    }

    @Override
    public Tensor logsumexp(Tensor x, int axis) {
        return rows.logsumexp(x, axis);
    }

    @Override
    public Tensor softmax(Tensor x, int axis, boolean log) {
        return rows.softmax(x, axis, log);
    }

    @Override
    public Tensor gather(Tensor x, int axis, Tensor index) {
        return indexing.gather(x, axis, index);
    }

    @Override
    public Tensor scatterAdd(Tensor base, int axis, Tensor index, Tensor src) {
        return indexing.scatterAdd(base, axis, index, src);
    }

    @Override
    public Tensor indexSelect(Tensor x, int axis, Tensor index) {
        return indexing.indexSelect(x, axis, index);
    }

    @Override
    public Tensor cholesky(Tensor a) {
        return linalg.cholesky(a);
    }

    @Override
    public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA) {
        return linalg.triangularSolve(a, b, lower, transposeA);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor w, ConvSpec spec) {
        return image.conv2d(x, w, spec);
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor w, ConvSpec spec) {
        return image.convTranspose2d(x, w, spec);
    }

    @Override
    public Tensor[] maxPool2d(Tensor x, PoolSpec spec, boolean withIndices) {
        return image.maxPool2d(x, spec, withIndices);
    }

    @Override
    public Tensor avgPool2d(Tensor x, PoolSpec spec) {
        return image.avgPool2d(x, spec);
    }

    @Override
    public Tensor unfold(Tensor x, int kh, int kw, ConvSpec spec) {
        return image.unfold(x, kh, kw, spec);
    }

    @Override
    public Tensor fold(Tensor cols, int h, int w, int kh, int kw, ConvSpec spec) {
        return image.fold(cols, h, w, kh, kw, spec);
    }

    // convWeightProducts: the interface's default (unfold of the batch, then one batched product) runs on the
    // kernels above.
}
