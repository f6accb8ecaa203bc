#!/usr/bin/env bash
# The demo runs: examples/run-demo.sh (what `make demo` runs) succeeds; the
# gallery holds every chart type in every format with its alt text, companion
# tables and stamp, and its titles carry the figures the example data
# reproduce; the impact matrix writes its outputs; and the board pack PDF has
# the cover and one page per figure, each figure's statement on its page.
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
for f in heatmap.png table.csv summary.md change.csv change.png agreement.md sensitivity.csv; do
  check "impact-matrix/emmie/$f written" test -s "$out/impact-matrix/emmie/$f"
done

pack=$out/board-pack
check "board-pack.pdf written" test -s "$pack/board-pack.pdf"
figures=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["figures"]))' \
  "$pack/manifest.json" 2>/dev/null || echo 0)
pages=$(pdfinfo "$pack/board-pack.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
check "board pack: $figures figures and the cover make ${pages:-no} pages" test "$figures" -gt 0 -a "${pages:-0}" = $((figures + 1))
# Each statement, its spaces and line breaks folded, on its figure's page.
page_has_statement() { # page, statement
  pdftotext -f "$1" -l "$1" -layout "$pack/board-pack.pdf" - 2>/dev/null | tr -s ' \n' ' ' |
    python3 -c 'import sys; page = " ".join(sys.stdin.read().split()); sys.exit(0 if " ".join(sys.argv[1].split()) in page else 1)' "$2"
}
while IFS=$'\t' read -r page statement; do
  check "board pack page $page holds its statement" page_has_statement "$page" "$statement"
done < <(python3 -c 'import json, sys
for f in json.load(open(sys.argv[1]))["figures"]:
    print("%d\t%s" % (f["page"], f["statement"]))' "$pack/manifest.json" 2>/dev/null)

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
