#!/usr/bin/env bash
# Core interpreter benchmarks (issue 2): Vo's interpreter beside Lua 5.4, in
# one hyperfine run. Usage: bench/run_core.sh [path/to/vo]
set -euo pipefail
cd "$(dirname "$0")"
VO=${1:-../build/vo}
for b in fib sieve sum nbody; do
  hyperfine -N --warmup 1 --runs 5 \
    -n "vo $b" "$VO run $b/$b.vo" \
    -n "lua5.4 $b" "lua5.4 $b/$b.lua"
done
hyperfine -N --warmup 3 --runs 30 -n "vo empty main" "$VO run empty/empty.vo"
