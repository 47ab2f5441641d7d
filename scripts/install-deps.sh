#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages rectify needs to build and
# test, but only those that are missing; does nothing (and needs no root)
# when they are all there. Called by run-main.sh and run-tests.sh.
set -euo pipefail

# What the scripts build: the library (build-essential, cmake, libhwy-dev,
# pkg-config); the tests (libgtest-dev, libmpfr-dev for the exact values);
# the `rectify` tool (libcli11-dev, libmpfr-dev); the trainer of
# `rectify train` (zlib1g-dev, libopenblas-dev, and the data,
# dataset-fashion-mnist); rectify-bench and kernels-bench (libcli11-dev,
# libbenchmark-dev) with the peers oneDNN, XNNPACK and Eigen, which are small
# and always installed, so CI builds and tests their adapters. PyTorch
# (libtorch-dev, large) and matplotlib come through RECTIFY_EXTRA_PACKAGES
# from scripts/run-bench.sh and scripts/run-main.sh. Every package is named
# here: apt-get runs with --no-install-recommends, so nothing arrives only
# as a recommendation (oneDNN's CMake config, for one, needs OpenCL that its
# package only recommends; the build finds oneDNN by its files instead).
packages=(build-essential cmake libhwy-dev pkg-config
          libgtest-dev libmpfr-dev libcli11-dev libbenchmark-dev
          zlib1g-dev libopenblas-dev dataset-fashion-mnist
          libeigen3-dev libdnnl-dev libxnnpack-dev libpthreadpool-dev
          ${RECTIFY_EXTRA_PACKAGES:-})

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: no dpkg-query (not Debian?); assuming ${packages[*]} are installed" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: missing ${missing[*]}; run as root or install them" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo[@]}" apt-get update -q &&
       "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps: apt-get failed" >&2
  exit 1
fi
