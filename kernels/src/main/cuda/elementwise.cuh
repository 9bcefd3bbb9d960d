// Elementwise kernels: y[i] = op(x[i]) and y[i] = op(a[i], b[i]) over strided inputs (broadcast inputs arrive
// as expanded views with stride 0) into a contiguous output. Kernels are named <op>_<dtype>; comparisons
// write BOOL as one byte. The formulas follow the CPU backend (F64Unary.java, F64Binary.java) so that the
// two agree to rounding: sigmoid = 1 / (1 + e^-x), softplus = max(x, 0) + log1p(e^-|x|), relu keeps NaN,
// sign keeps +-0 and NaN, pow follows Java's Math.pow where C's differs (a NaN exponent gives NaN, and
// (+-1)^(+-inf) is NaN).
#pragma once
#include "common.cuh"

typedef unsigned char ag_bool;

template <typename T, typename R, typename Op>
__device__ __forceinline__ void ag_unary_map(const Layout& lx, const T* __restrict__ x, R* __restrict__ y,
                                             int n, Op op) {
    if (lx.contiguous) {
        const T* xs = x + lx.offset;
        AG_GRID_STRIDE(i, n) { y[i] = op(xs[i]); }
    } else {
        AG_GRID_STRIDE(i, n) { y[i] = op(x[ag_offset(lx, (int)i)]); }
    }
}

template <typename T, typename R, typename Op>
__device__ __forceinline__ void ag_binary_map(const Layout& la, const T* __restrict__ a, const Layout& lb,
                                              const T* __restrict__ b, R* __restrict__ y, int n, Op op) {
    if (la.contiguous && lb.contiguous) {
        const T* as = a + la.offset;
        const T* bs = b + lb.offset;
        AG_GRID_STRIDE(i, n) { y[i] = op(as[i], bs[i]); }
    } else {
        AG_GRID_STRIDE(i, n) { y[i] = op(a[ag_offset(la, (int)i)], b[ag_offset(lb, (int)i)]); }
    }
}

struct OpNeg { template <typename T> __device__ T operator()(T x) const { return -x; } };
struct OpAbs { template <typename T> __device__ T operator()(T x) const { return ag_abs(x); } };
struct OpSquare { template <typename T> __device__ T operator()(T x) const { return x * x; } };
struct OpRelu { template <typename T> __device__ T operator()(T x) const { return x > 0 || x != x ? x : T(0); } };
struct OpSign {
    template <typename T> __device__ T operator()(T x) const { return x > 0 ? T(1) : x < 0 ? T(-1) : x; }
};
struct OpExp { template <typename T> __device__ T operator()(T x) const { return ag_exp(x); } };
struct OpLog { template <typename T> __device__ T operator()(T x) const { return ag_log(x); } };
struct OpLog1p { template <typename T> __device__ T operator()(T x) const { return ag_log1p(x); } };
struct OpExpm1 { template <typename T> __device__ T operator()(T x) const { return ag_expm1(x); } };
struct OpSqrt { template <typename T> __device__ T operator()(T x) const { return ag_sqrt(x); } };
struct OpRsqrt { template <typename T> __device__ T operator()(T x) const { return T(1) / ag_sqrt(x); } };
struct OpSin { template <typename T> __device__ T operator()(T x) const { return ag_sin(x); } };
struct OpCos { template <typename T> __device__ T operator()(T x) const { return ag_cos(x); } };
struct OpTanh { template <typename T> __device__ T operator()(T x) const { return ag_tanh(x); } };
struct OpSigmoid { template <typename T> __device__ T operator()(T x) const { return T(1) / (T(1) + ag_exp(-x)); } };
struct OpSoftplus {
    template <typename T> __device__ T operator()(T x) const {
        return ag_max(x, T(0)) + ag_log1p(ag_exp(-ag_abs(x)));
    }
};
struct OpErf { template <typename T> __device__ T operator()(T x) const { return ag_erf(x); } };
struct OpLgamma { template <typename T> __device__ T operator()(T x) const { return ag_lgamma(x); } };

#define AG_UNARY_KERNELS(name, Op)                                                                         \
    extern "C" __global__ void name##_f32(Layout lx, const float* __restrict__ x, float* __restrict__ y,    \
                                          int n) {                                                         \
        ag_unary_map(lx, x, y, n, Op());                                                                   \
    }                                                                                                      \
    extern "C" __global__ void name##_f64(Layout lx, const double* __restrict__ x, double* __restrict__ y,  \
                                          int n) {                                                         \
        ag_unary_map(lx, x, y, n, Op());                                                                   \
    }                                                                                                      \
    AG_EXPORT(name##_f32)                                                                                  \
    AG_EXPORT(name##_f64)

AG_UNARY_KERNELS(neg, OpNeg)
AG_UNARY_KERNELS(abs, OpAbs)
AG_UNARY_KERNELS(square, OpSquare)
AG_UNARY_KERNELS(relu, OpRelu)
AG_UNARY_KERNELS(sign, OpSign)
AG_UNARY_KERNELS(exp, OpExp)
AG_UNARY_KERNELS(log, OpLog)
AG_UNARY_KERNELS(log1p, OpLog1p)
AG_UNARY_KERNELS(expm1, OpExpm1)
AG_UNARY_KERNELS(sqrt, OpSqrt)
AG_UNARY_KERNELS(rsqrt, OpRsqrt)
AG_UNARY_KERNELS(sin, OpSin)
AG_UNARY_KERNELS(cos, OpCos)
AG_UNARY_KERNELS(tanh, OpTanh)
AG_UNARY_KERNELS(sigmoid, OpSigmoid)
AG_UNARY_KERNELS(softplus, OpSoftplus)
AG_UNARY_KERNELS(erf, OpErf)
AG_UNARY_KERNELS(lgamma, OpLgamma)

struct OpNot { __device__ ag_bool operator()(ag_bool x) const { return x ? 0 : 1; } };

extern "C" __global__ void not_bool(Layout lx, const ag_bool* __restrict__ x, ag_bool* __restrict__ y, int n) {
    ag_unary_map(lx, x, y, n, OpNot());
}
AG_EXPORT(not_bool)

struct OpAdd { template <typename T> __device__ T operator()(T a, T b) const { return a + b; } };
struct OpSub { template <typename T> __device__ T operator()(T a, T b) const { return a - b; } };
struct OpMul { template <typename T> __device__ T operator()(T a, T b) const { return a * b; } };
struct OpDiv { template <typename T> __device__ T operator()(T a, T b) const { return a / b; } };
struct OpMaximum { template <typename T> __device__ T operator()(T a, T b) const { return ag_max(a, b); } };
struct OpMinimum { template <typename T> __device__ T operator()(T a, T b) const { return ag_min(a, b); } };
struct OpAtan2 { template <typename T> __device__ T operator()(T a, T b) const { return ag_atan2(a, b); } };
struct OpPow {
    template <typename T> __device__ T operator()(T a, T b) const {
        if (b != b || (ag_abs(a) == T(1) && isinf(b))) {
            return T(NAN);
        }
        return ag_pow(a, b);
    }
};
struct OpEq { template <typename T> __device__ ag_bool operator()(T a, T b) const { return a == b; } };
struct OpNe { template <typename T> __device__ ag_bool operator()(T a, T b) const { return a != b; } };
struct OpLt { template <typename T> __device__ ag_bool operator()(T a, T b) const { return a < b; } };
struct OpLe { template <typename T> __device__ ag_bool operator()(T a, T b) const { return a <= b; } };
struct OpGt { template <typename T> __device__ ag_bool operator()(T a, T b) const { return a > b; } };
struct OpGe { template <typename T> __device__ ag_bool operator()(T a, T b) const { return a >= b; } };
struct OpAnd { __device__ ag_bool operator()(ag_bool a, ag_bool b) const { return a && b; } };
struct OpOr { __device__ ag_bool operator()(ag_bool a, ag_bool b) const { return a || b; } };

#define AG_BINARY_KERNEL(name, suffix, T, R, Op)                                                           \
    extern "C" __global__ void name##_##suffix(Layout la, const T* __restrict__ a, Layout lb,              \
                                               const T* __restrict__ b, R* __restrict__ y, int n) {        \
        ag_binary_map(la, a, lb, b, y, n, Op());                                                           \
    }                                                                                                      \
    AG_EXPORT(name##_##suffix)

#define AG_BINARY_KERNELS(name, Op)                                                                        \
    AG_BINARY_KERNEL(name, f32, float, float, Op)                                                          \
    AG_BINARY_KERNEL(name, f64, double, double, Op)

#define AG_COMPARE_KERNELS(name, Op)                                                                       \
    AG_BINARY_KERNEL(name, f32, float, ag_bool, Op)                                                        \
    AG_BINARY_KERNEL(name, f64, double, ag_bool, Op)

AG_BINARY_KERNELS(add, OpAdd)
AG_BINARY_KERNELS(sub, OpSub)
AG_BINARY_KERNELS(mul, OpMul)
AG_BINARY_KERNELS(div, OpDiv)
AG_BINARY_KERNELS(pow, OpPow)
AG_BINARY_KERNELS(maximum, OpMaximum)
AG_BINARY_KERNELS(minimum, OpMinimum)
AG_BINARY_KERNELS(atan2, OpAtan2)
AG_COMPARE_KERNELS(eq, OpEq)
AG_COMPARE_KERNELS(ne, OpNe)
AG_COMPARE_KERNELS(lt, OpLt)
AG_COMPARE_KERNELS(le, OpLe)
AG_COMPARE_KERNELS(gt, OpGt)
AG_COMPARE_KERNELS(ge, OpGe)

// Written out: "and" and "or" are C++ operator tokens, which a macro cannot paste into a name.
extern "C" __global__ void and_bool(Layout la, const ag_bool* __restrict__ a, Layout lb, const ag_bool* __restrict__ b,
                                    ag_bool* __restrict__ y, int n) {
    ag_binary_map(la, a, lb, b, y, n, OpAnd());
}
AG_EXPORT(and_bool)

extern "C" __global__ void or_bool(Layout la, const ag_bool* __restrict__ a, Layout lb, const ag_bool* __restrict__ b,
                                   ag_bool* __restrict__ y, int n) {
    ag_binary_map(la, a, lb, b, y, n, OpOr());
}
AG_EXPORT(or_bool)

// y[i] = cond[i] ? a[i] : b[i]
template <typename T>
__device__ __forceinline__ void ag_where(const Layout& lc, const ag_bool* __restrict__ c, const Layout& la,
                                         const T* __restrict__ a, const Layout& lb, const T* __restrict__ b,
                                         T* __restrict__ y, int n) {
    AG_GRID_STRIDE(i, n) {
        int k = (int)i;
        y[i] = c[ag_offset(lc, k)] ? a[ag_offset(la, k)] : b[ag_offset(lb, k)];
    }
}

#define AG_WHERE_KERNEL(suffix, T)                                                                         \
    extern "C" __global__ void where_##suffix(Layout lc, const ag_bool* __restrict__ c, Layout la,         \
                                              const T* __restrict__ a, Layout lb, const T* __restrict__ b, \
                                              T* __restrict__ y, int n) {                                  \
        ag_where(lc, c, la, a, lb, b, y, n);                                                               \
    }                                                                                                      \
    AG_EXPORT(where_##suffix)

AG_WHERE_KERNEL(f32, float)
AG_WHERE_KERNEL(f64, double)
