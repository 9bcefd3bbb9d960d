// Copies between strided views with dtype conversion, and fills. copy_<from>_<to> writes element i of the
// row-major walk of the source layout to element i of the destination layout (both may be strided: the
// host's copyInto writes into views). Conversions follow Java's casts, as the CPU backend does: floating to
// integer truncates toward zero, saturating, NaN to 0; anything to BOOL is != 0; BOOL to numbers is 0 or 1.
#pragma once
#include "common.cuh"

typedef unsigned char ag_bool;

template <typename D>
struct AgCast {
    template <typename S> __device__ static D from(S x) { return (D)x; }
    __device__ static D from(ag_bool x) { return x ? D(1) : D(0); }
};

template <>
struct AgCast<int> {
    __device__ static int from(float x) { return ag_to_i32(x); }
    __device__ static int from(double x) { return ag_to_i32(x); }
    __device__ static int from(int x) { return x; }
    __device__ static int from(long long x) { return (int)(unsigned int)(unsigned long long)x; }
    __device__ static int from(ag_bool x) { return x ? 1 : 0; }
};

template <>
struct AgCast<long long> {
    __device__ static long long from(float x) { return ag_to_i64(x); }
    __device__ static long long from(double x) { return ag_to_i64(x); }
    __device__ static long long from(int x) { return x; }
    __device__ static long long from(long long x) { return x; }
    __device__ static long long from(ag_bool x) { return x ? 1 : 0; }
};

template <>
struct AgCast<ag_bool> {
    template <typename S> __device__ static ag_bool from(S x) { return x != 0 ? 1 : 0; }
};

template <typename S, typename D>
__device__ __forceinline__ void ag_copy(const Layout& ls, const S* __restrict__ s, const Layout& ld,
                                        D* __restrict__ d, int n) {
    if (ls.contiguous && ld.contiguous) {
        const S* src = s + ls.offset;
        D* dst = d + ld.offset;
        AG_GRID_STRIDE(i, n) { dst[i] = AgCast<D>::from(src[i]); }
    } else {
        AG_GRID_STRIDE(i, n) { d[ag_offset(ld, (int)i)] = AgCast<D>::from(s[ag_offset(ls, (int)i)]); }
    }
}

#define AG_COPY_KERNEL(sname, S, dname, D)                                                                 \
    extern "C" __global__ void copy_##sname##_##dname(Layout ls, const S* __restrict__ s, Layout ld,       \
                                                      D* __restrict__ d, int n) {                          \
        ag_copy(ls, s, ld, d, n);                                                                          \
    }                                                                                                      \
    AG_EXPORT(copy_##sname##_##dname)

#define AG_COPY_KERNELS_FROM(sname, S)                                                                     \
    AG_COPY_KERNEL(sname, S, f32, float)                                                                   \
    AG_COPY_KERNEL(sname, S, f64, double)                                                                  \
    AG_COPY_KERNEL(sname, S, i32, int)                                                                     \
    AG_COPY_KERNEL(sname, S, i64, long long)                                                               \
    AG_COPY_KERNEL(sname, S, bool, ag_bool)

AG_COPY_KERNELS_FROM(f32, float)
AG_COPY_KERNELS_FROM(f64, double)
AG_COPY_KERNELS_FROM(i32, int)
AG_COPY_KERNELS_FROM(i64, long long)
AG_COPY_KERNELS_FROM(bool, ag_bool)

#define AG_FILL_KERNEL(name, T)                                                                            \
    extern "C" __global__ void fill_##name(T* __restrict__ y, int n, T value) {                            \
        AG_GRID_STRIDE(i, n) { y[i] = value; }                                                             \
    }                                                                                                      \
    AG_EXPORT(fill_##name)

AG_FILL_KERNEL(f32, float)
AG_FILL_KERNEL(f64, double)
AG_FILL_KERNEL(i32, int)
AG_FILL_KERNEL(i64, long long)
AG_FILL_KERNEL(bool, ag_bool)
