#!/usr/bin/env bash
# check_table_numbers.sh RAPKIT PACK_CASE: a board pack's table rounds halves
# away from zero (2.5 -> 3, 12.25 -> 12.3) and shows no number other than
# zero as 0 (0.4 beside 1,500 -> "0.4", 0.04 beside 24.2 -> "0.04"): the
# rows of the table page, as pdftotext reads them. 2025 review: they read
# 2, 12.2, 0 and 0.0. Without pdftotext the test is skipped (exit 77).
set -u
rapkit=$(realpath "$1")
case_dir=$(realpath "$2")
command -v pdftotext > /dev/null || { echo "skipped: pdftotext is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-table-numbers.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir/." "$work/"
cd "$work" || exit 2
"$rapkit" pack PACK.lua --out out --quiet || { echo "FAIL rapkit pack failed"; exit 1; }
page=$(pdftotext -f 2 -l 2 -layout out/board-pack.pdf - | tr -s ' ')

failed=0
for row in "first 3 12.3 24.20 1,500.0" "second 4 1.1 0.04 0.4" "third 1,000 10.0 −0.04 2.0"; do
  if ! grep -qxF -- "$row" <<< "$page"; then
    echo "FAIL expected a table row: $row"
    failed=1
  fi
done
if [ "$failed" = 0 ]; then
  echo "ok table numbers"
else
  echo "the page read:"
  echo "$page"
fi
exit "$failed"
