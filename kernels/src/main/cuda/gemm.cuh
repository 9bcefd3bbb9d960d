// Batched GEMM C[b] = A[b] B[b] with A [m, k] and B [k, n] of any strides and C contiguous [batch, m, n]:
// gemm_f32 and gemm_f64. Each block computes a BM x BN tile of C in BK-deep steps through shared memory,
// double-buffered: while the threads multiply the tile in one buffer, the next A and B tiles are already in
// registers and are stored into the other buffer afterwards, so each step needs one barrier. Each thread
// owns a TM x TN patch of the tile; every output is one chain of fused multiply-adds over k in order, so
// results do not depend on the launch. Out-of-range rows, columns and k are read as zeros.
#pragma once
#include "common.cuh"

// Field order mirrors GemmArgs in CudaMatmul.java (all int).
struct GemmArgs {
    int m, n, k, batch;
    int offA, rowA, colA, batchA;  // A[b][i][p] = A[offA + b * batchA + i * rowA + p * colA]
    int offB, rowB, colB, batchB;  // B[b][p][j] = B[offB + b * batchB + p * rowB + j * colB]
};

template <typename T, int BM, int BN, int BK, int TM, int TN>
__device__ __forceinline__ void ag_gemm(const GemmArgs& g, const T* __restrict__ A, const T* __restrict__ B,
                                        T* __restrict__ C) {
    constexpr int THREADS = (BM / TM) * (BN / TN);
    constexpr int LOADS_A = BM * BK / THREADS;
    constexpr int LOADS_B = BK * BN / THREADS;
    static_assert(LOADS_A * THREADS == BM * BK && LOADS_B * THREADS == BK * BN, "tile loads must divide evenly");
    __shared__ T As[2][BK][BM];
    __shared__ T Bs[2][BK][BN];

    const int tid = threadIdx.x;
    const int ty = tid / (BN / TN);
    const int tx = tid % (BN / TN);
    const int row0 = blockIdx.y * BM;
    const int col0 = blockIdx.x * BN;
    const int tiles = (g.k + BK - 1) / BK;

    for (int b = blockIdx.z; b < g.batch; b += gridDim.z) {
        const T* a = A + g.offA + (long long)b * g.batchA;
        const T* bm = B + g.offB + (long long)b * g.batchB;
        T ra[LOADS_A];
        T rb[LOADS_B];
        T acc[TM][TN];
        for (int i = 0; i < TM; ++i)
            for (int j = 0; j < TN; ++j) acc[i][j] = T(0);

        // Element e of the A tile is row e / BK, depth e % BK; of the B tile depth e / BN, column e % BN.
        auto load = [&](int t) {
            const int k0 = t * BK;
            for (int r = 0; r < LOADS_A; ++r) {
                const int e = tid + r * THREADS;
                const int i = row0 + e / BK;
                const int p = k0 + e % BK;
                ra[r] = (i < g.m && p < g.k) ? a[(long long)i * g.rowA + (long long)p * g.colA] : T(0);
            }
            for (int r = 0; r < LOADS_B; ++r) {
                const int e = tid + r * THREADS;
                const int p = k0 + e / BN;
                const int j = col0 + e % BN;
                rb[r] = (p < g.k && j < g.n) ? bm[(long long)p * g.rowB + (long long)j * g.colB] : T(0);
            }
        };
        auto store = [&](int buf) {
            for (int r = 0; r < LOADS_A; ++r) {
                const int e = tid + r * THREADS;
                As[buf][e % BK][e / BK] = ra[r];
            }
            for (int r = 0; r < LOADS_B; ++r) {
                const int e = tid + r * THREADS;
                Bs[buf][e / BN][e % BN] = rb[r];
            }
        };

        if (tiles > 0) {
            load(0);
            store(0);
        }
        __syncthreads();
        for (int t = 0; t < tiles; ++t) {
            const int buf = t & 1;
            if (t + 1 < tiles) {
                load(t + 1);
            }
            for (int p = 0; p < BK; ++p) {
                T fa[TM];
                T fb[TN];
                for (int i = 0; i < TM; ++i) fa[i] = As[buf][p][ty * TM + i];
                for (int j = 0; j < TN; ++j) fb[j] = Bs[buf][p][tx * TN + j];
                for (int i = 0; i < TM; ++i)
                    for (int j = 0; j < TN; ++j) acc[i][j] = ag_fma(fa[i], fb[j], acc[i][j]);
            }
            if (t + 1 < tiles) {
                store(buf ^ 1);
            }
            __syncthreads();
        }

        T* c = C + (long long)b * g.m * g.n;
        for (int i = 0; i < TM; ++i) {
            const int r = row0 + ty * TM + i;
            for (int j = 0; j < TN; ++j) {
                const int col = col0 + tx * TN + j;
                if (r < g.m && col < g.n) {
                    c[(long long)r * g.n + col] = acc[i][j];
                }
            }
        }
    }
}

// Tile shapes; the host's GemmPlan mirrors them (block = THREADS threads, grid = ceil(n/BN) x ceil(m/BM)).
#define AG_GEMM_F32_TILE 128, 128, 8, 8, 8
#define AG_GEMM_F64_TILE 64, 64, 8, 4, 4

extern "C" __global__ void __launch_bounds__(256) gemm_f32(GemmArgs g, const float* __restrict__ A,
                                                           const float* __restrict__ B, float* __restrict__ C) {
    ag_gemm<float, AG_GEMM_F32_TILE>(g, A, B, C);
}
AG_EXPORT(gemm_f32)

extern "C" __global__ void __launch_bounds__(256) gemm_f64(GemmArgs g, const double* __restrict__ A,
                                                           const double* __restrict__ B, double* __restrict__ C) {
    ag_gemm<double, AG_GEMM_F64_TILE>(g, A, B, C);
}
AG_EXPORT(gemm_f64)
