#!/usr/bin/env bash
# Regenerates the reference images of the chart output checks
# (tests/output/reference/*.png) from the charts the current build draws.
# Run it only when a chart is meant to look different; then look at every
# image it lists and commit them with the change that caused it.
# usage: tools/update-reference-images.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ -f "$build/CMakeCache.txt" ] || { echo "update-reference-images: no CMake build in $build (run make build first)" >&2; exit 2; }
cmake --build "$build" --target rapkit png_compare >/dev/null
python3 "$root/tests/output/check_outputs.py" "$build/cli/rapkit" "$root/tests/output" \
  "$build/tests/png_compare" --update-references | grep -v '^ok '
git -C "$root" status --short -- tests/output/reference
