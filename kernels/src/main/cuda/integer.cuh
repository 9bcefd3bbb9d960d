// Integer (I32, I64) and BOOL elementwise ops, where, and I64 reductions, with Java's semantics: arithmetic
// wraps around in two's complement (computed in unsigned types, where C++ defines overflow), abs and negation
// of the most negative value give it back, comparisons of BOOL order false < true. The host casts I32 and BOOL
// to I64 before reducing (their sums and products are I64, as on the CPU) and casts max/min back.
#pragma once
#include "common.cuh"
#include "elementwise.cuh"
#include "reduce.cuh"

template <typename T> struct AgUnsigned;
template <> struct AgUnsigned<int> { typedef unsigned int U; };
template <> struct AgUnsigned<long long> { typedef unsigned long long U; };

struct IntNeg {
    template <typename T> __device__ T operator()(T x) const {
        typedef typename AgUnsigned<T>::U U;
        return (T)(U(0) - (U)x);
    }
};
struct IntAbs {
    template <typename T> __device__ T operator()(T x) const { return x < 0 ? IntNeg()(x) : x; }
};
struct IntSquare {
    template <typename T> __device__ T operator()(T x) const {
        typedef typename AgUnsigned<T>::U U;
        return (T)((U)x * (U)x);
    }
};
struct IntSign { template <typename T> __device__ T operator()(T x) const { return x > 0 ? T(1) : x < 0 ? T(-1) : T(0); } };
struct IntRelu { template <typename T> __device__ T operator()(T x) const { return x > 0 ? x : T(0); } };

struct IntAdd {
    template <typename T> __device__ T operator()(T a, T b) const {
        typedef typename AgUnsigned<T>::U U;
        return (T)((U)a + (U)b);
    }
};
struct IntSub {
    template <typename T> __device__ T operator()(T a, T b) const {
        typedef typename AgUnsigned<T>::U U;
        return (T)((U)a - (U)b);
    }
};
struct IntMul {
    template <typename T> __device__ T operator()(T a, T b) const {
        typedef typename AgUnsigned<T>::U U;
        return (T)((U)a * (U)b);
    }
};
struct IntMaximum { template <typename T> __device__ T operator()(T a, T b) const { return a > b ? a : b; } };
struct IntMinimum { template <typename T> __device__ T operator()(T a, T b) const { return a < b ? a : b; } };

#define AG_INT_UNARY_KERNELS(name, Op)                                                                     \
    extern "C" __global__ void name##_i32(Layout lx, const int* __restrict__ x, int* __restrict__ y, int n) { \
        ag_unary_map(lx, x, y, n, Op());                                                                   \
    }                                                                                                      \
    extern "C" __global__ void name##_i64(Layout lx, const long long* __restrict__ x,                      \
                                          long long* __restrict__ y, int n) {                              \
        ag_unary_map(lx, x, y, n, Op());                                                                   \
    }                                                                                                      \
    AG_EXPORT(name##_i32)                                                                                  \
    AG_EXPORT(name##_i64)

AG_INT_UNARY_KERNELS(neg, IntNeg)
AG_INT_UNARY_KERNELS(abs, IntAbs)
AG_INT_UNARY_KERNELS(square, IntSquare)
AG_INT_UNARY_KERNELS(sign, IntSign)
AG_INT_UNARY_KERNELS(relu, IntRelu)

#define AG_INT_BINARY_KERNELS(name, Op)                                                                    \
    AG_BINARY_KERNEL(name, i32, int, int, Op)                                                              \
    AG_BINARY_KERNEL(name, i64, long long, long long, Op)

AG_INT_BINARY_KERNELS(add, IntAdd)
AG_INT_BINARY_KERNELS(sub, IntSub)
AG_INT_BINARY_KERNELS(mul, IntMul)
AG_INT_BINARY_KERNELS(maximum, IntMaximum)
AG_INT_BINARY_KERNELS(minimum, IntMinimum)

#define AG_INT_COMPARE_KERNELS(name, Op)                                                                   \
    AG_BINARY_KERNEL(name, i32, int, ag_bool, Op)                                                          \
    AG_BINARY_KERNEL(name, i64, long long, ag_bool, Op)                                                    \
    AG_BINARY_KERNEL(name, bool, ag_bool, ag_bool, Op)

AG_INT_COMPARE_KERNELS(eq, OpEq)
AG_INT_COMPARE_KERNELS(ne, OpNe)
AG_INT_COMPARE_KERNELS(lt, OpLt)
AG_INT_COMPARE_KERNELS(le, OpLe)
AG_INT_COMPARE_KERNELS(gt, OpGt)
AG_INT_COMPARE_KERNELS(ge, OpGe)

AG_WHERE_KERNEL(i32, int)
AG_WHERE_KERNEL(i64, long long)
AG_WHERE_KERNEL(bool, ag_bool)

struct RedSumI64 {
    template <typename T> __device__ static T identity() { return T(0); }
    template <typename T> __device__ static T apply(T a, T b) { return IntAdd()(a, b); }
};
struct RedProdI64 {
    template <typename T> __device__ static T identity() { return T(1); }
    template <typename T> __device__ static T apply(T a, T b) { return IntMul()(a, b); }
};
struct RedMaxI64 {
    template <typename T> __device__ static T identity() { return -9223372036854775807LL - 1; }
    template <typename T> __device__ static T apply(T a, T b) { return a > b ? a : b; }
};
struct RedMinI64 {
    template <typename T> __device__ static T identity() { return 9223372036854775807LL; }
    template <typename T> __device__ static T apply(T a, T b) { return a < b ? a : b; }
};

AG_REDUCE_KERNEL(sum, RedSumI64, i64, long long)
AG_REDUCE_KERNEL(prod, RedProdI64, i64, long long)
AG_REDUCE_KERNEL(max, RedMaxI64, i64, long long)
AG_REDUCE_KERNEL(min, RedMinI64, i64, long long)
