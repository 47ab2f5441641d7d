#!/usr/bin/env bash
# Seconds per training epoch of `rectify train --activation relu` against
# the same network in PyTorch (bench/train-torch.py), on this machine.
#
#   bench/compare-train-torch.sh [ROUNDS [EPOCHS [THREADS]]]
#
# Defaults: 3 rounds of 3 epochs, threads = nproc. Each round runs rectify
# with THREADS threads, torch with THREADS threads and torch with 1 thread,
# all with --seed <round>, one after the other, so they share the machine's
# noise; every epoch is a timing sample. torch runs with
# OMP_WAIT_POLICY=passive: its OpenMP threads otherwise spin against
# OpenBLAS's own threads (on 2 cores: about 3.8 s per epoch instead of 0.9).
# The reference is torch's faster thread count. Prints the median training
# seconds per epoch (evaluation excluded) of each, the ratio rectify/torch
# (goal: <= 0.8), and the test accuracy per epoch averaged over the rounds
# (goal: within 0.5 points). The torch script draws the initial weights and
# the batch order with rectify's generator, so both start alike; they then
# drift apart by rounding (different summation orders in the matrix
# products), which the mean over rounds smooths. RECTIFY names the rectify program (default
# build/tools/rectify: build it first, Release); PYTHON the interpreter
# with torch (default /usr/bin/python3). Results stay in a temporary
# directory, printed at the start.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${1:-3}
epochs=${2:-3}
threads=${3:-$(nproc)}
rectify=${RECTIFY:-build/tools/rectify}
python=${PYTHON:-/usr/bin/python3}

if [[ ! -x $rectify ]]; then
  echo "compare-train-torch: $rectify not found; build rectify (Release) or set RECTIFY" >&2
  exit 2
fi
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare-train-torch: $python cannot import torch (Debian: python3-torch)" >&2
  exit 2
fi

results=$(mktemp -d)
echo "compare-train-torch: $rounds rounds of $epochs epochs, $threads threads; results in $results"
torch_thread_counts=$(printf '%s\n' "$threads" 1 | sort -un)
for ((round = 1; round <= rounds; ++round)); do
  echo "== round $round/$rounds: rectify, $threads threads"
  "$rectify" train --activation relu --epochs "$epochs" --threads "$threads" \
    --seed "$round" --out "$results/rectify-$round" |
    grep -E '^relu +epoch'
  for torch_threads in $torch_thread_counts; do
    echo "== round $round/$rounds: torch, $torch_threads threads"
    OMP_WAIT_POLICY=passive "$python" bench/train-torch.py --activation relu \
      --epochs "$epochs" --threads "$torch_threads" --seed "$round" \
      --json "$results/torch-$torch_threads-$round.json"
  done
done

"$python" - "$results" "$rounds" "$threads" <<'PYTHON'
import json
import statistics
import sys

results, rounds, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rounds_range = range(1, rounds + 1)
rectify_runs = [json.load(open(f"{results}/rectify-{r}/train.json"))["runs"][0]["epochs"]
                for r in rounds_range]
torch_runs = {t: [json.load(open(f"{results}/torch-{t}-{r}.json"))["epochs"]
                  for r in rounds_range]
              for t in sorted({threads, 1})}


def median_seconds(runs):
    return statistics.median(e["train_seconds"] for run in runs for e in run)


rectify_median = median_seconds(rectify_runs)
print()
print("median training seconds per epoch:")
print(f"  rectify, {threads} threads: {rectify_median:.3f}")
torch_best = None
for t, runs in torch_runs.items():
    median = median_seconds(runs)
    print(f"  torch, {t} threads: {median:.3f}")
    if torch_best is None or median < torch_best[1]:
        torch_best = (t, median)
ratio = rectify_median / torch_best[1]
print(f"ratio rectify/torch (torch's faster setting, {torch_best[0]} threads): {ratio:.3f} "
      f"(goal <= 0.8: {'met' if ratio <= 0.8 else 'NOT met'})")

reference = torch_runs[torch_best[0]]
print()
print(f"test accuracy (%), mean over {rounds} rounds, torch with {torch_best[0]} threads:")
print("epoch  rectify    torch  difference")
worst = 0.0
for i in range(len(rectify_runs[0])):
    a = 100 * statistics.mean(run[i]["test_accuracy"] for run in rectify_runs)
    b = 100 * statistics.mean(run[i]["test_accuracy"] for run in reference)
    worst = max(worst, abs(a - b))
    print(f"{i + 1:5d}  {a:7.2f}  {b:7.2f}  {a - b:+10.2f}")
print(f"largest difference: {worst:.2f} points "
      f"(goal <= 0.5: {'met' if worst <= 0.5 else 'NOT met'})")
PYTHON
