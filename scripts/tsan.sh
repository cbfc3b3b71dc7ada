#!/usr/bin/env bash
# Builds vo with ThreadSanitizer (build-tsan/, dynamically linked) and runs the
# concurrency tests under it: islands run VMs on several threads, and every
# report is a bug. Usage: scripts/tsan.sh [extra .vo files...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tsan -G Ninja -DVO_STATIC=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
ninja -C build-tsan -j2 vo
status=0
for f in tests/lang/conc_*.vo tests/lang/fail_island_*.vo "$@"; do
  err=$(TSAN_OPTIONS=halt_on_error=0 timeout 600 build-tsan/vo run "$f" 2>&1 >/dev/null || true)
  if grep -q "WARNING: ThreadSanitizer" <<<"$err"; then
    echo "RACE  $f"
    grep -A20 "WARNING: ThreadSanitizer" <<<"$err" | head -40
    status=1
  else
    echo "clean $f"
  fi
done
exit $status
