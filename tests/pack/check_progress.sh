#!/usr/bin/env bash
# check_progress.sh RAPKIT PACK_CASE: `rapkit pack` says which script runs,
# on standard error, when that is a terminal, and says nothing with --quiet.
# The terminal is script(1)'s pseudo-terminal; without script(1) the test is
# skipped (exit 77).
set -u
rapkit=$(realpath "$1")
case_dir=$(realpath "$2")
command -v script > /dev/null || { echo "skipped: script(1) is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-progress.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir/." "$work/"
rm -f "$work/command" "$work"/expected.*
cd "$work" || exit 2

on_terminal() {   # the run's output, as a terminal shows it, without carriage returns
  script -q -e -c "$*" /dev/null | tr -d '\r'
}

failed=0
seen=$(on_terminal "'$rapkit' pack PACK.lua --out out")
for line in "pack: 1/3 funnel.lua" "pack: 2/3 stages.lua" "pack: 3/3 placeholder: A figure to come" \
            "board pack: 4 figures from 2 scripts in out/"; do
  if ! grep -qF -- "$line" <<< "$seen"; then
    echo "FAIL on a terminal, expected a line with: $line"
    failed=1
  fi
done
quiet=$(on_terminal "'$rapkit' pack PACK.lua --out out2 --quiet")
if [ -n "$quiet" ]; then
  echo "FAIL --quiet printed: $quiet"
  failed=1
fi
[ -f out2/board-pack.pdf ] || { echo "FAIL --quiet made no PDF"; failed=1; }
if [ "$failed" = 0 ]; then
  echo "ok pack progress"
else
  echo "the terminal showed:"
  echo "$seen"
fi
exit "$failed"
