#!/bin/sh
# Installs the Debian packages rapkit builds, tests and runs with, if missing.
# Used by the Makefile; safe to run repeatedly (it installs only what is absent).
set -eu

PACKAGES="build-essential cmake pkg-config
liblua5.4-dev libcsv-dev libcairo2-dev libpango1.0-dev libpng-dev nettle-dev
fonts-dejavu-core gnuplot-nox
python3 poppler-utils groff-base"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

echo "installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
