#!/usr/bin/env bash
# check_man.sh MANPAGE: the man page formats with groff's man macros and
# every warning on (-ww) without a single one. Skipped (77) without groff.
set -u
[ $# -eq 1 ] || { echo "usage: $0 MANPAGE" >&2; exit 2; }
command -v groff > /dev/null || { echo "groff is not installed: skipped"; exit 77; }
warnings=$(groff -man -Tutf8 -ww -z "$1" 2>&1)
if [ -n "$warnings" ]; then
  echo "FAIL: groff warns about $1:"
  echo "$warnings"
  exit 1
fi
text=$(groff -man -Tutf8 -P-cbou "$1" 2>/dev/null)   # plain text: no bold or underline
case "$text" in
  *NAME*SYNOPSIS*DESCRIPTION*OPTIONS*"EXIT STATUS"*) echo "ok $1" ;;
  *) echo "FAIL: $1 lacks a NAME, SYNOPSIS, DESCRIPTION, OPTIONS or EXIT STATUS section"; exit 1 ;;
esac
