// The one translation unit of the astrograd kernels: nvcc compiles it to astrograd.fatbin (build-fatbin), and
// the host shim's test compiles the same file with g++ (kernels/src/test/shim). Kernels are extern "C" and
// named <op>_<dtype>.
#include "common.cuh"
#include "copy.cuh"
#include "elementwise.cuh"
#include "gemm.cuh"
#include "image.cuh"
#include "indexing.cuh"
#include "integer.cuh"
#include "linalg.cuh"
#include "optim.cuh"
#include "philox.cuh"
#include "reduce.cuh"
#include "rows.cuh"
#include "special.cuh"
