#!/usr/bin/env bash
# png_compare itself: an image matches itself and a reduced copy of itself;
# a different chart and a different size fail with a report of where and
# how much; the threshold and tolerance are applied; an unreadable file or a
# bad option is exit 2.
# usage: check_png_compare.sh PNG_COMPARE REFERENCE_DIR
set -uo pipefail
cmp=$1 ref=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-png-compare-XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; cat "$work/out.txt"; }
expect() { # name, expected exit status, then png_compare's arguments
  local name=$1 want=$2; shift 2
  "$cmp" "$@" >"$work/out.txt" 2>&1
  local got=$?
  if [ "$got" = "$want" ]; then pass "$name"; else fail "$name: exit $got, wanted $want"; fi
}
said() { # name, pattern the last output must hold
  if grep -q -- "$2" "$work/out.txt"; then pass "$1"; else fail "$1: no '$2'"; fi
}
expect "an image matches itself" 0 "$ref/bar.png" "$ref/bar.png"
said "...with no pixel differing" "0 of 140008 pixels differ"
expect "another chart of the same size differs" 1 "$ref/bar.png" "$ref/line.png"
said "...saying how many pixels differ" "DIFFERS from reference: [0-9]* of 140008 pixels differ"
said "...and where" "differing pixels lie within x [0-9]* to [0-9]*, y [0-9]* to [0-9]*"
expect "a different size differs" 1 "$ref/bar.png" "$ref/small.png"
said "...naming both sizes" "473 x 296, but .* is 237 x 178"
expect "an image reduced by 2 is written" 0 --reduce 2 --write "$work/half.png" "$ref/bar.png"
said "...at half the size, rounded up" "237 x 148"
expect "...and matches the image reduced by 2" 0 --reduce 2 "$ref/bar.png" "$work/half.png"
expect "...but not the image itself" 1 "$ref/bar.png" "$work/half.png"
expect "a picture of the differences is written" 1 --diff "$work/diff.png" "$ref/bar.png" "$ref/line.png"
expect "...and is an image" 0 --write "$work/copy.png" "$work/diff.png"
said "...of the reference's size" "473 x 296"
expect "tolerance 1 lets any same-size image through" 0 --tolerance 1 "$ref/bar.png" "$ref/line.png"
expect "threshold 255 counts no pixel as differing" 0 --threshold 255 --tolerance 0 "$ref/bar.png" "$ref/line.png"
expect "a missing file is exit 2" 2 "$work/none.png" "$ref/bar.png"
said "...naming it" "cannot read $work/none.png"
expect "a tolerance above 1 is a usage error" 2 --tolerance 2 "$ref/bar.png" "$ref/bar.png"
expect "a fractional reduction is a usage error" 2 --reduce 1.5 "$ref/bar.png" "$ref/bar.png"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
