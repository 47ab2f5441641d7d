#!/usr/bin/env bash
# The main job: installs what is missing (including Fashion-MNIST and
# matplotlib), builds rectify (Release, in build/), prints `rectify info`,
# then trains the default comparison: one 784-256-128-10 network per
# activation (relu, leaky_relu, gelu, silu, sigmoid, tanh) on Fashion-MNIST,
# 20 epochs each, with the dead-unit monitor inside the kernels (about four
# minutes on a 2-core machine). Results: build/train/train.{csv,json,png}.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RECTIFY_EXTRA_PACKAGES="python3-matplotlib ${RECTIFY_EXTRA_PACKAGES:-}" scripts/install-deps.sh

# The tool and its trainer are required here (a missing dependency is a
# configure error, not a part left out); the rest of the configure is AUTO.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRECTIFY_BUILD_TOOLS=ON -DRECTIFY_BUILD_TRAINER=ON
cmake --build build --target rectify_cli -j "$(nproc)"

echo
build/tools/rectify info
echo
build/tools/rectify train --out build/train --plot build/train/train.png "$@"
