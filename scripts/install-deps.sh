#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages rectify needs to build and
# test, but only those that are missing; does nothing (and needs no root)
# when they are all there. Called by run-main.sh and run-tests.sh.
set -euo pipefail

# The peers that `rectify bench` compares against (built in when present):
# oneDNN, XNNPACK and Eigen are small and always installed, so CI builds and
# tests their adapters; PyTorch (libtorch-dev, large) and matplotlib come
# through RECTIFY_EXTRA_PACKAGES from scripts/run-bench.sh. `rectify train`
# reads Fashion-MNIST (dataset-fashion-mnist) with zlib and multiplies
# matrices with OpenBLAS.
packages=(build-essential cmake libhwy-dev libcli11-dev libgtest-dev
          libbenchmark-dev libmpfr-dev pkg-config
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
