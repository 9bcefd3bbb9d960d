#!/usr/bin/python3
"""The PyTorch side of docs/howto/pytorch-weights.md.

    /usr/bin/python3 examples/src/main/python/torch_mlp.py                 # writes the committed fixtures
    /usr/bin/python3 examples/src/main/python/torch_mlp.py --check DIR     # checks the files Java wrote in DIR

Without --check it writes, under examples/src/main/resources/astrograd/examples/pytorch/:
  torch_mlp.safetensors     state_dict of nn.Sequential(Linear(4, 16), Tanh(), Linear(16, 3)), torch.manual_seed(0)
  torch_mlp_io.safetensors  "input" [5, 4] F32 and "output" = net(input) [5, 3]
PyTorchWeightsExample loads both and reproduces the output. With --check DIR it loads DIR/java_mlp.safetensors
(written by `./astrograd example pytorch DIR`) into the same architecture and compares its output on
DIR/java_mlp_io.safetensors's "input" with the "output" the Java model computed.

Uses the `safetensors` package where it is installed; Debian's PyTorch 1.13 has none, so a minimal reader and
writer of the format (an 8-byte little-endian header length, a JSON header, the raw little-endian bytes) stands
in with the same names.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

try:
    from safetensors.torch import load_file, save_file
except ImportError:
    _TYPES = {"F32": (torch.float32, "<f4"), "F64": (torch.float64, "<f8"), "I64": (torch.int64, "<i8")}

    def save_file(tensors, path, metadata=None):
        header, blobs, offset = {}, [], 0
        if metadata:
            header["__metadata__"] = metadata
        for name, t in tensors.items():
            dtype = next(k for k, (tt, _) in _TYPES.items() if tt == t.dtype)
            raw = t.detach().contiguous().numpy().astype(_TYPES[dtype][1]).tobytes()
            header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
            blobs.append(raw)
            offset += len(raw)
        h = json.dumps(header, separators=(",", ":")).encode()
        h += b" " * (-len(h) % 8)
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))

    def load_file(path):
        data = open(path, "rb").read()
        (n,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + n])
        header.pop("__metadata__", None)
        out = {}
        for name, e in header.items():
            b, end = e["data_offsets"]
            arr = np.frombuffer(data[8 + n + b:8 + n + end], dtype=_TYPES[e["dtype"]][1]).reshape(e["shape"])
            out[name] = torch.from_numpy(arr.copy())
        return out

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "astrograd", "examples", "pytorch")


def write_fixtures(out):
    # docs:begin torch-save
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3))
    save_file(net.state_dict(), os.path.join(out, "torch_mlp.safetensors"))  # keys 0.weight, 0.bias, 2.weight, 2.bias
    # docs:end torch-save
    x = torch.randn(5, 4)
    with torch.no_grad():
        y = net(x)
    save_file({"input": x, "output": y}, os.path.join(out, "torch_mlp_io.safetensors"))
    print("wrote torch_mlp.safetensors and torch_mlp_io.safetensors to", os.path.normpath(out))


def check_java(directory):
    # docs:begin torch-load
    net = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3))
    net.load_state_dict(load_file(os.path.join(directory, "java_mlp.safetensors")))   # strict: same keys and shapes
    # docs:end torch-load
    io = load_file(os.path.join(directory, "java_mlp_io.safetensors"))
    with torch.no_grad():
        diff = (net(io["input"]) - io["output"]).abs().max().item()
    print(f"java_mlp.safetensors loads in torch; max |torch - java| on java_mlp_io's input: {diff:.3g}")
    assert diff < 1e-5, diff


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check_java(sys.argv[2])
    else:
        write_fixtures(OUT)
