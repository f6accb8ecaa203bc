#!/usr/bin/env bash
# run_script_test.sh CASE_DIR RAPKIT: runs one script test case.
#
# A case is a folder holding:
#   script.lua     the script
#   args           optional: extra arguments for `rapkit run`, one per line
#   env            optional: NAME=value lines set in the run's environment
#                  (SOURCE_DATE_EPOCH=0 fixes the charts' stamp time;
#                  PATH=/nonexistent hides gnuplot)
#   command        optional: the whole argument list instead (one per line),
#                  for cases that test the command line itself
#   stdin          optional: fed to rapkit as standard input (`rapkit repl`
#                  cases); without it standard input is /dev/null
#   *.csv, ...     optional: data files the script or the arguments name
#   expected.out   the exact standard output (absent: must be empty)
#   expected.err   the exact standard error (absent: must be empty)
#   expected.code  the exit code (absent: 0)
#   expected.files optional: the files the run leaves under out/, one per line, sorted
#   expected-out/  optional: files that must equal, byte for byte, the files of
#                  the same paths under out/ (a chart's NAME.json, say)
#
# The case folder is copied to a fresh temporary folder and run from inside
# the copy as `rapkit run script.lua --out out ARGS...`, so messages read
# "rapkit: script.lua:3: ..." wherever the source tree is. Beside the copy
# lies outside.csv, a file the script must not be able to read as
# "../outside.csv". The run must not create anything outside the copy.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 CASE_DIR RAPKIT" >&2
  exit 2
fi
case_dir=$(cd "$1" && pwd) || exit 2
rapkit=$2
case "$rapkit" in
  /*) ;;
  *) rapkit=$(pwd)/$rapkit ;;
esac
name=$(basename "$case_dir")

work=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-test.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
mkdir "$work/case" "$work/result"
cp -R "$case_dir/." "$work/case/"
printf 'secret,value\nsearches,1\n' > "$work/outside.csv"

# Lines of the file $1 appended to the array named $2; blank lines are skipped.
read_lines() {
  local -n into=$2
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] && into+=("$line")
  done < "$1"
}

argv=()
if [ -f "$work/case/command" ]; then
  read_lines "$work/case/command" argv
else
  argv=(run script.lua --out out)
  [ -f "$work/case/args" ] && read_lines "$work/case/args" argv
fi

envs=()
[ -f "$work/case/env" ] && read_lines "$work/case/env" envs
input=/dev/null
[ -f "$work/case/stdin" ] && input=$work/case/stdin

(cd "$work/case" && exec env ${envs[@]+"${envs[@]}"} "$rapkit" "${argv[@]}") \
  < "$input" > "$work/result/stdout" 2> "$work/result/stderr"
code=$?

failed=0
fail() {
  echo "FAIL $name: $1"
  failed=1
}

compare() {   # compare EXPECTED_FILE ACTUAL_FILE WHAT
  local expected=$1 actual=$2 what=$3
  if [ -f "$expected" ]; then
    if ! cmp -s "$expected" "$actual"; then
      fail "$what differs (--- expected, +++ actual)"
      diff -u "$expected" "$actual" | tail -n +3
    fi
  elif [ -s "$actual" ]; then
    fail "unexpected $what:"
    cat "$actual"
  fi
}

compare "$case_dir/expected.out" "$work/result/stdout" "standard output"
compare "$case_dir/expected.err" "$work/result/stderr" "standard error"

expected_code=0
[ -f "$case_dir/expected.code" ] && expected_code=$(tr -d ' \n' < "$case_dir/expected.code")
[ "$code" = "$expected_code" ] || fail "exit code $code, expected $expected_code"

if [ -f "$case_dir/expected.files" ]; then
  (cd "$work/case" && { [ -d out ] && find out -type f -o -type l; } | LC_ALL=C sort) \
    > "$work/result/files"
  compare "$case_dir/expected.files" "$work/result/files" "list of files under out/"
fi

if [ -d "$case_dir/expected-out" ]; then
  while IFS= read -r -d '' want; do
    rel=${want#"$case_dir/expected-out/"}
    if [ ! -f "$work/case/out/$rel" ]; then
      fail "out/$rel was not written"
    else
      compare "$want" "$work/case/out/$rel" "out/$rel"
    fi
  done < <(find "$case_dir/expected-out" -type f -print0 | LC_ALL=C sort -z)
fi

for entry in "$work"/* "$work"/.[!.]*; do
  [ -e "$entry" ] || [ -L "$entry" ] || continue
  case "${entry##*/}" in
    case|result|outside.csv) ;;
    *) fail "the run wrote outside its folder: ${entry##*/}" ;;
  esac
done

[ "$failed" = 0 ] && echo "ok $name"
exit "$failed"
