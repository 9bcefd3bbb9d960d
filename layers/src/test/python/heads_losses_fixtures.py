"""PyTorch fixtures for astrograd.layers.heads and astrograd.layers.losses.

Run with Debian's torch:  /usr/bin/python3 layers/src/test/python/heads_losses_fixtures.py
Writes layers/src/test/resources/fixtures/heads/<case>.txt, one case per file. Each line is
    <name> <DTYPE> [d0,d1,...] v0 v1 ...
with DTYPE F64 or I64, values row-major, floats in repr (round-trip) precision. Names: the inputs of the
case, "seed" (the weight u of the scalar sum(u * out) whose gradients are stored, present only for
unreduced outputs), "out" (the output), and "grad_<input>" (d sum(u * out) / d input); then "f32_out" and
"f32_grad_<input>", the same in float64 from the inputs (and u) rounded to float32: the reference of the Java
F32 checks, so that they measure float32 arithmetic and not how much a case amplifies the rounding of its
inputs (mdn_full moves by up to 7e-5 from that alone). Losses use
torch.nn.functional; heads and MMD are written out by hand here, independently of the Java code
(torch.distributions for the densities).
"""
import math
import os

import torch
import torch.nn.functional as F
from torch.distributions import MultivariateNormal, Normal, kl_divergence

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "heads")


def fmt(name, t):
    t = t.detach()
    dtype = "I64" if t.dtype == torch.int64 else "F64"
    shape = "[" + ",".join(str(s) for s in t.shape) + "]"
    vals = t.reshape(-1).tolist()
    text = " ".join(str(int(v)) if dtype == "I64" else repr(float(v)) for v in vals)
    return f"{name} {dtype} {shape} {text}".rstrip() + "\n"


def write(case, desc, inputs, fn, aux=None):
    """inputs: dict of differentiable tensors; aux: dict of constants; fn(**inputs, **aux) -> output."""
    aux = aux or {}
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**leaves, **aux)
    lines = [f"# {case}: {desc} (torch {torch.__version__}, heads_losses_fixtures.py)\n"]
    for k, v in inputs.items():
        lines.append(fmt(k, v))
    for k, v in aux.items():
        lines.append(fmt(k, v))
    if out.dim() == 0:
        seed = torch.ones(())
    else:
        seed = torch.randn(out.shape)
        lines.append(fmt("seed", seed))
    lines.append(fmt("out", out))
    grads = torch.autograd.grad((out * seed).sum(), list(leaves.values()))
    for k, g in zip(leaves.keys(), grads):
        lines.append(fmt("grad_" + k, g))
    lines.extend(rounded_to_f32(inputs, aux, fn, seed))
    with open(os.path.join(OUT, case + ".txt"), "w") as f:
        f.writelines(lines)


def rounded_to_f32(inputs, aux, fn, seed):
    """The "f32_" lines: the case computed in float64 from its floating inputs rounded to float32."""
    leaves = {k: v.float().double().requires_grad_(True) for k, v in inputs.items()}
    consts = {k: v.float().double() if v.is_floating_point() else v for k, v in aux.items()}
    out = fn(**leaves, **consts)
    grads = torch.autograd.grad((out * seed.float().double()).sum(), list(leaves.values()))
    return [fmt("f32_out", out)] + [fmt("f32_grad_" + k, g) for k, g in zip(leaves.keys(), grads)]


def pointwise_losses():
    x = torch.randn(4, 5)
    y = torch.randn(4, 5)
    for red in ("mean", "sum", "none"):
        write(f"mse_{red}", f"F.mse_loss reduction={red}", {"input": x, "target": y},
              lambda input, target, red=red: F.mse_loss(input, target, reduction=red))
        write(f"l1_{red}", f"F.l1_loss reduction={red}", {"input": x, "target": y},
              lambda input, target, red=red: F.l1_loss(input, target, reduction=red))
        write(f"huber_{red}", f"F.huber_loss delta=0.7 reduction={red}", {"input": x, "target": y},
              lambda input, target, red=red: F.huber_loss(input, target, reduction=red, delta=0.7))
    p = torch.rand(4, 5) * 0.9 + 0.05
    t = torch.rand(4, 5)
    t[0] = (t[0] > 0.5).double()
    for red in ("mean", "sum", "none"):
        write(f"bce_{red}", f"F.binary_cross_entropy reduction={red}", {"input": p, "target": t},
              lambda input, target, red=red: F.binary_cross_entropy(input, target, reduction=red))
    z = torch.randn(4, 5) * 3
    z[0, 0] = 0.0
    z[1, 1] = 40.0
    z[2, 2] = -40.0
    for red in ("mean", "sum", "none"):
        write(f"bce_logits_{red}", f"F.binary_cross_entropy_with_logits reduction={red}",
              {"input": z, "target": t},
              lambda input, target, red=red: F.binary_cross_entropy_with_logits(input, target, reduction=red))


def cross_entropy():
    logits = torch.randn(6, 4) * 2
    target = torch.tensor([0, 3, 1, 1, 2, 3])
    w = torch.tensor([0.5, 2.0, 1.0, 3.0])
    cases = {"plain": (None, 0.0), "weighted": (w, 0.0), "smooth": (None, 0.2), "weighted_smooth": (w, 0.2)}
    for tag, (weight, eps) in cases.items():
        for red in ("mean", "sum", "none"):
            aux = {"target": target}
            if weight is not None:
                aux["class_weight"] = weight
            write(f"ce_{tag}_{red}", f"F.cross_entropy label_smoothing={eps} weighted={weight is not None} "
                  f"reduction={red}", {"input": logits}, lambda input, target, class_weight=None, red=red, eps=eps:
                  F.cross_entropy(input, target, weight=class_weight, label_smoothing=eps, reduction=red), aux)


def gaussian():
    x = torch.randn(4, 3)
    y = torch.randn(4, 3)
    v = torch.rand(4, 3) + 0.1
    for red in ("mean", "sum", "none"):
        write(f"gnll_{red}", f"F.gaussian_nll_loss full=False reduction={red}",
              {"input": x, "target": y, "var": v},
              lambda input, target, var, red=red: F.gaussian_nll_loss(input, target, var, reduction=red))
    write("gnll_full_rowvar", "F.gaussian_nll_loss full=True, var [4] (one per row)",
          {"input": x, "target": y, "var": torch.rand(4) + 0.2},
          lambda input, target, var: F.gaussian_nll_loss(input, target, var, full=True, reduction="sum"))
    write("gnll_lastdim1", "F.gaussian_nll_loss var [4, 1]",
          {"input": x, "target": y, "var": torch.rand(4, 1) + 0.2},
          lambda input, target, var: F.gaussian_nll_loss(input, target, var, reduction="mean"))
    vc = v.clone()
    vc[0, 0] = 0.0
    vc[1, 2] = 1e-8
    write("gnll_clamped", "F.gaussian_nll_loss eps=1e-6 with variances 0 and 1e-8 (clamp is gradient-transparent)",
          {"input": x, "target": y, "var": vc},
          lambda input, target, var: F.gaussian_nll_loss(input, target, var, eps=1e-6, reduction="sum"))
    mq, lq, mp, lp = torch.randn(5, 3), torch.randn(5, 3) * 0.5, torch.randn(5, 3), torch.randn(5, 3) * 0.5
    for red in ("mean", "sum", "none"):
        write(f"kl_{red}", f"kl_divergence(Normal q, Normal p).sum(-1), log-variances, reduction={red}",
              {"mean_q": mq, "logvar_q": lq, "mean_p": mp, "logvar_p": lp},
              lambda mean_q, logvar_q, mean_p, logvar_p, red=red: reduce(
                  kl_divergence(Normal(mean_q, (0.5 * logvar_q).exp()), Normal(mean_p, (0.5 * logvar_p).exp())).sum(-1), red))


def reduce(t, red):
    return t.mean() if red == "mean" else t.sum() if red == "sum" else t


def mmd2(x, y, bandwidths, unbiased):
    def k(a, b):
        d2 = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
        return sum(torch.exp(-d2 / (2 * s * s)) for s in bandwidths)
    kxx, kyy, kxy = k(x, x), k(y, y), k(x, y)
    n, m = x.shape[0], y.shape[0]
    if unbiased:
        xx = (kxx.sum() - kxx.diagonal().sum()) / (n * (n - 1))
        yy = (kyy.sum() - kyy.diagonal().sum()) / (m * (m - 1))
        return xx + yy - 2 * kxy.mean()
    return kxx.mean() + kyy.mean() - 2 * kxy.mean()


def mmd():
    x = torch.randn(6, 3)
    y = torch.randn(5, 3) * 1.3 + 0.5
    bw = torch.tensor([0.5, 1.0, 2.0])
    for unbiased in (False, True):
        tag = "unbiased" if unbiased else "biased"
        write(f"mmd_{tag}", f"multi-kernel MMD^2, bandwidths {bw.tolist()}, {tag}", {"x": x, "y": y},
              lambda x, y, bandwidths, u=unbiased: mmd2(x, y, bandwidths.tolist(), u), {"bandwidths": bw})


def tril(diag, lower, d):
    """[..., d, d] from a diagonal [..., d] and strictly lower entries in tril_indices(d, d, -1) order."""
    shape = diag.shape[:-1]
    m = torch.zeros(*shape, d, d)
    r, c = torch.tril_indices(d, d, -1)
    flat = m.reshape(*shape, d * d)
    flat = flat.index_copy(-1, r * d + c, lower)
    flat = flat.index_copy(-1, torch.arange(d) * (d + 1), diag)
    return flat.reshape(*shape, d, d)


def heads():
    n, f = 5, 4
    feats = torch.randn(n, f)
    # diagonal Gaussian head, D = 2
    d = 2
    w, b, y = torch.randn(2 * d, f) * 0.5, torch.randn(2 * d) * 0.5, torch.randn(n, d)

    def diag_head(features, weight, bias, target, softplus):
        out = features @ weight.T + bias
        mu, raw = out[:, :d], out[:, d:]
        scale = F.softplus(raw) if softplus else (0.5 * raw).exp()
        return -Normal(mu, scale).log_prob(target).sum(-1).mean()
    write("head_diag_logvar", "DiagonalGaussianHead log-variance, NLL mean", {"features": feats, "weight": w, "bias": b},
          lambda features, weight, bias, target: diag_head(features, weight, bias, target, False), {"target": y})
    write("head_diag_softplus", "DiagonalGaussianHead softplus scale, NLL mean", {"features": feats, "weight": w, "bias": b},
          lambda features, weight, bias, target: diag_head(features, weight, bias, target, True), {"target": y})

    # full-covariance head, precision Cholesky with exp diagonal, D = 3
    d3 = 3
    w3, b3, y3 = torch.randn(9, f) * 0.4, torch.randn(9) * 0.4, torch.randn(n, d3)

    def full_head(features, weight, bias, target):
        out = features @ weight.T + bias
        mu, a, low = out[:, :d3], out[:, d3:2 * d3], out[:, 2 * d3:]
        lt = tril(a.exp(), low, d3)
        return -MultivariateNormal(mu, precision_matrix=lt @ lt.transpose(-1, -2)).log_prob(target).mean()
    write("head_full_precision", "FullGaussianHead (plan-net), NLL mean", {"features": feats, "weight": w3, "bias": b3},
          full_head, {"target": y3})

    # MDN diagonal: K = 3, D = 2
    k = 3
    wm, bm, ym = torch.randn(k * (1 + 2 * d), f) * 0.5, torch.randn(k * (1 + 2 * d)) * 0.5, torch.randn(n, d)

    def mdn_diag(features, weight, bias, target):
        out = features @ weight.T + bias
        logits = out[:, :k]
        mu = out[:, k:k + k * d].reshape(n, k, d)
        sigma = out[:, k + k * d:].reshape(n, k, d).exp()
        comp = Normal(mu, sigma).log_prob(target[:, None, :]).sum(-1)
        return -torch.logsumexp(F.log_softmax(logits, 1) + comp, 1).mean()
    write("mdn_diag", "MixtureDensity K=3 D=2 diagonal (exp log-scales), NLL mean",
          {"features": feats, "weight": wm, "bias": bm}, mdn_diag, {"target": ym})

    # MDN full: K = 2, D = 3, softplus diagonal of the covariance Cholesky factor
    k2, mlow = 2, 3
    width = k2 * (1 + 2 * d3 + mlow)
    wf, bf, yf = torch.randn(width, f) * 0.4, torch.randn(width) * 0.4, torch.randn(n, d3)

    def mdn_full_parts(features, weight, bias):
        out = features @ weight.T + bias
        logits = out[:, :k2]
        mu = out[:, k2:k2 + k2 * d3].reshape(n, k2, d3)
        raw = out[:, k2 + k2 * d3:k2 + 2 * k2 * d3].reshape(n, k2, d3)
        low = out[:, k2 + 2 * k2 * d3:].reshape(n, k2, mlow)
        return logits, mu, tril(F.softplus(raw), low, d3)

    def mdn_full(features, weight, bias, target):
        logits, mu, lt = mdn_full_parts(features, weight, bias)
        comp = MultivariateNormal(mu, scale_tril=lt).log_prob(target[:, None, :])
        return -torch.logsumexp(F.log_softmax(logits, 1) + comp, 1).mean()
    write("mdn_full", "MixtureDensity K=2 D=3 full (softplus Cholesky diagonal), NLL mean",
          {"features": feats, "weight": wf, "bias": bf}, mdn_full, {"target": yf})

    def mdn_full_moments(features, weight, bias):
        logits, mu, lt = mdn_full_parts(features, weight, bias)
        pi = F.softmax(logits, 1)
        mean = (pi[..., None] * mu).sum(1)
        second = (pi[..., None, None] * (lt @ lt.transpose(-1, -2) + mu[..., :, None] * mu[..., None, :])).sum(1)
        cov = second - mean[:, :, None] * mean[:, None, :]
        return torch.cat([mean.reshape(-1), cov.reshape(-1)])
    write("mdn_full_moments", "MixtureDensity K=2 D=3 full: mixture mean [N,D] then covariance [N,D,D], flattened",
          {"features": feats, "weight": wf, "bias": bf}, mdn_full_moments)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(20240517)
    pointwise_losses()
    cross_entropy()
    gaussian()
    mmd()
    heads()


if __name__ == "__main__":
    main()
