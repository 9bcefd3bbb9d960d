package astrograd.tensor;

import astrograd.tensor.ops.ArgReduceOp;
import astrograd.tensor.ops.BinaryOp;
import astrograd.tensor.ops.PadMode;
import astrograd.tensor.ops.ReduceOp;
import astrograd.tensor.ops.UnaryOp;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable n-d view: storage + dtype + shape + strides + offset + device. Movement ops (reshape,
 * permute, slice, expand, flip...) return views sharing storage; every other op returns a new tensor and
 * never modifies its inputs. Elementwise ops broadcast as NumPy does.
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}});
 * Tensor b = a.matmul(a.transpose(0, 1)).add(1f).sigmoid();
 * float[] out = b.toFloatArray();
 * }</pre>
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private final int numel;
    /** Whether the view is contiguous: 0 not yet known, 1 yes, 2 no (computed once; a tensor never changes). */
    private byte contiguity;

    /**
     * A view of storage (for backends and the tensor layer). Shape and strides are taken as given (not
     * copied): callers hand over fresh arrays.
     */
    public Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.numel = Shape.numel(shape);
    }

    /** A contiguous tensor over the whole storage. */
    public Tensor(Storage storage, int[] shape) {
        this(storage, shape, Shape.contiguousStrides(shape), 0);
    }

    // ---------------------------------------------------------------- accessors

    public DType dtype() {
        return storage.dtype();
    }

    public Device device() {
        return storage.device();
    }

    public Backend backend() {
        return Backends.of(storage.device());
    }

    public Storage storage() {
        return storage;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the strides, in elements. */
    public int[] strides() {
        return strides.clone();
    }

    /** The shape array itself, not a copy: for hot paths of this package that only read it. */
    int[] shapeRef() {
        return shape;
    }

    public int offset() {
        return offset;
    }

    public int rank() {
        return shape.length;
    }

    /** Size of one axis (negative axes count from the end). */
    public int size(int axis) {
        return shape[Shape.axis("size", axis, shape.length)];
    }

    public int numel() {
        return numel;
    }

    /** True if the elements lie in row-major order without gaps from {@link #offset()}. */
    public boolean isContiguous() {
        if (contiguity == 0) {
            contiguity = Shape.isContiguous(shape, strides) ? (byte) 1 : (byte) 2;
        }
        return contiguity == 1;
    }

    // ---------------------------------------------------------------- creation

    /** Zeros of the shape in F32. */
    public static Tensor zeros(int... shape) {
        return full(DType.F32, 0, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return full(dtype, 0, shape);
    }

    public static Tensor ones(int... shape) {
        return full(DType.F32, 1, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** Every element {@code value}, cast to the dtype (BOOL: value != 0). */
    public static Tensor full(DType dtype, double value, int... shape) {
        return Backends.cpu().full(dtype, Shape.check("full", shape), value);
    }

    /** A 0-d tensor. */
    public static Tensor scalar(double value, DType dtype) {
        return full(dtype, value);
    }

    /** {@code start, start + step, ...} below {@code end} (F64 if any argument has a fraction, else I64). */
    public static Tensor arange(double start, double end, double step) {
        boolean integral = start == Math.rint(start) && end == Math.rint(end) && step == Math.rint(step);
        return Creation.arange(start, end, step, integral ? DType.I64 : DType.F64);
    }

    /** {@code 0, 1, ..., end - 1} as I64. */
    public static Tensor arange(int end) {
        return Creation.arange(0, end, 1, DType.I64);
    }

    /** {@code start, start + step, ...} below {@code end} in the given dtype. */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        return Creation.arange(start, end, step, dtype);
    }

    /** {@code steps} evenly spaced values from start to end inclusive (F32). */
    public static Tensor linspace(double start, double end, int steps) {
        return Creation.linspace(start, end, steps, DType.F32);
    }

    public static Tensor linspace(double start, double end, int steps, DType dtype) {
        return Creation.linspace(start, end, steps, dtype);
    }

    /** The n-by-n identity. */
    public static Tensor eye(int n, DType dtype) {
        return Creation.eye(n, dtype);
    }

    /** A tensor of the given shape over a copy of the flat row-major data. */
    public static Tensor of(float[] flat, int... shape) {
        return Creation.fromFlat(flat, DType.F32, flat.length, shape);
    }

    public static Tensor of(double[] flat, int... shape) {
        return Creation.fromFlat(flat, DType.F64, flat.length, shape);
    }

    public static Tensor of(int[] flat, int... shape) {
        return Creation.fromFlat(flat, DType.I32, flat.length, shape);
    }

    public static Tensor of(long[] flat, int... shape) {
        return Creation.fromFlat(flat, DType.I64, flat.length, shape);
    }

    public static Tensor of(boolean[] flat, int... shape) {
        return Creation.fromFlat(flat, DType.BOOL, flat.length, shape);
    }

    /** A 1-d F32 tensor (a copy). */
    public static Tensor of(float... data) {
        return of(data, data.length);
    }

    /** A 1-d F64 tensor (a copy). */
    public static Tensor of(double... data) {
        return of(data, data.length);
    }

    /** From a rectangular Java array, 2-d to 4-d, of float or double; ragged arrays are refused. */
    public static Tensor of(float[][] data) {
        return Creation.fromNested(data, DType.F32);
    }

    public static Tensor of(float[][][] data) {
        return Creation.fromNested(data, DType.F32);
    }

    public static Tensor of(float[][][][] data) {
        return Creation.fromNested(data, DType.F32);
    }

    public static Tensor of(double[][] data) {
        return Creation.fromNested(data, DType.F64);
    }

    public static Tensor of(double[][][] data) {
        return Creation.fromNested(data, DType.F64);
    }

    public static Tensor of(double[][][][] data) {
        return Creation.fromNested(data, DType.F64);
    }

    // ---------------------------------------------------------------- copies out

    /** Elements in row-major order as floats (cast from any dtype). */
    public float[] toFloatArray() {
        return (float[]) to(DType.F32).download();
    }

    public double[] toDoubleArray() {
        return (double[]) to(DType.F64).download();
    }

    public int[] toIntArray() {
        return (int[]) to(DType.I32).download();
    }

    public long[] toLongArray() {
        return (long[]) to(DType.I64).download();
    }

    public boolean[] toBooleanArray() {
        return (boolean[]) to(DType.BOOL).download();
    }

    private Object download() {
        return backend().download(this);
    }

    /** The single element of a one-element tensor, as a double. */
    public double item() {
        if (numel() != 1) {
            throw new ShapeException("item: tensor of shape " + Shape.str(shape) + " has " + numel() + " elements, not 1");
        }
        return toDoubleArray()[0];
    }

    /** The element at a full index, as a double. */
    public double getDouble(int... index) {
        if (index.length != shape.length) {
            throw new ShapeException("getDouble: index of rank " + index.length + " for shape " + Shape.str(shape));
        }
        Tensor t = this;
        for (int i = index.length - 1; i >= 0; i--) {
            t = t.select(i, index[i]);
        }
        return t.item();
    }

    // ---------------------------------------------------------------- dtype and device

    /** This tensor cast to {@code dtype} (itself if already of that dtype). Float to int truncates toward zero. */
    public Tensor to(DType dtype) {
        if (dtype == dtype()) {
            return this;
        }
        Tensor out = new Tensor(backend().allocateUninitialized(dtype, numel()), shape.clone());
        backend().copyInto(this, out);
        return out;
    }

    /** This tensor on another device (itself if already there). */
    public Tensor to(Device device) {
        if (device.equals(device())) {
            return this;
        }
        Backend target = Backends.of(device);
        return new Tensor(target.upload(contiguous().download(), dtype()), shape.clone());
    }

    /** A contiguous copy when this view is not contiguous, else itself. */
    public Tensor contiguous() {
        if (isContiguous()) {
            return this;
        }
        Tensor out = new Tensor(backend().allocateUninitialized(dtype(), numel()), shape.clone());
        backend().copyInto(this, out);
        return out;
    }

    // ---------------------------------------------------------------- views

    /** Same elements in a new shape (one size may be -1); a view when the strides allow, else a copy. */
    public Tensor reshape(int... newShape) {
        return Views.reshape(this, newShape);
    }

    /** Reorders axes: result axis i is input axis {@code axes[i]}. */
    public Tensor permute(int... axes) {
        return Views.permute(this, axes);
    }

    /** Swaps two axes. */
    public Tensor transpose(int a, int b) {
        return Views.transpose(this, a, b);
    }

    /** Elements {@code start, start+step, ...} below {@code end} along axis; negative bounds count from the end and are clamped. */
    public Tensor slice(int axis, int start, int end, int step) {
        return Views.slice(this, axis, start, end, step);
    }

    /** {@code length} elements from {@code start} along axis. */
    public Tensor narrow(int axis, int start, int length) {
        return Views.narrow(this, axis, start, length);
    }

    /** The sub-tensor at {@code index} along axis, with the axis removed. */
    public Tensor select(int axis, int index) {
        return Views.select(this, axis, index);
    }

    /** A broadcast view (stride 0 on expanded axes); -1 keeps a size. */
    public Tensor expand(int... newShape) {
        return Views.expand(this, newShape);
    }

    /** A broadcast view to {@code target} following NumPy rules. */
    public Tensor broadcastTo(int... target) {
        return Views.broadcastTo(this, target);
    }

    /** Removes all size-1 axes. */
    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    /** Removes one size-1 axis. */
    public Tensor squeeze(int axis) {
        return Views.squeeze(this, axis);
    }

    /** Inserts a size-1 axis at position {@code axis} (in [-rank-1, rank]). */
    public Tensor unsqueeze(int axis) {
        return Views.unsqueeze(this, axis);
    }

    /** Reverses the order along the axes (a view with negative strides). */
    public Tensor flip(int... axes) {
        return Views.flip(this, axes);
    }

    /** Collapses all axes into one. */
    public Tensor flatten() {
        return reshape(numel());
    }

    /** Collapses axes {@code start..end} (inclusive) into one. */
    public Tensor flatten(int start, int end) {
        return Views.flatten(this, start, end);
    }

    /** Cyclic shift along axis: {@code out[i] = x[(i - shift) mod n]}; any shift, negative or beyond the length. */
    public Tensor roll(int shift, int axis) {
        return Joins.roll(this, shift, axis);
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code this + o} elementwise, broadcasting both operands to a common shape and dtype. */
    public Tensor add(Tensor o) { return Elementwise.binary(BinaryOp.ADD, this, o); }
    /** {@code this − o} elementwise, with broadcasting. */
    public Tensor sub(Tensor o) { return Elementwise.binary(BinaryOp.SUB, this, o); }
    /** {@code this · o} elementwise, with broadcasting. */
    public Tensor mul(Tensor o) { return Elementwise.binary(BinaryOp.MUL, this, o); }
    /** {@code this / o} elementwise, with broadcasting (integers are promoted to F32). */
    public Tensor div(Tensor o) { return Elementwise.binary(BinaryOp.DIV, this, o); }
    /** {@code this ^ o} elementwise (floating). */
    public Tensor pow(Tensor o) { return Elementwise.binary(BinaryOp.POW, this, o); }
    /** {@code max(this, o)} elementwise, with broadcasting. */
    public Tensor maximum(Tensor o) { return Elementwise.binary(BinaryOp.MAXIMUM, this, o); }
    /**
     * {@code atan2(this, x)} elementwise with broadcasting (PyTorch's {@code torch.atan2(input, other)}): the
     * angle in [-π, π] of the point (x, this), so {@code this} is the ordinate. Signed zeros follow IEEE 754:
     * {@code atan2(±0, +0) = ±0}, {@code atan2(±0, -0) = ±π}. Integer inputs are promoted to F32.
     */
    public Tensor atan2(Tensor x) { return Elementwise.binary(BinaryOp.ATAN2, this, x); }
    /** {@code min(this, o)} elementwise, with broadcasting. */
    public Tensor minimum(Tensor o) { return Elementwise.binary(BinaryOp.MINIMUM, this, o); }

    /** Scalar forms keep this tensor's dtype for floating tensors (a Python-scalar rule, as in PyTorch). */
    public Tensor add(double s) { return Elementwise.scalar(BinaryOp.ADD, this, s); }
    /** {@code x − s}. */
    public Tensor sub(double s) { return Elementwise.scalar(BinaryOp.SUB, this, s); }
    /** {@code x · s}. */
    public Tensor mul(double s) { return Elementwise.scalar(BinaryOp.MUL, this, s); }
    /** {@code x / s}. */
    public Tensor div(double s) { return Elementwise.scalar(BinaryOp.DIV, this, s); }
    /** {@code x^s}. */
    public Tensor pow(double s) { return Elementwise.scalar(BinaryOp.POW, this, s); }
    /** {@code max(x, s)}. */
    public Tensor maximum(double s) { return Elementwise.scalar(BinaryOp.MAXIMUM, this, s); }
    /** {@code min(x, s)}. */
    public Tensor minimum(double s) { return Elementwise.scalar(BinaryOp.MINIMUM, this, s); }

    /** {@code −x}. */
    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, this); }
    /** {@code |x|}. */
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this); }
    /** {@code sign(x)}: −1, 0 or 1. */
    public Tensor sign() { return Elementwise.unary(UnaryOp.SIGN, this); }
    /** {@code e^x}. */
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this); }
    /** {@code ln x} (−∞ at 0, NaN below). */
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this); }
    /** {@code ln(1 + x)}, accurate for small |x|. */
    public Tensor log1p() { return Elementwise.unary(UnaryOp.LOG1P, this); }
    /** {@code e^x − 1}, accurate for small |x|. */
    public Tensor expm1() { return Elementwise.unary(UnaryOp.EXPM1, this); }
    /** {@code √x}. */
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }
    /** {@code 1 / sqrt(x)}. */
    public Tensor rsqrt() { return Elementwise.unary(UnaryOp.RSQRT, this); }
    /** {@code x²}. */
    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, this); }
    /** {@code sin x}. */
    public Tensor sin() { return Elementwise.unary(UnaryOp.SIN, this); }
    /** {@code cos x}. */
    public Tensor cos() { return Elementwise.unary(UnaryOp.COS, this); }
    /** {@code tanh x = (e^x − e^-x) / (e^x + e^-x)}. */
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this); }
    /** {@code 1 / (1 + e^-x)}. */
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }
    /** {@code max(x, 0)}. */
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this); }
    /** {@code log(1 + e^x)}, stable for large |x|. */
    public Tensor softplus() { return Elementwise.unary(UnaryOp.SOFTPLUS, this); }
    /** The error function {@code erf x = (2/√π) ∫₀ˣ e^(−t²) dt}. */
    public Tensor erf() { return Elementwise.unary(UnaryOp.ERF, this); }
    /** {@code log |Γ(x)|}. */
    public Tensor lgamma() { return Elementwise.unary(UnaryOp.LGAMMA, this); }
    /**
     * The digamma function {@code ψ(x) = d/dx log Γ(x)}; at the poles as PyTorch: -inf at +0, +inf at -0,
     * NaN at -1, -2, ...
     */
    public Tensor digamma() { return Elementwise.unary(UnaryOp.DIGAMMA, this); }
    /**
     * The trigamma function {@code ψ₁(x) = d/dx ψ(x) = Σ_{k≥0} 1/(x+k)²}; +inf at the poles 0, -1, -2, ...
     * (PyTorch's {@code torch.polygamma(1, x)}).
     */
    public Tensor trigamma() { return Elementwise.unary(UnaryOp.TRIGAMMA, this); }
    /** Logical not of a BOOL tensor. */
    public Tensor not() { return Elementwise.unary(UnaryOp.NOT, this); }

    /** {@code min(max(x, lo), hi)}; lo must not exceed hi. */
    public Tensor clamp(double lo, double hi) { return Elementwise.clamp(this, lo, hi); }

    /** {@code this == o} elementwise as BOOL, with broadcasting. */
    public Tensor eq(Tensor o) { return Elementwise.binary(BinaryOp.EQ, this, o); }
    /** {@code this != o} elementwise as BOOL, with broadcasting. */
    public Tensor ne(Tensor o) { return Elementwise.binary(BinaryOp.NE, this, o); }
    /** {@code this < o} elementwise as BOOL, with broadcasting. */
    public Tensor lt(Tensor o) { return Elementwise.binary(BinaryOp.LT, this, o); }
    /** {@code this <= o} elementwise as BOOL, with broadcasting. */
    public Tensor le(Tensor o) { return Elementwise.binary(BinaryOp.LE, this, o); }
    /** {@code this > o} elementwise as BOOL, with broadcasting. */
    public Tensor gt(Tensor o) { return Elementwise.binary(BinaryOp.GT, this, o); }
    /** {@code this >= o} elementwise as BOOL, with broadcasting. */
    public Tensor ge(Tensor o) { return Elementwise.binary(BinaryOp.GE, this, o); }
    /** {@code x == s} as BOOL. */
    public Tensor eq(double s) { return Elementwise.scalar(BinaryOp.EQ, this, s); }
    /** {@code x != s} as BOOL. */
    public Tensor ne(double s) { return Elementwise.scalar(BinaryOp.NE, this, s); }
    /** {@code x < s} as BOOL. */
    public Tensor lt(double s) { return Elementwise.scalar(BinaryOp.LT, this, s); }
    /** {@code x <= s} as BOOL. */
    public Tensor le(double s) { return Elementwise.scalar(BinaryOp.LE, this, s); }
    /** {@code x > s} as BOOL. */
    public Tensor gt(double s) { return Elementwise.scalar(BinaryOp.GT, this, s); }
    /** {@code x >= s} as BOOL. */
    public Tensor ge(double s) { return Elementwise.scalar(BinaryOp.GE, this, s); }
    /** Logical and of BOOL tensors. */
    public Tensor and(Tensor o) { return Elementwise.binary(BinaryOp.AND, this, o); }
    /** Logical or of BOOL tensors. */
    public Tensor or(Tensor o) { return Elementwise.binary(BinaryOp.OR, this, o); }

    /** {@code cond ? a : b} elementwise with broadcasting of all three; a and b are promoted to a common dtype. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Elementwise.where(cond, a, b);
    }

    /** A copy with {@code value} where the BOOL mask (broadcast to this shape) is true. */
    public Tensor maskedFill(Tensor mask, double value) {
        return Elementwise.maskedFill(this, mask, value);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() { return Reductions.reduce(ReduceOp.SUM, this, new int[0], false); }
    /** Sum over the axes (all if none given), dropping them. */
    public Tensor sum(int... axes) { return Reductions.reduce(ReduceOp.SUM, this, axes, false); }
    /** Sum over the axes (all if empty), keeping them as size 1 when {@code keepDim}. */
    public Tensor sum(int[] axes, boolean keepDim) { return Reductions.reduce(ReduceOp.SUM, this, axes, keepDim); }
    /** Product over the axes (all if empty); the product of nothing is 1. */
    public Tensor prod(int[] axes, boolean keepDim) { return Reductions.reduce(ReduceOp.PROD, this, axes, keepDim); }
    /** Largest element over the axes (all if empty); refused on empty reductions. */
    public Tensor max(int[] axes, boolean keepDim) { return Reductions.reduce(ReduceOp.MAX, this, axes, keepDim); }
    /** Smallest element over the axes (all if empty); refused on empty reductions. */
    public Tensor min(int[] axes, boolean keepDim) { return Reductions.reduce(ReduceOp.MIN, this, axes, keepDim); }
    /** Mean over the axes (all if empty). */
    public Tensor mean(int[] axes, boolean keepDim) { return Reductions.mean(this, axes, keepDim); }
    /** Mean of all elements (0-d). */
    public Tensor mean() { return Reductions.mean(this, new int[0], false); }
    /** Variance {@code sum((x - mean)^2) / (n - 1 if unbiased else n)}, two-pass. */
    public Tensor var(int[] axes, boolean unbiased, boolean keepDim) { return Reductions.var(this, axes, unbiased, keepDim); }
    /** Square root of {@link #var}. */
    public Tensor std(int[] axes, boolean unbiased, boolean keepDim) { return Reductions.var(this, axes, unbiased, keepDim).sqrt(); }
    /** I64 index of the largest element along axis (first on ties). */
    public Tensor argmax(int axis, boolean keepDim) { return Reductions.arg(ArgReduceOp.ARGMAX, this, axis, keepDim); }
    /** I64 index of the smallest element along axis (first on ties). */
    public Tensor argmin(int axis, boolean keepDim) { return Reductions.arg(ArgReduceOp.ARGMIN, this, axis, keepDim); }
    /** {@code m + log(sum(exp(x - m)))} with m the max over the axes (all if empty). */
    public Tensor logsumexp(int[] axes, boolean keepDim) { return Reductions.logsumexp(this, axes, keepDim); }
    /** Inclusive cumulative sum along axis. */
    public Tensor cumsum(int axis) { return Reductions.cumsum(this, axis); }
    /** {@code exp(x - m) / Σ exp(x - m)} along axis, m the max along it. */
    public Tensor softmax(int axis) { return Reductions.softmax(this, axis, false); }
    /**
     * {@code (x - m) - log Σ exp(x - m)} along axis, m the max along it (not {@code x - logsumexp(x)}, which would
     * round to the precision of m: F32 logits near 10 000 would lose four digits).
     */
    public Tensor logSoftmax(int axis) { return Reductions.softmax(this, axis, true); }

    // ---------------------------------------------------------------- joining and indexing

    /** Joins tensors of equal shape but for {@code axis}. */
    public static Tensor cat(int axis, Tensor... parts) { return Joins.cat(axis, parts); }
    public static Tensor cat(int axis, List<Tensor> parts) { return Joins.cat(axis, parts.toArray(new Tensor[0])); }
    /** Joins tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) { return Joins.stack(axis, parts); }
    public static Tensor stack(int axis, List<Tensor> parts) { return Joins.stack(axis, parts.toArray(new Tensor[0])); }
    /** Views of {@code size} elements along axis (the last may be shorter). */
    public List<Tensor> split(int size, int axis) { return Joins.split(this, size, axis); }
    /** Views of the given sizes along axis; they must add up to the axis length. */
    public List<Tensor> split(int[] sizes, int axis) { return Joins.split(this, sizes, axis); }
    /** {@code chunks} views along axis of size ceil(n / chunks) (fewer if n is small). */
    public List<Tensor> chunk(int chunks, int axis) { return Joins.chunk(this, chunks, axis); }

    /**
     * Pads with PyTorch's convention: {@code pads} holds (before, after) pairs starting from the LAST axis,
     * e.g. {@code {1, 2}} pads the last axis by 1 before and 2 after. Pads must be non-negative.
     */
    public Tensor pad(int[] pads, PadMode mode, double value) { return Joins.pad(this, pads, mode, value); }
    /** Pads one axis. */
    public Tensor pad(int axis, int before, int after, PadMode mode, double value) { return Joins.padAxis(this, axis, before, after, mode, value); }

    /** {@code out[..i..] = x[..index[..i..]..]} along axis; index is integer with this rank. */
    public Tensor gather(int axis, Tensor index) { return Indexing.gather(this, axis, index); }
    /** Same as {@link #gather}; NumPy's name. */
    public Tensor takeAlongAxis(Tensor index, int axis) { return Indexing.gather(this, axis, index); }
    /** A copy with {@code out[..index[..j..]..] += src[..j..]} along axis. */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) { return Indexing.scatterAdd(this, axis, index, src); }
    /** Slices along axis picked by a 1-d integer index (negative entries count from the end). */
    public Tensor indexSelect(int axis, Tensor index) { return Indexing.indexSelect(this, axis, index); }
    /** One-hot encoding of an integer tensor: shape + [numClasses], F32. */
    public Tensor oneHot(int numClasses) { return Indexing.oneHot(this, numClasses); }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with NumPy semantics: 1-d operands are promoted to a row/column and the added axis
     * removed; batch axes broadcast. {@code [.., m, k] @ [.., k, n] -> [.., m, n]}.
     */
    public Tensor matmul(Tensor o) { return Linalg.matmul(this, o); }

    // ---------------------------------------------------------------- misc

    /** True if shapes, dtypes and all elements are equal (NaN equal to NaN). */
    public boolean contentEquals(Tensor o) {
        return dtype() == o.dtype() && Arrays.equals(shape, o.shape)
                && Arrays.equals(toDoubleArray(), o.toDoubleArray());
    }

    @Override
    public String toString() {
        return Printer.format(this);
    }
}
