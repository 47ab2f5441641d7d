#!/usr/bin/env bash
# Runs on the GPU machine, from the repository root, with the gpu-bundle/
# that bench/gpu/prepare.sh built: nvidia-smi, the CUDA tests (cuda-test),
# `rectify-bench --device cuda`, PyTorch's ops (torch_peer.py) and the
# joined report (report.py). Every step runs even when an earlier one
# failed; the exit status is 1 when any failed. Expected to take about 4
# minutes on an H100 (not yet measured); each step has a time limit, about
# 9 minutes in all (the device tool allows 10 per command).
#
#   bench/gpu/run.sh [OUTPUT_DIR]       default: $OUT, else ./gpu-results
#
# Writes to OUTPUT_DIR (6 files): run.log (everything printed, nvidia-smi and
# the bench table included), cuda-test.xml, rectify-bench.csv,
# rectify-bench.json, torch.csv, gpu-report.md.
# Environment: REPEATS (default 9), SIZES (default 64K,1M,16M,256M), DTYPES
# (default f32,f64,bf16,f16), RECTIFY_CUDNN_DIR (the directory of
# libcudnn.so.9; default: the loader's path, else the one PyTorch ships).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-${OUT:-./gpu-results}}
mkdir -p "$out" && out=$(cd "$out" && pwd)
bundle=$root/gpu-bundle
repeats=${REPEATS:-9}
sizes=${SIZES:-64K,1M,16M,256M}
dtypes=${DTYPES:-f32,f64,bf16,f16}

exec > >(tee "$out/run.log") 2>&1
tee_pid=$!

# finish STATUS: lets tee write the log's last lines, then exits.
finish() {
  exec >&- 2>&-
  wait "$tee_pid" 2>/dev/null
  exit "$1"
}

failed=()
# step NAME SECONDS COMMAND...: runs COMMAND under a time limit, logs its
# exit status and time, and remembers a failure.
step() {
  local name=$1 limit=$2
  shift 2
  echo
  echo "=== $name (limit ${limit} s): $*"
  local start=$SECONDS
  timeout -k 10 "$limit" "$@"
  local rc=$?
  echo "=== $name: exit $rc after $((SECONDS - start)) s"
  ((rc == 0)) || failed+=("$name (exit $rc)")
}

# The directory of a libcudnn.so.9 when the loader cannot find one itself:
# PyTorch's wheels bring one (nvidia/cudnn/lib or similar, or torch/lib).
find_cudnn() {
  ldconfig -p 2>/dev/null | grep -q 'libcudnn\.so\.9 ' && return
  python3 - <<'EOF' 2>/dev/null
import importlib.util, os
roots = []
for name in ("nvidia", "torch"):
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        continue
    if spec is not None:
        roots += list(spec.submodule_search_locations or [])
for directory in ("/usr/local/cuda/lib64", "/usr/lib/x86_64-linux-gnu"):
    if os.path.exists(os.path.join(directory, "libcudnn.so.9")):
        roots.insert(0, directory)
for root in roots:
    for directory, _, files in os.walk(root):
        if "libcudnn.so.9" in files:
            print(directory)
            raise SystemExit
EOF
}

if [[ ! -x $bundle/rectify-bench ]]; then
  echo "run: no $bundle/rectify-bench: run bench/gpu/prepare.sh first (and carry gpu-bundle)"
  finish 1
fi
cat "$bundle/MANIFEST.txt" 2>/dev/null
bundle_env=(env "LD_LIBRARY_PATH=$bundle/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
if [[ -z ${RECTIFY_CUDNN_DIR:-} ]]; then
  cudnn_dir=$(find_cudnn)
  if [[ -n $cudnn_dir ]]; then bundle_env+=("RECTIFY_CUDNN_DIR=$cudnn_dir"); fi
  echo "run: cuDNN directory: ${cudnn_dir:-as the loader finds it}"
fi

step nvidia-smi 20 nvidia-smi

if [[ -x $bundle/cuda-test ]]; then
  # Every one of the 2^32 f32 inputs of every op, forward and backward,
  # against the CPU (about a minute on 16 cores, not yet measured).
  step cuda-test 240 "${bundle_env[@]}" RECTIFY_CUDA_EXHAUSTIVE=1 "$bundle/cuda-test" \
    "--gtest_output=xml:$out/cuda-test.xml"
else
  echo "run: no cuda-test in gpu-bundle/ (not in the tree when it was built): skipped"
fi

step rectify-bench 100 "${bundle_env[@]}" "$bundle/rectify-bench" --device cuda \
  --dtype "$dtypes" --size "$sizes" --repeats "$repeats" \
  --csv "$out/rectify-bench.csv" --json "$out/rectify-bench.json"

step torch 90 python3 "$root/bench/gpu/torch_peer.py" --dtype "$dtypes" --size "$sizes" \
  --repeats "$repeats" --csv "$out/torch.csv"

# Grid sizing: relu and gelu at 2^28 with 1, 2, 4 and 8 full waves of
# resident blocks per launch (RECTIFY_CUDA_WAVES; the library's default is
# 1). The tables go to run.log only.
for waves in 1 2 4 8; do
  step "waves-$waves" 25 "${bundle_env[@]}" RECTIFY_CUDA_WAVES=$waves "$bundle/rectify-bench" \
    --device cuda --op relu,gelu --dtype f32,bf16 --direction forward,backward --size 256M \
    --repeats 5
done

torch_csv=()
[[ -s $out/torch.csv ]] && torch_csv=("$out/torch.csv")
if [[ -s $out/rectify-bench.csv ]]; then
  step report 30 python3 "$root/bench/gpu/report.py" "$out/rectify-bench.csv" \
    "${torch_csv[@]}" -o "$out/gpu-report.md"
else
  echo "run: no rectify-bench.csv: no report"
  failed+=("report (no input)")
fi

echo
if ((${#failed[@]} == 0)); then
  echo "run: every step passed; results in $out"
  finish 0
fi
echo "run: failed: ${failed[*]}; results in $out"
finish 1
