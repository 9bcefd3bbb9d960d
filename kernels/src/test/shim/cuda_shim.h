// cuda_shim.h: just enough of CUDA for the astrograd kernels (kernels/src/main/cuda) to compile with g++ and
// run on the CPU, so that CI checks what the kernels compute without a GPU (ShimDriver.java drives it).
//
// Execution model: a launch runs its blocks one after another; the threads of a block are cooperative
// user-level threads (ucontext), run in turn until each reaches a barrier. __syncthreads() waits for every
// thread of the block; a warp shuffle waits for the 32 lanes of its warp, exchanging values through per-warp
// slots. Misuse a GPU would punish unpredictably is an error here, reported with the kernel's name: a
// __syncthreads() that some threads of the block never reach (they returned, or wait elsewhere), and a shuffle
// whose warp has exited lanes. __shared__ variables become function-local statics: one copy, shared by the
// threads of the running block (blocks run one at a time). Compiled with AddressSanitizer, any read or write
// outside a device allocation (each is its own malloc) stops the process with the kernel's source line.
#pragma once

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static

using std::isinf;
using std::isnan;
using std::max;
using std::min;
using std::signbit;

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

namespace shim {

enum class State { RUNNABLE, AT_BLOCK_BARRIER, AT_WARP_BARRIER, DONE };

struct Thread {
    dim3 idx;
    int linear = 0;
    State state = State::RUNNABLE;
    void* context = nullptr;  // ucontext_t*, opaque here
    void* fake_stack = nullptr;
};

extern Thread* current;
extern dim3 block_idx;
extern dim3 block_dim;
extern dim3 grid_dim;

// Suspends the current thread at a barrier of the given kind until the scheduler releases it.
void wait_at(State barrier);

// The 32 exchange slots of the current thread's warp.
uint64_t* warp_slots();

template <typename T>
T shuffle(T v, int src_lane, bool in_range) {
    static_assert(sizeof(T) <= 8, "shuffles move at most 8 bytes");
    uint64_t* slots = warp_slots();
    const int lane = current->linear % 32;
    uint64_t bits = 0;
    memcpy(&bits, &v, sizeof(T));
    slots[lane] = bits;
    wait_at(State::AT_WARP_BARRIER);  // every lane has written
    T r = v;
    if (in_range) {
        memcpy(&r, &slots[src_lane], sizeof(T));
    }
    wait_at(State::AT_WARP_BARRIER);  // every lane has read before the slots are reused
    return r;
}

// Runs kernel(args...) over the grid; returns "" or what went wrong.
std::string launch(const char* name, dim3 grid, dim3 block, const std::function<void()>& body);

// The registry the host protocol launches from: name -> decoder of raw parameters.
using Entry = std::function<std::string(const std::vector<std::vector<char>>& params, dim3 grid, dim3 block)>;
void add(const char* name, Entry entry);

template <typename... A, size_t... I>
std::tuple<A...> decode(const std::vector<std::vector<char>>& p, std::index_sequence<I...>) {
    std::tuple<A...> t;
    ((memcpy(&std::get<I>(t), p[I].data(), sizeof(A))), ...);
    return t;
}

// Registers a kernel: checks the parameter count and each parameter's size against the kernel's signature
// (a marshalling error in the host code fails here, by name), then launches it.
template <typename... A>
struct Registrar {
    Registrar(const char* name, void (*kernel)(A...)) {
        add(name, [name, kernel](const std::vector<std::vector<char>>& p, dim3 grid, dim3 block) -> std::string {
            constexpr size_t sizes[] = {sizeof(A)..., 0};
            if (p.size() != sizeof...(A)) {
                return std::string(name) + ": " + std::to_string(p.size()) + " parameters passed, the kernel takes " +
                       std::to_string(sizeof...(A));
            }
            for (size_t i = 0; i < p.size(); ++i) {
                if (p[i].size() != sizes[i]) {
                    return std::string(name) + ": parameter " + std::to_string(i) + " has " + std::to_string(p[i].size()) +
                           " bytes, the kernel's has " + std::to_string(sizes[i]);
                }
            }
            auto args = decode<std::decay_t<A>...>(p, std::index_sequence_for<A...>{});
            return launch(name, grid, block, [&]() { std::apply(kernel, args); });
        });
    }
};

}  // namespace shim

#define threadIdx (shim::current->idx)
#define blockIdx (shim::block_idx)
#define blockDim (shim::block_dim)
#define gridDim (shim::grid_dim)

inline void __syncthreads() { shim::wait_at(shim::State::AT_BLOCK_BARRIER); }

template <typename T>
T __shfl_down_sync(unsigned, T v, unsigned delta) {
    const int lane = shim::current->linear % 32;
    return shim::shuffle(v, lane + (int)delta, lane + (int)delta < 32);
}

template <typename T>
T __shfl_up_sync(unsigned, T v, unsigned delta) {
    const int lane = shim::current->linear % 32;
    return shim::shuffle(v, lane - (int)delta, lane - (int)delta >= 0);
}

template <typename T>
T __shfl_xor_sync(unsigned, T v, int mask) {
    const int lane = shim::current->linear % 32;
    return shim::shuffle(v, lane ^ mask, true);
}

template <typename T>
T __shfl_sync(unsigned, T v, int src) {
    return shim::shuffle(v, src & 31, true);
}

#define AG_EXPORT(name) static shim::Registrar shim_registrar_##name(#name, &name);
