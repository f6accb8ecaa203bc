#!/usr/bin/env bash
# Runs every example script (examples/*/*.lua) with rapkit and writes its
# charts and tables under OUT_DIR/<example>/. An example folder with a run.sh
# runs that instead (its .lua files are not scripts to run on their own).
# Then makes the board pack (examples/board-pack/PACK.lua) into
# OUT_DIR/board-pack/.
# usage: examples/run-demo.sh RAPKIT_BINARY OUT_DIR
set -euo pipefail
rapkit=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
status=0
for script in "$here"/*/*.lua; do
  [ -e "$(dirname "$script")/run.sh" ] && continue
  example=$(basename "$(dirname "$script")")
  # The board pack's scripts run through its pack file, below.
  [ "$example" = board-pack ] && continue
  mkdir -p "$out/$example"
  if "$rapkit" run "$script" --out "$out/$example"; then
    echo "demo: $example/$(basename "$script") -> $out/$example/"
  else
    echo "demo: $example/$(basename "$script") failed" >&2
    status=1
  fi
done
for commands in "$here"/*/run.sh; do
  [ -e "$commands" ] || continue
  example=$(basename "$(dirname "$commands")")
  mkdir -p "$out/$example"
  if "$commands" "$rapkit" "$out/$example"; then
    echo "demo: $example/run.sh -> $out/$example/"
  else
    echo "demo: $example/run.sh failed" >&2
    status=1
  fi
done
if "$rapkit" pack "$here/board-pack/PACK.lua" --out "$out/board-pack"; then
  echo "demo: board-pack/PACK.lua -> $out/board-pack/board-pack.pdf"
else
  echo "demo: board-pack/PACK.lua failed" >&2
  status=1
fi
exit $status
