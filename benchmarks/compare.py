#!/usr/bin/python3
"""Joins astrograd JMH results with PyTorch results for `benchmarks/compare` (standard library only).

  compare.py list [--only REGEX]   workloads as TAB-separated lines: id, JMH include regex, JMH params (k=v ...)
  compare.py report --results-dir DIR --threads 1,2 [--only REGEX] --out FILE
                                   prints the side-by-side table and writes the JSON list of records
  compare.py markdown FILE         the records of FILE (e.g. results/compare-latest.json) as a Markdown
                                   table, for RESULTS.md

Both sides are read the same way: the score of a workload is the MEDIAN of its measured iteration scores,
each iteration score being the mean time per call over one timed iteration (JMH AverageTime; the JMH
side's median is `primaryMetric.scorePercentiles["50.0"]`). The minimum is recorded beside it.
ratio = torch_ms / astrograd_ms, so a ratio above 1 means astrograd is faster.
"""
import argparse
import json
import os
import re
import sys

PKG = "astrograd.benchmarks."


class Workload:
    def __init__(self, wid, benchmark, params, description):
        self.id = wid
        self.benchmark = PKG + benchmark
        self.params = params
        self.description = description

    def include_regex(self):
        return "^" + re.escape(self.benchmark) + "$"


# The one table of workloads; torch_workloads.py implements the same ids.
WORKLOADS = [
    Workload("sgemm_256", "GemmBench.sgemm", {"size": "256"}, "F32 [256,256] @ [256,256]"),
    Workload("sgemm_1024", "GemmBench.sgemm", {"size": "1024"}, "F32 [1024,1024] @ [1024,1024]"),
    Workload("dgemm_512", "GemmBench.dgemm", {"size": "512"}, "F64 [512,512] @ [512,512]"),
    Workload("conv2d_2layer_b32_64x64", "ConvBench.conv2dTwoLayers", {},
             "x [32,3,64,64], conv 3->32 then 32->64, 3x3, pad 1, bias, no activation"),
    Workload("conv1d_same_b64_L200_k7", "ConvBench.conv1dSame", {},
             "x [64,1,200], conv 1->16, k 7, 'same' padding, bias"),
    Workload("sigmoid_mul_add_1M", "ElementwiseBench.sigmoidMulAdd", {"n": "1048576"},
             "sigmoid(a*b+c), 2^20 F32, three ops"),
    Workload("logsumexp_1024x1024", "ReductionBench.logsumexpLastAxis", {"size": "1024"},
             "logsumexp over the last axis of F32 [1024,1024]"),
    Workload("conv2d_2layer_b32_64x64_scoped", "ConvBench.conv2dTwoLayersScoped", {},
             "the two-layer conv2d inside a TensorScope"),
    Workload("conv1d_same_b64_L200_k7_scoped", "ConvBench.conv1dSameScoped", {},
             "the conv1d inside a TensorScope"),
    Workload("sigmoid_mul_add_1M_scoped", "ElementwiseBench.sigmoidMulAddScoped", {"n": "1048576"},
             "sigmoid(a*b+c) inside a TensorScope (memory recycled, as torch's caching allocator does)"),
    Workload("mlp_tiny_step_b32", "ModelBench.tinyMlpStep", {},
             "MLP 13->64->64->6, batch 32: forward, MSE, backward, SGD step"),
    Workload("mlp_plannet_fwd_bwd_b512", "ModelBench.planNetForwardBackward", {},
             "plan-net MLP 13->4x1024->21, batch 512: forward, MSE, backward"),
    Workload("stella_train_step_b64", "ModelBench.stellaTrainStep", {},
             "stella CNN, batch 64x1x200: forward, BCE with logits, backward, Adam"),
    Workload("stella_inference_b1024", "ModelBench.stellaInference", {},
             "stella CNN inference, 1024 windows, eval, sigmoid"),
    Workload("gru_fwd_bwd_b64_T50", "ModelBench.gruForwardBackward", {},
             "GRU input 12 hidden 100, [64,50,12]: forward, sum, backward"),
    Workload("conv2d_2layer_fwd_bwd_b32", "ModelBench.conv2dForwardBackward", {},
             "conv2d 3->32->64 (3x3, pad 1, bias), batch 32 64x64: forward, sum, backward"),
]


def selected(only):
    pattern = re.compile(only) if only else None
    return [w for w in WORKLOADS if pattern is None or pattern.search(w.id)]


def cmd_list(args):
    for w in selected(args.only):
        params = " ".join(f"{k}={v}" for k, v in w.params.items())
        print(f"{w.id}\t{w.include_regex()}\t{params}")


def first_line(text, limit=160):
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:limit]


def jmh_failure_reason(log_path):
    """The exception JMH printed after `<failure>`, else the last meaningful log line."""
    if not os.path.exists(log_path):
        return "no JMH log (run did not start)"
    with open(log_path, errors="replace") as f:
        lines = [line.rstrip() for line in f]
    for i, line in enumerate(lines):
        if "<failure>" in line:
            for after in lines[i + 1:]:
                if after.strip():
                    return first_line(after)
    meaningful = [line for line in lines if line.strip() and not line.startswith("#")]
    return first_line(meaningful[-1]) if meaningful else "JMH produced no result"


def read_jmh(results_dir, workload, threads):
    """(median ms, min ms, error) for one workload at one thread count."""
    stem = os.path.join(results_dir, f"jmh-{workload.id}-t{threads}")
    try:
        with open(stem + ".json") as f:
            records = json.load(f)
    except (OSError, ValueError):
        records = []
    for r in records:
        if r.get("benchmark") == workload.benchmark and all(
                r.get("params", {}).get(k) == v for k, v in workload.params.items()):
            metric = r["primaryMetric"]
            if metric.get("scoreUnit") != "ms/op":
                return None, None, f"unexpected JMH unit {metric.get('scoreUnit')}"
            percentiles = metric["scorePercentiles"]
            return percentiles["50.0"], percentiles["0.0"], None
    return None, None, jmh_failure_reason(stem + ".log")


def read_torch(results_dir, threads):
    """workload id -> torch record, plus the run's meta (or an error string for a failed run)."""
    path = os.path.join(results_dir, f"torch-t{threads}.json")
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError):
        log = os.path.join(results_dir, f"torch-t{threads}.log")
        try:
            with open(log, errors="replace") as f:
                tail = [line.strip() for line in f if line.strip()][-1:]
        except OSError:
            tail = []
        reason = first_line(tail[0]) if tail else "no output"
        return {}, None, f"torch run failed: {reason} (log: {os.path.abspath(log)})"
    return {r["workload"]: r for r in data["results"]}, data.get("meta"), None


def build_records(args):
    threads_list = [int(t) for t in args.threads.split(",") if t]
    records, metas = [], {}
    for threads in threads_list:
        torch_results, meta, torch_run_error = read_torch(args.results_dir, threads)
        metas[threads] = meta
        for w in selected(args.only):
            a_ms, a_min, a_err = read_jmh(args.results_dir, w, threads)
            t = torch_results.get(w.id, {})
            t_err = torch_run_error or t.get("error") or (None if "ms" in t else "no torch result")
            t_ms = None if t_err else t["ms"]
            rec = {
                "workload": w.id,
                "threads": threads,
                "astrograd_ms": a_ms,
                "torch_ms": t_ms,
                "ratio": (t_ms / a_ms) if (a_ms and t_ms) else None,
                "astrograd_min_ms": a_min,
                "torch_min_ms": None if t_err else t.get("min_ms"),
                "description": w.description,
            }
            if a_err:
                rec["astrograd_error"] = a_err
            if t_err:
                rec["torch_error"] = t_err
            records.append(rec)
    return records, metas


def fmt_ms(value):
    return "failed" if value is None else f"{value:.4g}"


def print_table(records, metas):
    header = ["workload", "threads", "astrograd ms", "torch ms", "torch/astrograd", "note"]
    rows = []
    for r in records:
        notes = [f"astrograd: {r['astrograd_error']}" if "astrograd_error" in r else "",
                 f"torch: {r['torch_error']}" if "torch_error" in r else ""]
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
        rows.append([r["workload"], str(r["threads"]), fmt_ms(r["astrograd_ms"]), fmt_ms(r["torch_ms"]),
                     ratio, "; ".join(n for n in notes if n)])
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header) - 1)]

    def line(cells):
        body = " | ".join(c.rjust(w) if 0 < i < 5 else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
        return (body + (" | " + cells[-1] if cells[-1] else "")).rstrip()

    print(line(header))
    print("-+-".join("-" * w for w in widths) + "-+-" + "-" * 4)
    for row in rows:
        print(line(row))
    print()
    print("ms = median over measured iterations of the mean time per call; ratio > 1: astrograd is faster.")
    for threads, meta in metas.items():
        if meta:
            libs = ", ".join(os.path.basename(p) for p in meta.get("math_libraries", []))
            print(f"torch {meta['torch_version']} at {threads} thread(s): set_num_threads={meta['torch_num_threads']}, "
                  f"libraries: {libs}")


def cmd_report(args):
    records, metas = build_records(args)
    print_table(records, metas)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(records, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.abspath(args.out)}")


def cmd_markdown(args):
    with open(args.file) as f:
        records = json.load(f)
    print("| workload | threads | astrograd ms | torch ms | torch/astrograd |")
    print("|---|---:|---:|---:|---:|")
    for r in records:
        ratio = "-" if r.get("ratio") is None else f"{r['ratio']:.2f}"
        print(f"| `{r['workload']}` | {r['threads']} | {fmt_ms(r.get('astrograd_ms'))} | "
              f"{fmt_ms(r.get('torch_ms'))} | {ratio} |")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    lp = sub.add_parser("list")
    lp.add_argument("--only")
    rp = sub.add_parser("report")
    rp.add_argument("--results-dir", required=True)
    rp.add_argument("--threads", required=True, help="comma-separated thread counts")
    rp.add_argument("--only")
    rp.add_argument("--out", required=True)
    mp = sub.add_parser("markdown")
    mp.add_argument("file")
    args = p.parse_args(argv)
    {"list": cmd_list, "report": cmd_report, "markdown": cmd_markdown}[args.command](args)


if __name__ == "__main__":
    main(sys.argv[1:])
