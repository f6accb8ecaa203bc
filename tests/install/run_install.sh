#!/usr/bin/env bash
# run_install.sh CMAKE BUILD_DIR SOURCE_DIR: `cmake --install` into a fresh
# prefix puts each file where the README says, and the installed binary, run
# from a folder outside the source tree with RAPKIT_PATH unset, finds the
# metric library in the install (and only there), also after the whole
# prefix is moved elsewhere.
set -u
[ $# -eq 3 ] || { echo "usage: $0 CMAKE BUILD_DIR SOURCE_DIR" >&2; exit 2; }
cmake=$1 build=$2 src=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-install.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $1"; failed=1; }

if ! "$cmake" --install "$build" --prefix "$work/prefix" > "$work/install.log" 2>&1; then
  cat "$work/install.log"
  echo "FAIL: cmake --install failed"
  exit 1
fi

for f in bin/rapkit share/rapkit/scripts/disproportionality.lua share/rapkit/scripts/metric_common.lua \
         share/rapkit/types/rapkit.lua share/rapkit/types/find_rate.lua \
         share/doc/rapkit/README.md share/doc/rapkit/reference.md share/doc/rapkit/kinds.md \
         share/doc/rapkit/tutorial.md share/doc/rapkit/cookbook.md share/doc/rapkit/images/tutorial-ratios.png \
         share/man/man1/rapkit.1; do
  [ -f "$work/prefix/$f" ] || fail "cmake --install did not write $f"
done
[ -x "$work/prefix/bin/rapkit" ] || fail "bin/rapkit is not executable"
for f in "$src"/scripts/*.lua; do
  cmp -s "$f" "$work/prefix/share/rapkit/scripts/${f##*/}" || fail "scripts/${f##*/} not installed as is"
done
[ -e "$work/prefix/share/doc/rapkit/rapkit.1" ] && fail "the man page is installed among the docs too"

mkdir "$work/analysis"
cat > "$work/analysis/script.lua" <<'LUA'
local find_rate = require("find_rate")
print(type(find_rate.run), type(require("disproportionality").phrases))
require("nosuch")
LUA

# run_from PREFIX: runs the script with PREFIX's binary; checks what it found.
run_from() {
  local prefix=$1
  (cd "$work/analysis" && env -u RAPKIT_PATH "$prefix/bin/rapkit" run script.lua --out out) \
    > "$work/stdout" 2> "$work/stderr"
  local code=$?
  [ "$code" = 3 ] || fail "installed rapkit in $prefix: exit code $code, expected 3"
  [ "$(cat "$work/stdout")" = "$(printf 'function\tfunction')" ] ||
    fail "installed rapkit in $prefix did not load the modules: $(cat "$work/stdout" "$work/stderr")"
  local want="rapkit: script.lua:3: require: no module 'nosuch': looked for nosuch.lua in ., $prefix/share/rapkit/scripts"
  [ "$(cat "$work/stderr")" = "$want" ] ||
    fail "installed rapkit in $prefix searched elsewhere than the install: $(cat "$work/stderr")"
}
run_from "$work/prefix"
mv "$work/prefix" "$work/moved"
run_from "$work/moved"

[ "$failed" = 0 ] && echo "ok install"
exit "$failed"
