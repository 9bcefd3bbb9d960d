#!/usr/bin/env python3
"""Writes the device check's results table (markdown) from its outputs:

    python3 kernels/bench/report.py OUT_DIR

reads OUT_DIR/environment.txt (gpu-info), OUT_DIR/junit/TEST-junit-jupiter.xml, OUT_DIR/bench-*.tsv and
writes OUT_DIR/results.md: date, GPU, driver, test counts (skips listed with their reasons), and the benchmark
table with the ratios issue 24 sets as targets.
"""
import datetime
import glob
import os
import sys
import xml.etree.ElementTree as ET

# name -> (what it is compared with, target ratio, description)
TARGETS = {
    "sgemm_4096": ("torch:sgemm_4096", 0.50, "own SGEMM vs torch.matmul F32 (TF32 off)"),
    "add_f32_2^26": ("torch:copy_d2d_256MiB", 0.80, "elementwise add vs torch D2D copy bandwidth"),
    "sum_f32_2^26": ("torch:copy_d2d_256MiB", 0.70, "full sum vs torch D2D copy bandwidth"),
    "rowsum_f32_8192x8192": ("torch:copy_d2d_256MiB", 0.70, "row sums vs torch D2D copy bandwidth"),
}


def environment(out):
    path = os.path.join(out, "environment.txt")
    info = {}
    if os.path.exists(path):
        for line in open(path):
            parts = line.strip().split(None, 1)
            if len(parts) == 2 and parts[0] in ("driver", "cuda:0", "CUDA", "JCuda"):
                info[parts[0]] = parts[1]
    return info


def junit(out):
    files = glob.glob(os.path.join(out, "junit", "TEST-*.xml"))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    failed, skipped = [], {}
    for f in files:
        root = ET.parse(f).getroot()
        for case in root.iter("testcase"):
            counts["tests"] += 1
            name = case.get("classname", "").split(".")[-1] + "." + case.get("name", "")
            for kind in ("failure", "error"):
                for e in case.findall(kind):
                    counts[kind + "s"] += 1
                    failed.append("%s: %s" % (name, (e.get("message") or "")[:300]))
            for s in case.findall("skipped"):
                counts["skipped"] += 1
                text = (s.get("message") or s.text or "").strip()
                reason = text.splitlines()[0] if text else ""
                for prefix in ("org.opentest4j.TestAbortedException: ", "Assumption failed: "):
                    reason = reason[len(prefix):] if reason.startswith(prefix) else reason
                reason = reason[:200]
                skipped[reason] = skipped.get(reason, 0) + 1
    return files, counts, failed, skipped


def bench(out):
    rows = {}
    for f in sorted(glob.glob(os.path.join(out, "bench-*.tsv"))):
        for line in open(f):
            p = line.rstrip("\n").split("\t")
            if len(p) == 5:
                rows["%s:%s" % (p[0], p[1])] = (float(p[2]), float(p[3]), p[4])
    return rows


def main(out):
    env = environment(out)
    files, counts, failed, skipped = junit(out)
    rows = bench(out)
    md = ["# astrograd device check", "",
          "- date: %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
          "- GPU: %s" % env.get("cuda:0", env.get("CUDA", "none")),
          "- driver: %s" % env.get("driver", "none"),
          "- JCuda: %s" % env.get("JCuda", "?"), ""]
    md.append("## Tests")
    if files:
        md.append("%(tests)d tests: %(failures)d failures, %(errors)d errors, %(skipped)d skipped" % counts)
        for reason, n in sorted(skipped.items(), key=lambda kv: -kv[1]):
            md.append("- skipped %d: %s" % (n, reason))
        for f in failed[:40]:
            md.append("- FAILED %s" % f)
    else:
        md.append("no JUnit report")
    md += ["", "## Benchmarks", ""]
    if not rows:
        md.append("no benchmark rows (no GPU)")
    else:
        md.append("| benchmark | astrograd ms | astrograd | torch ms | torch | ratio | target |")
        md.append("|---|---|---|---|---|---|---|")
        names = sorted({k.split(":", 1)[1] for k in rows})
        for n in names:
            a = rows.get("astrograd:" + n)
            t = rows.get("torch:" + n)
            ratio, target = "", ""
            if n in TARGETS and a is not None:
                ref = rows.get(TARGETS[n][0])
                if ref is not None:
                    r = a[1] / ref[1]
                    ratio = "%.2f" % r
                    target = "%s %.2f (%s)" % ("met" if r >= TARGETS[n][1] else "MISSED", TARGETS[n][1], TARGETS[n][2])
            fmt = lambda x: ("%.3f" % x[0], "%.2f %s" % (x[1], x[2])) if x else ("", "")
            md.append("| %s | %s | %s | %s | %s | %s | %s |" % ((n,) + fmt(a) + fmt(t) + (ratio, target)))
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main(sys.argv[1])
