#!/usr/bin/env bash
# The demo runs: examples/run-demo.sh succeeds, and the gallery holds every
# chart type in every format with its alt text, companion tables and stamp, and its
# titles carry the figures the example data reproduce.
# usage: check_demo.sh RAPKIT SOURCE_DIR
set -uo pipefail
rapkit=$1 src=$2
out=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-demo-XXXXXX")
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
check() { # name, then a command that must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok    $name"
  else failed=$((failed + 1)); echo "FAIL  $name"; fi
}
check "run-demo.sh succeeds" "$src/examples/run-demo.sh" "$rapkit" "$out" >/dev/null
for type in bar line interval heatmap spc funnel; do
  for ext in png svg pdf alt.txt csv md json; do
    check "gallery/$type.$ext written" test -s "$out/gallery/$type.$ext"
  done
done
check "line title has the means before and after go-live" \
  grep -q "fell from 214 to 196 a month" "$out/gallery/line.alt.txt"
check "interval title has the published rate ratio" \
  grep -q "at 4.8 times the rate of White people" "$out/gallery/interval.alt.txt"
check "withheld ratios are [c] in the interval table" \
  grep -q "^Mixed,\[c\]" "$out/gallery/interval.csv"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
