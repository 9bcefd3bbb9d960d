#!/usr/bin/python3
"""Checkpoint (safetensors) fixtures for astrograd.layers.io, and the check of the Java-written files.

Run from the repository root with Debian's PyTorch 1.13 (which has no `safetensors` package, so the
format is written and read here with `struct` + `json` + numpy bytes -- that is the format itself):

    /usr/bin/python3 layers/src/test/python/checkpoint_fixtures.py

It writes, under layers/src/test/resources/fixtures/checkpoints/:

  stella_cnn.safetensors      state_dict of the stella CNN below (torch.manual_seed(20240607)), keys
                              0.weight, 0.bias, 4.weight, 4.bias, 9.weight, 9.bias, 12.weight, 12.bias
                              (Sequential indices; ReLU/MaxPool/Dropout/Flatten take indices too).
                              Header padded with spaces to a multiple of 8, as the reference writer does.
  stella_cnn_io.safetensors   "input" [8, 1, 200] F32, "output" [8, 1] F32 = net.eval()(input), and the
                              intermediate "conv_features" = net[:8](input) [8, 64, 50], "logits" = net[:-1](input).
  torch_dtypes.safetensors    one tensor per dtype with values the Java test recomputes from formulas,
                              a 0-d and an empty tensor, non-ASCII metadata; header NOT padded and tensors
                              NOT ordered by alignment (both allowed by the format).
  torch_randn.txt             the F32 values of torch_dtypes' "randn" tensor, one repr() per line.

Then it reads back, with its own strict reader, the files the Java side commits (written by
SafetensorsTest / CheckpointTest with -Dastrograd.regenerateFixtures=true, and compared byte for byte with
a fresh write on every Java test run):

  java_dtypes.safetensors     formula tensors of every dtype + "probe_input" / "probe_output" of the MLP;
  java_mlp_checkpoint.safetensors  Checkpoint.save of Sequential(Linear(4, 8), ReLU, Linear(8, 2)) F64 with
                              momentum buffers under optimizer.*, epoch 3 and an Rng state.

and checks that torch sees the same values and that nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
loads the checkpoint (load_state_dict strict=False: no missing keys, only optimizer.* unexpected) and
reproduces the Java outputs. Output of the last run (torch 1.13.0a0, numpy 1.24.2):

    wrote stella_cnn.safetensors (105729 parameters), stella_cnn_io.safetensors, torch_dtypes.safetensors
    java_dtypes.safetensors: 10 tensors OK, header 8-aligned, tensors aligned
    java_mlp_checkpoint.safetensors: loads in torch (unexpected: optimizer.* only), epoch 3, outputs match (max |diff| 0.0)
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "checkpoints")

DTYPES = {  # safetensors name -> (torch dtype, numpy little-endian dtype)
    "F32": (torch.float32, np.dtype("<f4")),
    "F64": (torch.float64, np.dtype("<f8")),
    "I32": (torch.int32, np.dtype("<i4")),
    "I64": (torch.int64, np.dtype("<i8")),
    "BOOL": (torch.bool, np.dtype("bool")),
}
NAME_OF = {t: n for n, (t, _) in DTYPES.items()}


def write_safetensors(path, tensors, metadata=None, pad=True):
    """Tensors in dict order; header padded with spaces to a multiple of 8 when pad."""
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    blobs, offset = [], 0
    for name, t in tensors.items():
        raw = t.detach().contiguous().numpy().astype(DTYPES[NAME_OF[t.dtype]][1], copy=False).tobytes()
        header[name] = {"dtype": NAME_OF[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if pad:
        h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def read_safetensors(path):
    """Strict reader: returns (tensors, metadata, header_length, offsets by name)."""
    data = open(path, "rb").read()
    assert len(data) >= 8, f"{path}: shorter than 8 bytes"
    (n,) = struct.unpack("<Q", data[:8])
    assert 8 + n <= len(data), f"{path}: header length {n} past end"
    raw = data[8:8 + n]
    assert raw[:1] == b"{", f"{path}: header does not start with '{{'"

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"{path}: duplicate keys {keys}"
        return dict(pairs)

    header = json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates)
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(v, str) for v in metadata.values()), "metadata must be str -> str"
    buf = data[8 + n:]
    spans = sorted((e["data_offsets"][0], e["data_offsets"][1], k) for k, e in header.items())
    end = 0
    for b, e, k in spans:
        assert b == end, f"{path}: tensor {k} starts at {b}, expected {end} (hole or overlap)"
        end = e
    assert end == len(buf), f"{path}: data is {len(buf)} bytes, tensors cover {end}"
    tensors = {}
    for k, e in header.items():
        tdtype, npdtype = DTYPES[e["dtype"]]
        b, en = e["data_offsets"]
        count = int(np.prod(e["shape"], dtype=np.int64))
        assert en - b == count * npdtype.itemsize, f"{path}: tensor {k} size mismatch"
        arr = np.frombuffer(buf[b:en], dtype=npdtype).reshape(e["shape"]).copy()
        tensors[k] = torch.from_numpy(arr)
    return tensors, metadata, n, {k: e["data_offsets"] for k, e in header.items()}


def stella_cnn():
    return nn.Sequential(
        nn.Conv1d(1, 16, 7, padding="same"), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.1),
        nn.Conv1d(16, 64, 3, padding="same"), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.1),
        nn.Flatten(), nn.Linear(3200, 32), nn.ReLU(), nn.Dropout(0.1), nn.Linear(32, 1), nn.Sigmoid())


def write_stella():
    torch.manual_seed(20240607)
    net = stella_cnn()
    count = sum(p.numel() for p in net.parameters())
    assert count == 105729, count
    write_safetensors(os.path.join(OUT, "stella_cnn.safetensors"), dict(net.state_dict()),
                      {"format": "pt", "model": "stella_cnn"})
    x = torch.randn(8, 1, 200)
    net.eval()
    with torch.no_grad():
        y = net(x)
        logits = net[:-1](x)
        conv = net[:8](x)
    write_safetensors(os.path.join(OUT, "stella_cnn_io.safetensors"),
                      {"input": x, "conv_features": conv, "logits": logits, "output": y})
    return count


def formula_tensors(prefix=""):
    """The tensors both sides compute from the same formulas (see SafetensorsTest.formulaTensors)."""
    i64 = torch.arange(6, dtype=torch.int64)
    return {
        prefix + "bool": torch.arange(7) % 3 == 0,
        prefix + "f64": (torch.arange(6, dtype=torch.float64) / 3).reshape(2, 3),
        prefix + "f32": (torch.arange(12, dtype=torch.float32) * 0.25 - 1).reshape(3, 4),
        prefix + "i32": (torch.arange(-5, 5, dtype=torch.int32) * 100000).reshape(2, 5),
        prefix + "i64": torch.cat([(1 << 40) + i64 * 7, torch.tensor([-(1 << 62), (1 << 63) - 1, -(1 << 63)])]),
        prefix + "f32_special": torch.tensor([float("inf"), float("-inf"), -0.0, 1e-45, 3.4028235e38], dtype=torch.float32),
        prefix + "scalar": torch.tensor(2.5, dtype=torch.float64),
        prefix + "empty": torch.zeros(0, 3),
    }


def write_dtypes():
    torch.manual_seed(7)
    tensors = formula_tensors()
    tensors["randn"] = torch.randn(4, 5)
    write_safetensors(os.path.join(OUT, "torch_dtypes.safetensors"), tensors,
                      {"format": "pt", "writer": "checkpoint_fixtures.py", "unicode": "Stern ✓ ü"}, pad=False)
    with open(os.path.join(OUT, "torch_randn.txt"), "w") as f:
        f.write("# torch.manual_seed(7); torch.randn(4, 5) float32, row-major, repr of each value\n")
        for v in tensors["randn"].flatten().tolist():
            f.write(repr(v) + "\n")


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and bool(
        torch.equal(a, b) if a.dtype in (torch.bool, torch.int32, torch.int64)
        else torch.equal(a.view(torch.int32 if a.dtype == torch.float32 else torch.int64),
                         b.view(torch.int32 if b.dtype == torch.float32 else torch.int64)))


def check_java_dtypes():
    path = os.path.join(OUT, "java_dtypes.safetensors")
    if not os.path.exists(path):
        return "java_dtypes.safetensors: missing (run the Java tests with -Dastrograd.regenerateFixtures=true)"
    tensors, metadata, n, offsets = read_safetensors(path)
    expected = formula_tensors()
    for k, t in expected.items():
        assert same(tensors[k], t), f"java_dtypes {k}: {tensors[k]} != {t}"
    assert metadata.get("writer") == "astrograd", metadata
    assert (8 + n) % 8 == 0, "header not padded to 8"
    for k, (b, _) in offsets.items():
        assert b % tensors[k].element_size() == 0, f"{k} at {b} not aligned"
    return f"java_dtypes.safetensors: {len(tensors)} tensors OK, header 8-aligned, tensors aligned"


def check_java_checkpoint():
    path = os.path.join(OUT, "java_mlp_checkpoint.safetensors")
    probe = os.path.join(OUT, "java_dtypes.safetensors")
    if not os.path.exists(path) or not os.path.exists(probe):
        return "java_mlp_checkpoint.safetensors: missing (run the Java tests with -Dastrograd.regenerateFixtures=true)"
    tensors, metadata, _, _ = read_safetensors(path)
    info = json.loads(metadata["astrograd.checkpoint"])
    assert info["format_version"] == 1 and info["epoch"] == 3, info
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).double()
    result = net.load_state_dict(tensors, strict=False)
    assert not result.missing_keys, result
    assert all(k.startswith("optimizer.") for k in result.unexpected_keys) and result.unexpected_keys, result
    io, _, _, _ = read_safetensors(probe)
    with torch.no_grad():
        y = net(io["probe_input"])
    diff = (y - io["probe_output"]).abs().max().item()
    assert diff < 1e-12, diff
    return (f"java_mlp_checkpoint.safetensors: loads in torch (unexpected: optimizer.* only), "
            f"epoch {info['epoch']}, outputs match (max |diff| {diff})")


def main():
    os.makedirs(OUT, exist_ok=True)
    count = write_stella()
    write_dtypes()
    # our own reader accepts what we wrote
    read_safetensors(os.path.join(OUT, "stella_cnn.safetensors"))
    read_safetensors(os.path.join(OUT, "torch_dtypes.safetensors"))
    print(f"wrote stella_cnn.safetensors ({count} parameters), stella_cnn_io.safetensors, torch_dtypes.safetensors")
    print(check_java_dtypes())
    print(check_java_checkpoint())


if __name__ == "__main__":
    sys.exit(main())
