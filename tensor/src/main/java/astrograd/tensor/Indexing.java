package astrograd.tensor;

import java.util.Arrays;

/** Gather, scatter-add, index selection and one-hot encoding, with validation of shapes and indices. */
final class Indexing {
    private Indexing() {
    }

    static Tensor gather(Tensor x, int axis, Tensor index) {
        int a = Shape.axis("gather", axis, x.rank());
        Tensor idx = indexTensor("gather", index, x);
        checkIndexShape("gather", x, idx, a);
        return x.backend().gather(x, a, idx);
    }

    static Tensor scatterAdd(Tensor base, int axis, Tensor index, Tensor src) {
        int a = Shape.axis("scatterAdd", axis, base.rank());
        Tensor idx = indexTensor("scatterAdd", index, base);
        if (!Arrays.equals(idx.shape(), src.shape())) {
            throw new ShapeException("scatterAdd: index " + Shape.str(idx.shape()) + " and src "
                    + Shape.str(src.shape()) + " must have the same shape");
        }
        checkIndexShape("scatterAdd", base, idx, a);
        if (src.dtype() != base.dtype()) {
            throw new DTypeException("scatterAdd: src is " + src.dtype() + " but base is " + base.dtype());
        }
        return base.backend().scatterAdd(base, a, idx, src);
    }

    static Tensor indexSelect(Tensor x, int axis, Tensor index) {
        int a = Shape.axis("indexSelect", axis, x.rank());
        if (index.rank() != 1) {
            throw new ShapeException("indexSelect: index must be 1-d, got " + Shape.str(index.shape()));
        }
        Tensor idx = indexTensor("indexSelect", index, x);
        int n = x.shape()[a];
        long[] values = idx.toLongArray();
        boolean negative = false;
        for (long v : values) {
            if (v < -n || v >= n) {
                throw new ShapeException("indexSelect: index " + v + " is out of range for axis " + axis
                        + " of size " + n + " in shape " + Shape.str(x.shape()));
            }
            negative |= v < 0;
        }
        if (negative) {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] < 0 ? values[i] + n : values[i];
            }
            idx = Tensor.of(values, values.length).to(x.device());
        }
        return x.backend().indexSelect(x, a, idx);
    }

    static Tensor oneHot(Tensor x, int numClasses) {
        if (!x.dtype().isInteger()) {
            throw new DTypeException("oneHot: needs an integer tensor, got " + x.dtype());
        }
        if (numClasses < 1) {
            throw new ShapeException("oneHot: numClasses must be >= 1, got " + numClasses);
        }
        if (x.numel() > 0) {
            long lo = (long) x.min(new int[0], false).item();
            long hi = (long) x.max(new int[0], false).item();
            if (lo < 0 || hi >= numClasses) {
                throw new ShapeException("oneHot: values must lie in [0, " + numClasses + "), found range ["
                        + lo + ", " + hi + "]");
            }
        }
        Tensor classes = Tensor.arange(numClasses).to(x.device());
        return x.to(DType.I64).unsqueeze(-1).eq(classes).to(DType.F32);
    }

    private static Tensor indexTensor(String op, Tensor index, Tensor x) {
        if (!index.dtype().isInteger()) {
            throw new DTypeException(op + ": index must be I32 or I64, got " + index.dtype());
        }
        if (!index.device().equals(x.device())) {
            throw new DeviceException(op + ": index is on " + index.device() + ", input on " + x.device());
        }
        return index.to(DType.I64);
    }

    private static void checkIndexShape(String op, Tensor x, Tensor idx, int axis) {
        if (idx.rank() != x.rank()) {
            throw new ShapeException(op + ": index " + Shape.str(idx.shape()) + " must have the rank of input "
                    + Shape.str(x.shape()));
        }
        for (int d = 0; d < x.rank(); d++) {
            if (d != axis && idx.shape()[d] > x.shape()[d]) {
                throw new ShapeException(op + ": index " + Shape.str(idx.shape()) + " exceeds input "
                        + Shape.str(x.shape()) + " at axis " + d);
            }
        }
    }
}
