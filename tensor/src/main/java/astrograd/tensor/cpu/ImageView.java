package astrograd.tensor.cpu;

import astrograd.tensor.Tensor;

/**
 * A CPU tensor {@code [N, C, H, W]} as its backing array and the strides of its images, channels and positions
 * ({@code h·W + w}): read in place when the two spatial axes merge into one (contiguous, sliced along N or C, or
 * broadcast as the upstream of a sum is), else through a contiguous copy. Kernels that take these strides read
 * element (n, c, p) at {@code offset + n·imageStride + c·channelStride + p·positionStride}.
 */
record ImageView(Object data, int offset, int imageStride, int channelStride, int positionStride) {

    static ImageView of(Tensor t) {
        int[] st = t.strides();
        boolean merges = t.size(2) == 1 || t.size(3) == 1 || st[2] == st[3] * t.size(3);
        if (merges && t.storage() instanceof CpuStorage) {
            int positionStride = t.size(3) == 1 && t.size(2) > 1 ? st[2] : st[3];
            return new ImageView(((CpuStorage) t.storage()).array(), t.offset(), st[0], st[1], positionStride);
        }
        int plane = t.size(2) * t.size(3);
        return new ImageView(CpuConv.array(t), 0, t.size(1) * plane, plane, 1);
    }

    float[] f32() {
        return (float[]) data;
    }

    /** Index of position 0 of channel c of image n. */
    int at(int n, int c) {
        return offset + n * imageStride + c * channelStride;
    }
}
