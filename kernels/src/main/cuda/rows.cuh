// Ops along one axis, a warp per row: arg-reductions (argmax_<dtype>, argmin_<dtype>), inclusive cumulative
// sums (cumsum_<dtype>), logsumexp_<dtype>, softmax_<dtype> and log_softmax_<dtype>.
//
// The host describes row r of x by xo = ag_offset(outerX, r) (the kept axes, x's offset included) and the
// axis by its length and stride: element j of the row is x[xo + j * sx]. Row outputs (arg-reductions,
// logsumexp) go to y[r]; full outputs (softmax, cumsum) to y[ag_offset(outerY, r) + j * sy].
//
// Fixed order, no atomics: lane l of a row's warp folds elements l, l + 32, l + 64, ... in order, then the
// lanes combine by shuffles at offsets 16, 8, 4, 2, 1 (ag_warp_reduce). The order depends on the row length
// only. Arg-reductions combine (value, index) pairs with an associative rule, so they return the CPU's answer
// exactly: the first index of the extreme value, and the first NaN when there is one.
#pragma once
#include "common.cuh"
#include "reduce.cuh"

typedef unsigned char ag_bool;

#define AG_ROW_WARPS 8

// Rows handled by this warp: r = warp id, then every (total warps) after it. The bound is per warp, so all
// 32 lanes of a warp run the same iterations (their shuffles see no exited lane).
#define AG_WARP_ROWS(r, rows)                                                                               \
    for (int r = blockIdx.x * AG_ROW_WARPS + (int)threadIdx.x / 32; r < (rows); r += gridDim.x * AG_ROW_WARPS)

// ---------------------------------------------------------------- arg-reductions

// Whether candidate (v, i) beats the incumbent (bv, bi): a NaN beats every number, and the earlier of two
// NaNs or of two equal values wins.
template <bool Max, typename T>
__device__ __forceinline__ bool ag_arg_better(T v, int i, T bv, int bi) {
    const bool vnan = v != v;
    const bool bnan = bv != bv;
    if (vnan || bnan) {
        return vnan && (!bnan || i < bi);
    }
    if (v == bv) {
        return i < bi;
    }
    return Max ? v > bv : v < bv;
}

template <bool Max, typename T>
__device__ __forceinline__ void ag_arg_reduce(const Layout& outer, const T* __restrict__ x, int len, int sx,
                                              long long* __restrict__ y, int rows) {
    const int lane = threadIdx.x % 32;
    AG_WARP_ROWS(r, rows) {
        const int xo = ag_offset(outer, r);
        T bv = T(0);
        int bi = len;  // no candidate yet: the lane's first element is taken whatever it is
        for (int j = lane; j < len; j += 32) {
            T v = x[xo + j * sx];
            if (bi == len || ag_arg_better<Max>(v, j, bv, bi)) {
                bv = v;
                bi = j;
            }
        }
        for (int offset = 16; offset > 0; offset >>= 1) {
            T ov = __shfl_down_sync(0xffffffffu, bv, offset);
            int oi = __shfl_down_sync(0xffffffffu, bi, offset);
            if (oi < len && (bi == len || ag_arg_better<Max>(ov, oi, bv, bi))) {
                bv = ov;
                bi = oi;
            }
        }
        if (lane == 0) {
            y[r] = bi;
        }
    }
}

#define AG_ARG_KERNELS(suffix, T)                                                                          \
    extern "C" __global__ void argmax_##suffix(Layout outer, const T* __restrict__ x, int len, int sx,      \
                                               long long* __restrict__ y, int rows) {                      \
        ag_arg_reduce<true>(outer, x, len, sx, y, rows);                                                   \
    }                                                                                                      \
    extern "C" __global__ void argmin_##suffix(Layout outer, const T* __restrict__ x, int len, int sx,      \
                                               long long* __restrict__ y, int rows) {                      \
        ag_arg_reduce<false>(outer, x, len, sx, y, rows);                                                  \
    }                                                                                                      \
    AG_EXPORT(argmax_##suffix)                                                                             \
    AG_EXPORT(argmin_##suffix)

AG_ARG_KERNELS(f32, float)
AG_ARG_KERNELS(f64, double)
AG_ARG_KERNELS(i32, int)
AG_ARG_KERNELS(i64, long long)
AG_ARG_KERNELS(bool, ag_bool)

// ---------------------------------------------------------------- cumulative sums

// The running sum's type: double for floating rows (F32 rounds each output once, as the CPU does), 64-bit
// two's complement for integers and BOOL (which sum to I64).
template <typename T> struct AgScan { typedef long long Acc; typedef long long Out; };
template <> struct AgScan<float> { typedef double Acc; typedef float Out; };
template <> struct AgScan<double> { typedef double Acc; typedef double Out; };

// Integer sums wrap around as Java's do (signed overflow is undefined in C++, unsigned is not).
__device__ __forceinline__ long long ag_wrap_add(long long a, long long b) {
    return (long long)((unsigned long long)a + (unsigned long long)b);
}
__device__ __forceinline__ double ag_wrap_add(double a, double b) { return a + b; }

// Each warp scans its row 32 elements at a time: an inclusive shuffle scan of the chunk, plus the carry of the
// chunks before it.
template <typename T>
__device__ __forceinline__ void ag_cumsum(const Layout& outerX, const T* __restrict__ x, int len, int sx,
                                          const Layout& outerY, typename AgScan<T>::Out* __restrict__ y, int sy,
                                          int rows) {
    typedef typename AgScan<T>::Acc Acc;
    typedef typename AgScan<T>::Out Out;
    const int lane = threadIdx.x % 32;
    AG_WARP_ROWS(r, rows) {
        const int xo = ag_offset(outerX, r);
        const int yo = ag_offset(outerY, r);
        Acc carry = Acc(0);
        for (int base = 0; base < len; base += 32) {
            const int j = base + lane;
            Acc v = j < len ? (Acc)x[xo + j * sx] : Acc(0);
            for (int offset = 1; offset < 32; offset <<= 1) {
                Acc o = __shfl_up_sync(0xffffffffu, v, offset);
                if (lane >= offset) {
                    v = ag_wrap_add(v, o);
                }
            }
            if (j < len) {
                y[yo + j * sy] = (Out)ag_wrap_add(carry, v);
            }
            carry = ag_wrap_add(carry, __shfl_sync(0xffffffffu, v, 31));
        }
    }
}

#define AG_CUMSUM_KERNEL(suffix, T)                                                                        \
    extern "C" __global__ void cumsum_##suffix(Layout outerX, const T* __restrict__ x, int len, int sx,     \
                                               Layout outerY, AgScan<T>::Out* __restrict__ y, int sy,      \
                                               int rows) {                                                 \
        ag_cumsum(outerX, x, len, sx, outerY, y, sy, rows);                                                \
    }                                                                                                      \
    AG_EXPORT(cumsum_##suffix)

AG_CUMSUM_KERNEL(f32, float)
AG_CUMSUM_KERNEL(f64, double)
AG_CUMSUM_KERNEL(i32, int)
AG_CUMSUM_KERNEL(i64, long long)
AG_CUMSUM_KERNEL(bool, ag_bool)

// ---------------------------------------------------------------- logsumexp and softmax

// The row's max m (NaN if any element is NaN) and the shift that is subtracted: m, or 0 when m is infinite
// (an all -inf row then gives -inf and zeros-over-zero NaN as on the CPU, not inf - inf).
template <typename T>
__device__ __forceinline__ T ag_row_max(const T* __restrict__ x, int xo, int len, int sx) {
    const int lane = threadIdx.x % 32;
    T m = -T(INFINITY);
    for (int j = lane; j < len; j += 32) {
        m = ag_max(m, x[xo + j * sx]);
    }
    return ag_warp_reduce<RedMax>(m);
}

// Σ exp(x - shift) over the row in double (F32 exponentials are rounded to float first, as the CPU's are),
// the same total in every lane.
template <typename T>
__device__ __forceinline__ double ag_row_sum_exp(const T* __restrict__ x, int xo, int len, int sx, T shift) {
    const int lane = threadIdx.x % 32;
    double s = 0;
    for (int j = lane; j < len; j += 32) {
        s += (double)ag_exp(x[xo + j * sx] - shift);
    }
    s = ag_warp_reduce<RedSum>(s);
    return __shfl_sync(0xffffffffu, s, 0);
}

template <typename T>
__device__ __forceinline__ void ag_logsumexp(const Layout& outer, const T* __restrict__ x, int len, int sx,
                                             T* __restrict__ y, int rows) {
    const int lane = threadIdx.x % 32;
    AG_WARP_ROWS(r, rows) {
        const int xo = ag_offset(outer, r);
        const T m = __shfl_sync(0xffffffffu, ag_row_max(x, xo, len, sx), 0);
        const T shift = isinf(m) ? T(0) : m;
        const double s = ag_row_sum_exp(x, xo, len, sx, shift);
        if (lane == 0) {
            y[r] = m != m ? m : (T)((double)shift + log(s));
        }
    }
}

template <typename T>
__device__ __forceinline__ void ag_softmax(const Layout& outerX, const T* __restrict__ x, int len, int sx,
                                           const Layout& outerY, T* __restrict__ y, int sy, int rows, bool logOut) {
    const int lane = threadIdx.x % 32;
    AG_WARP_ROWS(r, rows) {
        const int xo = ag_offset(outerX, r);
        const int yo = ag_offset(outerY, r);
        const T m = __shfl_sync(0xffffffffu, ag_row_max(x, xo, len, sx), 0);
        const T shift = isinf(m) ? T(0) : m;
        const double s = ag_row_sum_exp(x, xo, len, sx, shift);
        if (logOut) {
            const T logSum = (T)log(s);
            for (int j = lane; j < len; j += 32) {
                y[yo + j * sy] = (x[xo + j * sx] - shift) - logSum;
            }
        } else {
            const T factor = (T)(1 / s);
            for (int j = lane; j < len; j += 32) {
                y[yo + j * sy] = ag_exp(x[xo + j * sx] - shift) * factor;
            }
        }
    }
}

#define AG_SOFTMAX_KERNELS(suffix, T)                                                                      \
    extern "C" __global__ void logsumexp_##suffix(Layout outer, const T* __restrict__ x, int len, int sx,   \
                                                  T* __restrict__ y, int rows) {                           \
        ag_logsumexp(outer, x, len, sx, y, rows);                                                          \
    }                                                                                                      \
    extern "C" __global__ void softmax_##suffix(Layout outerX, const T* __restrict__ x, int len, int sx,    \
                                                Layout outerY, T* __restrict__ y, int sy, int rows) {      \
        ag_softmax(outerX, x, len, sx, outerY, y, sy, rows, false);                                        \
    }                                                                                                      \
    extern "C" __global__ void log_softmax_##suffix(Layout outerX, const T* __restrict__ x, int len,        \
                                                    int sx, Layout outerY, T* __restrict__ y, int sy,      \
                                                    int rows) {                                            \
        ag_softmax(outerX, x, len, sx, outerY, y, sy, rows, true);                                         \
    }                                                                                                      \
    AG_EXPORT(logsumexp_##suffix)                                                                          \
    AG_EXPORT(softmax_##suffix)                                                                            \
    AG_EXPORT(log_softmax_##suffix)

AG_SOFTMAX_KERNELS(f32, float)
AG_SOFTMAX_KERNELS(f64, double)
