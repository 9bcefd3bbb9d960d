// Batched small dense linear algebra in double (F32 inputs are cast to F64 by the host and the results rounded
// once, as the CPU backend does): Cholesky factors and triangular solves. The operations per element are the
// CPU's (CpuLinalg.java), in the same order, with products never fused into multiply-adds (ag_mul_rn), so the
// results match the CPU's to the last bit on IEEE hardware.
//
// Matrix m of a batch starts at ag_offset(batch, m) in A (its batch axes, any strides, A's offset included);
// element (i, j) is at + i * rs + j * cs, so transposed and expanded views are read in place.
#pragma once
#include "common.cuh"

// One thread per matrix: Cholesky–Banachiewicz into the contiguous [count, n, n] output l (lower triangle L,
// upper zero). info[2m] = -1 on success, else the failing pivot index with info[2m + 1] its value
// a_jj - sum_k l_jk^2 (not positive, or NaN).
extern "C" __global__ void cholesky_f64(Layout batch, const double* __restrict__ a, int rs, int cs, int n,
                                        double* __restrict__ l, double* __restrict__ info, int count) {
    AG_GRID_STRIDE(m, count) {
        const double* am = a + ag_offset(batch, (int)m);
        double* lm = l + (long long)m * n * n;
        info[2 * m] = -1;
        info[2 * m + 1] = 0;
        for (int i = 0; i < n; ++i) {
            double* ri = lm + i * n;
            bool failed = false;
            for (int j = 0; j <= i; ++j) {
                const double* rj = lm + j * n;
                double s = am[i * rs + j * cs];
                for (int k = 0; k < j; ++k) {
                    s -= ag_mul_rn(ri[k], rj[k]);
                }
                if (j < i) {
                    ri[j] = s / rj[j];
                } else if (s > 0) {
                    ri[i] = sqrt(s);
                } else {
                    info[2 * m] = i;
                    info[2 * m + 1] = s;
                    failed = true;
                }
            }
            if (failed) {
                break;
            }
            for (int j = i + 1; j < n; ++j) {
                ri[j] = 0;
            }
        }
    }
}
AG_EXPORT(cholesky_f64)

// op(A) X = B for triangular op(A) (the host passes A's strides swapped for the transpose, so the kernel
// sees the triangle it solves with): forward substitution when forward != 0, else back substitution. x holds
// B on entry and X on return, contiguous [count, n, k]. Thread (m, c) solves column c of matrix m; threads
// with c >= k (there is one when k == 0) only check the diagonal. info[m] = the first zero diagonal index,
// or -1 (written by column 0's thread).
extern "C" __global__ void trsm_f64(Layout batch, const double* __restrict__ a, int rs, int cs, int n,
                                    double* __restrict__ x, int k, int forward, int* __restrict__ info,
                                    int count) {
    const int cols = max(k, 1);
    AG_GRID_STRIDE(t, (long long)count * cols) {
        const int m = (int)(t / cols);
        const int c = (int)(t - (long long)m * cols);
        const double* am = a + ag_offset(batch, m);
        int zero = -1;
        for (int i = 0; i < n && zero < 0; ++i) {
            if (am[i * (rs + cs)] == 0) {
                zero = i;
            }
        }
        if (c == 0) {
            info[m] = zero;
        }
        if (zero >= 0 || c >= k) {
            continue;
        }
        double* xm = x + (long long)m * n * k + c;
        for (int s = 0; s < n; ++s) {
            const int i = forward ? s : n - 1 - s;
            double v = xm[i * k];
            const int lo = forward ? 0 : i + 1;
            const int hi = forward ? i : n;
            for (int j = lo; j < hi; ++j) {
                const double f = am[i * rs + j * cs];
                if (f != 0) {
                    v -= ag_mul_rn(f, xm[j * k]);
                }
            }
            xm[i * k] = v / am[i * (rs + cs)];
        }
    }
}
AG_EXPORT(trsm_f64)
