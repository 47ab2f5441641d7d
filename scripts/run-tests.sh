#!/usr/bin/env bash
# The whole test suite: installs what is missing, then
#   1. Release build in build/ with warnings as errors, every part on (tests,
#      tool, trainer, benchmarks: a missing dependency is an error here) and
#      every SIMD target, ctest without the "long" label (the exhaustive
#      checks: run `ctest -L long` by hand);
#   2. a build in build-sanitize/ with AddressSanitizer and
#      UndefinedBehaviorSanitizer, ctest without the "consumer", "long",
#      "sweep" and "bench" labels (the sampled accuracy sweep and the
#      benchmark smoke runs, which time third-party peers, ran in step 1);
#      any sanitizer report fails its test. This build checks what every
#      target shares (loops, tails, alignment, dispatch, threads, tables,
#      the API and its error paths) rather than each target's arithmetic,
#      which step 1 proves bit for bit on every target. So it compiles the
#      SCALAR, AVX2 and AVX3_DL targets only (SSSE3, SSE4 and AVX3 repeat
#      the loops of AVX2's and AVX3_DL's vector widths), at -O1, without
#      the benchmark programs, and without ASan's use-after-scope checks in
#      the kernel units, src/kernels/*.cc (the stack temporaries of the
#      inlined op bodies, which made those units 7 times slower to compile;
#      every heap and stack buffer access is still checked there, and
#      use-after-scope everywhere else).
#      It also leaves the CUDA backend out (RECTIFY_CUDA=OFF: sanitizers do
#      not reach GPU code), so the two runs test both builds of the
#      rectify_cuda_* calls: with CUDA (host side; the GPU tests skip
#      without a GPU) and without.
# Ends with the line "N passed, N failed" summed over both ctest runs and
# exits nonzero when anything failed (a failed build counts as 1 failure).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh
installed_at=$SECONDS

jobs=$(nproc)
passed=0
failed=0

# run_ctest DIR [CTEST ARGS...]: runs ctest in DIR and adds its counts.
run_ctest() {
  local dir=$1
  shift
  local log status=0
  log=$(mktemp)
  ctest --test-dir "$dir" --output-on-failure --no-tests=error "$@" 2>&1 | tee "$log" ||
    status=$?
  # "100% tests passed, 0 tests failed out of 42"
  local summary
  summary=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  rm -f "$log"
  if [[ $summary =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    local run_failed=${BASH_REMATCH[1]} run_total=${BASH_REMATCH[2]}
    passed=$((passed + run_total - run_failed))
    failed=$((failed + run_failed))
    if ((status != 0 && run_failed == 0)); then
      failed=$((failed + 1))  # ctest failed without a failing test
    fi
  elif ((status != 0)); then
    echo "run-tests: ctest in $dir failed before running tests; counted as 1 failure" >&2
    failed=$((failed + 1))
  fi
}

# build DIR [CMAKE ARGS...]: configures and builds DIR; 1 on failure.
build() {
  local dir=$1
  shift
  if ! cmake -S . -B "$dir" "$@" || ! cmake --build "$dir" -j "$jobs"; then
    echo "run-tests: the build in $dir failed; counted as 1 failure" >&2
    failed=$((failed + 1))
    return 1
  fi
}

echo "==> Release build in build/ (warnings are errors) at ${SECONDS} s"
parts=(-DRECTIFY_BUILD_TESTS=ON -DRECTIFY_BUILD_TOOLS=ON -DRECTIFY_BUILD_TRAINER=ON)
if build build -DCMAKE_BUILD_TYPE=Release -DRECTIFY_WERROR=ON "${parts[@]}" \
    -DRECTIFY_BUILD_BENCHMARKS=ON -DRECTIFY_DISABLED_TARGETS= -DRECTIFY_KERNEL_COMPILE_OPTIONS=; then
  run_ctest build -LE long
fi

echo "==> ASan + UBSan build in build-sanitize/ (targets SCALAR, AVX2, AVX3_DL) at ${SECONDS} s"
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if build build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECTIFY_CUDA=OFF "${parts[@]}" \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g -DNDEBUG" \
    -DRECTIFY_BUILD_BENCHMARKS=OFF -DRECTIFY_DISABLED_TARGETS=SSSE3,SSE4,AVX3 \
    -DRECTIFY_KERNEL_COMPILE_OPTIONS=-fno-sanitize-address-use-after-scope \
    "-DCMAKE_C_FLAGS=$sanitize" "-DCMAKE_CXX_FLAGS=$sanitize" \
    "-DCMAKE_EXE_LINKER_FLAGS=$sanitize" "-DCMAKE_SHARED_LINKER_FLAGS=$sanitize" \
    "-DCMAKE_MODULE_LINKER_FLAGS=$sanitize"; then
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1 \
  UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
    run_ctest build-sanitize -LE 'consumer|long|sweep|bench'
fi

echo "run-tests: $((SECONDS - installed_at)) s after the package check (which took ${installed_at} s)"
echo "${passed} passed, ${failed} failed"
((failed == 0))
