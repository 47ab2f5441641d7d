#!/usr/bin/env python3
"""Plot the JSON of `rectify bench`: GB/s against size, one line per
implementation, one panel per (op, direction, threads).

Usage:
  build/tools/rectify bench --json bench.json
  scripts/plot-bench.py bench.json                      # writes bench.png
  scripts/plot-bench.py bench.json -o relu.png --ops relu,leaky_relu \\
      --directions forward --threads 1,max --dtype f64 --placement in-place
  scripts/plot-bench.py bench.json --ops all --log-y

Defaults: ops relu, gelu and silu (those of them in the file; all ops with
--ops all), both directions, threads 1 and the largest count in the file
('max'; numbers allowed), dtype f32, out-of-place. Panels are laid out one
row per (op, direction) and one column per thread count. The size axis is
log2; GB/s counts bytes read plus bytes written, as in the JSON's
"conventions". The non-temporal copy (nt-copy) is drawn as the memory
roofline, memcpy of the same bytes as a dotted line.

Needs python3 and matplotlib; draws with the Agg backend (no display).
"""

import argparse
import json
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

DEFAULT_OPS = ["relu", "gelu", "silu"]
BASELINES = ("memcpy", "nt-copy")


def size_name(n):
    if n % (1 << 20) == 0:
        return f"{n >> 20}M"
    if n % (1 << 10) == 0:
        return f"{n >> 10}K"
    return str(n)


def split_list(text):
    return [item.strip() for item in text.split(",") if item.strip()]


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Plot `rectify bench --json` results (GB/s against size).")
    parser.add_argument("json", help="the file written by rectify bench --json")
    parser.add_argument("-o", "--output",
                        help="PNG to write (default: the JSON's name with .png)")
    parser.add_argument("--ops", default=",".join(DEFAULT_OPS),
                        help="comma-separated ops, or 'all' (default: relu,gelu,silu)")
    parser.add_argument("--directions", default="forward,backward",
                        help="forward and/or backward (default: both)")
    parser.add_argument("--threads", default="1,max",
                        help="thread counts; 'max' is the largest in the file (default: 1,max)")
    parser.add_argument("--dtype", default="f32", help="f32 or f64 (default: f32)")
    parser.add_argument("--placement", default="out-of-place",
                        choices=["out-of-place", "in-place"],
                        help="(default: out-of-place)")
    parser.add_argument("--log-y", action="store_true",
                        help="logarithmic GB/s axis (for slow ops beside fast copies)")
    parser.add_argument("--dpi", type=int, default=110)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    with open(args.json, encoding="utf-8") as f:
        data = json.load(f)
    rows = [r for r in data["rows"]
            if r["dtype"] == args.dtype and r["placement"] == args.placement]
    if not rows:
        sys.exit(f"plot-bench: no {args.dtype} {args.placement} rows in {args.json}")

    ops_in_file = list(dict.fromkeys(r["op"] for r in rows))
    if args.ops == "all":
        ops = ops_in_file
    else:
        wanted = split_list(args.ops)
        ops = [op for op in wanted if op in ops_in_file]
        missing = [op for op in wanted if op not in ops_in_file]
        if missing:
            print(f"plot-bench: not in the file: {', '.join(missing)}", file=sys.stderr)
        if not ops and args.ops == ",".join(DEFAULT_OPS):
            ops = ops_in_file[:3]
    directions = [d for d in split_list(args.directions)
                  if any(r["direction"] == d for r in rows)]
    max_threads = max(r["threads"] for r in rows)
    threads = []
    for t in split_list(args.threads):
        value = max_threads if t in ("max", "all") else int(t)
        if value not in threads and any(r["threads"] == value for r in rows):
            threads.append(value)
    panels = [(op, d) for op in ops for d in directions]
    if not panels or not threads:
        sys.exit("plot-bench: nothing to plot with these --ops, --directions and --threads")

    implementations = []
    for r in rows:
        for m in r["measurements"]:
            if m["implementation"] not in implementations:
                implementations.append(m["implementation"])
    # rectify first, the peers in file order, the baselines last.
    implementations.sort(key=lambda name: (name != "rectify", name in BASELINES))
    colors = {}
    for name in implementations:
        if name not in BASELINES:
            colors[name] = f"C{len(colors) % 10}"

    # About three legend entries fit across one panel's width.
    columns = max(1, min(len(implementations), 3 * len(threads)))
    legend_inches = 0.3 * math.ceil(len(implementations) / columns) + 0.2
    title_inches = 0.5
    height = 3.2 * len(panels) + legend_inches + title_inches
    fig, axes = plt.subplots(len(panels), len(threads), squeeze=False,
                             figsize=(5.2 * len(threads), height))
    handles = {}
    for i, (op, direction) in enumerate(panels):
        for j, t in enumerate(threads):
            ax = axes[i][j]
            panel_rows = sorted((r for r in rows if r["op"] == op and
                                 r["direction"] == direction and r["threads"] == t),
                                key=lambda r: r["n"])
            ax.set_title(f"{op} {direction}, {t} thread{'s' if t != 1 else ''}", fontsize=10)
            if not panel_rows:
                ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
                continue
            sizes = [r["n"] for r in panel_rows]
            for name in implementations:
                points = [(r["n"], m["gbps"]) for r in panel_rows
                          for m in r["measurements"] if m["implementation"] == name]
                if not points:
                    continue
                xs, ys = zip(*points)
                if name == "nt-copy":
                    style = dict(color="black", linestyle="--", linewidth=1.5,
                                 label="nt-copy (memory roofline)")
                elif name == "memcpy":
                    style = dict(color="0.5", linestyle=":", linewidth=1.5, label="memcpy")
                else:
                    style = dict(color=colors[name], marker="o", markersize=3,
                                 linewidth=2.4 if name == "rectify" else 1.2, label=name)
                (line,) = ax.plot(xs, ys, **style)
                handles.setdefault(style["label"], line)
            ax.set_xscale("log", base=2)
            ax.set_xticks(sizes)
            ax.set_xticklabels([size_name(n) for n in sizes])
            if args.log_y:
                ax.set_yscale("log")
            else:
                ax.set_ylim(bottom=0)
            ax.grid(True, which="major", alpha=0.3)
            if j == 0:
                ax.set_ylabel("GB/s (read + written)")
            if i == len(panels) - 1:
                ax.set_xlabel("elements")

    machine = data.get("machine", {})
    fig.suptitle(f"rectify {machine.get('rectify_version', '?')} "
                 f"({machine.get('rectify_target', '?')}) on {machine.get('cpu', '?')}, "
                 f"{args.dtype}, {args.placement}", fontsize=11)
    fig.legend(list(handles.values()), list(handles.keys()), loc="lower center",
               ncol=columns, frameon=False)
    fig.tight_layout(rect=(0, legend_inches / height, 1, 1 - title_inches / height))

    output = args.output or (args.json[:-5] if args.json.endswith(".json") else args.json) + ".png"
    fig.savefig(output, dpi=args.dpi)
    print(f"plot-bench: wrote {output}")


if __name__ == "__main__":
    main(sys.argv[1:])
