#!/usr/bin/python3
"""Float64 references and PyTorch's float32 results for log-softmax, logsumexp and cross-entropy on offset logits.

Run with Debian's torch:  /usr/bin/python3 layers/src/test/python/offset_logits_fixtures.py
Writes layers/src/test/resources/fixtures/offset_logits/offset_<k>.txt for k in 0, 1000, 10000: float32 logits
k + N(0, 1) of shape [64, 10], class targets and gradient seeds, then for each function f
  ref_<f>, ref_<f>_grad      f and d sum(seed * f) / dx in float64, computed from the float32 logits cast to float64
  torch_<f>, torch_<f>_grad  the same in PyTorch's float32 (the accuracy OffsetLogitsTest compares with)
with f in log_softmax (axis 1), logsumexp (axis 1), ce (cross-entropy, mean), ce_smooth (label smoothing 0.1).
Line format as heads_losses_fixtures.py: <name> <DTYPE> [d0,d1,...] v0 v1 ..., floats in repr precision (a float32
value is written as the double equal to it).
"""
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "offset_logits")
N, C = 64, 10

FUNCTIONS = {
    "log_softmax": lambda x, t: F.log_softmax(x, dim=1),
    "logsumexp": lambda x, t: torch.logsumexp(x, dim=1),
    "ce": lambda x, t: F.cross_entropy(x, t),
    "ce_smooth": lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1),
}


def fmt(name, t):
    t = t.detach()
    dtype = "I64" if t.dtype == torch.int64 else "F64"
    shape = "[" + ",".join(str(s) for s in t.shape) + "]"
    vals = t.reshape(-1).tolist()
    text = " ".join(str(int(v)) if dtype == "I64" else repr(float(v)) for v in vals)
    return f"{name} {dtype} {shape} {text}".rstrip() + "\n"


def value_and_grad(fn, x, target, seed):
    leaf = x.clone().requires_grad_(True)
    out = fn(leaf, target)
    (grad,) = torch.autograd.grad((out * seed).sum(), [leaf])
    return out, grad


def write(offset, gen):
    x = (offset + torch.randn(N, C, generator=gen, dtype=torch.float64)).float()
    target = torch.randint(0, C, (N,), generator=gen)
    lines = [f"# logits {offset} + N(0, 1), float32 (torch {torch.__version__}, offset_logits_fixtures.py)\n",
             fmt("x", x), fmt("target", target)]
    for name, fn in FUNCTIONS.items():
        shape = fn(x, target).shape
        seed = torch.randn(shape, generator=gen, dtype=torch.float64)
        ref, ref_grad = value_and_grad(fn, x.double(), target, seed)
        got, got_grad = value_and_grad(fn, x, target, seed.float())
        lines += [fmt(f"seed_{name}", seed), fmt(f"ref_{name}", ref), fmt(f"ref_{name}_grad", ref_grad),
                  fmt(f"torch_{name}", got), fmt(f"torch_{name}_grad", got_grad)]
    with open(os.path.join(OUT, f"offset_{offset}.txt"), "w") as f:
        f.writelines(lines)


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(17)
    for offset in (0, 1000, 10000):
        write(offset, gen)


if __name__ == "__main__":
    main()
