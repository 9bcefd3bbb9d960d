#!/usr/bin/env python3
"""PyTorch side of the device check's benchmarks, on the same GPU and with the same names as GpuBench.java:
SGEMM 4096^3 (torch.matmul, TF32 off: the cuBLAS baseline), DGEMM 2048^3, device-to-device copy of 256 MiB,
elementwise add and sum of 2^26 floats, and a row sum of 8192 x 8192. Median of CUDA-event timings.

    python3 kernels/bench/torch_bench.py OUT.tsv

Writes tab-separated rows: side, name, median_ms, value, unit. Without torch or CUDA it says why and writes
nothing (exit 0), so the device check goes on.
"""
import statistics
import sys


def main(out_path):
    try:
        import torch
    except ImportError:
        print("torch_bench: skipped, PyTorch is not installed")
        return
    if not torch.cuda.is_available():
        print("torch_bench: skipped, torch %s sees no CUDA device" % torch.__version__)
        return
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")
    dev = torch.device("cuda:0")
    rows = []

    def timed(name, fn, runs, value_of, unit):
        for _ in range(2):
            fn()
        torch.cuda.synchronize()
        times = []
        for _ in range(runs):
            start = torch.cuda.Event(enable_timing=True)
            end = torch.cuda.Event(enable_timing=True)
            start.record()
            fn()
            end.record()
            end.synchronize()
            times.append(start.elapsed_time(end))
        ms = statistics.median(times)
        rows.append("torch\t%s\t%.4f\t%.2f\t%s" % (name, ms, value_of(ms), unit))
        print(rows[-1], flush=True)

    for dtype, n, name in ((torch.float32, 4096, "sgemm_4096"), (torch.float64, 2048, "dgemm_2048")):
        a = torch.rand(n, n, device=dev, dtype=dtype)
        b = torch.rand(n, n, device=dev, dtype=dtype)
        timed(name, lambda: torch.matmul(a, b), 10, lambda ms: 2.0 * n ** 3 / (ms * 1e-3) / 1e12, "TFLOP/s")
        del a, b

    n = 1 << 26
    x = torch.rand(n, device=dev)
    y = torch.rand(n, device=dev)
    z = torch.empty_like(x)
    timed("copy_d2d_256MiB", lambda: z.copy_(x), 20, lambda ms: 2.0 * 4 * n / (ms * 1e-3) / 1e9, "GB/s")
    timed("add_f32_2^26", lambda: torch.add(x, y, out=z), 20, lambda ms: 3.0 * 4 * n / (ms * 1e-3) / 1e9, "GB/s")
    timed("sum_f32_2^26", lambda: x.sum(), 20, lambda ms: 4.0 * n / (ms * 1e-3) / 1e9, "GB/s")
    r = x.view(8192, 8192)
    timed("rowsum_f32_8192x8192", lambda: r.sum(dim=1), 20, lambda ms: 4.0 * n / (ms * 1e-3) / 1e9, "GB/s")

    with open(out_path, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench-torch.tsv")
