#!/usr/bin/env python3
"""Joins the CSV of `rectify bench --device cuda --csv` and the CSV of
bench/gpu/torch_peer.py on (op, dtype, direction, n) into a markdown report,
and lists the rows that miss the GPU targets:

  1. relu and leaky_relu, forward and backward, f32 and bf16, at 2^28
     elements: rectify >= 0.92 of the copy's bandwidth (ours/copy);
  2. every row: rectify at least as fast as torch (ours/torch >= 1.0, the
     time ratio torch seconds / rectify seconds);
  3. the smooth ops (elu, selu, gelu, gelu_tanh, silu, mish, softplus,
     sigmoid, tanh), every dtype and direction, at 2^28: ours/copy >= 0.9.

A target row that was not measured counts as missed. Exit status: 0 when
the report was written (even with missed targets; --strict: 1 then),
2 for unreadable input.
"""

import argparse
import csv
import sys

SMOOTH = {"elu", "selu", "gelu", "gelu_tanh", "silu", "mish", "softplus", "sigmoid", "tanh"}
BIG = 1 << 28
KEY = ("op", "dtype", "direction", "n")


def read_rows(path):
    """{(op, dtype, direction, n): row} of a CSV with the key columns."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [k for k in KEY + ("seconds",) if k not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: no column {', '.join(missing)}")
        return {(r["op"], r["dtype"], r["direction"], int(r["n"])): r for r in reader}


def number(text):
    """The float in a CSV field, or None when it is empty or not a number."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value == value else None


def fmt(value, digits=2):
    return "n/a" if value is None else f"{value:.{digits}f}"


def size_name(n):
    if n % (1 << 20) == 0:
        return f"{n >> 20}M"
    if n % (1 << 10) == 0:
        return f"{n >> 10}K"
    return str(n)


def joined(ours, torch):
    """One dict per rectify row (and per torch-only row) with the ratios."""
    out = []
    for key in sorted(set(ours) | set(torch), key=lambda k: (k[1], k[3], k[0], k[2])):
        o, t = ours.get(key, {}), torch.get(key, {})
        o_s, t_s = number(o.get("seconds")), number(t.get("seconds"))
        out.append({
            "key": key,
            "gbps": number(o.get("gbps")),
            "copy_gbps": number(o.get("copy_gbps")),
            "ratio_copy": number(o.get("ratio_copy")),
            "cudnn_gbps": number(o.get("cudnn_gbps")),
            "ratio_cudnn": number(o.get("ratio_cudnn")),
            "torch_gbps": number(t.get("gbps")),
            "ratio_torch": t_s / o_s if o_s and t_s else None,
        })
    return out


def target_misses(rows):
    """[(target, key, why)] for every row that misses a target."""
    by_key = {r["key"]: r for r in rows}
    misses = []
    for op in ("relu", "leaky_relu"):
        for dtype in ("f32", "bf16"):
            for direction in ("forward", "backward"):
                key = (op, dtype, direction, BIG)
                r = by_key.get(key)
                if r is None or r["ratio_copy"] is None:
                    misses.append(("1: >= 0.92 of copy", key, "not measured"))
                elif r["ratio_copy"] < 0.92:
                    misses.append(("1: >= 0.92 of copy", key, f"ours/copy {r['ratio_copy']:.3f}"))
    for r in rows:  # rows without a torch time have nothing to compare
        if r["gbps"] is None:
            misses.append(("2: >= 1.0 x torch", r["key"], "rectify not measured"))
        elif r["ratio_torch"] is not None and r["ratio_torch"] < 1.0:
            misses.append(("2: >= 1.0 x torch", r["key"], f"ours/torch {r['ratio_torch']:.3f}"))
    for r in rows:
        op, _, _, n = r["key"]
        if op in SMOOTH and n == BIG:
            if r["ratio_copy"] is None:
                misses.append(("3: smooth >= 0.9 of copy", r["key"], "not measured"))
            elif r["ratio_copy"] < 0.9:
                misses.append(("3: smooth >= 0.9 of copy", r["key"],
                               f"ours/copy {r['ratio_copy']:.3f}"))
    return misses


def markdown(rows, misses, sources):
    lines = ["# rectify on the GPU: rectify bench --device cuda and PyTorch", "",
             f"Sources: {sources}.", "",
             "GB/s = (bytes read + written) / median seconds per call; forward 2 arrays of n, "
             "backward 3. ours/copy: bandwidth over a device-to-device copy; ours/cuDNN and "
             "ours/torch: their time over ours (> 1: rectify is faster).", ""]
    lines.append(f"## Targets: {len(misses)} misses")
    lines.append("")
    if misses:
        lines += ["| target | op | dtype | direction | n | why |", "|---|---|---|---|---|---|"]
        for target, (op, dtype, direction, n), why in misses:
            lines.append(f"| {target} | {op} | {dtype} | {direction} | {size_name(n)} | {why} |")
    else:
        lines.append("Every target is met.")
    lines += ["", "## All rows", "",
              "| op | dtype | direction | n | ours GB/s | copy GB/s | ours/copy | cuDNN GB/s "
              "| ours/cuDNN | torch GB/s | ours/torch |",
              "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        op, dtype, direction, n = r["key"]
        lines.append(
            f"| {op} | {dtype} | {direction} | {size_name(n)} | {fmt(r['gbps'], 1)} "
            f"| {fmt(r['copy_gbps'], 1)} | {fmt(r['ratio_copy'])} | {fmt(r['cudnn_gbps'], 1)} "
            f"| {fmt(r['ratio_cudnn'])} | {fmt(r['torch_gbps'], 1)} | {fmt(r['ratio_torch'])} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rectify_csv", help="from rectify bench --device cuda --csv")
    parser.add_argument("torch_csv", nargs="?", help="from torch_peer.py (optional)")
    parser.add_argument("-o", "--output", help="markdown file (default: stdout)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    try:
        ours = read_rows(args.rectify_csv)
        torch = read_rows(args.torch_csv) if args.torch_csv else {}
    except (OSError, ValueError, KeyError) as e:
        print(f"report: {e}", file=sys.stderr)
        return 2
    rows = joined(ours, torch)
    misses = target_misses(rows)
    sources = args.rectify_csv + (f" and {args.torch_csv}" if args.torch_csv else "")
    text = markdown(rows, misses, sources)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    print(f"report: {len(rows)} rows, {len(misses)} target misses", file=sys.stderr)
    for target, (op, dtype, direction, n), why in misses:
        print(f"  miss {target}: {op} {dtype} {direction} {size_name(n)}: {why}",
              file=sys.stderr)
    return 1 if args.strict and misses else 0


if __name__ == "__main__":
    sys.exit(main())
