#!/usr/bin/python3
"""The PyTorch side of `benchmarks/compare`: the same workloads as the astrograd JMH suites, timed the same way.

Timing mirrors JMH's AverageTime mode: `--warmup-iters` warm-up iterations, then `--iters` measured
iterations; an iteration calls the workload back to back until `--time` seconds have passed and scores
the mean time per call. A workload's result is the median of its measured iteration scores (the minimum
and mean are recorded too), read the same way as the JMH side (`compare.py`).

Run it with Debian's PyTorch (`/usr/bin/python3`); `benchmarks/compare` sets the environment for its fastest
configuration (OpenBLAS with OPENBLAS_NUM_THREADS=n, OMP_WAIT_POLICY=PASSIVE, OPENBLAS_CORETYPE unset);
this script calls torch.set_num_threads(n) itself. Writes one JSON object: {"meta": {...}, "results": [...]}.
"""
import argparse
import contextlib
import json
import os
import statistics
import sys
import time
import traceback

import torch
import torch.nn as nn
import torch.nn.functional as F

# Conv layers carry a bias, as nn.Conv2d / nn.Conv1d do by default; no activation between the two 2-d convs.
CONV_BIAS = True


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _randn(gen, *shape, dtype=torch.float32):
    return torch.randn(*shape, generator=gen, dtype=dtype)


def sgemm(size):
    def make():
        g = _gen(1)
        a, b = _randn(g, size, size), _randn(g, size, size)
        return lambda: torch.matmul(a, b)
    return make


def dgemm(size):
    def make():
        g = _gen(2)
        a, b = _randn(g, size, size, dtype=torch.float64), _randn(g, size, size, dtype=torch.float64)
        return lambda: torch.matmul(a, b)
    return make


def conv2d_two_layers():
    """x [32, 3, 64, 64] -> conv 3->32 (3x3, pad 1) -> conv 32->64 (3x3, pad 1), no activation between."""
    g = _gen(5)
    x = _randn(g, 32, 3, 64, 64)
    w1, w2 = _randn(g, 32, 3, 3, 3), _randn(g, 64, 32, 3, 3)
    b1 = _randn(g, 32) if CONV_BIAS else None
    b2 = _randn(g, 64) if CONV_BIAS else None
    return lambda: F.conv2d(F.conv2d(x, w1, b1, padding=1), w2, b2, padding=1)


def conv1d_same():
    """x [64, 1, 200], w [16, 1, 7], 'same' padding (3 on each side)."""
    g = _gen(6)
    x, w = _randn(g, 64, 1, 200), _randn(g, 16, 1, 7)
    b = _randn(g, 16) if CONV_BIAS else None
    return lambda: F.conv1d(x, w, b, padding=3)


def sigmoid_mul_add(n):
    def make():
        g = _gen(3)
        a, b, c = _randn(g, n), _randn(g, n), _randn(g, n)
        return lambda: torch.sigmoid(a * b + c)
    return make


def logsumexp_last_axis(size):
    def make():
        x = _randn(_gen(4), size, size)
        return lambda: torch.logsumexp(x, dim=-1)
    return make


def tiny_mlp_step():
    """13 -> 64 -> 64 -> 6 MLP (ReLU), batch 32: forward, MSE, backward, SGD step."""
    torch.manual_seed(11)
    m = nn.Sequential(nn.Linear(13, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 6))
    opt = torch.optim.SGD(m.parameters(), lr=0.01)
    g = _gen(11)
    x, y = _randn(g, 32, 13), _randn(g, 32, 6)

    def step():
        opt.zero_grad()
        loss = F.mse_loss(m(x), y)
        loss.backward()
        opt.step()
    return step


def plan_net_forward_backward():
    """plan-net MLP 13 -> 4 x 1024 -> 21 (ReLU), batch 512: forward, MSE, backward."""
    torch.manual_seed(12)
    layers = [nn.Linear(13, 1024), nn.ReLU()]
    for _ in range(3):
        layers += [nn.Linear(1024, 1024), nn.ReLU()]
    m = nn.Sequential(*layers, nn.Linear(1024, 21))
    g = _gen(12)
    x, y = _randn(g, 512, 13), _randn(g, 512, 21)

    def step():
        m.zero_grad()
        F.mse_loss(m(x), y).backward()
    return step


def stella_cnn():
    return nn.Sequential(nn.Conv1d(1, 16, 7, padding="same"), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.1),
                         nn.Conv1d(16, 64, 3, padding="same"), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.1),
                         nn.Flatten(), nn.Linear(3200, 32), nn.ReLU(), nn.Dropout(0.1), nn.Linear(32, 1))


def stella_train_step():
    """stella CNN, batch 64 x 1 x 200: train-mode forward, BCE with logits, backward, Adam step."""
    torch.manual_seed(13)
    m = stella_cnn().train()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    g = _gen(13)
    x, y = _randn(g, 64, 1, 200), (torch.rand(64, 1, generator=g) < 0.3).float()

    def step():
        opt.zero_grad()
        F.binary_cross_entropy_with_logits(m(x), y).backward()
        opt.step()
    return step


def stella_inference():
    """stella CNN, eval mode, no graph, 1024 windows, sigmoid probabilities."""
    torch.manual_seed(14)
    m = stella_cnn().eval()
    x = _randn(_gen(14), 1024, 1, 200)

    def infer():
        with torch.no_grad():
            return torch.sigmoid(m(x))
    return infer


def gru_forward_backward():
    """GRU input 12, hidden 100, batch-first [64, 50, 12]: forward, sum of outputs, backward."""
    torch.manual_seed(15)
    gru = nn.GRU(12, 100, batch_first=True)
    x = _randn(_gen(15), 64, 50, 12).requires_grad_(True)

    def step():
        gru.zero_grad()
        x.grad = None
        out, _ = gru(x)
        out.sum().backward()
    return step


def conv2d_forward_backward():
    """The two-layer conv2d workload (3 -> 32 -> 64, 3x3, pad 1, bias) with the backward of its sum."""
    g = _gen(16)
    x = _randn(g, 32, 3, 64, 64).requires_grad_(True)
    w1, w2 = _randn(g, 32, 3, 3, 3).requires_grad_(True), _randn(g, 64, 32, 3, 3).requires_grad_(True)
    b1, b2 = _randn(g, 32).requires_grad_(True), _randn(g, 64).requires_grad_(True)

    def step():
        for t in (x, w1, w2, b1, b2):
            t.grad = None
        F.conv2d(F.conv2d(x, w1, b1, padding=1), w2, b2, padding=1).sum().backward()
    return step


# workload id (shared with compare.py) -> factory returning the zero-argument callable to time
WORKLOADS = {
    "sgemm_256": sgemm(256),
    "sgemm_1024": sgemm(1024),
    "dgemm_512": dgemm(512),
    "conv2d_2layer_b32_64x64": conv2d_two_layers,
    "conv1d_same_b64_L200_k7": conv1d_same,
    "sigmoid_mul_add_1M": sigmoid_mul_add(1 << 20),
    "logsumexp_1024x1024": logsumexp_last_axis(1024),
    "sigmoid_mul_add_1M_scoped": sigmoid_mul_add(1 << 20),
    "conv2d_2layer_b32_64x64_scoped": conv2d_two_layers,
    "conv1d_same_b64_L200_k7_scoped": conv1d_same,
    "mlp_tiny_step_b32": tiny_mlp_step,
    "mlp_plannet_fwd_bwd_b512": plan_net_forward_backward,
    "stella_train_step_b64": stella_train_step,
    "stella_inference_b1024": stella_inference,
    "gru_fwd_bwd_b64_T50": gru_forward_backward,
    "conv2d_2layer_fwd_bwd_b32": conv2d_forward_backward,
}


# workloads that differentiate (run with autograd on)
TRAINING = {"mlp_tiny_step_b32", "mlp_plannet_fwd_bwd_b512", "stella_train_step_b64", "gru_fwd_bwd_b64_T50",
            "conv2d_2layer_fwd_bwd_b32"}


def iteration_ms(fn, seconds):
    """Calls fn back to back until `seconds` have passed; returns the mean milliseconds per call."""
    calls = 0
    start = time.perf_counter()
    while True:
        fn()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return elapsed * 1e3 / calls


def measure(fn, args):
    for _ in range(args.warmup_iters):
        iteration_ms(fn, args.warmup_time)
    scores = [iteration_ms(fn, args.time) for _ in range(args.iters)]
    return {
        "ms": statistics.median(scores),
        "min_ms": min(scores),
        "mean_ms": statistics.fmean(scores),
        "iterations_ms": scores,
    }


def loaded_math_libraries():
    """Paths of the BLAS / oneDNN / OpenMP libraries this process has mapped."""
    keys = ("blas", "lapack", "mkl", "dnnl", "gomp", "omp")
    paths = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            name = os.path.basename(path)
            if path.startswith("/") and any(k in name for k in keys):
                paths.add(os.path.realpath(path))
    return sorted(paths)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--workloads", required=True, help="comma-separated workload ids")
    p.add_argument("--warmup-iters", type=int, default=5)
    p.add_argument("--warmup-time", type=float, default=1.0, help="seconds per warm-up iteration")
    p.add_argument("--iters", type=int, default=10)
    p.add_argument("--time", type=float, default=1.0, help="seconds per measured iteration")
    p.add_argument("--out", required=True)
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    results = []
    for wid in [w for w in args.workloads.split(",") if w]:
        record = {"workload": wid, "threads": args.threads}
        # forward-only workloads run without autograd bookkeeping, as astrograd's plain tensors do;
        # training workloads build the graph they differentiate
        mode = contextlib.nullcontext() if wid in TRAINING else torch.inference_mode()
        with mode:
            try:
                if wid not in WORKLOADS:
                    raise KeyError(f"unknown workload {wid!r} (known: {', '.join(WORKLOADS)})")
                record.update(measure(WORKLOADS[wid](), args))
                print(f"torch  {wid:<26} threads={args.threads}  {record['ms']:10.4f} ms", flush=True)
            except Exception as e:  # one failing workload must not stop the others
                traceback.print_exc()
                record["error"] = f"{type(e).__name__}: {e}".splitlines()[0][:300]
            results.append(record)

    meta = {
        "torch_version": torch.__version__,
        "python": sys.version.split()[0],
        "threads": args.threads,
        "torch_num_threads": torch.get_num_threads(),
        "env": {k: os.environ.get(k) for k in
                ("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE",
                 "LD_LIBRARY_PATH")},
        "math_libraries": loaded_math_libraries(),
        "timing": {"warmup_iters": args.warmup_iters, "warmup_time_s": args.warmup_time,
                   "iters": args.iters, "time_s": args.time, "score": "median of iteration means"},
    }
    with open(args.out, "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
