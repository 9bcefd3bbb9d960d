// Fused optimizer steps. adam_f32: one pass over contiguous θ, g, m, v (and v̂ with AMSGrad) writing new θ, m, v
// (and v̂), per element in float:
//   g ← g + λθ (L2)   or   θ ← θ·shrink (decoupled, shrink = 1 − ηλ)
//   m ← β₁m + (1 − β₁)g,   v ← β₂v + ((1 − β₂)g)g,   v̂ ← max(v̂, v) with AMSGrad, else v
//   θ ← θ·shrink − (s·m) / (√v̂ · (1/c₂) + ε)
// with the operations of the CPU's AdamCpu in its order, each rounded separately (no fused multiply-add, a
// correctly rounded square root and division), so the step is bit-identical to the CPU's.
#pragma once
#include "common.cuh"

// The scalars of one step, as floats (AdamCpu rounds its double scalars to float the same way); field order
// mirrored by CudaAdam.java (9 floats, then 2 ints).
struct AdamArgs {
    float b1, b1c, b2, b2c, invC2, eps, step, decay, shrink;
    int l2, amsgrad;
};

#ifdef __CUDACC__
__device__ __forceinline__ float ag_fmul(float a, float b) { return __fmul_rn(a, b); }
__device__ __forceinline__ float ag_fadd(float a, float b) { return __fadd_rn(a, b); }
__device__ __forceinline__ float ag_fsub(float a, float b) { return __fsub_rn(a, b); }
__device__ __forceinline__ float ag_fdiv(float a, float b) { return __fdiv_rn(a, b); }
__device__ __forceinline__ float ag_fsqrt(float a) { return __fsqrt_rn(a); }
#else
__device__ __forceinline__ float ag_fmul(float a, float b) { return a * b; }
__device__ __forceinline__ float ag_fadd(float a, float b) { return a + b; }
__device__ __forceinline__ float ag_fsub(float a, float b) { return a - b; }
__device__ __forceinline__ float ag_fdiv(float a, float b) { return a / b; }
__device__ __forceinline__ float ag_fsqrt(float a) { return sqrtf(a); }
#endif

extern "C" __global__ void adam_f32(AdamArgs a, const float* __restrict__ theta, const float* __restrict__ grad,
                                    const float* __restrict__ m, const float* __restrict__ v,
                                    const float* __restrict__ vMax, float* __restrict__ thetaOut,
                                    float* __restrict__ mOut, float* __restrict__ vOut, float* __restrict__ vMaxOut,
                                    int n) {
    AG_GRID_STRIDE(i, n) {
        const float th = theta[i];
        const float g = a.l2 ? ag_fadd(grad[i], ag_fmul(a.decay, th)) : grad[i];
        const float mi = ag_fadd(ag_fmul(a.b1, m[i]), ag_fmul(a.b1c, g));
        const float vi = ag_fadd(ag_fmul(a.b2, v[i]), ag_fmul(ag_fmul(a.b2c, g), g));
        float vHat = vi;
        if (a.amsgrad) {
            vHat = ag_max(vMax[i], vi);
            vMaxOut[i] = vHat;
        }
        const float denominator = ag_fadd(ag_fmul(ag_fsqrt(vHat), a.invC2), a.eps);
        thetaOut[i] = ag_fsub(ag_fmul(th, a.shrink), ag_fdiv(ag_fmul(a.step, mi), denominator));
        mOut[i] = mi;
        vOut[i] = vi;
    }
}
AG_EXPORT(adam_f32)
