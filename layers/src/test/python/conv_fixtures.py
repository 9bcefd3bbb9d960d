#!/usr/bin/python3
"""Writes PyTorch fixtures for the convolution-family layers of astrograd.layers.

Run with Debian's python3-torch (1.13) and numpy, from anywhere:

    /usr/bin/python3 layers/src/test/python/conv_fixtures.py

Each case is a torch module with seeded float64 parameters and input; the file
layers/src/test/resources/fixtures/conv/<case>.txt holds, one tensor per line, `<key> [d0,d1,...] v0 v1 ...`
(row-major, Python's float repr):

    x            the input
    param.<name> each parameter, in the order and with the names of the module's state_dict
    y            the output
    gy           a seeded standard-normal upstream gradient of y's shape
    gx           d<gy, y>/dx
    grad.<name>  d<gy, y>/d<name>

Where torch's API differs from ours the expectation is built from torch primitives:
  * circular padding that exceeds the axis length (torch refuses it) is index arithmetic,
    x.index_select(axis, (i - before) mod n), before a 'valid' conv; where torch accepts the pad the same
    construction is asserted equal to padding_mode='circular';
  * explicit per-side and TF 'SAME' padding is an F.pad before a 'valid' conv;
  * PolarConv1d is weight_norm(nn.Conv1d) (names weight_g, weight_v) on a wrap-around padded input;
  * global pooling is amax/mean over the spatial axes.
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'fixtures', 'conv'))
F64 = torch.float64
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def circular_index(n, before, after):
    return torch.tensor([(i - before) % n for i in range(n + before + after)], dtype=torch.long)


def wrap(x, pads):
    """pads: (before, after) per spatial axis, in axis order; wrap-around by index arithmetic."""
    for a, (b, e) in enumerate(pads):
        axis = 2 + a
        x = x.index_select(axis, circular_index(x.shape[axis], b, e))
    return x


def randomize(module, rng):
    with torch.no_grad():
        for name, p in module.named_parameters():
            v = rng.uniform(-1, 1, tuple(p.shape))
            if name.endswith('weight_g'):
                v = rng.uniform(0.5, 1.5, tuple(p.shape))
            p.copy_(torch.tensor(v, dtype=F64))


def tensor_line(key, t):
    t = t.detach().to(F64).contiguous()
    shape = '[' + ','.join(str(d) for d in t.shape) + ']'
    return key + ' ' + shape + ' ' + ' '.join(repr(float(v)) for v in t.reshape(-1).tolist())


def run(name, module, x_shape, rng, fn=None, randomize_params=True):
    module = module.to(F64)
    if randomize_params:
        randomize(module, rng)
    x = torch.tensor(rng.uniform(-2, 2, x_shape), dtype=F64, requires_grad=True)
    y = fn(module, x) if fn else module(x)
    gy = torch.tensor(rng.standard_normal(tuple(y.shape)), dtype=F64)
    params = list(module.named_parameters())
    keys = list(module.state_dict().keys())
    assert [n for n, _ in params] == [k for k in keys if k in dict(params)], (name, keys)
    grads = torch.autograd.grad((y * gy).sum(), [x] + [p for _, p in params], allow_unused=True)
    lines = ['# ' + name + ': ' + repr(module).replace('\n', ' '), tensor_line('x', x)]
    lines += [tensor_line('param.' + n, p) for n, p in params]
    lines += [tensor_line('y', y), tensor_line('gy', gy), tensor_line('gx', grads[0])]
    for (n, p), g in zip(params, grads[1:]):
        lines.append(tensor_line('grad.' + n, g if g is not None else torch.zeros_like(p)))
    with open(os.path.join(OUT_DIR, name + '.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def valid_conv(conv, x, pads):
    """conv (a Conv module with padding 0) applied to x wrap-padded by pads."""
    return conv(wrap(x, pads))


def zero_pad_conv(conv, x, pads):
    flat = []
    for b, e in reversed(pads):
        flat += [b, e]
    return conv(F.pad(x, flat))


def tf_same(n, k, s, d):
    out = -(-n // s)
    total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
    return (total // 2, total - total // 2)


# ------------------------------------------------------------------ Conv1d

@case
def conv1d_valid(rng):
    run('conv1d_valid', nn.Conv1d(3, 4, 3), (2, 3, 9), rng)


@case
def conv1d_same_dilated(rng):
    run('conv1d_same_dilated', nn.Conv1d(2, 4, 4, padding='same', dilation=2), (2, 2, 10), rng)


@case
def conv1d_sides_stride_groups(rng):
    conv = nn.Conv1d(4, 6, 3, stride=2, groups=2)
    run('conv1d_sides_stride_groups', conv, (2, 4, 11), rng, lambda m, x: zero_pad_conv(m, x, [(1, 2)]))


@case
def conv1d_same_tf_strided(rng):
    conv = nn.Conv1d(3, 2, 4, stride=3, bias=False)
    pads = [tf_same(10, 4, 3, 1)]
    assert pads == [(1, 2)]
    run('conv1d_same_tf_strided', conv, (1, 3, 10), rng, lambda m, x: zero_pad_conv(m, x, pads))


@case
def conv1d_circular(rng):
    conv = nn.Conv1d(2, 3, 3, padding=1, padding_mode='circular')
    run('conv1d_circular', conv, (2, 2, 7), rng)
    x = torch.tensor(rng.uniform(-1, 1, (2, 2, 7)), dtype=F64)
    plain = nn.Conv1d(2, 3, 3).to(F64)
    plain.load_state_dict(conv.state_dict())
    assert torch.allclose(conv(x), valid_conv(plain, x, [(1, 1)]))


@case
def conv1d_circular_exceeds_length(rng):
    conv = nn.Conv1d(2, 3, 5, dilation=3)
    run('conv1d_circular_exceeds_length', conv, (2, 2, 4), rng, lambda m, x: valid_conv(m, x, [(6, 6)]))


@case
def conv1d_reflect_same(rng):
    conv = nn.Conv1d(2, 2, 3, padding='same', padding_mode='reflect')
    run('conv1d_reflect_same', conv, (1, 2, 6), rng)


# ------------------------------------------------------------------ Conv2d

@case
def conv2d_valid_strided(rng):
    run('conv2d_valid_strided', nn.Conv2d(3, 4, (3, 2), stride=(2, 1)), (2, 3, 7, 6), rng)


@case
def conv2d_same_dilated_groups(rng):
    run('conv2d_same_dilated_groups', nn.Conv2d(4, 4, 3, padding='same', dilation=(1, 2), groups=2), (2, 4, 5, 7), rng)


@case
def conv2d_symmetric(rng):
    run('conv2d_symmetric', nn.Conv2d(2, 3, 3, padding=(1, 2), bias=False), (1, 2, 4, 5), rng)


@case
def conv2d_sides(rng):
    conv = nn.Conv2d(2, 3, (2, 3))
    run('conv2d_sides', conv, (2, 2, 5, 4), rng, lambda m, x: zero_pad_conv(m, x, [(1, 0), (2, 1)]))


@case
def conv2d_same_tf_strided(rng):
    conv = nn.Conv2d(2, 3, 3, stride=2)
    pads = [tf_same(7, 3, 2, 1), tf_same(8, 3, 2, 1)]
    assert pads == [(1, 1), (0, 1)]
    run('conv2d_same_tf_strided', conv, (1, 2, 7, 8), rng, lambda m, x: zero_pad_conv(m, x, pads))


@case
def conv2d_circular(rng):
    run('conv2d_circular', nn.Conv2d(2, 3, 3, padding=1, padding_mode='circular'), (2, 2, 4, 5), rng)


@case
def conv2d_circular_exceeds_length(rng):
    conv = nn.Conv2d(2, 2, 3, dilation=2)
    run('conv2d_circular_exceeds_length', conv, (1, 2, 2, 3), rng, lambda m, x: valid_conv(m, x, [(3, 3), (5, 5)]))


# ------------------------------------------------------------------ PolarConv1d

def polar(in_c, out_c, k, d, causal, bias=True, groups=1):
    conv = nn.utils.weight_norm(nn.Conv1d(in_c, out_c, k, dilation=d, bias=bias, groups=groups))
    total = d * (k - 1)
    pads = [(total, 0)] if causal else [(total // 2, total - total // 2)]
    return conv, (lambda m, x: valid_conv(m, x, pads))


@case
def polar_centred(rng):
    conv, fn = polar(2, 3, 5, 1, False)
    run('polar_centred', conv, (2, 2, 8), rng, fn)


@case
def polar_even_kernel_groups(rng):
    conv, fn = polar(4, 2, 4, 1, False, groups=2)
    run('polar_even_kernel_groups', conv, (1, 4, 6), rng, fn)


@case
def polar_dilated_causal_exceeds_length(rng):
    conv, fn = polar(2, 3, 3, 4, True, bias=False)
    run('polar_dilated_causal_exceeds_length', conv, (2, 2, 5), rng, fn)


# ------------------------------------------------------------------ ConvTranspose2d

@case
def conv_transpose2d_strided(rng):
    run('conv_transpose2d_strided', nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1), (2, 3, 4, 5), rng)


@case
def conv_transpose2d_groups_dilated(rng):
    ct = nn.ConvTranspose2d(4, 6, (2, 3), stride=(1, 2), padding=(0, 1), dilation=(2, 1), groups=2, bias=False)
    run('conv_transpose2d_groups_dilated', ct, (1, 4, 3, 4), rng)


# ------------------------------------------------------------------ pooling, flatten

@case
def max_pool1d_padded_ceil(rng):
    run('max_pool1d_padded_ceil', nn.MaxPool1d(3, 2, padding=1, ceil_mode=True), (2, 3, 10), rng)


@case
def max_pool1d_dilated(rng):
    run('max_pool1d_dilated', nn.MaxPool1d(2, 2, dilation=2), (1, 2, 9), rng)


@case
def max_pool2d_padded(rng):
    run('max_pool2d_padded', nn.MaxPool2d(3, 2, padding=1), (2, 2, 7, 6), rng)


@case
def max_pool2d_ceil(rng):
    run('max_pool2d_ceil', nn.MaxPool2d(2, ceil_mode=True), (1, 2, 5, 7), rng)


@case
def avg_pool1d_exclude_pad_ceil(rng):
    run('avg_pool1d_exclude_pad_ceil', nn.AvgPool1d(3, 2, padding=1, ceil_mode=True, count_include_pad=False), (2, 2, 10), rng)


@case
def avg_pool1d_plain(rng):
    run('avg_pool1d_plain', nn.AvgPool1d(2), (1, 3, 7), rng)


@case
def avg_pool2d_include_pad(rng):
    run('avg_pool2d_include_pad', nn.AvgPool2d(3, 2, padding=1), (2, 2, 6, 7), rng)


@case
def avg_pool2d_exclude_pad_ceil(rng):
    run('avg_pool2d_exclude_pad_ceil', nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False), (1, 2, 6, 8), rng)


class Global(nn.Module):
    def __init__(self, op, axes):
        super().__init__()
        self.op = op
        self.axes = axes

    def forward(self, x):
        return torch.amax(x, self.axes) if self.op == 'max' else torch.mean(x, self.axes)


@case
def global_pools(rng):
    run('global_max_pool1d', Global('max', (2,)), (2, 3, 7), rng)
    run('global_avg_pool1d', Global('avg', (2,)), (2, 3, 7), rng)
    run('global_max_pool2d', Global('max', (2, 3)), (2, 3, 4, 5), rng)
    run('global_avg_pool2d', Global('avg', (2, 3)), (2, 3, 4, 5), rng)


@case
def flatten(rng):
    run('flatten_default', nn.Flatten(), (2, 3, 4, 5), rng)
    run('flatten_middle', nn.Flatten(1, 2), (2, 3, 4, 5), rng)


# ------------------------------------------------------------------ residual blocks

class Residual(nn.Module):
    def __init__(self, body, shortcut, after):
        super().__init__()
        self.body = body
        if shortcut is not None:
            self.shortcut = shortcut
        else:
            self.shortcut = None
        self.after = after

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        return self.after(self.body(x) + s)


@case
def residual_blocks(rng):
    body = nn.Sequential(nn.Conv1d(2, 3, 3, padding='same'), nn.ReLU(), nn.Conv1d(3, 3, 3, padding='same'))
    run('residual_conv1d_projection', Residual(body, nn.Conv1d(2, 3, 1), nn.ReLU()), (2, 2, 9), rng)
    body = nn.Sequential(nn.Conv2d(2, 2, 3, padding='same'), nn.Tanh(), nn.Conv2d(2, 2, 3, padding='same'))
    run('residual_conv2d_identity', Residual(body, None, nn.Tanh()), (2, 2, 5, 4), rng)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.manual_seed(0)
    for i, (name, fn) in enumerate(CASES.items()):
        fn(np.random.default_rng(1000 + i))
    print('wrote', len(os.listdir(OUT_DIR)), 'fixtures to', OUT_DIR)


if __name__ == '__main__':
    main()
