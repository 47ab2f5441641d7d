#!/usr/bin/env python3
"""Renders the report of half-exhaustive-test as the markdown table of
docs/accuracy.md ("16-bit types").

Usage: RECTIFY_HALF_REPORT=half.txt build/test/half-exhaustive-test
       scripts/half-accuracy-table.py half.txt
"""
import sys
from collections import defaultdict

TARGETS = ["AVX3_DL", "AVX3", "AVX2", "SSE4", "SSSE3", "SCALAR"]


def main(path):
    rows = defaultdict(dict)  # (case, format, direction) -> target -> (wrong, ulp)
    with open(path) as report:
        next(report)  # header
        for line in report:
            case, fmt, target, fwd, bwd, bwd_ulp, fro, fro_ulp = line.rstrip("\n").split("|")
            rows[(case, fmt, "forward")][target] = (int(fwd), 0.0)
            rows[(case, fmt, "backward")][target] = (int(bwd), float(bwd_ulp))
            if int(fro) >= 0:
                rows[(case, fmt, "from_output")][target] = (int(fro), float(fro_ulp))
    targets = [t for t in TARGETS if any(t in r for r in rows.values())]
    print("| op | dtype | direction | " + " | ".join(targets) + " | max ulp |")
    print("|---|---|---|" + "---|" * len(targets) + "---|")
    for (case, fmt, direction), by_target in rows.items():
        cells = [str(by_target[t][0]) if t in by_target else "-" for t in targets]
        worst = max(ulp for _, ulp in by_target.values())
        ulp = "0.5 (CR)" if direction == "forward" else f"{worst:.3f}"
        print(f"| {case} | {fmt} | {direction} | " + " | ".join(cells) + f" | {ulp} |")


if __name__ == "__main__":
    main(sys.argv[1])
