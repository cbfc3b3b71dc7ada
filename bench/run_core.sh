#!/usr/bin/env bash
# Core interpreter benchmarks (issue 2): Vo's interpreter beside Lua 5.4, in
# one hyperfine run. Usage: bench/run_core.sh [path/to/vo]
# (bench/run is the full side-by-side runner; see bench/README.md.)
set -euo pipefail
cd "$(dirname "$0")"
VO=${1:-../build/vo}
while read -r b size; do
  hyperfine -N --warmup 1 --runs 5 \
    -n "vo $b $size" "$VO run $b/$b.vo $size" \
    -n "lua5.4 $b $size" "lua5.4 $b/$b.lua $size"
done <<'LIST'
fibonacci 35
sieve 6
sum 10
nbody 170000
LIST
hyperfine -N --warmup 3 --runs 30 -n "vo empty main" "$VO run empty/empty.vo"
