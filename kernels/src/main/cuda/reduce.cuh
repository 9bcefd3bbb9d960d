// Deterministic reductions: reduce_<op>_<dtype>. Each output is reduced by a group of G threads (G = 32, 64,
// 128 or 256, a power of two chosen by the host's ReducePlan from the shape only), and no float atomics are
// used, so a given shape always sums in the same order: thread t of a group folds elements t, t + G, t + 2G...
// of its range in order; the group's threads then combine by warp shuffles (offsets 16, 8, 4, 2, 1) and, for
// G > 32, the first lane folds the warps' partials in warp order.
//
// The host moves the reduced axes last: output o reads x at outer(o) + inner(j) for j in [0, nInner), where
// outer is the layout of the kept axes (carrying x's offset) and inner the layout of the reduced axes (offset
// 0). A long reduction with few outputs is split: group g computes part p = g % splits of output g / splits,
// the elements [p * chunk, min((p + 1) * chunk, nInner)), and writes y[g]; the host then reduces the
// [outputs, splits] partials with a second launch of the same kernel.
#pragma once
#include "common.cuh"

#define AG_REDUCE_THREADS 256

struct RedSum {
    template <typename T> __device__ static T identity() { return T(0); }
    template <typename T> __device__ static T apply(T a, T b) { return a + b; }
};
struct RedProd {
    template <typename T> __device__ static T identity() { return T(1); }
    template <typename T> __device__ static T apply(T a, T b) { return a * b; }
};
struct RedMax {
    template <typename T> __device__ static T identity() { return -T(INFINITY); }
    template <typename T> __device__ static T apply(T a, T b) { return ag_max(a, b); }
};
struct RedMin {
    template <typename T> __device__ static T identity() { return T(INFINITY); }
    template <typename T> __device__ static T apply(T a, T b) { return ag_min(a, b); }
};

// Every lane of the warp must call this (no lane may have exited): the shuffles read all 32 lanes.
template <typename Op, typename T>
__device__ __forceinline__ T ag_warp_reduce(T v) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        v = Op::template apply<T>(v, __shfl_down_sync(0xffffffffu, v, offset));
    }
    return v;
}

template <typename Op, typename T>
__device__ __forceinline__ void ag_reduce(const Layout& outer, const Layout& inner, const T* __restrict__ x,
                                          T* __restrict__ y, int nGroups, int nInner, int splits, int chunk,
                                          int groupSize) {
    __shared__ T partial[AG_REDUCE_THREADS / 32];
    const int groupsPerBlock = AG_REDUCE_THREADS / groupSize;
    const int lane = threadIdx.x % groupSize;
    // The loop bound is the same for every thread of the block, so all reach each barrier together.
    for (int first = blockIdx.x * groupsPerBlock; first < nGroups; first += gridDim.x * groupsPerBlock) {
        const int g = first + threadIdx.x / groupSize;
        T acc = Op::template identity<T>();
        if (g < nGroups) {
            const int o = g / splits;
            const int p = g - o * splits;
            const int start = p * chunk;
            const int end = min(nInner, start + chunk);
            const int base = ag_offset(outer, o);
            for (int j = start + lane; j < end; j += groupSize) {
                acc = Op::template apply<T>(acc, x[base + ag_offset(inner, j)]);
            }
        }
        acc = ag_warp_reduce<Op>(acc);
        if (groupSize > 32) {
            if (threadIdx.x % 32 == 0) {
                partial[threadIdx.x / 32] = acc;
            }
            __syncthreads();
            if (lane == 0) {
                const int w0 = threadIdx.x / 32;
                for (int w = 1; w < groupSize / 32; ++w) {
                    acc = Op::template apply<T>(acc, partial[w0 + w]);
                }
            }
            __syncthreads();
        }
        if (lane == 0 && g < nGroups) {
            y[g] = acc;
        }
    }
}

#define AG_REDUCE_KERNEL(name, Op, suffix, T)                                                              \
    extern "C" __global__ void reduce_##name##_##suffix(Layout outer, Layout inner, const T* __restrict__ x, \
                                                        T* __restrict__ y, int nGroups, int nInner,        \
                                                        int splits, int chunk, int groupSize) {            \
        ag_reduce<Op, T>(outer, inner, x, y, nGroups, nInner, splits, chunk, groupSize);                   \
    }                                                                                                      \
    AG_EXPORT(reduce_##name##_##suffix)

#define AG_REDUCE_KERNELS(name, Op)                                                                        \
    AG_REDUCE_KERNEL(name, Op, f32, float)                                                                 \
    AG_REDUCE_KERNEL(name, Op, f64, double)

AG_REDUCE_KERNELS(sum, RedSum)
AG_REDUCE_KERNELS(prod, RedProd)
AG_REDUCE_KERNELS(max, RedMax)
AG_REDUCE_KERNELS(min, RedMin)
