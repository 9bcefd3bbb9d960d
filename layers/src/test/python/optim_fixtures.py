#!/usr/bin/python3
"""Writes the PyTorch fixtures for astrograd.layers.optim and plain-Python references for astrograd.layers.metrics.

Run from anywhere with Debian's python3-torch (1.13):

    /usr/bin/python3 layers/src/test/python/optim_fixtures.py

Files go to layers/src/test/resources/fixtures/optim/. One value per line, keyed by name:

    # comment
    <key> F64|I64 [d0,d1,...] v0 v1 ...       row-major; F64 values are Python's repr (exact round trip)

Files:
  * opt_<name>.txt   an F64 MLP (Linear 3->4, tanh, Linear 4->2; loss mean squared error on a fixed batch)
                     trained 20 steps by one torch optimizer: x, y, the initial parameters (init.<name>)
                     and all parameters flattened in state_dict order after every step (step.<k>).
                     Optional lr multipliers put "2.*" parameters in a second param group (lrmult.2).
  * clip.txt         the MLP's gradients after one backward (grad.<name>) and, per case, the total norm
                     returned by clip_grad_norm_ / the clipped gradients, and clip_grad_value_.
  * sched_<name>.txt the learning rate (and momentum where cycled) after construction and every step.
  * metrics.txt      labels, predictions and scores with ties, and the metrics computed below in plain
                     Python with scikit-learn's definitions (sklearn is not installed here).
  * f32_<name>.txt   torch.optim.Adam / AdamW on float32 parameters of shapes [37] and [4, 5] (long enough for
                     the vector loop and its tail) fed a fixed sequence of float32 gradients spanning 1e-3 to
                     1e2 with some zeros: the initial values (init.<i>), and after every step k the gradient
                     given (grad.<k>.<i>), the parameters (param.<k>.<i>) and the optimizer's moments
                     (<slot>.<k>.<i>). Every value is a float32 written exactly.
"""
import math
import os
import random

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "optim")
STEPS = 20


def fmt(key, values, shape=None, dtype="F64"):
    values = list(values)
    shape = [len(values)] if shape is None else list(shape)
    body = " ".join(repr(float(v)) if dtype == "F64" else str(int(v)) for v in values)
    return "%s %s [%s] %s\n" % (key, dtype, ",".join(str(s) for s in shape), body)


def tensor_line(key, t):
    t = t.detach()
    return fmt(key, t.reshape(-1).tolist(), t.shape)


def write(name, header, lines):
    with open(os.path.join(OUT, name), "w") as f:
        f.write("# %s (torch %s, optim_fixtures.py)\n" % (header, torch.__version__))
        f.writelines(lines)


def mlp_problem():
    g = torch.Generator().manual_seed(7)
    x = torch.randn(8, 3, generator=g, dtype=torch.float64)
    y = torch.randn(8, 2, generator=g, dtype=torch.float64)
    torch.manual_seed(11)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2)).double()
    return x, y, model


def loss_of(model, x, y):
    return ((model(x) - y) ** 2).mean()


OPTIMIZERS = {
    "sgd": (torch.optim.SGD, dict(lr=0.1), None),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.05, momentum=0.9), None),
    "sgd_nesterov_wd": (torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01), None),
    "sgd_dampening_groups": (torch.optim.SGD, dict(lr=0.05, momentum=0.8, dampening=0.3), 0.5),
    "adam": (torch.optim.Adam, dict(lr=0.01), None),
    "adam_amsgrad_wd": (torch.optim.Adam, dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True), None),
    "adam_groups": (torch.optim.Adam, dict(lr=0.01), 0.25),
    "adamw": (torch.optim.AdamW, dict(lr=0.01, weight_decay=0.1), None),
    "adamw_amsgrad_groups": (torch.optim.AdamW, dict(lr=0.02, betas=(0.85, 0.98), weight_decay=0.05, amsgrad=True), 0.5),
    "rmsprop": (torch.optim.RMSprop, dict(lr=0.01), None),
    "rmsprop_centered_momentum_wd": (torch.optim.RMSprop, dict(lr=0.005, alpha=0.9, eps=1e-6, momentum=0.5, centered=True, weight_decay=0.01), None),
    "rmsprop_momentum_groups": (torch.optim.RMSprop, dict(lr=0.01, momentum=0.3), 2.0),
}


def optimizer_fixtures():
    for name, (cls, kwargs, mult) in OPTIMIZERS.items():
        x, y, model = mlp_problem()
        lines = [tensor_line("x", x), tensor_line("y", y)]
        lines += [tensor_line("init." + k, v) for k, v in model.state_dict().items()]
        if mult is None:
            opt = cls(model.parameters(), **kwargs)
        else:
            lines.append(fmt("lrmult.2", [mult], []))
            first = [p for k, p in model.named_parameters() if not k.startswith("2.")]
            second = [p for k, p in model.named_parameters() if k.startswith("2.")]
            opt = cls([{"params": first}, {"params": second, "lr": kwargs["lr"] * mult}], **kwargs)
        for step in range(1, STEPS + 1):
            opt.zero_grad()
            loss_of(model, x, y).backward()
            opt.step()
            flat = torch.cat([v.reshape(-1) for v in model.state_dict().values()])
            lines.append(tensor_line("step.%d" % step, flat))
        write("opt_%s.txt" % name, "%s %s, lr multiplier of 2.* %s" % (cls.__name__, kwargs, mult), lines)


def clip_fixtures():
    x, y, model = mlp_problem()
    lines = [tensor_line("x", x), tensor_line("y", y)]
    lines += [tensor_line("init." + k, v) for k, v in model.state_dict().items()]
    loss_of(model, x, y).backward()
    grads = {k: p.grad.clone() for k, p in model.named_parameters()}
    lines += [tensor_line("grad." + k, g) for k, g in grads.items()]
    cases = [("norm2_small", 0.05, 2.0), ("norm2_large", 100.0, 2.0), ("norm_inf", 0.02, float("inf")), ("norm1", 0.1, 1.0),
             ("norm3", 0.07, 3.0)]
    for case, max_norm, norm_type in cases:
        for k, p in model.named_parameters():
            p.grad = grads[k].clone()
        total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm, norm_type)
        lines.append(fmt("case.%s" % case, [max_norm, norm_type], [2]))
        lines.append(fmt("total.%s" % case, [total.item()], []))
        lines += [tensor_line("clipped.%s.%s" % (case, k), p.grad) for k, p in model.named_parameters()]
    for k, p in model.named_parameters():
        p.grad = grads[k].clone()
    torch.nn.utils.clip_grad_value_(model.parameters(), 0.01)
    lines += [tensor_line("value.%s" % k, p.grad) for k, p in model.named_parameters()]
    write("clip.txt", "clip_grad_norm_ and clip_grad_value_ on the MLP's gradients", lines)


def lr_sequence(opt, sched, steps, metrics=None, momentum_key=None):
    lrs, moms = [opt.param_groups[0]["lr"]], []
    if momentum_key:
        moms.append(momentum_of(opt, momentum_key))
    for i in range(steps):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
        lrs.append(opt.param_groups[0]["lr"])
        if momentum_key:
            moms.append(momentum_of(opt, momentum_key))
    return lrs, moms


def momentum_of(opt, key):
    v = opt.param_groups[0][key]
    return v[0] if key == "betas" else v


def schedule_fixtures():
    S = torch.optim.lr_scheduler

    def sgd(lr=0.1, momentum=0.0):
        return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr, momentum=momentum)

    def adam(lr=0.1):
        return torch.optim.Adam([torch.zeros(1, requires_grad=True)], lr=lr)

    simple = {
        "step": (lambda o: S.StepLR(o, step_size=3, gamma=0.5), 12),
        "exponential": (lambda o: S.ExponentialLR(o, gamma=0.9), 15),
        "cosine": (lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 35),
        "cosine_zero_min": (lambda o: S.CosineAnnealingLR(o, T_max=7), 20),
    }
    for name, (make, steps) in simple.items():
        opt = sgd()
        lrs, _ = lr_sequence(opt, make(opt), steps)
        write("sched_%s.txt" % name, name + " schedule from lr 0.1", [fmt("lr", lrs)])

    one_cycle = {
        "onecycle_sgd": (lambda: sgd(momentum=0.9), dict(max_lr=0.1, total_steps=20), "momentum"),
        "onecycle_adam": (adam, dict(max_lr=0.05, total_steps=17), "betas"),
        "onecycle_linear_nomomentum": (lambda: sgd(momentum=0.9), dict(max_lr=0.2, total_steps=13, pct_start=0.4,
                                                                       anneal_strategy="linear", cycle_momentum=False,
                                                                       div_factor=10.0, final_div_factor=100.0), None),
    }
    for name, (make_opt, kwargs, mkey) in one_cycle.items():
        opt = make_opt()
        sched = S.OneCycleLR(opt, **kwargs)
        lrs, moms = lr_sequence(opt, sched, kwargs["total_steps"] - 1, momentum_key=mkey)
        lines = [fmt("lr", lrs)] + ([fmt("momentum", moms)] if mkey else [])
        write("sched_%s.txt" % name, "OneCycleLR %s" % kwargs, lines)

    rnd = random.Random(3)
    metric_min = [1.0 / (1 + 0.3 * i) + 0.02 * rnd.random() for i in range(10)] + [0.25 + 0.01 * rnd.random() for _ in range(30)]
    metric_max = [1 - m for m in metric_min]
    plateau = {
        "plateau_min": (dict(mode="min", factor=0.5, patience=3), metric_min),
        "plateau_max_cooldown": (dict(mode="max", factor=0.3, patience=2, cooldown=3, min_lr=0.004), metric_max),
        "plateau_abs": (dict(mode="min", factor=0.5, patience=1, threshold=0.005, threshold_mode="abs"), metric_min),
    }
    for name, (kwargs, metric) in plateau.items():
        opt = sgd()
        lrs, _ = lr_sequence(opt, S.ReduceLROnPlateau(opt, **kwargs), len(metric), metrics=metric)
        write("sched_%s.txt" % name, "ReduceLROnPlateau %s" % kwargs, [fmt("metric", metric), fmt("lr", lrs)])


# ---------------------------------------------------------------- metrics in plain Python (sklearn's definitions)

def confusion(t, p, k):
    c = [[0] * k for _ in range(k)]
    for a, b in zip(t, p):
        c[a][b] += 1
    return c


def prf(t, p, label):
    tp = sum(1 for a, b in zip(t, p) if a == label and b == label)
    fp = sum(1 for a, b in zip(t, p) if a != label and b == label)
    fn = sum(1 for a, b in zip(t, p) if a == label and b != label)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def macro(t, p):
    labels = sorted(set(t) | set(p))
    rows = [prf(t, p, c) for c in labels]
    return [sum(r[i] for r in rows) / len(rows) for i in range(3)]


def balanced_accuracy(t, p):
    recalls = []
    for c in sorted(set(t)):
        n = sum(1 for a in t if a == c)
        recalls.append(sum(1 for a, b in zip(t, p) if a == c and b == c) / n)
    return sum(recalls) / len(recalls)


def curve(t, s):
    """Cumulative (fp, tp) at each distinct score threshold, highest first (sklearn's _binary_clf_curve)."""
    order = sorted(range(len(s)), key=lambda i: -s[i])
    tps, fps, tp, fp = [], [], 0, 0
    for rank, i in enumerate(order):
        tp += t[i]
        fp += 1 - t[i]
        if rank == len(order) - 1 or s[order[rank + 1]] != s[i]:
            tps.append(tp)
            fps.append(fp)
    return fps, tps


def roc_auc(t, s):
    fps, tps = curve(t, s)
    fpr = [0.0] + [f / fps[-1] for f in fps]
    tpr = [0.0] + [v / tps[-1] for v in tps]
    return sum((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2 for i in range(1, len(fpr)))


def average_precision(t, s):
    fps, tps = curve(t, s)
    ap, prev_recall = 0.0, 0.0
    for fp, tp in zip(fps, tps):
        recall = tp / tps[-1]
        ap += (recall - prev_recall) * (tp / (tp + fp))
        prev_recall = recall
    return ap


def metrics_fixtures():
    rnd = random.Random(2024)
    lines = []
    k = 4
    t = [rnd.randrange(k - 1) for _ in range(60)]  # class 3 never true: appears only in predictions
    p = [a if rnd.random() < 0.6 else rnd.randrange(k) for a in t]
    lines += [fmt("multi.true", t, dtype="I64"), fmt("multi.pred", p, dtype="I64")]
    lines.append(fmt("multi.accuracy", [sum(1 for a, b in zip(t, p) if a == b) / len(t)], []))
    lines.append(fmt("multi.balanced_accuracy", [balanced_accuracy(t, p)], []))
    lines.append(fmt("multi.macro", macro(t, p)))
    cm = confusion(t, p, k)
    lines.append(fmt("multi.confusion", [v for row in cm for v in row], [k, k], dtype="I64"))

    bt = [1 if rnd.random() < 0.35 else 0 for _ in range(50)]
    scores = [round(0.5 * b + 0.7 * rnd.random(), 1) for b in bt]  # rounding makes many ties
    bp = [1 if sc >= 0.5 else 0 for sc in scores]
    lines += [fmt("bin.true", bt, dtype="I64"), fmt("bin.pred", bp, dtype="I64"), fmt("bin.score", scores)]
    lines.append(fmt("bin.prf", prf(bt, bp, 1)))
    lines.append(fmt("bin.macro", macro(bt, bp)))
    lines.append(fmt("bin.accuracy", [sum(1 for a, b in zip(bt, bp) if a == b) / len(bt)], []))
    lines.append(fmt("bin.balanced_accuracy", [balanced_accuracy(bt, bp)], []))
    lines.append(fmt("bin.roc_auc", [roc_auc(bt, scores)], []))
    lines.append(fmt("bin.average_precision", [average_precision(bt, scores)], []))

    # Hand-checkable cases: sklearn's documented examples.
    lines.append(fmt("doc.roc_auc", [roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])], []))  # 0.75
    lines.append(fmt("doc.average_precision", [average_precision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])], []))  # 0.8333
    write("metrics.txt", "metrics by sklearn's definitions in plain Python", lines)


F32_STEPS = 12
F32_OPTIMIZERS = {
    "adam": (torch.optim.Adam, dict(lr=0.01)),
    "adam_amsgrad_wd": (torch.optim.Adam, dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True)),
    "adamw": (torch.optim.AdamW, dict(lr=0.01, weight_decay=0.1)),
    "adamw_amsgrad": (torch.optim.AdamW, dict(lr=0.02, betas=(0.85, 0.98), weight_decay=0.05, amsgrad=True)),
}


def f32_gradients(shapes):
    """Per step, one float32 gradient per shape: normal times 10^u with u uniform in [-3, 2], about 1 in 8 zero."""
    g = torch.Generator().manual_seed(31)
    steps = []
    for _ in range(F32_STEPS):
        grads = []
        for shape in shapes:
            scale = 10.0 ** (torch.rand(shape, generator=g, dtype=torch.float64) * 5 - 3)
            keep = torch.rand(shape, generator=g, dtype=torch.float64) >= 0.125
            grads.append((torch.randn(shape, generator=g, dtype=torch.float64) * scale * keep).float())
        steps.append(grads)
    return steps


def adam_f32_fixtures():
    shapes = [(37,), (4, 5)]
    g = torch.Generator().manual_seed(29)
    init = [torch.randn(s, generator=g, dtype=torch.float64).float() for s in shapes]
    grads = f32_gradients(shapes)
    for name, (cls, kwargs) in F32_OPTIMIZERS.items():
        params = [torch.nn.Parameter(t.clone()) for t in init]
        opt = cls(params, foreach=False, **kwargs)
        lines = [tensor_line("init.%d" % i, t) for i, t in enumerate(init)]
        for k in range(1, F32_STEPS + 1):
            for i, p in enumerate(params):
                p.grad = grads[k - 1][i].clone()
                lines.append(tensor_line("grad.%d.%d" % (k, i), p.grad))
            opt.step()
            for i, p in enumerate(params):
                lines.append(tensor_line("param.%d.%d" % (k, i), p))
                for slot, t in opt.state[p].items():
                    if slot != "step":
                        lines.append(tensor_line("%s.%d.%d" % (slot, k, i), t))
        write("f32_%s.txt" % name, "%s %s on float32 parameters, fixed float32 gradients" % (cls.__name__, kwargs), lines)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_default_dtype(torch.float64)
    optimizer_fixtures()
    clip_fixtures()
    schedule_fixtures()
    metrics_fixtures()
    adam_f32_fixtures()


if __name__ == "__main__":
    main()
