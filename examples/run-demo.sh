#!/usr/bin/env bash
# Runs every example script (examples/*/*.lua) with rapkit and writes its
# charts and tables under OUT_DIR/<example>/.
# usage: examples/run-demo.sh RAPKIT_BINARY OUT_DIR
set -euo pipefail
rapkit=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
status=0
for script in "$here"/*/*.lua; do
  example=$(basename "$(dirname "$script")")
  mkdir -p "$out/$example"
  if "$rapkit" run "$script" --out "$out/$example"; then
    echo "demo: $example/$(basename "$script") -> $out/$example/"
  else
    echo "demo: $example/$(basename "$script") failed" >&2
    status=1
  fi
done
exit $status
