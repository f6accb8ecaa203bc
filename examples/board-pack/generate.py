#!/usr/bin/env python3
"""Generate the board pack's own illustrative data (examples/board-pack/data/) and check it.

    python3 examples/board-pack/generate.py           # write the files, then check them
    python3 examples/board-pack/generate.py --check   # only check the files already written

ILLUSTRATIVE, NOT REAL RECORDS. The pack reuses examples/data/ for everything
it can (see PACK.lua); the one thing missing there is a whole year of stop and
search, which the Home Office's rates per 1,000 need. This writes twelve
data.police.uk monthly files, April 2021 to March 2022, West Midlands style,
holding exactly the published person searches of the year ending March 2022
(Black 3,973 and White 9,713: 24.2 and 5.1 per 1,000 with Census 2011
denominators, ratio 4.8; ../../shared/data/real/REFERENCE.md). Everything else
(the Asian, Mixed and Other counts, searches with no stated ethnicity,
vehicle-only searches, dates, ages, legislation, outcomes) is invented.
Coordinates are left blank to keep the files small.

Standard library only; one fixed seed and no clock, so the files come out the
same byte for byte every time. It borrows the vocabularies and helpers of
examples/data/generate.py rather than repeating them.
"""

import csv
import datetime as dt
import importlib.util
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

_spec = importlib.util.spec_from_file_location("example_data", os.path.join(HERE, "..", "data", "generate.py"))
example = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(example)

# Person searches in the year ending March 2022, by self-defined ethnic group.
# Black and White are the published counts; the rest are invented at plausible
# volumes. "Not stated" is the label "Other ethnic group - Not stated"; "" is
# a blank ethnicity.
PERSON = {"Asian": 5180, "Black": 3973, "Mixed": 780, "White": 9713, "Other": 410,
          "Not stated": 2650, "": 120}
VEHICLE_ONLY = 310
# Relative volume by month, April to March (invented: a summer peak).
MONTH_WEIGHTS = [96, 101, 104, 108, 106, 99, 98, 95, 90, 94, 100, 109]
MONTHS = [(2021 + (m - 1) // 12, (m - 1) % 12 + 1) for m in range(4, 16)]
# British Summer Time in 2021-22: until 31 October 2021 and again from 27 March 2022.
BST_ENDS = dt.datetime(2021, 10, 31, 2, 0)
BST_STARTS = dt.datetime(2022, 3, 27, 1, 0)


def file_name(year, month):
    return f"{year}-{month:02d}-west-midlands-stop-and-search.csv"


def offset(t):
    return "+01:00" if t < BST_ENDS or t >= BST_STARTS else "+00:00"


def month_rows(r, year, month, counts):
    """The searches of one month: counts maps a group ("", "Not stated",
    "Vehicle only" or one of the five) to its number of searches."""
    first = dt.datetime(year, month, 1)
    days = ((first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - first).days
    rows = []
    for group, n in counts.items():
        for _ in range(n):
            t = first + dt.timedelta(minutes=r.randint(0, days * 24 * 60 - 1))
            leg, obj = r.choices([(l, o) for l, o, _ in example.LEGISLATION],
                                 weights=[w for _, _, w in example.LEGISLATION])[0]
            outcomes = example.OUTCOMES_2019
            outcome = r.choices([o for o, _ in outcomes], weights=[w for _, w in outcomes])[0]
            linked = "" if outcome in ("A no further action disposal", "") else (
                "True" if r.random() < 0.7 else "False")
            if group == "Vehicle only":
                rows.append(["Vehicle search", t, "", "", "", "", "", "", "", "", leg, obj, outcome,
                             linked, ""])
                continue
            kind = "Person and Vehicle search" if r.random() < 0.13 else "Person search"
            age = r.choices(["10-17", "18-24", "25-34", "over 34", ""], weights=[22, 36, 24, 16, 2])[0]
            if group in example.GROUPS:
                sde = example.pick_detail(r, group)
            elif group == "Not stated":
                sde = "Other ethnic group - Not stated"
            else:
                sde = ""
            ode = group if group in example.GROUPS and r.random() < 0.15 else ""
            removal = "True" if r.random() < 0.03 else "False"
            rows.append([kind, t, "", "", "", "", "", age, sde, ode, leg, obj, outcome, linked, removal])
    rows.sort(key=lambda x: x[1])
    for x in rows:
        x[1] = x[1].strftime("%Y-%m-%dT%H:%M:%S") + offset(x[1])
    return rows


def generate():
    os.makedirs(DATA, exist_ok=True)
    r = example.rng_for("board-pack-stop-search")
    totals = dict(PERSON)
    totals["Vehicle only"] = VEHICLE_ONLY
    per_month = {g: example.apportion(n, MONTH_WEIGHTS) for g, n in totals.items()}
    for i, (year, month) in enumerate(MONTHS):
        rows = month_rows(r, year, month, {g: per_month[g][i] for g in totals})
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(example.SS_HEADER)
        w.writerows(rows)
        with open(os.path.join(DATA, file_name(year, month)), "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())


def check():
    failed = 0

    def eq(what, got, want):
        nonlocal failed
        ok = got == want
        failed += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {what}: {got}" + ("" if ok else f" (want {want})"))

    counts = {g: 0 for g in PERSON}
    vehicle = 0
    offsets_right = True
    for year, month in MONTHS:
        with open(os.path.join(DATA, file_name(year, month)), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for x in rows:
            t = dt.datetime.strptime(x["Date"][:19], "%Y-%m-%dT%H:%M:%S")
            offsets_right &= x["Date"].endswith(offset(t)) and (t.year, t.month) == (year, month)
            if x["Type"] == "Vehicle search":
                vehicle += 1
                continue
            label = x["Self-defined ethnicity"]
            counts["" if label == "" else example.group_of(label)] += 1
    print(f"{len(MONTHS)} files, {file_name(*MONTHS[0])} to {file_name(*MONTHS[-1])}")
    eq("person searches by group", counts, PERSON)
    eq("vehicle-only searches", vehicle, VEHICLE_ONLY)
    eq("every date in its file's month, with the offset of its season", offsets_right, True)
    black, white = counts["Black"] / 164069 * 1000, counts["White"] / 1919138 * 1000
    eq("Black per 1,000 (published 24.2)", round(black, 1), 24.2)
    eq("White per 1,000 (published 5.1)", round(white, 1), 5.1)
    eq("ratio (published 4.8; 4.785 recomputed)", round(black / white, 3), 4.785)
    print("all checks passed" if not failed else f"{failed} check(s) FAILED")
    return failed == 0


def main():
    if "--check" not in sys.argv[1:]:
        generate()
    sys.exit(0 if check() else 1)


if __name__ == "__main__":
    main()
