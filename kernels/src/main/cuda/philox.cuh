// Philox4x32-10 fills, bit-identical to the CPU backend for uniforms and bits (see Rng.java for the element
// mapping): thread j computes block counter + j (mod 2^64) with counter words (lo32, hi32, 0, 0) under key
// (lo32(key), hi32(key)) and writes the per-block elements i = j * per + s, s < per, of the fill.
// Normals use the device's double log, sqrt, cos and sin, so they match the CPU to an ulp of double (which
// rounding to float almost always hides), as Rng.java documents.
#pragma once
#include "common.cuh"

typedef unsigned int ag_u32;
typedef unsigned long long ag_u64;

struct AgWords {
    ag_u32 w[4];
};

__device__ __forceinline__ AgWords ag_philox(ag_u64 key, ag_u64 block) {
    ag_u32 c0 = (ag_u32)block, c1 = (ag_u32)(block >> 32), c2 = 0, c3 = 0;
    ag_u32 k0 = (ag_u32)key, k1 = (ag_u32)(key >> 32);
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += 0x9E3779B9u;
            k1 += 0xBB67AE85u;
        }
        const ag_u64 p0 = (ag_u64)0xD2511F53u * c0;
        const ag_u64 p1 = (ag_u64)0xCD9E8D57u * c2;
        const ag_u32 n0 = (ag_u32)(p1 >> 32) ^ c1 ^ k0;
        const ag_u32 n2 = (ag_u32)(p0 >> 32) ^ c3 ^ k1;
        c0 = n0;
        c1 = (ag_u32)p1;
        c2 = n2;
        c3 = (ag_u32)p0;
    }
    AgWords r;
    r.w[0] = c0;
    r.w[1] = c1;
    r.w[2] = c2;
    r.w[3] = c3;
    return r;
}

__device__ __forceinline__ ag_u64 ag_join(ag_u32 lo, ag_u32 hi) { return ((ag_u64)hi << 32) | lo; }

#define AG_TWO_PI 6.283185307179586
#define AG_TWO_POW_M24 5.9604644775390625e-08
#define AG_TWO_POW_M32 2.3283064365386963e-10
#define AG_TWO_POW_M53 1.1102230246251565e-16

// The body shared by every fill: j runs over the blocks, PER elements each, the last block possibly cut short.
#define AG_PHILOX_FILL(PER, BODY)                                                                          \
    const long long blocks = ((long long)n + PER - 1) / PER;                                               \
    AG_GRID_STRIDE(j, blocks) {                                                                            \
        const AgWords r = ag_philox(key, counter + (ag_u64)j);                                             \
        const long long first = j * PER;                                                                   \
        const int count = (int)(n - first < PER ? n - first : PER);                                        \
        BODY                                                                                               \
    }

extern "C" __global__ void bits_i32(int* __restrict__ y, int n, ag_u64 key, ag_u64 counter) {
    AG_PHILOX_FILL(4, for (int s = 0; s < count; ++s) { y[first + s] = (int)r.w[s]; })
}
AG_EXPORT(bits_i32)

extern "C" __global__ void bits_i64(long long* __restrict__ y, int n, ag_u64 key, ag_u64 counter) {
    AG_PHILOX_FILL(2, for (int s = 0; s < count; ++s) { y[first + s] = (long long)ag_join(r.w[2 * s], r.w[2 * s + 1]); })
}
AG_EXPORT(bits_i64)

extern "C" __global__ void uniform_f32(float* __restrict__ y, int n, ag_u64 key, ag_u64 counter) {
    AG_PHILOX_FILL(4, for (int s = 0; s < count; ++s) { y[first + s] = (float)((r.w[s] >> 8) * AG_TWO_POW_M24); })
}
AG_EXPORT(uniform_f32)

extern "C" __global__ void uniform_f64(double* __restrict__ y, int n, ag_u64 key, ag_u64 counter) {
    AG_PHILOX_FILL(2, for (int s = 0; s < count; ++s) {
        y[first + s] = (double)(ag_join(r.w[2 * s], r.w[2 * s + 1]) >> 11) * AG_TWO_POW_M53;
    })
}
AG_EXPORT(uniform_f64)

// Box-Muller on words (u1 from the first, u2 from the second of each pair), in double, rounded once to float.
extern "C" __global__ void normal_f32(float* __restrict__ y, int n, ag_u64 key, ag_u64 counter) {
    AG_PHILOX_FILL(4, for (int q = 0; 2 * q < count; ++q) {
        const double u1 = ((double)r.w[2 * q] + 1.0) * AG_TWO_POW_M32;
        const double u2 = (double)r.w[2 * q + 1] * AG_TWO_POW_M32;
        const double rad = sqrt(-2.0 * log(u1));
        const double t = AG_TWO_PI * u2;
        y[first + 2 * q] = (float)(rad * cos(t));
        if (2 * q + 1 < count) {
            y[first + 2 * q + 1] = (float)(rad * sin(t));
        }
    })
}
AG_EXPORT(normal_f32)

extern "C" __global__ void normal_f64(double* __restrict__ y, int n, ag_u64 key, ag_u64 counter) {
    AG_PHILOX_FILL(2, {
        const double u1 = (double)((ag_join(r.w[0], r.w[1]) >> 11) + 1) * AG_TWO_POW_M53;
        const double u2 = (double)(ag_join(r.w[2], r.w[3]) >> 11) * AG_TWO_POW_M53;
        const double rad = sqrt(-2.0 * log(u1));
        const double t = AG_TWO_PI * u2;
        y[first] = rad * cos(t);
        if (count > 1) {
            y[first + 1] = rad * sin(t);
        }
    })
}
AG_EXPORT(normal_f64)
