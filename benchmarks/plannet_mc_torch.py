"""plan-net Monte-Carlo prediction in PyTorch, the reference side of benchmarks/compare-plannet-mc.

M concrete-dropout members 13 -> 4 x 1024 -> (5 + 15) in float32 (relaxed Bernoulli mask, t = 0.1, one uniform per
element, as yaringal/ConcreteDropout and plan-net), T passes each over n standard-normal spectra; each pass gives the
mean, the packed precision factor (softplus + 1e-4 on the diagonal positions 0, 2, 5, 9, 14), the covariance
cholesky_inverse(L), accumulated into the mixture mean and total covariance in float64. Prints one JSON line.

usage: plannet_mc_torch.py n members passes reps [threads]
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

EPS = 1e-7
TEMP = 0.1


class CDLinear(torch.nn.Module):
    def __init__(self, fan_in, fan_out):
        super().__init__()
        self.linear = torch.nn.Linear(fan_in, fan_out)
        self.p_logit = torch.nn.Parameter(torch.full((1,), torch.log(torch.tensor(0.1 / 0.9)).item()))

    def forward(self, x):
        p = torch.sigmoid(self.p_logit)
        u = torch.rand_like(x)
        drop = torch.sigmoid((torch.log(p + EPS) - torch.log(1 - p + EPS) + torch.log(u + EPS)
                              - torch.log(1 - u + EPS)) / TEMP)
        return self.linear(x * (1 - drop) / (1 - p))


class PlanNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        widths = [13, 1024, 1024, 1024, 1024]
        self.hidden = torch.nn.ModuleList(CDLinear(a, b) for a, b in zip(widths[:-1], widths[1:]))
        self.mean = CDLinear(1024, 5)
        self.factor = CDLinear(1024, 15)

    def forward(self, x):
        for layer in self.hidden:
            x = F.relu(layer(x))
        return self.mean(x), self.factor(x)


ROWS, COLS = torch.tril_indices(5, 5)
DIAG = torch.tensor([0, 2, 5, 9, 14])


def tril(packed):
    packed = packed.clone()
    packed[:, DIAG] = F.softplus(packed[:, DIAG]) + 1e-4
    L = packed.new_zeros(packed.shape[0], 5, 5)
    L[:, ROWS, COLS] = packed
    return L


def moments(members, x, passes):
    n = x.shape[0]
    s_mean = torch.zeros(n, 5, dtype=torch.float64)
    s_cov = torch.zeros(n, 5, 5, dtype=torch.float64)
    s_outer = torch.zeros(n, 5, 5, dtype=torch.float64)
    for m in members:
        for _ in range(passes):
            mu, packed = m(x)
            cov = torch.cholesky_inverse(tril(packed))
            mu = mu.double()
            s_mean += mu
            s_cov += cov.double()
            s_outer += mu.unsqueeze(-1) * mu.unsqueeze(-2)
    k = len(members) * passes
    mean = s_mean / k
    return mean, s_cov / k + s_outer / k - mean.unsqueeze(-1) * mean.unsqueeze(-2)


def main():
    n, members, passes, reps = (int(a) for a in sys.argv[1:5])
    if len(sys.argv) > 5:
        torch.set_num_threads(int(sys.argv[5]))
    torch.manual_seed(2019)
    nets = [PlanNet().eval() for _ in range(members)]
    x = torch.randn(n, 13)
    best = float("inf")
    with torch.inference_mode():
        moments(nets, x[:256], 1)
        for _ in range(reps):
            t0 = time.perf_counter()
            _, cov = moments(nets, x, passes)
            best = min(best, time.perf_counter() - t0)
    print(json.dumps({"side": "torch", "torch": torch.__version__, "threads": torch.get_num_threads(), "n": n,
                      "members": members, "passes": passes, "seconds": round(best, 4),
                      "checksum_trace_sum": float(cov.sum())}))


if __name__ == "__main__":
    main()
