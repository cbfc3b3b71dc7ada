#!/usr/bin/env bash
# Runs the sample program with the freshly built `vo`, if the command is built yet.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x build/vo ]; then
  build/vo run examples/hello.vo
else
  echo "vo command not built yet (the type checker is in progress); unit tests: ./scripts/test.sh"
fi
