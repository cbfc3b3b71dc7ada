#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite (ends with ctest's summary).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j2
ctest --test-dir build -j2 --output-on-failure
