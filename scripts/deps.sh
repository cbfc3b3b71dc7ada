#!/usr/bin/env bash
# Installs the Debian 12 packages the build and tests need (as root), if missing.
set -euo pipefail
pkgs=(g++ cmake ninja-build python3 libgtest-dev libgmp-dev libmpfr-dev libboost-context-dev libre2-dev tzdata)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
