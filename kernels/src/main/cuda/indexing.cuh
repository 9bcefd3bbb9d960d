// Gather and scatter-add along one axis (index selection is a gather with a broadcast index), for every dtype.
//
// gather_<dtype>: y[i] = x[ag_offset(lx, i) + index[ag_offset(li, i)] * axisStride] for i in the row-major walk
// of the index's shape; lx is x narrowed to that shape with stride 0 along the axis.
//
// scatter_add_<dtype>: out (a copy of base, made by the host) gets out[p, k] += src[p, j] for every j with
// index[p, j] == k, where p runs over the index's other axes. No atomics: thread (p, k) owns output element
// (p, k) and adds its sources in increasing j, the order the CPU adds them in, so F32/F64 sums are the same
// in every run. The cost is O(L) per output element (L the index's length along the axis), which suits the
// contract's uses (gradients of gathers, pooling and index selections with moderate axis sizes).
//
// An index outside [0, axisSize) is not used; it is stored in bad[1] with bad[0] = 1, and the host turns
// that into an exception naming it.
#pragma once
#include "common.cuh"

typedef unsigned char ag_bool;

__device__ __forceinline__ void ag_report_bad_index(long long* bad, long long k) {
    bad[1] = k;
    bad[0] = 1;
}

template <typename T>
__device__ __forceinline__ void ag_gather(const Layout& li, const long long* __restrict__ index, const Layout& lx,
                                          const T* __restrict__ x, int axisStride, int axisSize,
                                          T* __restrict__ y, int n, long long* bad) {
    AG_GRID_STRIDE(i, n) {
        const long long k = index[ag_offset(li, (int)i)];
        if (k < 0 || k >= axisSize) {
            ag_report_bad_index(bad, k);
            y[i] = T(0);
        } else {
            y[i] = x[ag_offset(lx, (int)i) + (int)k * axisStride];
        }
    }
}

// The scatter's sum for each dtype: F32/F64 add, integers wrap around, BOOL ors.
template <typename T> __device__ __forceinline__ T ag_scatter_add(T a, T b) { return a + b; }
template <> __device__ __forceinline__ int ag_scatter_add(int a, int b) {
    return (int)((unsigned int)a + (unsigned int)b);
}
template <> __device__ __forceinline__ long long ag_scatter_add(long long a, long long b) {
    return (long long)((unsigned long long)a + (unsigned long long)b);
}
template <> __device__ __forceinline__ ag_bool ag_scatter_add(ag_bool a, ag_bool b) { return a || b; }

// Thread t handles target (p, k) = (t / K, t % K): out element ag_offset(lt, p) + k * outAxisStride, summing
// the sources of column p (index and src layouts lpi, lps over the same p) in increasing j.
template <typename T>
__device__ __forceinline__ void ag_scatter(const Layout& lt, int K, int outAxisStride, const Layout& lpi,
                                           const long long* __restrict__ index, int indexAxisStride,
                                           const Layout& lps, const T* __restrict__ src, int srcAxisStride,
                                           int L, T* __restrict__ out, int n, long long* bad) {
    AG_GRID_STRIDE(t, n) {
        const int p = (int)(t / K);
        const int k = (int)(t - (long long)p * K);
        const int io = ag_offset(lpi, p);
        const int so = ag_offset(lps, p);
        const int oo = ag_offset(lt, p) + k * outAxisStride;
        T acc = out[oo];
        for (int j = 0; j < L; ++j) {
            const long long target = index[io + j * indexAxisStride];
            if (target == k) {
                acc = ag_scatter_add(acc, src[so + j * srcAxisStride]);
            } else if (k == 0 && (target < 0 || target >= K)) {
                ag_report_bad_index(bad, target);
            }
        }
        out[oo] = acc;
    }
}

#define AG_INDEXING_KERNELS(suffix, T)                                                                     \
    extern "C" __global__ void gather_##suffix(Layout li, const long long* __restrict__ index, Layout lx,    \
                                               const T* __restrict__ x, int axisStride, int axisSize,      \
                                               T* __restrict__ y, int n, long long* bad) {                 \
        ag_gather(li, index, lx, x, axisStride, axisSize, y, n, bad);                                      \
    }                                                                                                      \
    extern "C" __global__ void scatter_add_##suffix(Layout lt, int K, int outAxisStride, Layout lpi,        \
                                                    const long long* __restrict__ index,                   \
                                                    int indexAxisStride, Layout lps,                       \
                                                    const T* __restrict__ src, int srcAxisStride, int L,   \
                                                    T* __restrict__ out, int n, long long* bad) {          \
        ag_scatter(lt, K, outAxisStride, lpi, index, indexAxisStride, lps, src, srcAxisStride, L, out, n,   \
                   bad);                                                                                   \
    }                                                                                                      \
    AG_EXPORT(gather_##suffix)                                                                             \
    AG_EXPORT(scatter_add_##suffix)

AG_INDEXING_KERNELS(f32, float)
AG_INDEXING_KERNELS(f64, double)
AG_INDEXING_KERNELS(i32, int)
AG_INDEXING_KERNELS(i64, long long)
AG_INDEXING_KERNELS(bool, ag_bool)
