#!/usr/bin/env bash
# Builds, on a machine without a GPU, what bench/gpu/run.sh needs on the GPU
# machine: gpu-bundle/ at the repository root, holding rectify-bench
# (with --device cuda), the cuda-test executable when the
# tree has one, and lib/ with every shared library they load beyond glibc
# and the NVIDIA driver. Fails when the bundle is over 64 MiB, misses a
# library, or was built without the CUDA backend.
#
#   bench/gpu/prepare.sh
#
# Environment: BUILD_DIR (default <repo>/build-gpu), JOBS (parallel build
# jobs, default 1), CUDA_ARCHS (CMAKE_CUDA_ARCHITECTURES, default 90-real:
# H100 and H200).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD_DIR:-$root/build-gpu}
bundle=$root/gpu-bundle
limit=$((64 * 1024 * 1024))

say() { echo "prepare: $*"; }
die() { echo "prepare: error: $*" >&2; exit 1; }

# Release, CUDA required, no CPU peers (their libraries are too big to carry),
# rectify-bench, tests on (for cuda-test), no tool or trainer.
nice -n 10 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRECTIFY_CUDA=ON \
  -DCMAKE_CUDA_ARCHITECTURES="${CUDA_ARCHS:-90-real}" -DRECTIFY_BENCH_CPU_PEERS=OFF \
  -DRECTIFY_BUILD_BENCHMARKS=ON -DRECTIFY_BUILD_TESTS=ON -DRECTIFY_BUILD_TOOLS=OFF \
  -DRECTIFY_BUILD_TRAINER=OFF -DRECTIFY_INSTALL=OFF

targets=(rectify_bench)
if grep -q '/cuda-test\.dir$' "$build/CMakeFiles/TargetDirectories.txt" 2>/dev/null; then
  targets+=(cuda-test)
else
  say "no cuda-test target in this tree (test/cuda_test.cc not built yet): skipped"
fi
nice -n 10 cmake --build "$build" -j"${JOBS:-1}" --target "${targets[@]}"

rm -rf "$bundle"
mkdir -p "$bundle/lib"
[[ -x $build/tools/rectify-bench ]] || die "no rectify-bench under $build/tools"
cp "$build/tools/rectify-bench" "$bundle/rectify-bench"
programs=("$bundle/rectify-bench")
if [[ " ${targets[*]} " == *" cuda-test "* ]]; then
  cp "$build/test/cuda-test" "$bundle/cuda-test"
  programs+=("$bundle/cuda-test")
fi

# Every library the programs load, except glibc's own and the driver's
# (those must come from the GPU machine). ldd runs on the originals' build
# tree paths (RUNPATH), so librectify is found.
ldd_out=$(ldd "${programs[@]}") || die "ldd failed"
if grep -q 'not found' <<<"$ldd_out"; then
  die "unresolved libraries: $(grep 'not found' <<<"$ldd_out" | sort -u | tr '\n' ' ')"
fi
while read -r lib; do
  base=$(basename "$lib")
  case $base in
    ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libresolv.so*|\
    libutil.so*|libcuda.so*|libnvidia*) continue ;;
  esac
  cp -L "$lib" "$bundle/lib/$base"
done < <(awk '/=>/ && $3 ~ /^\// {print $3}' <<<"$ldd_out" | sort -u)
strip --strip-unneeded "${programs[@]}" "$bundle"/lib/librectify.so* 2>/dev/null || true

# The bundle resolves on its own, has the CUDA bench, and fits.
bundled_ldd=$(LD_LIBRARY_PATH=$bundle/lib ldd "${programs[@]}")
if grep -q 'not found' <<<"$bundled_ldd"; then die "the bundle misses libraries"; fi
set +e
probe=$(LD_LIBRARY_PATH=$bundle/lib "$bundle/rectify-bench" --device cuda --size 64K 2>&1)
probe_rc=$?
set -e
if grep -q 'no CUDA backend' <<<"$probe"; then
  die "rectify was built without the CUDA backend: $probe"
fi
say "rectify-bench --device cuda here (no GPU expected): exit $probe_rc: $probe"
bytes=$(du -sb "$bundle" | cut -f1)
nvcc=$(sed -n 's/^CMAKE_CUDA_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
cuda_version=$("${nvcc:-nvcc}" --version 2>/dev/null | sed -n 's/.*release \([0-9.]*\),.*/\1/p')
glibc=$(for f in "${programs[@]}" "$bundle"/lib/*; do objdump -T "$f" 2>/dev/null; done |
        grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 || true)
{
  echo "gpu-bundle from $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
  echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n), CUDA archs ${CUDA_ARCHS:-90-real}"
  echo "needs glibc >= ${glibc#GLIBC_} and an NVIDIA driver for CUDA ${cuda_version:-?} or later"
  (cd "$bundle" && ls -l rectify-bench cuda-test lib/* 2>/dev/null)
} > "$bundle/MANIFEST.txt"
cat "$bundle/MANIFEST.txt"
((bytes <= limit)) || die "gpu-bundle/ is $((bytes >> 20)) MiB, over the 64 MiB limit"
say "gpu-bundle/ ready: $((bytes >> 20)) MiB ($bytes bytes)"
