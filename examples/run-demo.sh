#!/usr/bin/env bash
# Runs every example script (examples/*/*.lua) with rapkit and writes its
# charts and tables under OUT_DIR/<example>/.
# An example that reads files outside its own folder lists them in a file
# data-files.txt beside it, one NAME=PATH a line (PATH relative to that
# folder; # starts a comment): each becomes `--data NAME=PATH`, so the script
# reads rapkit.data.NAME.
# usage: examples/run-demo.sh RAPKIT_BINARY OUT_DIR
set -euo pipefail
rapkit=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
status=0
for script in "$here"/*/*.lua; do
  dir=$(dirname "$script")
  example=$(basename "$dir")
  data=()
  if [ -f "$dir/data-files.txt" ]; then
    while read -r line; do
      line=${line%%#*}
      line=${line%"${line##*[![:space:]]}"}
      if [ -n "$line" ]; then data+=(--data "${line%%=*}=$dir/${line#*=}"); fi
    done < "$dir/data-files.txt"
  fi
  mkdir -p "$out/$example"
  if "$rapkit" run "$script" ${data[@]+"${data[@]}"} --out "$out/$example"; then
    echo "demo: $example/$(basename "$script") -> $out/$example/"
  else
    echo "demo: $example/$(basename "$script") failed" >&2
    status=1
  fi
done
exit $status
