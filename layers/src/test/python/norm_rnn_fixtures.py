#!/usr/bin/python3
"""Writes PyTorch fixtures for the normalization, recurrent and concrete-dropout layers of astrograd.layers.

Run from anywhere with torch 1.13 and numpy:

    /usr/bin/python3 layers/src/test/python/norm_rnn_fixtures.py

Each case is one file layers/src/test/resources/fixtures/normrnn/<case>.txt (read by NormRnnFixtures.java):

    # comment
    <name> F64|I64 [d0,d1,...] v0 v1 ...      one tensor per line, row-major, F64 values as Python's repr

Names: inputs (x, h0, c0, noise), parameters under their PyTorch names, `w_*` the seeded weights of the
scalar loss L = sum_k <w_k, output_k>, outputs (out, hn, cn, running_mean, ...) and `grad_<input>` the
gradient of L. All float64. Conventions:
  * LocalResponseNorm: ours follows TensorFlow, b = a / (k + alpha * sum_window a^2)^beta; torch's
    nn.LocalResponseNorm divides alpha by the window size n, so torch runs with alpha * n.
  * GRU 'before': the reset gate applied before the hidden matmul (Keras reset_after=False, Cho et al.),
    n = tanh(W_in x + b_in + W_hn (r * h) + b_hn), written out by hand here; 'after' is torch's nn.GRU.
  * ConcreteDropout: the reference code of Gal, Hron & Kendall (2017) with the uniform noise fixed.
  * LayerNorm / GroupNorm: torch's nn.LayerNorm / nn.GroupNorm on x, with the affine parameters drawn away from
    their initial ones; '_constant' cases hold an x that is constant on every normalized slice (zero variance).
"""
import os
import zlib

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'fixtures', 'normrnn'))
F64 = torch.float64


class Case:
    def __init__(self, name, comment):
        self.name = name
        self.lines = ['# ' + comment]

    def put(self, key, t):
        t = t.detach()
        if t.dtype == torch.int64:
            vals = ' '.join(str(int(v)) for v in t.reshape(-1).tolist())
            dtype = 'I64'
        else:
            vals = ' '.join(repr(float(v)) for v in t.double().reshape(-1).tolist())
            dtype = 'F64'
        shape = '[' + ','.join(str(d) for d in t.shape) + ']'
        self.lines.append(f'{key} {dtype} {shape} {vals}')

    def write(self):
        os.makedirs(OUT_DIR, exist_ok=True)
        with open(os.path.join(OUT_DIR, self.name + '.txt'), 'w') as f:
            f.write('\n'.join(self.lines) + '\n')


def randn(gen, *shape):
    return torch.randn(tuple(shape), generator=gen, dtype=F64)


def leaf(t):
    return t.clone().requires_grad_(True)


def loss_of(case, gen, outputs):
    """L = sum_k <w_k, out_k>; writes w_k and out_k."""
    total = 0
    for key, out in outputs:
        w = randn(gen, *out.shape)
        case.put('w_' + key, w)
        case.put(key, out)
        total = total + (w * out).sum()
    total.backward()


# ------------------------------------------------------------------ batch norm

def batchnorm(name, shape, steps, affine=True):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    c = shape[1]
    bn = (nn.BatchNorm1d if len(shape) <= 3 else nn.BatchNorm2d)(c, affine=affine).double()
    case = Case(name, f'BatchNorm, input {list(shape)}, {steps} training steps then the last output; eval output')
    if affine:
        with torch.no_grad():
            bn.weight.copy_(1 + 0.3 * randn(gen, c))
            bn.bias.copy_(0.3 * randn(gen, c))
        case.put('weight', bn.weight)
        case.put('bias', bn.bias)
    xs = [randn(gen, *shape) * 2 + 0.5 for _ in range(steps)]
    for i, x in enumerate(xs):
        case.put(f'x{i}', x)
    bn.train()
    for x in xs[:-1]:
        with torch.no_grad():
            bn(x)
    x = leaf(xs[-1])
    loss_of(case, gen, [('out', bn(x))])
    case.put('grad_x', x.grad)
    if affine:
        case.put('grad_weight', bn.weight.grad)
        case.put('grad_bias', bn.bias.grad)
    case.put('running_mean', bn.running_mean)
    case.put('running_var', bn.running_var)
    case.put('num_batches_tracked', bn.num_batches_tracked)
    bn.eval()
    xe = randn(gen, *shape)
    case.put('x_eval', xe)
    with torch.no_grad():
        case.put('out_eval', bn(xe))
    case.write()


# ------------------------------------------------------------------ layer norm and group norm

def affine_norm(name, comment, module, shape, constant):
    """Writes weight/bias (when affine), x, out, grad_x, grad_weight, grad_bias of module(x)."""
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    case = Case(name, comment)
    affine = module.weight is not None
    if affine:
        with torch.no_grad():
            module.weight.copy_(1 + 0.3 * randn(gen, *module.weight.shape))
            module.bias.copy_(0.3 * randn(gen, *module.bias.shape))
        case.put('weight', module.weight)
        case.put('bias', module.bias)
    x = randn(gen, *shape) * 2 + 0.5
    if constant is not None:
        x = constant(x)
    x = leaf(x)
    case.put('x', x)
    loss_of(case, gen, [('out', module(x))])
    case.put('grad_x', x.grad)
    if affine:
        case.put('grad_weight', module.weight.grad)
        case.put('grad_bias', module.bias.grad)
    case.write()


def layernorm(name, shape, normalized, affine=True, eps=1e-5, constant=False):
    m = nn.LayerNorm(normalized, eps=eps, elementwise_affine=affine).double()
    dims = tuple(range(len(shape) - len(normalized), len(shape)))
    const = (lambda x: x.mean(dims, keepdim=True).expand(shape).contiguous()) if constant else None
    affine_norm(name, f'LayerNorm {list(normalized)}, input {list(shape)}, elementwise_affine {affine}, eps {eps!r}'
                + (', x constant on every normalized slice' if constant else ''), m, shape, const)


def groupnorm(name, shape, groups, affine=True, eps=1e-5, constant=False):
    m = nn.GroupNorm(groups, shape[1], eps=eps, affine=affine).double()
    n = shape[0]
    const = (lambda x: x.reshape(n, groups, -1).mean(2, keepdim=True).expand(n, groups, x[0].numel() // groups)
             .reshape(shape).contiguous()) if constant else None
    affine_norm(name, f'GroupNorm {groups} groups, input {list(shape)}, affine {affine}, eps {eps!r}'
                + (', x constant on every group' if constant else ''), m, shape, const)


# ------------------------------------------------------------------ local response norm

def lrn(name, shape, size, alpha, beta, k):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    case = Case(name, f'LocalResponseNorm size {size}, TF alpha {alpha!r}, beta {beta!r}, bias {k!r}; '
                      f'torch ran with alpha {alpha * size!r}')
    x = leaf(randn(gen, *shape))
    case.put('x', x)
    case.put('config', torch.tensor([size, alpha, beta, k], dtype=F64))
    m = nn.LocalResponseNorm(size, alpha=alpha * size, beta=beta, k=k)
    loss_of(case, gen, [('out', m(x))])
    case.put('grad_x', x.grad)
    case.write()


# ------------------------------------------------------------------ recurrent

def gru_before(x, h0, w_ih, w_hh, b_ih, b_hh):
    """GRU with the reset gate applied before the hidden matmul (Keras reset_after=False)."""
    hsz = w_hh.shape[1]
    h = h0
    outs = []
    for t in range(x.shape[1]):
        gi = x[:, t] @ w_ih.T + b_ih
        r = torch.sigmoid(gi[:, :hsz] + h @ w_hh[:hsz].T + b_hh[:hsz])
        z = torch.sigmoid(gi[:, hsz:2 * hsz] + h @ w_hh[hsz:2 * hsz].T + b_hh[hsz:2 * hsz])
        n = torch.tanh(gi[:, 2 * hsz:] + (r * h) @ w_hh[2 * hsz:].T + b_hh[2 * hsz:])
        h = (1 - z) * n + z * h
        outs.append(h)
    return torch.stack(outs, 1), h


def recurrent(name, kind, n, t, f, hsz, with_state, bias=True):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    gates = 4 if kind == 'lstm' else 3
    case = Case(name, f'{kind}, batch-first x [{n}, {t}, {f}], hidden {hsz}, initial state {with_state}, bias {bias}')
    x = leaf(randn(gen, n, t, f))
    case.put('x', x)
    bound = 1 / np.sqrt(hsz)
    params = {'weight_ih_l0': (gates * hsz, f), 'weight_hh_l0': (gates * hsz, hsz)}
    if bias:
        params.update({'bias_ih_l0': (gates * hsz,), 'bias_hh_l0': (gates * hsz,)})
    p = {}
    for key, shape in params.items():
        p[key] = leaf((torch.rand(*shape, generator=gen, dtype=F64) * 2 - 1) * bound)
        case.put(key, p[key])
    h0 = leaf(randn(gen, n, hsz)) if with_state else torch.zeros(n, hsz, dtype=F64)
    c0 = leaf(randn(gen, n, hsz)) if with_state else torch.zeros(n, hsz, dtype=F64)
    if with_state:
        case.put('h0', h0)
        if kind == 'lstm':
            case.put('c0', c0)
    if kind == 'gru_before':
        zero = torch.zeros(gates * hsz, dtype=F64)
        out, hn = gru_before(x, h0, p['weight_ih_l0'], p['weight_hh_l0'], p.get('bias_ih_l0', zero),
                             p.get('bias_hh_l0', zero))
        outputs = [('out', out), ('hn', hn)]
    else:
        mod = (nn.LSTM if kind == 'lstm' else nn.GRU)(f, hsz, batch_first=True, bias=bias).double()
        with torch.no_grad():
            for key in params:
                getattr(mod, key).copy_(p[key])
        if kind == 'lstm':
            out, (hn, cn) = mod(x, (h0.unsqueeze(0), c0.unsqueeze(0)))
            outputs = [('out', out), ('hn', hn[0]), ('cn', cn[0])]
        else:
            out, hn = mod(x, h0.unsqueeze(0))
            outputs = [('out', out), ('hn', hn[0])]
        # map the module's gradients back onto our leaves
        loss_of(case, gen, outputs)
        for key in params:
            case.put('grad_' + key, getattr(mod, key).grad)
        finish_state_grads(case, x, h0, c0, kind, with_state)
        case.write()
        return
    loss_of(case, gen, outputs)
    for key in params:
        case.put('grad_' + key, p[key].grad)
    finish_state_grads(case, x, h0, c0, kind, with_state)
    case.write()


def finish_state_grads(case, x, h0, c0, kind, with_state):
    case.put('grad_x', x.grad)
    if with_state:
        case.put('grad_h0', h0.grad)
        if kind == 'lstm':
            case.put('grad_c0', c0.grad)


# ------------------------------------------------------------------ concrete dropout

def concrete_dropout(name, shape, spatial, p0, wr, dr):
    """Reference code (Gal's ConcreteDropout) with fixed noise; the inner layer is a Linear or a 1x1-free conv."""
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    case = Case(name, f'ConcreteDropout {"spatial" if spatial else "dense"}, x {list(shape)}, p0 {p0!r}, '
                      f'weight_regularizer {wr!r}, dropout_regularizer {dr!r}, temperature 0.1, eps 1e-7')
    x = leaf(randn(gen, *shape))
    case.put('x', x)
    features = shape[1] if spatial else shape[-1]
    out_features = 3
    weight = leaf(randn(gen, out_features, features) * 0.5)
    bias = leaf(randn(gen, out_features) * 0.1)
    p_logit = leaf(torch.tensor([np.log(p0) - np.log(1 - p0)], dtype=F64))
    case.put('weight', weight)
    case.put('bias', bias)
    case.put('p_logit', p_logit)
    noise_shape = (shape[0], shape[1]) + (1,) * (len(shape) - 2) if spatial else shape
    u = torch.rand(*noise_shape, generator=gen, dtype=F64)
    case.put('noise', u)
    case.put('config', torch.tensor([p0, wr, dr, features], dtype=F64))
    eps, temp = 1e-7, 0.1
    p = torch.sigmoid(p_logit)
    z = torch.sigmoid((torch.log(p + eps) - torch.log(1 - p + eps) + torch.log(u + eps) - torch.log(1 - u + eps)) / temp)
    dropped = x * (1 - z) / (1 - p)
    if spatial:  # a channel mixing (1x1 convolution) as the inner layer
        out = torch.einsum('oc,nc...->no...', weight, dropped) + bias.reshape((1, -1) + (1,) * (len(shape) - 2))
    else:
        out = dropped @ weight.T + bias
    reg = wr * (weight ** 2).sum() / (1 - p) + dr * features * (p * torch.log(p) + (1 - p) * torch.log(1 - p))
    loss_of(case, gen, [('out', out), ('regularization', reg.reshape(()))])
    for key, t in [('x', x), ('weight', weight), ('bias', bias), ('p_logit', p_logit)]:
        case.put('grad_' + key, t.grad)
    case.write()


def main():
    torch.manual_seed(0)
    batchnorm('batchnorm1d', (6, 3), 3)
    batchnorm('batchnorm1d_seq', (4, 3, 5), 2)
    batchnorm('batchnorm2d', (3, 2, 4, 5), 3)
    batchnorm('batchnorm2d_noaffine', (2, 3, 3, 3), 2, affine=False)
    lrn('lrn_size5', (2, 7, 3, 4), 5, 1e-2, 0.75, 2.0)
    lrn('lrn_size4', (2, 6, 5), 4, 0.3, 0.5, 1.0)
    lrn('lrn_size3_1d', (3, 4, 2), 3, 1.0, 0.75, 1.0)
    recurrent('gru_after', 'gru', 3, 5, 4, 6, True)
    recurrent('gru_after_nostate', 'gru', 2, 4, 3, 5, False)
    recurrent('gru_before', 'gru_before', 3, 5, 4, 6, True)
    recurrent('gru_before_nobias', 'gru_before', 2, 3, 4, 5, False, bias=False)
    recurrent('lstm', 'lstm', 3, 5, 4, 6, True)
    recurrent('lstm_nostate', 'lstm', 2, 4, 3, 5, False)
    recurrent('lstm_nobias', 'lstm', 2, 3, 2, 4, True, bias=False)
    concrete_dropout('concrete_dense', (4, 5), False, 0.1, 1e-3, 0.02)
    concrete_dropout('concrete_spatial', (2, 4, 3, 3), True, 0.3, 1e-2, 0.05)
    layernorm('layernorm_last', (4, 6), [6])
    layernorm('layernorm_2d', (2, 3, 4, 5), [4, 5])
    layernorm('layernorm_noaffine', (3, 2, 5), [5], affine=False, eps=1e-3)
    layernorm('layernorm_constant', (2, 3, 8), [8], constant=True)
    groupnorm('groupnorm', (2, 6, 5), 3)
    groupnorm('groupnorm_2d', (2, 4, 3, 3), 2)
    groupnorm('groupnorm_nc', (3, 4), 2)
    groupnorm('groupnorm_one_group', (2, 4, 3, 3), 1)
    groupnorm('groupnorm_instance_noaffine', (2, 6, 4), 6, affine=False, eps=1e-3)
    groupnorm('groupnorm_constant', (2, 4, 5), 2, constant=True)


if __name__ == '__main__':
    main()
