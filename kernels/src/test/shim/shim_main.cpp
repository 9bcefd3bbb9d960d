// shim_main.cpp: the runtime of cuda_shim.h (block scheduling on user-level threads) and the protocol through
// which ShimDriver.java uses this process as a device: requests on stdin, answers on stdout, both binary and
// little-endian. Every answer starts with a status byte: 0 and the payload, or 1, a length and a message.
//
//   1 MALLOC  u64 bytes                                  -> u64 address
//   2 FREE    u64 address
//   3 UPLOAD  u64 address, u64 bytes, bytes
//   4 DOWNLOAD u64 address, u64 bytes                    -> bytes
//   5 COPY    u64 dst, u64 src, u64 bytes
//   6 MEMSET  u64 address, u64 bytes                     (to zero)
//   7 LAUNCH  u32 name length, name, u32 grid[3], u32 block[3], u32 count, count x (u32 size, bytes)
//   8 LIST                                               -> u32 count, count x (u32 length, name)
//   9 QUIT
#include "cuda_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <map>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define SHIM_ASAN 1
#else
#define SHIM_ASAN 0
#endif

namespace shim {

Thread* current = nullptr;
dim3 block_idx;
dim3 block_dim;
dim3 grid_dim;

namespace {

constexpr size_t kStackBytes = 256 * 1024;

struct Fiber {
    ucontext_t context;
    char* stack = nullptr;
};

ucontext_t scheduler;
std::vector<Thread> threads;
std::vector<Fiber> fibers;
std::vector<uint64_t> slots;
const std::function<void()>* body = nullptr;
const void* scheduler_stack_bottom = nullptr;
size_t scheduler_stack_size = 0;

std::map<std::string, Entry>& registry() {
    static std::map<std::string, Entry> r;
    return r;
}

// Switching stacks under AddressSanitizer needs its fiber annotations, or it misreads the stacks.
void enter_thread(Thread& t, Fiber& f) {
#if SHIM_ASAN
    void* save = nullptr;
    __sanitizer_start_switch_fiber(&save, f.stack, kStackBytes);
    swapcontext(&scheduler, &f.context);
    __sanitizer_finish_switch_fiber(save, nullptr, nullptr);
#else
    (void)t;
    swapcontext(&scheduler, &f.context);
#endif
}

void leave_thread(bool finished) {
    Fiber& f = fibers[current->linear];
#if SHIM_ASAN
    __sanitizer_start_switch_fiber(finished ? nullptr : &current->fake_stack, scheduler_stack_bottom, scheduler_stack_size);
#endif
    if (finished) {
        return;  // uc_link resumes the scheduler
    }
    swapcontext(&f.context, &scheduler);
#if SHIM_ASAN
    __sanitizer_finish_switch_fiber(current->fake_stack, &scheduler_stack_bottom, &scheduler_stack_size);
#endif
}

void thread_main() {
#if SHIM_ASAN
    __sanitizer_finish_switch_fiber(nullptr, &scheduler_stack_bottom, &scheduler_stack_size);
#endif
    (*body)();
    current->state = State::DONE;
    leave_thread(true);
}

void prepare(size_t n) {
    while (fibers.size() < n) {
        Fiber f;
        void* mem = mmap(nullptr, kStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) {
            fprintf(stderr, "shim: cannot map a thread stack\n");
            exit(3);
        }
        f.stack = static_cast<char*>(mem);
        fibers.push_back(f);
    }
    threads.assign(n, Thread());
    slots.assign((n + 31) / 32 * 32, 0);
}

std::string where(const char* name) {
    return std::string(name) + " block (" + std::to_string(block_idx.x) + "," + std::to_string(block_idx.y) + "," +
           std::to_string(block_idx.z) + ")";
}

// Releases a warp whose live lanes all wait at its barrier; an exited lane is an error.
bool release_warps(const char* name, std::string& error) {
    bool released = false;
    for (size_t w = 0; w * 32 < threads.size(); ++w) {
        size_t end = std::min(threads.size(), w * 32 + 32);
        int waiting = 0, done = 0, other = 0;
        for (size_t i = w * 32; i < end; ++i) {
            State s = threads[i].state;
            waiting += s == State::AT_WARP_BARRIER;
            done += s == State::DONE;
            other += s == State::AT_BLOCK_BARRIER;
        }
        if (waiting == 0) continue;
        if (done > 0 || end - w * 32 < 32) {
            error = where(name) + ": a warp shuffle in warp " + std::to_string(w) + " with exited or missing lanes";
            return false;
        }
        if (other == 0) {
            for (size_t i = w * 32; i < end; ++i) threads[i].state = State::RUNNABLE;
            released = true;
        }
    }
    return released;
}

// Runs one block to completion; returns "" or the error.
std::string run_block(const char* name) {
    const size_t n = threads.size();
    for (size_t i = 0; i < n; ++i) {
        Thread& t = threads[i];
        t.linear = (int)i;
        t.idx.x = i % block_dim.x;
        t.idx.y = (i / block_dim.x) % block_dim.y;
        t.idx.z = i / (block_dim.x * block_dim.y);
        t.state = State::RUNNABLE;
        Fiber& f = fibers[i];
        getcontext(&f.context);
        f.context.uc_stack.ss_sp = f.stack;
        f.context.uc_stack.ss_size = kStackBytes;
        f.context.uc_link = &scheduler;
        makecontext(&f.context, thread_main, 0);
    }
    for (int pass = 0;; ++pass) {
        // alternate the order in which threads run, so a missing barrier is less likely to go unnoticed
        for (size_t k = 0; k < n; ++k) {
            size_t i = pass % 2 == 0 ? k : n - 1 - k;
            if (threads[i].state == State::RUNNABLE) {
                current = &threads[i];
                enter_thread(threads[i], fibers[i]);
            }
        }
        size_t done = 0, at_block = 0;
        for (const Thread& t : threads) {
            done += t.state == State::DONE;
            at_block += t.state == State::AT_BLOCK_BARRIER;
        }
        if (done == n) return "";
        std::string error;
        if (release_warps(name, error)) continue;
        if (!error.empty()) return error;
        if (at_block == n) {
            for (Thread& t : threads) t.state = State::RUNNABLE;
            continue;
        }
        if (at_block + done == n) {
            return where(name) + ": __syncthreads() reached by " + std::to_string(at_block) + " of " + std::to_string(n) +
                   " threads; the others returned";
        }
        return where(name) + ": threads wait at different barriers (a divergent __syncthreads or shuffle)";
    }
}

}  // namespace

void wait_at(State barrier) {
    current->state = barrier;
    leave_thread(false);
}

uint64_t* warp_slots() { return &slots[(current->linear / 32) * 32]; }

void add(const char* name, Entry entry) { registry()[name] = std::move(entry); }

std::string launch(const char* name, dim3 grid, dim3 block, const std::function<void()>& kernel) {
    grid_dim = grid;
    block_dim = block;
    body = &kernel;
    prepare((size_t)block.x * block.y * block.z);
    for (unsigned z = 0; z < grid.z; ++z)
        for (unsigned y = 0; y < grid.y; ++y)
            for (unsigned x = 0; x < grid.x; ++x) {
                block_idx.x = x;
                block_idx.y = y;
                block_idx.z = z;
                std::string e = run_block(name);
                if (!e.empty()) return e;
            }
    return "";
}

}  // namespace shim

// ---------------------------------------------------------------- the protocol

namespace {

std::map<uint64_t, uint64_t> allocations;  // address -> bytes

void read_exact(void* p, size_t n) {
    char* c = static_cast<char*>(p);
    while (n > 0) {
        ssize_t r = read(0, c, n);
        if (r <= 0) exit(0);  // the host went away
        c += r;
        n -= (size_t)r;
    }
}

void write_exact(const void* p, size_t n) {
    const char* c = static_cast<const char*>(p);
    while (n > 0) {
        ssize_t r = write(1, c, n);
        if (r <= 0) exit(0);
        c += r;
        n -= (size_t)r;
    }
}

template <typename T>
T get() {
    T v;
    read_exact(&v, sizeof v);
    return v;
}

void ok() {
    uint8_t s = 0;
    write_exact(&s, 1);
}

void fail(const std::string& message) {
    uint8_t s = 1;
    uint32_t n = (uint32_t)message.size();
    write_exact(&s, 1);
    write_exact(&n, 4);
    write_exact(message.data(), n);
}

// Whether [address, address + bytes) lies inside one allocation.
bool inside(uint64_t address, uint64_t bytes) {
    auto it = allocations.upper_bound(address);
    if (it == allocations.begin()) return false;
    --it;
    return address >= it->first && address + bytes <= it->first + it->second;
}

std::string range(const char* op, uint64_t address, uint64_t bytes) {
    char b[160];
    snprintf(b, sizeof b, "%s of %llu bytes at 0x%llx is outside every device allocation", op, (unsigned long long)bytes,
             (unsigned long long)address);
    return b;
}

void launch_request() {
    std::string name(get<uint32_t>(), '\0');
    read_exact(&name[0], name.size());
    dim3 grid, block;
    grid.x = get<uint32_t>();
    grid.y = get<uint32_t>();
    grid.z = get<uint32_t>();
    block.x = get<uint32_t>();
    block.y = get<uint32_t>();
    block.z = get<uint32_t>();
    std::vector<std::vector<char>> params(get<uint32_t>());
    for (auto& p : params) {
        p.resize(get<uint32_t>());
        read_exact(p.data(), p.size());
    }
    auto it = shim::registry().find(name);
    if (it == shim::registry().end()) {
        fail("no kernel " + name + " in the shim (is it marked AG_EXPORT?)");
        return;
    }
    std::string e = it->second(params, grid, block);
    if (e.empty()) ok(); else fail(e);
}

}  // namespace

namespace shim {
std::map<std::string, Entry>& kernels() { return registry(); }
}  // namespace shim

int main() {
    for (;;) {
        uint8_t op = get<uint8_t>();
        switch (op) {
            case 1: {
                uint64_t bytes = get<uint64_t>();
                void* p = malloc(bytes);
                if (p == nullptr) { fail("out of memory"); break; }
                allocations[(uint64_t)p] = bytes;
                ok();
                uint64_t a = (uint64_t)p;
                write_exact(&a, 8);
                break;
            }
            case 2: {
                uint64_t a = get<uint64_t>();
                if (allocations.erase(a) == 0) { fail("free of 0x" + std::to_string(a) + ", which is not an allocation"); break; }
                free((void*)a);
                ok();
                break;
            }
            case 3: {
                uint64_t a = get<uint64_t>(), n = get<uint64_t>();
                std::vector<char> data(n);
                read_exact(data.data(), n);
                if (!inside(a, n)) { fail(range("upload", a, n)); break; }
                memcpy((void*)a, data.data(), n);
                ok();
                break;
            }
            case 4: {
                uint64_t a = get<uint64_t>(), n = get<uint64_t>();
                if (!inside(a, n)) { fail(range("download", a, n)); break; }
                ok();
                write_exact((void*)a, n);
                break;
            }
            case 5: {
                uint64_t d = get<uint64_t>(), s = get<uint64_t>(), n = get<uint64_t>();
                if (!inside(d, n) || !inside(s, n)) { fail(range("copy", inside(d, n) ? s : d, n)); break; }
                memcpy((void*)d, (void*)s, n);
                ok();
                break;
            }
            case 6: {
                uint64_t a = get<uint64_t>(), n = get<uint64_t>();
                if (!inside(a, n)) { fail(range("memset", a, n)); break; }
                memset((void*)a, 0, n);
                ok();
                break;
            }
            case 7: launch_request(); break;
            case 8: {
                ok();
                uint32_t count = (uint32_t)shim::kernels().size();
                write_exact(&count, 4);
                for (auto& e : shim::kernels()) {
                    uint32_t len = (uint32_t)e.first.size();
                    write_exact(&len, 4);
                    write_exact(e.first.data(), len);
                }
                break;
            }
            case 9: return 0;
            default: fprintf(stderr, "shim: unknown request %d\n", op); return 2;
        }
    }
}
