// Image ops on [N, C, H, W]: unfold (im2col), fold (col2im), max and average pooling. The convolutions are
// built on the host from these and the GEMM (conv2d = unfold then a batched product; the transposed
// convolution = a batched product then fold).
//
// A window at output (oh, ow) covers input rows oh * sh - pt + i * dh and columns ow * sw - pl + j * dw
// (i < kh, j < kw); taps outside the image read zero (unfold) or are skipped (pooling). The input image is read
// through its strides (xoff, xs0..xs3), so permuted or sliced inputs need no copy. Outputs are contiguous.
#pragma once
#include "common.cuh"

// Geometry of a convolution-like op; field order mirrored by CudaImage.java (19 ints).
struct ConvGeom {
    int n, c, h, w;
    int kh, kw, sh, sw, pt, pl, dh, dw;
    int oh, ow;
    int xoff, xs0, xs1, xs2, xs3;
};

// cols[n, (c, i, j), (oh, ow)] = x[n, c, ih, iw], 0 outside the image; thread per column element.
template <typename T>
__device__ __forceinline__ void ag_unfold(const ConvGeom& g, const T* __restrict__ x, T* __restrict__ cols, int total) {
    AG_GRID_STRIDE(t, total) {
        int r = (int)t;
        const int ow = r % g.ow;  r /= g.ow;
        const int oh = r % g.oh;  r /= g.oh;
        const int j = r % g.kw;   r /= g.kw;
        const int i = r % g.kh;   r /= g.kh;
        const int c = r % g.c;
        const int n = r / g.c;
        const int ih = oh * g.sh - g.pt + i * g.dh;
        const int iw = ow * g.sw - g.pl + j * g.dw;
        const bool inside = ih >= 0 && ih < g.h && iw >= 0 && iw < g.w;
        cols[t] = inside ? x[g.xoff + n * g.xs0 + c * g.xs1 + ih * g.xs2 + iw * g.xs3] : T(0);
    }
}

// y[n, c, ih, iw] = sum over taps (i, j), in row-major order, of cols[n, (c, i, j), (oh, ow)] for the output
// position (oh, ow) whose window puts tap (i, j) on (ih, iw). Thread per image element: no atomics, and the
// order is the CPU's col2im order for that element. cols is contiguous from xoff.
template <typename T>
__device__ __forceinline__ void ag_fold(const ConvGeom& g, const T* __restrict__ cols, T* __restrict__ y, int total) {
    const int l = g.oh * g.ow;
    const int taps = g.kh * g.kw;
    AG_GRID_STRIDE(t, total) {
        int r = (int)t;
        const int iw = r % g.w;  r /= g.w;
        const int ih = r % g.h;  r /= g.h;
        const int c = r % g.c;
        const int n = r / g.c;
        const T* plane = cols + g.xoff + ((long long)n * g.c + c) * taps * l;
        T acc = T(0);
        for (int i = 0; i < g.kh; ++i) {
            const int hh = ih + g.pt - i * g.dh;
            if (hh < 0 || hh % g.sh != 0 || hh / g.sh >= g.oh) {
                continue;
            }
            for (int j = 0; j < g.kw; ++j) {
                const int ww = iw + g.pl - j * g.dw;
                if (ww < 0 || ww % g.sw != 0 || ww / g.sw >= g.ow) {
                    continue;
                }
                acc += plane[(i * g.kw + j) * l + (hh / g.sh) * g.ow + ww / g.sw];
            }
        }
        y[t] = acc;
    }
}

// Pooling geometry (20 ints, mirrored by CudaImage.java): pads ph, pw on both sides.
struct PoolGeom {
    int n, c, h, w;
    int kh, kw, sh, sw, ph, pw, dh, dw;
    int oh, ow;
    int countIncludePad;
    int xoff, xs0, xs1, xs2, xs3;
};

// First tap i with start + i * d >= 0, and one past the last (< k) with start + i * d < size.
__device__ __forceinline__ int ag_first_inside(int start, int d) { return start >= 0 ? 0 : (-start + d - 1) / d; }
__device__ __forceinline__ int ag_end_inside(int start, int d, int k, int size) {
    const int limit = size - start;
    return limit <= 0 ? 0 : min(k, (limit + d - 1) / d);
}

// Max over the window's real taps; idx (when not null) gets ih * W + iw of the winner: the first of equal
// maxima, the last NaN (a NaN replaces any value, PyTorch's rule, as the CPU's Pool2d).
template <typename T>
__device__ __forceinline__ void ag_max_pool(const PoolGeom& g, const T* __restrict__ x, T* __restrict__ y,
                                            long long* __restrict__ idx, int total) {
    AG_GRID_STRIDE(t, total) {
        int r = (int)t;
        const int ow = r % g.ow;  r /= g.ow;
        const int oh = r % g.oh;  r /= g.oh;
        const int c = r % g.c;
        const int n = r / g.c;
        const T* plane = x + g.xoff + n * g.xs0 + c * g.xs1;
        const int h0 = oh * g.sh - g.ph;
        const int w0 = ow * g.sw - g.pw;
        const int iLo = ag_first_inside(h0, g.dh), iHi = ag_end_inside(h0, g.dh, g.kh, g.h);
        const int jLo = ag_first_inside(w0, g.dw), jHi = ag_end_inside(w0, g.dw, g.kw, g.w);
        int best = (h0 + iLo * g.dh) * g.w + w0 + jLo * g.dw;
        T m = -T(INFINITY);
        for (int i = iLo; i < iHi; ++i) {
            const int ih = h0 + i * g.dh;
            for (int j = jLo; j < jHi; ++j) {
                const int iw = w0 + j * g.dw;
                const T v = plane[ih * g.xs2 + iw * g.xs3];
                if (v > m || v != v) {
                    m = v;
                    best = ih * g.w + iw;
                }
            }
        }
        y[t] = m;
        if (idx) {
            idx[t] = best;
        }
    }
}

// Sum over the window's real elements (rows, then columns, in order) divided by the window's size clipped to
// the padded input (countIncludePad) or by the number of real elements (dilation is not used: the caller
// refuses it for average pooling).
template <typename T>
__device__ __forceinline__ void ag_avg_pool(const PoolGeom& g, const T* __restrict__ x, T* __restrict__ y, int total) {
    AG_GRID_STRIDE(t, total) {
        int r = (int)t;
        const int ow = r % g.ow;  r /= g.ow;
        const int oh = r % g.oh;  r /= g.oh;
        const int c = r % g.c;
        const int n = r / g.c;
        const T* plane = x + g.xoff + n * g.xs0 + c * g.xs1;
        const int hs = oh * g.sh - g.ph;
        const int ws = ow * g.sw - g.pw;
        const int he = min(hs + g.kh, g.h + g.ph);
        const int we = min(ws + g.kw, g.w + g.pw);
        const int padded = (he - hs) * (we - ws);
        const int h0 = max(hs, 0), w0 = max(ws, 0);
        const int h1 = min(he, g.h), w1 = min(we, g.w);
        T sum = T(0);
        for (int ih = h0; ih < h1; ++ih) {
            for (int iw = w0; iw < w1; ++iw) {
                sum += plane[ih * g.xs2 + iw * g.xs3];
            }
        }
        const int divisor = g.countIncludePad ? padded : (h1 - h0) * (w1 - w0);
        y[t] = sum / (T)divisor;
    }
}

#define AG_IMAGE_KERNELS(suffix, T)                                                                        \
    extern "C" __global__ void unfold_##suffix(ConvGeom g, const T* __restrict__ x, T* __restrict__ cols,   \
                                               int total) {                                                \
        ag_unfold(g, x, cols, total);                                                                      \
    }                                                                                                      \
    extern "C" __global__ void fold_##suffix(ConvGeom g, const T* __restrict__ cols, T* __restrict__ y,     \
                                             int total) {                                                  \
        ag_fold(g, cols, y, total);                                                                        \
    }                                                                                                      \
    extern "C" __global__ void max_pool_##suffix(PoolGeom g, const T* __restrict__ x, T* __restrict__ y,    \
                                                 long long* __restrict__ idx, int total) {                 \
        ag_max_pool(g, x, y, idx, total);                                                                  \
    }                                                                                                      \
    extern "C" __global__ void avg_pool_##suffix(PoolGeom g, const T* __restrict__ x, T* __restrict__ y,    \
                                                 int total) {                                              \
        ag_avg_pool(g, x, y, total);                                                                       \
    }                                                                                                      \
    AG_EXPORT(unfold_##suffix)                                                                             \
    AG_EXPORT(fold_##suffix)                                                                               \
    AG_EXPORT(max_pool_##suffix)                                                                           \
    AG_EXPORT(avg_pool_##suffix)

AG_IMAGE_KERNELS(f32, float)
AG_IMAGE_KERNELS(f64, double)
