package astrograd.tensor.cpu;

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
 * The pure-Java backend. Each family of primitives lives in its own kernel class; this class only routes.
 * Parallel work runs on {@link EnginePool}.
 */
public final class CpuBackend implements Backend {
    /** The one instance. */
    public static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public Storage allocate(DType dtype, int numel) {
        return CpuStorage.allocate(dtype, numel);
    }

    @Override
    public Storage allocateUninitialized(DType dtype, int numel) {
        return CpuStorage.uninitialized(dtype, numel);
    }

    @Override
    public Storage upload(Object hostArray, DType dtype) {
        return CpuStorage.adopt(dtype, CpuCopy.cloneArray(hostArray));
    }

    @Override
    public Object download(Tensor t) {
        return CpuCopy.download(t);
    }

    @Override
    public void copyInto(Tensor src, Tensor dst) {
        CpuCopy.copyInto(src, dst);
    }

    @Override
    public Tensor full(DType dtype, int[] shape, double value) {
        return CpuCopy.full(dtype, shape, value);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        return CpuUnary.apply(op, x);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        return CpuBinary.apply(op, a, b);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        return CpuBinary.where(cond, a, b);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes) {
        return CpuReduce.reduce(op, x, axes);
    }

    @Override
    public Tensor argReduce(ArgReduceOp op, Tensor x, int axis) {
        return CpuReduce.argReduce(op, x, axis);
    }

    @Override
    public Tensor cumsum(Tensor x, int axis) {
        return CpuReduce.cumsum(x, axis);
    }

    @Override
    public Tensor logsumexp(Tensor x, int axis) {
        return CpuSoftmax.logsumexp(x, axis);
    }

    @Override
    public Tensor softmax(Tensor x, int axis, boolean log) {
        return CpuSoftmax.softmax(x, axis, log);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return CpuMatmul.matmul(a, b);
    }

    @Override
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        return CpuMatmul.linear(x, w, b);
    }

    @Override
    public Tensor gather(Tensor x, int axis, Tensor index) {
        return CpuIndexing.gather(x, axis, index);
    }

    @Override
    public Tensor scatterAdd(Tensor base, int axis, Tensor index, Tensor src) {
        return CpuIndexing.scatterAdd(base, axis, index, src);
    }

    @Override
    public Tensor indexSelect(Tensor x, int axis, Tensor index) {
        return CpuIndexing.indexSelect(x, axis, index);
    }

    @Override
    public Tensor random(RandomKind kind, DType dtype, int[] shape, long key, long counter) {
        return CpuRandom.random(kind, dtype, shape, key, counter);
    }

    @Override
    public Tensor cholesky(Tensor a) {
        return CpuLinalg.cholesky(a);
    }

    @Override
    public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA) {
        return CpuLinalg.triangularSolve(a, b, lower, transposeA);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor w, ConvSpec spec) {
        return CpuConv.conv2d(x, w, spec);
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor w, ConvSpec spec) {
        return CpuConv.convTranspose2d(x, w, spec);
    }

    @Override
    public Tensor[] maxPool2d(Tensor x, PoolSpec spec, boolean withIndices) {
        return CpuConv.maxPool2d(x, spec, withIndices);
    }

    @Override
    public Tensor avgPool2d(Tensor x, PoolSpec spec) {
        return CpuConv.avgPool2d(x, spec);
    }

    @Override
    public Tensor unfold(Tensor x, int kh, int kw, ConvSpec spec) {
        return CpuConv.unfold(x, kh, kw, spec);
    }

    @Override
    public Tensor fold(Tensor cols, int h, int w, int kh, int kw, ConvSpec spec) {
        return CpuConv.fold(cols, h, w, kh, kw, spec);
    }

    /** F32 unfolds a few output rows at a time ({@link ConvWeightProducts}); F64 takes the default. */
    @Override
    public Tensor convWeightProducts(Tensor x, Tensor g, int kh, int kw, ConvSpec spec) {
        if (x.dtype() == DType.F32) {
            return ConvWeightProducts.f32(x, g, kh, kw, spec);
        }
        return Backend.super.convWeightProducts(x, g, kh, kw, spec);
    }
}
