#!/usr/bin/env bash
# The main job: installs what is missing, builds rectify (Release, in
# build/), then prints `rectify info` and `rectify demo`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build --target rectify_cli -j "$(nproc)"

echo
build/tools/rectify info
echo
build/tools/rectify demo
