// Digamma and trigamma (digamma_<dtype>, trigamma_<dtype>), in double for both dtypes and rounded once, as the
// CPU's SpecialFunctions.java computes them (same series, recurrences and reflections, in the same order).
#pragma once
#include "common.cuh"
#include "elementwise.cuh"

#define AG_PI 3.14159265358979323846

// psi(x): for x >= 10 the asymptotic series log x - 1/(2x) - sum_{k=1..7} B_2k / (2k x^2k); below, the
// recurrence psi(x) = psi(x + 1) - 1/x; for x < 0 the reflection psi(x) = psi(1 - x) - pi / tan(pi r), r the
// signed distance of x to the nearest integer. -inf at +0, +inf at -0, NaN at -1, -2, ... and at -inf.
__device__ __forceinline__ double ag_digamma_positive(double x) {
    double shift = 0;
    while (x < 10) {
        shift -= 1 / x;
        x += 1;
    }
    const double inv2 = 1 / (x * x);
    const double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
            - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 * (1.0 / 12)))))));
    return shift + log(x) - 0.5 / x - series;
}

__device__ __forceinline__ double ag_digamma(double x) {
    if (x != x || x == -(double)INFINITY) {
        return NAN;
    }
    if (x == 0) {
        return signbit(x) ? (double)INFINITY : -(double)INFINITY;
    }
    if (x < 0) {
        const double r = x - rint(x);
        if (r == 0) {
            return NAN;
        }
        return ag_digamma_positive(1 - x) - AG_PI / tan(AG_PI * r);
    }
    return ag_digamma_positive(x);
}

// psi_1(x) = sum_{k>=0} 1/(x+k)^2: for x >= 12 the asymptotic series 1/x + 1/(2x^2) + sum_{k=1..7} B_2k /
// x^(2k+1); for 0 < x < 12 the recurrence psi_1(x) = psi_1(x + 1) + 1/x^2, its terms added from the smallest;
// for x <= 0 the reflection pi^2 / sin^2(pi r) - psi_1(1 - x). +inf at 0, -1, -2, ..., NaN at -inf.
__device__ __forceinline__ double ag_trigamma_positive(double x) {
    const int steps = x < 12 ? (int)ceil(12 - x) : 0;
    const double z = x + steps;
    const double inv = 1 / z;
    const double inv2 = inv * inv;
    const double series = inv2 * inv * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 * (1.0 / 30
            - inv2 * (5.0 / 66 - inv2 * (691.0 / 2730 - inv2 * (7.0 / 6)))))));
    double sum = series + 0.5 * inv2 + inv;
    for (int k = steps - 1; k >= 0; --k) {
        const double t = x + k;
        sum += 1 / (t * t);
    }
    return sum;
}

__device__ __forceinline__ double ag_trigamma(double x) {
    if (x != x || x == -(double)INFINITY) {
        return NAN;
    }
    if (x <= 0) {
        const double r = x - rint(x);
        if (r == 0) {
            return INFINITY;
        }
        const double s = sin(AG_PI * r);
        return AG_PI * AG_PI / (s * s) - ag_trigamma_positive(1 - x);
    }
    return ag_trigamma_positive(x);
}

struct OpDigamma { template <typename T> __device__ T operator()(T x) const { return (T)ag_digamma((double)x); } };
struct OpTrigamma { template <typename T> __device__ T operator()(T x) const { return (T)ag_trigamma((double)x); } };

AG_UNARY_KERNELS(digamma, OpDigamma)
AG_UNARY_KERNELS(trigamma, OpTrigamma)
