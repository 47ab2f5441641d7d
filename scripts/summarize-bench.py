#!/usr/bin/env python3
"""Markdown summaries of a `rectify bench --json` file, for docs/performance.md.

    scripts/summarize-bench.py bench.json

Prints (1) every large out-of-place row against the non-temporal copy of the
same bytes (the memory roofline) and (2) per op and direction, how many rows
rectify is at least as fast as the fastest peer measured in the same row,
and the lowest and median ratio. Ratios are taken from one run: every row's
implementations were sampled round-robin and their medians compared.
"""
import json
import statistics
import sys


def gbps(row, kind):
    for m in row["measurements"]:
        if m["implementation"] == kind:
            return m["gbps"]
    return None


def best_peer(row):
    peers = [m for m in row["measurements"] if m["kind"] == "peer"]
    if not peers:
        return None, None
    best = max(peers, key=lambda m: m["gbps"])
    return best["implementation"], best["gbps"]


def size_label(n):
    for unit, scale in (("M", 1 << 20), ("K", 1 << 10)):
        if n % scale == 0:
            return f"{n // scale}{unit}"
    return str(n)


def main():
    data = json.load(open(sys.argv[1]))
    rows = data["rows"]
    largest = max(r["n"] for r in rows)
    print(f"### Against the memory roofline ({size_label(largest)} elements, out of place)\n")
    print("| op | direction | threads | rectify GB/s | nt-copy GB/s | rectify / nt-copy | rectify / best peer |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        if r["n"] != largest or r["placement"] != "out-of-place":
            continue
        mine, nt = gbps(r, "rectify"), gbps(r, "nt-copy")
        name, peer = best_peer(r)
        vs_peer = f"{mine / peer:.2f} ({name})" if peer else "-"
        print(f"| {r['op']} | {r['direction']} | {r['threads']} | {mine:.1f} | {nt:.1f} | "
              f"{mine / nt:.2f} | {vs_peer} |")
    print("\n### Against the fastest peer, per op and direction (all sizes, placements, threads)\n")
    print("| op | direction | rows >= 1.0 | lowest ratio (where) | median ratio |")
    print("|---|---|---|---|---|")
    groups = {}
    for r in rows:
        name, peer = best_peer(r)
        if peer is None:
            continue
        ratio = gbps(r, "rectify") / peer
        where = f"{size_label(r['n'])}, {r['threads']} thr, {r['placement']}, vs {name}"
        groups.setdefault((r["op"], r["direction"]), []).append((ratio, where))
    for (op, direction), items in groups.items():
        ratios = [x for x, _ in items]
        low = min(items)
        wins = sum(1 for x in ratios if x >= 1.0)
        print(f"| {op} | {direction} | {wins}/{len(items)} | {low[0]:.2f} ({low[1]}) | "
              f"{statistics.median(ratios):.2f} |")


if __name__ == "__main__":
    main()
