#!/usr/bin/env python3
"""CSV conformance: rapkit's loader (through csv_dump) against expected output.

usage: run_conformance.py CSV_DUMP CONFORMANCE_DIR [SHARED_TESTDATA_DIR]

- csv-spectrum (and its two extras): every case except location_coordinates,
  which is broken upstream, must give exactly the expected JSON.
- police-uk: each real data.police.uk file must give the same header, rows
  and values as Python's csv module reads.
- csv-test-data (read from ../shared when present; its licence does not allow
  copying it here): its bad-* files must be rejected with a path:line message.
Prints one line per case and "N passed, N failed" at the end.
"""
import csv
import glob
import json
import os
import re
import subprocess
import sys

dump, here = sys.argv[1], sys.argv[2]
shared = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "../../../shared/testdata/csv")
passed = failed = 0


def result(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    %s" % name)
    else:
        failed += 1
        print("FAIL  %s %s" % (name, detail))


def run(path, *args):
    return subprocess.run([dump, path, *args], capture_output=True)


cases = sorted(glob.glob(os.path.join(here, "csv-spectrum/csvs/*.csv")))
cases += sorted(glob.glob(os.path.join(here, "csv-spectrum/extras/*.csv")))
for path in cases:
    name = os.path.splitext(os.path.basename(path))[0]
    if name == "location_coordinates":
        continue
    expected_path = path.replace("/csvs/", "/json/")[:-4] + ".json"
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    p = run(path)
    if p.returncode != 0:
        result("csv-spectrum/" + name, False, p.stderr.decode(errors="replace"))
        continue
    got = json.loads(p.stdout.decode("utf-8"))
    result("csv-spectrum/" + name, got == expected, "\n  got      %r\n  expected %r" % (got, expected))

for path in sorted(glob.glob(os.path.join(here, "police-uk/*.csv"))):
    name = "police-uk/" + os.path.basename(path)
    with open(path, newline="", encoding="utf-8") as f:
        expected = [row for row in csv.reader(f)]
    p = run(path, "--rows")
    if p.returncode != 0:
        result(name, False, p.stderr.decode(errors="replace"))
        continue
    got = json.loads(p.stdout.decode("utf-8"))
    ok = got == expected
    detail = ""
    if not ok:
        detail = "rows got %d expected %d" % (len(got), len(expected))
        for i, (a, b) in enumerate(zip(got, expected)):
            if a != b:
                detail += "; first difference at line %d: %r vs %r" % (i + 1, a, b)
                break
    result(name, ok, detail)

# Invalid files must fail with "path:line: message".
bad = sorted(glob.glob(os.path.join(shared, "csv-test-data/csv/bad-*.csv")))
if not bad:
    print("note  csv-test-data not found at %s: its invalid-file cases were not run" % shared)
for path in bad:
    base = os.path.basename(path)
    if base == "bad-header-wrong-header.csv":
        continue  # about a caller-supplied header, which rapkit does not take
    p = run(path)
    msg = p.stderr.decode(errors="replace")
    ok = p.returncode == 1 and re.search(re.escape(path) + r":\d+: ", msg) is not None
    result("csv-test-data/" + base, ok, msg)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
