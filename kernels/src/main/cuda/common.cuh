// Shared definitions of the astrograd kernels: the strided layout every kernel takes, index arithmetic, the
// math overloads that let one template serve float and double, and AG_EXPORT, which names a kernel for the
// host shim (kernels/src/test/shim) and expands to nothing under nvcc.
#pragma once

#ifndef AG_EXPORT
#define AG_EXPORT(name)
#endif

// The most axes a layout carries after the host has merged contiguous runs of axes (LayoutPacker.java).
#define AG_MAX_RANK 8

// A strided view: element i of the row-major walk over dims sits at offset + sum(idx[d] * strides[d]).
// contiguous = 1 promises strides are the dense row-major ones, so element i sits at offset + i.
// Field order and types are mirrored by LayoutPacker.java (19 ints).
struct Layout {
    int rank;
    int contiguous;
    int offset;
    int dims[AG_MAX_RANK];
    int strides[AG_MAX_RANK];
};

// Storage offset of element i (0 <= i < numel) of a layout.
__device__ __forceinline__ int ag_offset(const Layout& l, int i) {
    if (l.contiguous) {
        return l.offset + i;
    }
    // Unrolled over the fixed maximum so that dims and strides are read with constant indices (from the
    // parameter space) instead of being copied to a local-memory array.
    int off = l.offset;
#pragma unroll
    for (int d = AG_MAX_RANK - 1; d >= 0; --d) {
        if (d < l.rank) {
            int q = i / l.dims[d];
            off += (i - q * l.dims[d]) * l.strides[d];
            i = q;
        }
    }
    return off;
}

// A grid-stride loop over [0, n): every index is visited once whatever the grid size.
#define AG_GRID_STRIDE(i, n) \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (long long)(n); \
         i += (long long)blockDim.x * gridDim.x)

// Java semantics for the cases where IEEE-754 leaves a choice: max/min propagate NaN and order -0 < +0.
template <typename T>
__device__ __forceinline__ T ag_max(T a, T b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0 && b == 0) return signbit(a) ? b : a;
    return a > b ? a : b;
}

template <typename T>
__device__ __forceinline__ T ag_min(T a, T b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0 && b == 0) return signbit(a) ? a : b;
    return a < b ? a : b;
}

// Java's narrowing of floating values to integers: truncation toward zero, saturating, NaN to 0.
__device__ __forceinline__ int ag_to_i32(double x) {
    if (x != x) return 0;
    if (x >= 2147483647.0) return 2147483647;
    if (x <= -2147483648.0) return -2147483647 - 1;
    return (int)x;
}

__device__ __forceinline__ long long ag_to_i64(double x) {
    if (x != x) return 0;
    if (x >= 9223372036854775807.0) return 9223372036854775807LL;
    if (x <= -9223372036854775808.0) return -9223372036854775807LL - 1;
    return (long long)x;
}

// float and double overloads of the libm functions, so one template body serves both dtypes.
__device__ __forceinline__ float ag_exp(float x) { return expf(x); }
__device__ __forceinline__ double ag_exp(double x) { return exp(x); }
__device__ __forceinline__ float ag_log(float x) { return logf(x); }
__device__ __forceinline__ double ag_log(double x) { return log(x); }
__device__ __forceinline__ float ag_log1p(float x) { return log1pf(x); }
__device__ __forceinline__ double ag_log1p(double x) { return log1p(x); }
__device__ __forceinline__ float ag_expm1(float x) { return expm1f(x); }
__device__ __forceinline__ double ag_expm1(double x) { return expm1(x); }
__device__ __forceinline__ float ag_sqrt(float x) { return sqrtf(x); }
__device__ __forceinline__ double ag_sqrt(double x) { return sqrt(x); }
__device__ __forceinline__ float ag_sin(float x) { return sinf(x); }
__device__ __forceinline__ double ag_sin(double x) { return sin(x); }
__device__ __forceinline__ float ag_cos(float x) { return cosf(x); }
__device__ __forceinline__ double ag_cos(double x) { return cos(x); }
__device__ __forceinline__ float ag_tanh(float x) { return tanhf(x); }
__device__ __forceinline__ double ag_tanh(double x) { return tanh(x); }
__device__ __forceinline__ float ag_erf(float x) { return erff(x); }
__device__ __forceinline__ double ag_erf(double x) { return erf(x); }
__device__ __forceinline__ float ag_lgamma(float x) { return lgammaf(x); }
__device__ __forceinline__ double ag_lgamma(double x) { return lgamma(x); }
__device__ __forceinline__ float ag_abs(float x) { return fabsf(x); }
__device__ __forceinline__ double ag_abs(double x) { return fabs(x); }
__device__ __forceinline__ float ag_pow(float x, float y) { return powf(x, y); }
__device__ __forceinline__ double ag_pow(double x, double y) { return pow(x, y); }
__device__ __forceinline__ float ag_atan2(float y, float x) { return atan2f(y, x); }
__device__ __forceinline__ double ag_atan2(double y, double x) { return atan2(y, x); }
__device__ __forceinline__ float ag_fma(float a, float b, float c) { return fmaf(a, b, c); }
__device__ __forceinline__ double ag_fma(double a, double b, double c) { return fma(a, b, c); }

// A product that is never contracted with a following add into a fused multiply-add, where a result must
// round as the CPU's separate multiply and add do (triangular solves, Cholesky).
#ifdef __CUDACC__
__device__ __forceinline__ double ag_mul_rn(double a, double b) { return __dmul_rn(a, b); }
#else
__device__ __forceinline__ double ag_mul_rn(double a, double b) { return a * b; }
#endif
