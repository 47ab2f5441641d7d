#!/usr/bin/env bash
# Reproduces docs/performance.md: installs the peers (oneDNN, XNNPACK,
# PyTorch's ATen, Eigen) and matplotlib with apt-get, builds rectify and
# rectify-bench in build/ (Release), runs rectify-bench and draws the plot.
#
#   scripts/run-bench.sh [OUTDIR] [rectify-bench options...]
#
# OUTDIR (default bench/results) receives bench.txt (the table), bench.json
# and bench.png. Options after OUTDIR replace the default matrix (every op,
# f32, forward and backward, in and out of place, 1K 64K 1M 64M, 1 and all
# threads). OpenMP peers are told not to spin between calls, so that they do
# not steal the cores of the implementation timed next.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

outdir=${1:-bench/results}
shift || true

RECTIFY_EXTRA_PACKAGES="libeigen3-dev libdnnl-dev libxnnpack-dev libpthreadpool-dev libtorch-dev python3-matplotlib" \
  scripts/install-deps.sh

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRECTIFY_BUILD_BENCHMARKS=ON
cmake --build build --target rectify_bench -j "$(nproc)"

mkdir -p "$outdir"
export OMP_WAIT_POLICY=passive
build/tools/rectify-bench --json "$outdir/bench.json" "$@" | tee "$outdir/bench.txt"
/usr/bin/python3 scripts/plot-bench.py "$outdir/bench.json" -o "$outdir/bench.png"
echo "run-bench: wrote $outdir/bench.txt, bench.json and bench.png"
