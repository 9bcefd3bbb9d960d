package astrograd.kernels;

import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.plan.LaunchPlanner;
import astrograd.kernels.plan.LayoutPacker;
import astrograd.kernels.plan.StridedLayout;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.Storage;
import astrograd.tensor.Tensor;
import java.lang.reflect.Array;

/** Host/device transfers, strided copies with casts ({@code copy_<from>_<to>}), and fills ({@code fill_<dtype>}). */
final class CudaCopy {
    private final DeviceContext ctx;

    CudaCopy(DeviceContext ctx) {
        this.ctx = ctx;
    }

    Storage upload(Object hostArray, DType dtype) {
        int n = Array.getLength(hostArray);
        CudaStorage s = ctx.storage(dtype, n);
        if (n > 0) {
            ctx.driver.upload(s.address(), dtype == DType.BOOL ? toBytes((boolean[]) hostArray) : hostArray, n);
        }
        return s;
    }

    Object download(Tensor t) {
        int n = t.numel();
        Object out = newHostArray(t.dtype(), n);
        if (n == 0) {
            return t.dtype() == DType.BOOL ? new boolean[0] : out;
        }
        if (t.isContiguous()) {
            ctx.driver.download(ctx.storageOf(t, "download").address(t.offset()), out, n);
        } else {
            Tensor dense = ctx.empty(t.dtype(), t.shape());
            copyInto(t, dense);
            ctx.driver.download(ctx.storageOf(dense, "download").address(), out, n);
            DeviceContext.free(dense);
        }
        return t.dtype() == DType.BOOL ? toBooleans((byte[]) out) : out;
    }

    /** {@code dst <- cast(src)} elementwise in row-major order of their common shape. */
    void copyInto(Tensor src, Tensor dst) {
        int n = src.numel();
        if (n == 0) {
            return;
        }
        StridedLayout[] l = LayoutPacker.joint(src.shape(), new int[][] {src.strides(), dst.strides()},
                new int[] {src.offset(), dst.offset()});
        String kernel = "copy_" + DeviceContext.suffix(src.dtype()) + "_" + DeviceContext.suffix(dst.dtype());
        ctx.launch(kernel, LaunchPlanner.linear(n), new KernelArgs()
                .struct(l[0].pack()).pointer(ctx.base(src, "copyInto"))
                .struct(l[1].pack()).pointer(ctx.base(dst, "copyInto"))
                .i32(n));
    }

    /** A contiguous copy of t (t itself when it already is one). */
    Tensor contiguous(Tensor t) {
        if (t.isContiguous()) {
            return t;
        }
        Tensor out = ctx.empty(t.dtype(), t.shape());
        copyInto(t, out);
        return out;
    }

    Tensor full(DType dtype, int[] shape, double value) {
        int n = Shape.numel(shape);
        if (value == 0 || n == 0) {
            return new Tensor(ctx.zeros(dtype, n), shape.clone());
        }
        CudaStorage s = ctx.storage(dtype, n);
        KernelArgs args = new KernelArgs().pointer(s.address()).i32(n);
        switch (dtype) {
            case F32: args.f32((float) value); break;
            case F64: args.f64(value); break;
            case I32: args.i32((int) value); break;
            case I64: args.i64((long) value); break;
            default: args.u8((byte) 1); break;
        }
        ctx.launch("fill_" + DeviceContext.suffix(dtype), LaunchPlanner.linear(n), args);
        return new Tensor(s, shape.clone());
    }

    /** A host array of the dtype's transfer type: BOOL moves as bytes. */
    private static Object newHostArray(DType dtype, int n) {
        switch (dtype) {
            case F32: return new float[n];
            case F64: return new double[n];
            case I32: return new int[n];
            case I64: return new long[n];
            default: return new byte[n];
        }
    }

    private static byte[] toBytes(boolean[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) (b[i] ? 1 : 0);
        }
        return out;
    }

    private static boolean[] toBooleans(byte[] b) {
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }
}
