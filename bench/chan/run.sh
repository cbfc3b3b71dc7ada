#!/usr/bin/env bash
# Channel and goroutine benchmarks (issue 5): Vo's interpreter beside Go, in
# one hyperfine run each. Usage: bench/chan/run.sh [path/to/vo]
set -euo pipefail
cd "$(dirname "$0")"
VO=$(realpath "${1:-../../build/vo}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for b in pingpong prodcons spawn; do
  go build -o "$tmp/$b" "$b.go"
  [ "$("$VO" run "$b.vo")" = "$("$tmp/$b")" ] || { echo "$b: outputs differ" >&2; exit 1; }
  hyperfine -N --warmup 1 --runs 5 -n "vo $b" "$VO run $b.vo" -n "go $b" "$tmp/$b"
done
