#!/usr/bin/env python3
"""Generate the illustrative example data in examples/data/ and check it.

    python3 examples/data/generate.py            # write every CSV, then check them
    python3 examples/data/generate.py --check    # only check the CSVs already written

Standard library only. The output depends on nothing but this file: one fixed
seed, no clock, no environment. Running it twice gives byte-identical files.

Every file is ILLUSTRATIVE: made up to match the totals published in the West
Midlands Police Race Action Plan reports of March 2025 (../shared/context), not
real records. The exceptions are the two Census 2011 population files, which
hold real published counts (ONS, Open Government Licence v3); see README.md.

The layouts (headers, types, allowed values) are defined in docs/kinds.md.
"""

import csv
import datetime as dt
import io
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250325  # the date of the board the reports were written for


def rng_for(name):
    """A separate deterministic generator per file, so editing one file's
    recipe does not change the others."""
    return random.Random(f"{SEED}:{name}")


def write_csv(name, header, rows):
    path = os.path.join(HERE, name)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), (name, r)
        w.writerow(["" if v is None else v for v in r])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return path


def read_csv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def apportion(total, weights):
    """Split an integer total in proportion to weights (largest remainder).
    The parts always sum to total exactly."""
    s = float(sum(weights))
    raw = [total * w / s for w in weights]
    parts = [int(math.floor(x)) for x in raw]
    short = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:short]:
        parts[i] += 1
    return parts


def expand(counts):
    """{'a': 2, 'b': 1} -> ['a', 'a', 'b'] in the dict's order."""
    out = []
    for k, n in counts.items():
        out.extend([k] * n)
    return out


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# Ethnicity vocabulary: the 2011 Census 18 categories as data.police.uk writes
# them, grouped into the five ONS groups. (docs/kinds.md has the full mapping.)
DETAIL_2011 = {
    "White": [
        ("White - English/Welsh/Scottish/Northern Irish/British", 90),
        ("White - Irish", 2),
        ("White - Gypsy or Irish Traveller", 0.3),
        ("White - Any other White background", 7.7),
    ],
    "Mixed": [
        ("Mixed/Multiple ethnic groups - White and Black Caribbean", 45),
        ("Mixed/Multiple ethnic groups - White and Black African", 10),
        ("Mixed/Multiple ethnic groups - White and Asian", 25),
        ("Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background", 20),
    ],
    "Asian": [
        ("Asian/Asian British - Indian", 35),
        ("Asian/Asian British - Pakistani", 40),
        ("Asian/Asian British - Bangladeshi", 8),
        ("Asian/Asian British - Chinese", 5),
        ("Asian/Asian British - Any other Asian background", 12),
    ],
    "Black": [
        ("Black/African/Caribbean/Black British - African", 45),
        ("Black/African/Caribbean/Black British - Caribbean", 40),
        ("Black/African/Caribbean/Black British - Any other Black/African/Caribbean background", 15),
    ],
    "Other": [
        ("Other ethnic group - Arab", 40),
        ("Other ethnic group - Any other ethnic group", 60),
    ],
}
GROUPS = ["Asian", "Black", "Mixed", "White", "Other"]  # display order


def pick_detail(r, group):
    labels = DETAIL_2011[group]
    return r.choices([l for l, _ in labels], weights=[w for _, w in labels])[0]


# ---------------------------------------------------------------------------
# 1. workforce_events: joiners and leavers, 1 April 2024 to 31 March 2025.
#
# Published (background report, "Black joiner and leaver figures", 12 months):
#   joiners  Police Officer 14 (3 female), Police Staff 18 (11 female)
#   leavers  Police Officer 13 (4 female), Police Staff 11 (7 female)
# Everything else (other groups, ranks, grades, reasons, dates) is invented at
# plausible volumes for a force of about 12,000 officers and staff.

WE_FILE = "workforce-events-2024-25.csv"
WE_HEADER = ["Id", "Event", "Date", "Worker type", "Rank or grade", "Gender", "Ethnicity",
             "Leaving reason"]
WE_START, WE_END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)

# (event, worker type) -> counts by ethnic group; "" = not recorded (empty cell)
WE_COUNTS = {
    ("Joiner", "Police Officer"): {"Asian": 72, "Black": 14, "Mixed": 18, "White": 400,
                                   "Other": 6, "Not stated": 8, "": 2},
    ("Joiner", "Police Staff"):   {"Asian": 55, "Black": 18, "Mixed": 13, "White": 330,
                                   "Other": 5, "Not stated": 7, "": 2},
    ("Leaver", "Police Officer"): {"Asian": 32, "Black": 13, "Mixed": 9, "White": 405,
                                   "Other": 3, "Not stated": 7, "": 1},
    ("Leaver", "Police Staff"):   {"Asian": 30, "Black": 11, "Mixed": 8, "White": 330,
                                   "Other": 3, "Not stated": 7, "": 1},
}
# Black women, exactly as published
WE_BLACK_FEMALE = {
    ("Joiner", "Police Officer"): 3, ("Joiner", "Police Staff"): 11,
    ("Leaver", "Police Officer"): 4, ("Leaver", "Police Staff"): 7,
}
WE_FEMALE_SHARE = {"Police Officer": 0.40, "Police Staff": 0.62}

OFFICER_RANKS = ["Constable", "Sergeant", "Inspector", "Chief Inspector",
                 "Superintendent", "Chief Superintendent", "Chief Officer"]
STAFF_GRADES = ["Grade A", "Grade B", "Grade C", "Grade D", "Grade E",
                "Grade F", "Grade G", "Grade H"]
WE_RANK_WEIGHTS = {
    ("Joiner", "Police Officer"): [96, 2.5, 1, 0.3, 0.2, 0, 0],
    ("Leaver", "Police Officer"): [70, 16, 8, 3, 2, 0.8, 0.2],
    ("Joiner", "Police Staff"): [4, 14, 22, 24, 16, 11, 6, 3],
    ("Leaver", "Police Staff"): [4, 12, 20, 22, 17, 12, 8, 5],
}
# Black leavers' ranks and reasons, fixed so the small numbers read sensibly
WE_BLACK_LEAVER_RANKS = {"Police Officer": ["Constable"] * 11 + ["Sergeant"] * 2}
WE_REASONS = {
    "Police Officer": [("Resignation", 45), ("Retirement", 35), ("Ill-health retirement", 4),
                       ("Transfer", 10), ("Dismissal", 2), ("Death", 0.5), ("Other", 2),
                       ("", 1.5)],
    "Police Staff": [("Resignation", 60), ("Retirement", 18), ("End of contract", 12),
                     ("Ill-health retirement", 2), ("Transfer", 1), ("Dismissal", 2),
                     ("Death", 0.5), ("Other", 3), ("", 1.5)],
}
WE_BLACK_REASONS = {
    "Police Officer": {"Resignation": 7, "Retirement": 3, "Transfer": 2,
                       "Ill-health retirement": 1},
    "Police Staff": {"Resignation": 7, "End of contract": 2, "Retirement": 1, "Other": 1},
}
# Officer intakes: recruits join in cohorts on these dates (illustrative)
OFFICER_INTAKES = [dt.date(2024, 4, 8), dt.date(2024, 5, 13), dt.date(2024, 6, 10),
                   dt.date(2024, 7, 8), dt.date(2024, 9, 2), dt.date(2024, 10, 7),
                   dt.date(2024, 11, 11), dt.date(2025, 1, 13), dt.date(2025, 2, 10),
                   dt.date(2025, 3, 10)]


def gen_workforce_events():
    r = rng_for("workforce_events")
    weekdays = [d for d in days(WE_START, WE_END) if d.weekday() < 5]
    month_ends = sorted({(d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                         - dt.timedelta(days=1) for d in days(WE_START, WE_END)})
    rows = []
    for (event, wtype), counts in WE_COUNTS.items():
        key = (event, wtype)
        people = []
        for group, n in counts.items():
            if group == "Black":
                nf = WE_BLACK_FEMALE[key]
                genders = ["Female"] * nf + ["Male"] * (n - nf)
            else:
                genders = ["Female" if r.random() < WE_FEMALE_SHARE[wtype] else "Male"
                           for _ in range(n)]
                # a few people whose gender is not stated (not among Black rows,
                # so the published female counts stay exact)
                if group == "White" and event == "Joiner":
                    genders[0] = "Not stated"
            for g in genders:
                people.append({"group": group, "gender": g})
        # ranks or grades
        levels = OFFICER_RANKS if wtype == "Police Officer" else STAFF_GRADES
        weights = WE_RANK_WEIGHTS[key]
        black = [p for p in people if p["group"] == "Black"]
        others = [p for p in people if p["group"] != "Black"]
        if event == "Leaver" and wtype in WE_BLACK_LEAVER_RANKS:
            for p, rank in zip(black, WE_BLACK_LEAVER_RANKS[wtype]):
                p["rank"] = rank
        elif event == "Joiner" and wtype == "Police Officer":
            for p in black:
                p["rank"] = "Constable"
        else:
            for p in black:
                p["rank"] = r.choices(levels, weights=weights)[0]
        ranks = expand(dict(zip(levels, apportion(len(others), weights))))
        r.shuffle(ranks)
        for p, rank in zip(others, ranks):
            p["rank"] = rank
        # leaving reasons
        if event == "Leaver":
            reasons = expand(WE_BLACK_REASONS[wtype])
            r.shuffle(reasons)
            for p, reason in zip(black, reasons):
                p["reason"] = reason
            labels = [x for x, _ in WE_REASONS[wtype]]
            w = [x for _, x in WE_REASONS[wtype]]
            for p in others:
                p["reason"] = r.choices(labels, weights=w)[0]
            for p in people:
                if p["rank"] in ("Superintendent", "Chief Superintendent", "Chief Officer",
                                 "Chief Inspector") and p["reason"] == "End of contract":
                    p["reason"] = "Retirement"
        # dates
        for p in people:
            if event == "Joiner" and wtype == "Police Officer" and p["rank"] == "Constable":
                p["date"] = r.choice(OFFICER_INTAKES)
            elif event == "Leaver" and p.get("reason") == "Retirement" and r.random() < 0.6:
                p["date"] = r.choice(month_ends)
            else:
                p["date"] = r.choice(weekdays)
        for p in people:
            if p["group"] in GROUPS:
                label = pick_detail(r, p["group"])
            elif p["group"] == "Not stated":
                label = "Prefer not to say" if r.random() < 0.3 else "Not stated"
            else:
                label = ""  # not recorded
            rows.append([None, event, p["date"].isoformat(), wtype, p["rank"], p["gender"],
                         label, p.get("reason", "")])
    # Two staff who joined and left within the year: the leaver rows reuse the
    # joiner's Id (an Id is a person, stable across the extract).
    rows.sort(key=lambda x: (x[2], x[1], x[3], x[6], x[4], x[5], x[7]))
    ids = r.sample(range(0x100000, 0xFFFFFF), len(rows))
    for row, i in zip(rows, ids):
        row[0] = f"P{i:06X}"
    staff_joiners = [x for x in rows if x[1] == "Joiner" and x[3] == "Police Staff"
                     and x[6].startswith("White") and x[2] < "2024-07-01"]
    staff_leavers = [x for x in rows if x[1] == "Leaver" and x[3] == "Police Staff"
                     and x[6].startswith("White") and x[2] > "2024-12-01" and x[7] == "Resignation"]
    for j, l in zip(staff_joiners[:2], staff_leavers[:2]):
        l[0] = j[0]
        l[4], l[5], l[6] = j[4], j[5], j[6]
    return write_csv(WE_FILE, WE_HEADER, rows)


# ---------------------------------------------------------------------------
# 2. say_to_stay: requests to the 'Say to Stay' listening service.
# Published: 5 requests from Black and Black Heritage employees = 4.13% of all
# requests (so 121 in all: 5/121 = 4.13%); of the 5, 4 police officers (1 in
# their probationary period) and 1 police staff; all 5 remain (July 2024).
# Reasons were not captured. Dates, and everything about the other 116
# requests, are invented. Dates are written dd/mm/yyyy on purpose (an Excel
# export): docs/kinds.md says both forms are accepted.

STS_FILE = "say-to-stay-2023-24.csv"
STS_HEADER = ["Id", "Date", "Worker type", "Probationer", "Ethnicity", "Outcome",
              "Outcome date", "Reason"]


def gen_say_to_stay():
    r = rng_for("say_to_stay")
    start, end = dt.date(2023, 10, 2), dt.date(2024, 6, 28)
    weekdays = [d for d in days(start, end) if d.weekday() < 5]
    people = []
    black = [("Police Officer", "Yes"), ("Police Officer", "No"), ("Police Officer", "No"),
             ("Police Officer", "No"), ("Police Staff", "")]
    for wt, prob in black:
        people.append({"group": "Black", "wt": wt, "prob": prob, "outcome": "Remained"})
    others = {"White": 96, "Asian": 11, "Mixed": 4, "Other": 2, "Not stated": 3}
    for g, n in others.items():
        for _ in range(n):
            wt = "Police Officer" if r.random() < 0.6 else "Police Staff"
            prob = ("Yes" if r.random() < 0.2 else "No") if wt == "Police Officer" else ""
            people.append({"group": g, "wt": wt, "prob": prob})
    outcomes = expand({"Remained": 80, "Left": 28, "Open": 8})
    r.shuffle(outcomes)
    for p, o in zip([p for p in people if "outcome" not in p], outcomes):
        p["outcome"] = o
    for p in people:
        p["date"] = r.choice(weekdays)
    people.sort(key=lambda p: (p["date"], p["group"], p["wt"]))
    rows = []
    for i, p in enumerate(people, 1):
        d = p["date"]
        if p["outcome"] == "Open":
            od = ""
        elif p["outcome"] == "Remained":
            od = "31/07/2024"
        else:
            od = min(d + dt.timedelta(days=r.randint(20, 70)), dt.date(2024, 7, 31))
            od = od.strftime("%d/%m/%Y")
        rows.append([f"STS{i:03d}", d.strftime("%d/%m/%Y"), p["wt"], p["prob"],
                     p["group"], p["outcome"], od, ""])
    return write_csv(STS_FILE, STS_HEADER, rows)


# ---------------------------------------------------------------------------
# 3. workforce: Home Office open data table layout, West Midlands, as at
# 31 March 2019 and 31 March 2024, police officers by rank and police staff.
# Published (background report): ethnic minority representation 12.4% (2019)
# to 16.3%; ethnic minority officers 10.8% to 14.3%; Black representation
# unchanged (about 2%, the Say to Stay paragraph's "force representation of
# 2%"); "5 times less Black employees than Asian employees"; the most senior
# Black officer is a superintendent. Representation here = people in the four
# ethnic minority groups (Asian, Black, Mixed, Other) / people whose ethnicity
# is stated, headcount, officers + staff. The report does not give the end
# date: 31 March 2024 is assumed. All counts are invented to fit.

WF_FILE = "workforce-west-midlands-2019-2024.csv"
WF_HEADER = ["As at 31 March...", "Geo code", "Force Name", "Region", "Gender",
             "Rank description", "Worker type", "Ethnicity", "Ethnic group",
             "Total (headcount)", "Total (FTE)"]
HO_ETHNICITY = {  # Home Office 'Ethnicity' value -> five-group key used here
    2019: [("Asian or Asian British", "Asian"), ("Black or Black British", "Black"),
           ("Chinese or Other Ethnic Group (pre 2021 category)", "Other"),
           ("Mixed", "Mixed"), ("Not stated", "Not stated"), ("White", "White")],
    2024: [("Asian or Asian British", "Asian"), ("Black or Black British", "Black"),
           ("Mixed", "Mixed"), ("Not stated", "Not stated"),
           ("Other ethnic group", "Other"), ("White", "White")],
}
# headcount by year, worker type, group (designed: see README for the sums)
WF_TOTALS = {
    (2019, "Police Officer"): {"Asian": 400, "Black": 118, "Mixed": 120, "Other": 53,
                               "White": 5709, "Not stated": 120},
    (2019, "Police Staff"):   {"Asian": 300, "Black": 82, "Mixed": 130, "Other": 37,
                               "White": 3051, "Not stated": 180},
    (2024, "Police Officer"): {"Asian": 640, "Black": 130, "Mixed": 200, "Other": 60,
                               "White": 6170, "Not stated": 150},
    (2024, "Police Staff"):   {"Asian": 520, "Black": 102, "Mixed": 160, "Other": 79,
                               "White": 3539, "Not stated": 250},
}
RANK_WEIGHTS = [5700, 1050, 380, 110, 45, 18, 7]  # Constable .. Chief Officer
# Black officers by rank, fixed: few above sergeant; the most senior is a
# superintendent in 2024 (none in 2019)
WF_BLACK_RANKS = {2019: [100, 14, 3, 1, 0, 0, 0], 2024: [105, 18, 5, 1, 1, 0, 0]}
FEMALE_BY_RANK = {2019: [0.34, 0.26, 0.24, 0.22, 0.20, 0.18, 0.25],
                  2024: [0.38, 0.30, 0.28, 0.26, 0.24, 0.22, 0.30]}
STAFF_FEMALE = 0.62


def ho_number(n):
    """Home Office style: ' -' for nil, else the number padded with spaces and
    with thousands separators (' 7 ', ' 1,030 ')."""
    if n == 0:
        return " -"
    return f" {n:,} "


def gen_workforce():
    r = rng_for("workforce")
    rows = []
    for year in (2019, 2024):
        for wt in ("Police Officer", "Police Staff"):
            totals = WF_TOTALS[(year, wt)]
            cells = {}  # (gender, rank, key) -> n
            if wt == "Police Officer":
                for key, n in totals.items():
                    if key == "Black":
                        by_rank = WF_BLACK_RANKS[year]
                    else:
                        w = list(RANK_WEIGHTS)
                        # ethnic minority officers are newer in service: fewer at
                        # senior ranks
                        if key != "White":
                            w = [w[0] * 1.25] + w[1:4] + [x * 0.5 for x in w[4:]]
                        by_rank = apportion(n, w)
                    assert sum(by_rank) == n
                    for rank, k in zip(OFFICER_RANKS, by_rank):
                        fs = FEMALE_BY_RANK[year][OFFICER_RANKS.index(rank)]
                        f = apportion(k, [fs, 1 - fs])[0] if k else 0
                        cells[("Female", rank, key)] = f
                        cells[("Male", rank, key)] = k - f
            else:
                for key, n in totals.items():
                    f = apportion(n, [STAFF_FEMALE, 1 - STAFF_FEMALE])[0]
                    cells[("Female", "Police Staff", key)] = f
                    cells[("Male", "Police Staff", key)] = n - f
            ranks = OFFICER_RANKS if wt == "Police Officer" else ["Police Staff"]
            for gender in ("Female", "Male"):
                for rank in ranks:
                    for label, key in HO_ETHNICITY[year]:
                        n = cells[(gender, rank, key)]
                        fte_share = 0.985 if wt == "Police Officer" else (
                            0.84 if gender == "Female" else 0.96)
                        fte = int(round(n * fte_share)) if n else 0
                        if n and fte == 0:
                            fte = 1
                        ho_group = ("White" if key == "White" else "Not stated"
                                    if key == "Not stated" else
                                    "Black, Asian and Minority Ethnic")
                        rows.append([str(year), "E23000014", "West Midlands",
                                     "West Midlands", gender, rank, wt, label, ho_group,
                                     ho_number(n), ho_number(fte)])
    return write_csv(WF_FILE, WF_HEADER, rows)


# ---------------------------------------------------------------------------
# 4. s136 monthly series and one month of detentions.
# Published (background report, "Mental Health - RCRP"): approx. 214 detentions
# a month before RCRP go-live, 196 over the first 4 months after; over 70% do
# not result in sectioning; monthly appropriate attendance (dip sampling since
# go-live) 92-95%; the data are not broken down by ethnicity. The go-live date
# is not given in the reports: 1 February 2024 is assumed (see README.md).

S136_FILE = "s136-monthly.csv"
S136_HEADER = ["Month", "Detentions", "Sectioned", "Conveyed by ambulance",
               "Conveyed by police vehicle", "Conveyed other", "Asian", "Black", "Mixed",
               "White", "Other ethnic group", "Not stated", "Dip sample checked",
               "Dip sample appropriate"]
S136_DET_FILE = "s136-detentions-2024-05.csv"
S136_DET_HEADER = ["Id", "Date", "Ethnicity", "Outcome", "Conveyance"]
GO_LIVE = dt.date(2024, 2, 1)
PRE_MONTHS = [(2022 + (m - 1) // 12, (m - 1) % 12 + 1) for m in range(4, 26)]  # 2022-04..2024-01
POST_MONTHS = [(2024, 2), (2024, 3), (2024, 4), (2024, 5)]
POST_DETENTIONS = [192, 199, 195, 198]           # mean 196
POST_DIP = [(163, 150), (172, 161), (160, 152), (168, 158)]  # 92.0 93.6 95.0 94.0 %


def gen_s136():
    r = rng_for("s136")
    # pre go-live: seasonal wobble around 214, then forced to mean exactly 214
    pre = [214 + round(9 * math.sin((m - 3) / 12 * 2 * math.pi)) + r.randint(-8, 8)
           for (_, m) in PRE_MONTHS]
    while sum(pre) != 214 * len(pre):  # spread the rounding over random months
        pre[r.randrange(len(pre))] += 1 if sum(pre) < 214 * len(pre) else -1
    assert sum(pre) == 214 * len(pre)
    rows = []
    series = list(zip(PRE_MONTHS, pre)) + list(zip(POST_MONTHS, POST_DETENTIONS))
    for (y, m), n in series:
        post = dt.date(y, m, 1) >= GO_LIVE
        sectioned = int(round(n * r.uniform(0.265, 0.292)))
        amb_share = r.uniform(0.40, 0.46) if not post else r.uniform(0.44, 0.50)
        amb = int(round(n * amb_share))
        other = r.randint(2, 6)
        not_recorded = r.randint(3, 9)
        police = n - amb - other - not_recorded
        if post:
            checked, appropriate = POST_DIP[POST_MONTHS.index((y, m))]
        else:
            checked = appropriate = None
        rows.append([f"{y}-{m:02d}", n, sectioned, amb, police, other,
                     None, None, None, None, None, None, checked, appropriate])
    write_csv(S136_FILE, S136_HEADER, rows)

    # one row per detention for May 2024, consistent with the May row above
    may = rows[-1]
    n, sectioned, amb, police, other = may[1], may[2], may[3], may[4], may[5]
    outcomes = ["Sectioned"] * sectioned
    rest = n - sectioned
    o = apportion(rest, [14, 58, 18, 3, 4])
    outcomes += expand(dict(zip(["Informal admission", "Discharged with referral",
                                 "Discharged no further action", "Other", ""], o)))
    conv = expand({"Ambulance": amb, "Police vehicle": police, "Other": other,
                   "": n - amb - police - other})
    # ethnicity is invented: the reports say the data are not broken down by it
    eth = expand(dict(zip(["White", "Black", "Asian", "Mixed", "Other", "Not stated", ""],
                          apportion(n, [60, 12, 12, 5, 2, 5, 4]))))
    r.shuffle(outcomes)
    r.shuffle(conv)
    r.shuffle(eth)
    dates = sorted(r.choice(list(days(dt.date(2024, 5, 1), dt.date(2024, 5, 31))))
                   for _ in range(n))
    det = []
    for i in range(n):
        det.append([f"D{2405000 + i + 1}", dates[i].isoformat(), eth[i], outcomes[i],
                    conv[i]])
    return write_csv(S136_DET_FILE, S136_DET_HEADER, det)


# ---------------------------------------------------------------------------
# 5. survey_actions: the eight actions on the second wave of the Black
# Workforce Survey, with owner and progress as the cover report (March 2025)
# states them, paraphrased. Status is not given by the reports: it is read from
# the progress text (31e "To be developed in 2025" = Not started; the rest In
# progress).

SA_FILE = "survey-actions.csv"
SA_HEADER = ["Ref", "Owner", "Action", "Progress", "Status", "Updated"]
SA_ROWS = [
    ["31a", "WMP",
     "Improve training for line managers (including action to take) around microaggression, harassment and bullying",
     "D&I are working with the Training and Leadership Development Team to develop content on Op Excellence and build more knowledge builders and guides on cultural competence. LFOBH includes discussion of racism and microaggressions; it is not aimed at line managers, but they are among those attending.",
     "In progress", "2025-03-25"],
    ["31b", "WMP", "Increase cultural competence across the force",
     "D&I and the WMP RAP Coordinator are reviewing options for 2025-6, including making the most of cultural calendar events and partnering with the PSD Learning and Intervention Team. LFOBH also contributes to cultural competence and awareness.",
     "In progress", "2025-03-25"],
    ["31c", "WMP", "Improve the transparency of promotions processes",
     "Quality Assessors from BAPA and other staff networks attend promotion boards. Work continues to develop support, through the staff networks, for colleagues interested in promotion.",
     "In progress", "2025-03-25"],
    ["31d", "WMP & National",
     "Consistent and meaningful engagement with Black Communities to encourage recruitment",
     "Workstream 3 has begun a number of digital and in-person engagement events. The police museum is building a network of local community influencers and partnership contacts; efforts to hold meaningful dialogue with them will continue.",
     "In progress", "2025-03-25"],
    ["31e", "WMP & National", "Increase knowledge on Positive Action and its benefits",
     "To be developed in 2025.", "Not started", "2025-03-25"],
    ["31f", "WMP & National", "Provide senior leader mentorship",
     "Op Synergy, launched in September 2024, directly addresses this action.",
     "In progress", "2025-03-25"],
    ["31g", "National",
     "Improve feedback processes and aim to build trust, inclusivity and promote healthy challenge",
     "The grievance process was redesigned in 2024 as Dispute Resolution, for local and timely ownership of concerns, with local HR supporting individual resolution while tracking themes and trends. Better reporting to the staff networks and more involvement of D&I and the WMP RAP Coordinator are in development.",
     "In progress", "2025-03-25"],
    ["31h", "National", "Have training delivered by internal trainers rather than external providers",
     "LFOBH (workstream 1) was built on this principle and has received positive feedback.",
     "In progress", "2025-03-25"],
]


def gen_survey_actions():
    return write_csv(SA_FILE, SA_HEADER, SA_ROWS)


# ---------------------------------------------------------------------------
# 6. activities: the impact-matrix activity log, 2024-25 Q1 to 2025-26 Q2.
# Activities the reports describe are dated when the reports say they
# happened (2024-25); the 2025-26 rows are the plans the reports state for
# 2025 (Women in Shade, Belgrave roll-out, more LFOBH sessions, scrutiny
# panels), delivered illustratively. Published figures reproduced:
#   LFOBH attendees since September 2024 (to the report): over 1,200
#   LFOBH facilitators trained, summer 2024: over 100
#   Elevate: 6 mentors, 11 mentees; Women in Shade cohort: 20
#   QR code communications: 1,500 intranet views by July 2024
#   Legacy Centre recruitment event: 30 attended
#   Sandwell engagement event, January 2025
# Any other reach, feedback score or date is invented.

ACT_FILE = "activities-2024-25-to-2025-26.csv"
ACT_HEADER = ["Id", "Date", "Workstream", "Workstream name", "Activity", "Activity type",
              "Department or LPA", "Reach", "Reach unit", "Audience", "Feedback score",
              "Feedback responses", "Evidence level", "Notes"]
WS_NAME = {1: "Represented", 2: "Not over-policed", 3: "Involved", 4: "Not under-protected"}
LPAS = ["Birmingham East", "Birmingham West", "Coventry", "Dudley", "Sandwell", "Solihull",
        "Walsall", "Wolverhampton"]
DEPARTMENTS = ["Force Response", "Force Contact", "Criminal Investigation Department",
               "Public Protection Unit", "Operations", "Intelligence", "People Services",
               "Corporate Communications"] + LPAS
LFOBH_TARGET_2024_25 = 1236  # "over 1,200" to the March 2025 report


def gen_activities():
    r = rng_for("activities")
    acts = []

    def add(date, ws, activity, atype, dept, reach, unit, audience, score=None,
            responses=None, level=1, notes=""):
        acts.append([None, date.isoformat(), ws, WS_NAME[ws], activity, atype, dept, reach,
                     unit, audience, score, responses, level, notes])

    # --- 2024-25, as reported -------------------------------------------------
    add(dt.date(2024, 4, 22), 3, "Stephen Lawrence Day videos and updates", "Campaign",
        "Corporate Communications", None, "", "Officers, staff and public", level=0,
        notes="Reach not counted")
    add(dt.date(2024, 5, 14), 3, "Stop and search video with Coventry Scrutiny Panel",
        "Campaign", "Coventry", None, "", "Public", level=0, notes="Reach not counted")
    add(dt.date(2024, 6, 12), 1, "Legacy Centre recruitment event", "Recruitment event",
        "People Services", 30, "attendees", "Black communities", level=3,
        notes="Over 100 confirmed, 30 attended, 5 applications (3 PC, 2 FC); see recruitment-funnel.csv")
    add(dt.date(2024, 6, 19), 3, "BBC Radio WM interview, ACC O'Hara", "Campaign",
        "Corporate Communications", None, "", "Public", level=0, notes="Reach not counted")
    for d, n in [(dt.date(2024, 6, 20), 36), (dt.date(2024, 7, 18), 35),
                 (dt.date(2024, 8, 22), 33)]:
        add(d, 1, "LFOBH facilitator training", "Training", "Force-wide", n, "facilitators",
            "Volunteer officers and staff", level=1, notes="One-day event to deliver LFOBH version 2")
    add(dt.date(2024, 6, 27), 1, "Elevate mentor training", "Mentoring", "Force-wide", 6,
        "mentors", "Black and Black Heritage officers and staff", level=1,
        notes="Cross-force pilot; evaluation at start, middle and end")
    add(dt.date(2024, 7, 4), 1, "Elevate mentee briefing and matching", "Mentoring",
        "Force-wide", 11, "mentees", "Black and Black Heritage officers and staff", level=1)
    add(dt.date(2024, 7, 11), 1, "LFOBH presented to the Afro-Caribbean Reference Group",
        "Engagement event", "Force-wide", 14, "attendees", "Community advisers", level=2,
        notes="Endorsed with a small amendment")
    add(dt.date(2024, 7, 16), 1, "Belgrave Theatre pilot workshop (After Preston)", "Workshop",
        "Op Guardian", 16, "participants", "Officers", 4.4, 12, 2)
    add(dt.date(2024, 8, 13), 1, "Belgrave Theatre pilot workshop (After Preston)", "Workshop",
        "Priority Teams", 14, "participants", "Officers", 4.2, 11, 2)
    add(dt.date(2024, 7, 31), 3, "Stop and search QR code communications", "Campaign",
        "Corporate Communications", 1500, "views", "Officers and staff", level=1,
        notes="Intranet views by July 2024; also used for external audiences")
    add(dt.date(2024, 9, 2), 1, "TapIn social media attraction campaign (4 weeks)", "Campaign",
        "Corporate Communications", None, "", "Black communities", level=0,
        notes="Date illustrative; reach not reported")
    add(dt.date(2024, 9, 19), 1, "Op Synergy launch at Senior Leaders training day",
        "Mentoring", "Force-wide", None, "", "Senior leaders", level=0,
        notes="Numbers of mentors and mentees not reported")
    add(dt.date(2024, 10, 15), 3, "Black History Month events with BAPA", "Engagement event",
        "Force-wide", None, "", "Officers and staff", level=0)
    add(dt.date(2025, 1, 16), 1, "Op Synergy final briefing sessions", "Mentoring",
        "Force-wide", None, "", "Black and Black Heritage officers and staff", level=0)
    add(dt.date(2025, 1, 22), 3, "Sandwell community engagement event", "Engagement event",
        "Sandwell", 42, "attendees", "Black communities", 4.1, 19, 2,
        notes="With local SPOCs and neighbourhood team")
    add(dt.date(2025, 1, 29), 3, "Black History Working Group formed", "Working group",
        "Force-wide", 12, "members", "Black and Black Heritage officers and staff", level=1,
        notes="Permanent exhibitions for the police museum")

    # LFOBH sessions since September 2024: total fixed to LFOBH_TARGET_2024_25
    lfobh_days = [d for d in days(dt.date(2024, 9, 5), dt.date(2025, 3, 13))
                  if d.weekday() in (1, 3) and not (dt.date(2024, 12, 20) <= d <= dt.date(2025, 1, 6))]
    r.shuffle(lfobh_days)
    lfobh_days = sorted(lfobh_days[:54])
    sizes = []
    depts = []
    for d in lfobh_days:
        if d.day <= 7 and d.weekday() == 1:
            depts.append("Initial officer training (Tally Ho)")
            sizes.append(r.randint(30, 38))
        else:
            depts.append(r.choice(DEPARTMENTS))
            sizes.append(r.randint(14, 26))
    # nudge sizes one at a time (within 12..40) until they sum to the target
    while sum(sizes) != LFOBH_TARGET_2024_25:
        i = r.randrange(len(sizes))
        step = 1 if sum(sizes) < LFOBH_TARGET_2024_25 else -1
        if 12 <= sizes[i] + step <= 40:
            sizes[i] += step
    for d, dept, n in zip(lfobh_days, depts, sizes):
        if r.random() < 0.6:
            resp = max(3, int(n * r.uniform(0.35, 0.7)))
            add(d, 1, "LFOBH session", "Training", dept, n, "attendees", "Officers and staff",
                round(r.uniform(4.0, 4.8), 1), resp, 2, "Facilitator debrief form returned")
        else:
            add(d, 1, "LFOBH session", "Training", dept, n, "attendees", "Officers and staff",
                level=1)

    # scrutiny panels: each LPA once a quarter, 2024-25 Q1 to 2025-26 Q2
    quarter_months = [(2024, 5), (2024, 8), (2024, 11), (2025, 2), (2025, 5), (2025, 8)]
    for qi, (y, m) in enumerate(quarter_months):
        for lpa in LPAS:
            d = dt.date(y, m, r.randint(3, 26))
            note = "Consulted on the stop and search QR code" if qi < 2 else ""
            add(d, 2, "Stop and search scrutiny panel", "Scrutiny panel", lpa,
                r.randint(7, 14), "members", "Community panel members", level=1, notes=note)

    # --- 2025-26 Q1 and Q2: plans the reports state for 2025, illustrative ----
    add(dt.date(2025, 4, 22), 3, "Stephen Lawrence Day 2025", "Campaign",
        "Corporate Communications", 2150, "views", "Officers and staff", level=1,
        notes="Illustrative")
    add(dt.date(2025, 4, 28), 1, "Say to Stay relaunch with pathway to ACC O'Hara", "Campaign",
        "People Services", 980, "views", "Officers and staff", level=1, notes="Illustrative")
    wis = [(dt.date(2025, 4, 10), 20, "In person"), (dt.date(2025, 5, 8), 18, "Online"),
           (dt.date(2025, 6, 5), 19, "Online"), (dt.date(2025, 7, 3), 17, "Online"),
           (dt.date(2025, 8, 7), 18, "Online"), (dt.date(2025, 9, 11), 19, "In person")]
    for i, (d, n, mode) in enumerate(wis, 1):
        add(d, 1, f"Women in Shade group coaching, session {i} of 6", "Coaching", "Force-wide",
            n, "participants", "Black and Black Heritage female officers and staff",
            round(r.uniform(4.3, 4.9), 1), n - r.randint(2, 6), 2,
            f"{mode}; cohort of 20" if i == 1 else mode)
    for d, dept in [(dt.date(2025, 5, 20), "Neighbourhood Teams"),
                    (dt.date(2025, 6, 17), "Response Teams"),
                    (dt.date(2025, 7, 15), "Neighbourhood Teams"),
                    (dt.date(2025, 9, 9), "Response Teams")]:
        n = r.randint(12, 18)
        add(d, 1, "Belgrave Theatre workshop", "Workshop", dept, n, "participants", "Officers",
            round(r.uniform(4.0, 4.7), 1), n - r.randint(1, 4), 2,
            "Roll-out: a total of 4 workshops with 3 groups")
    for d in sorted(r.sample([d for d in days(dt.date(2025, 4, 8), dt.date(2025, 9, 25))
                              if d.weekday() in (1, 3)], 20)):
        n = r.randint(14, 26)
        add(d, 1, "LFOBH session", "Training", r.choice(DEPARTMENTS), n, "attendees",
            "Officers and staff", round(r.uniform(4.0, 4.8), 1),
            max(3, int(n * r.uniform(0.35, 0.7))), 2, "Facilitator debrief form returned")
    add(dt.date(2025, 6, 25), 3, "Walsall community engagement event", "Engagement event",
        "Walsall", 35, "attendees", "Black communities", 4.0, 15, 2, "Illustrative")
    add(dt.date(2025, 7, 23), 1, "Evening recruitment event, Legacy Centre", "Recruitment event",
        "People Services", 24, "attendees", "Black communities", level=3,
        notes="Illustrative; evening session after the 2024 review; 4 applications")
    add(dt.date(2025, 9, 17), 2, "Stop and search refresher training (trauma awareness)",
        "Training", "Force Response", 48, "attendees", "Officers", 3.9, 21, 2, "Illustrative")

    acts.sort(key=lambda a: (a[1], a[2], a[4], a[6]))
    for i, a in enumerate(acts, 1):
        a[0] = f"A{i:03d}"
    return write_csv(ACT_FILE, ACT_HEADER, acts)


# ---------------------------------------------------------------------------
# 7. recruitment funnel: the Legacy Centre event (background report): over 100
# attendees confirmed, 30 attended, 5 applications (3 PC, 2 FC). The report
# does not date it beyond "in 2024"; 12 June 2024 is illustrative.

RF_FILE = "recruitment-funnel.csv"
RF_HEADER = ["Event", "Date", "Stage order", "Stage", "Role", "Count", "Notes"]
RF_ROWS = [
    ["Legacy Centre recruitment event", "2024-06-12", 1, "Confirmed", "", 100,
     "Reported as over 100 confirmed: 100 is a lower bound"],
    ["Legacy Centre recruitment event", "2024-06-12", 2, "Attended", "", 30, ""],
    ["Legacy Centre recruitment event", "2024-06-12", 3, "Applied", "", 5, ""],
    ["Legacy Centre recruitment event", "2024-06-12", 3, "Applied", "PC", 3,
     "Police constable"],
    ["Legacy Centre recruitment event", "2024-06-12", 3, "Applied", "FC", 2,
     "As written in the report (not expanded there)"],
]


def gen_recruitment_funnel():
    return write_csv(RF_FILE, RF_HEADER, RF_ROWS)


# ---------------------------------------------------------------------------
# 8. stop_search: an illustrative data.police.uk monthly file, June 2021
# (British Summer Time, offsets +01:00), West Midlands style (Gender blank,
# officer-defined ethnicity mostly blank). It is a small sample, not a month's
# volume: the numbers of person searches of Black and White people (45 and 110)
# are in the proportion of the year ending March 2022 published counts
# (3,973 : 9,713), so with Census 2011 denominators the Black/White rate ratio
# is 4.8 as published. Its rates per 1,000 mean nothing.

SS_FILE = "2021-06-west-midlands-stop-and-search.csv"
SS_HEADER = ["Type", "Date", "Part of a policing operation", "Policing operation", "Latitude",
             "Longitude", "Gender", "Age range", "Self-defined ethnicity",
             "Officer-defined ethnicity", "Legislation", "Object of search", "Outcome",
             "Outcome linked to object of search", "Removal of more than just outer clothing"]
SS_PERSON = {"Asian": 44, "Black": 45, "Mixed": 12, "White": 110, "Other": 6,
             "Not stated": 30, "": 3}
SS_VEHICLE_ONLY = 14
PLACES = [(52.4796, -1.9026), (52.4862, -1.8904), (52.4508, -1.9305), (52.5087, -1.8846),
          (52.4068, -1.5197), (52.5862, -2.1288), (52.5123, -2.0810), (52.5850, -1.9829),
          (52.4140, -1.7780), (52.4731, -1.8340)]
OUTCOMES_2019 = [("A no further action disposal", 70), ("Arrest", 14),
                 ("Khat or Cannabis warning", 6), ("Community resolution", 5),
                 ("Summons / charged by post", 2), ("Caution (simple or conditional)", 1),
                 ("Penalty Notice for Disorder", 1), ("", 1)]
LEGISLATION = [("Misuse of Drugs Act 1971 (section 23)", "Controlled drugs", 60),
               ("Police and Criminal Evidence Act 1984 (section 1)", "Offensive weapons", 15),
               ("Police and Criminal Evidence Act 1984 (section 1)", "Stolen goods", 10),
               ("Police and Criminal Evidence Act 1984 (section 1)", "Article for use in theft", 10),
               ("Firearms Act 1968 (section 47)", "Firearms", 2),
               ("Criminal Justice and Public Order Act 1994 (section 60)",
                "Offensive weapons", 3)]


def gen_stop_search():
    r = rng_for("stop_search")
    rows = []

    def search(kind, group):
        t = dt.datetime(2021, 6, 1) + dt.timedelta(minutes=r.randint(0, 30 * 24 * 60 - 1))
        lat, lon = r.choice(PLACES)
        if r.random() < 0.05:
            lat_s = lon_s = ""
        else:
            lat_s = f"{lat + r.uniform(-0.02, 0.02):.6f}"
            lon_s = f"{lon + r.uniform(-0.03, 0.03):.6f}"
        leg, obj = r.choices([(l, o) for l, o, _ in LEGISLATION],
                             weights=[w for _, _, w in LEGISLATION])[0]
        outcome = r.choices([o for o, _ in OUTCOMES_2019], weights=[w for _, w in OUTCOMES_2019])[0]
        linked = "" if outcome in ("A no further action disposal", "") else (
            "True" if r.random() < 0.7 else "False")
        if kind == "Vehicle search":
            return [kind, t, "", "", lat_s, lon_s, "", "", "", "", leg, obj, outcome, linked, ""]
        age = r.choices(["10-17", "18-24", "25-34", "over 34", ""], weights=[22, 36, 24, 16, 2])[0]
        if group in GROUPS:
            sde = pick_detail(r, group)
        elif group == "Not stated":
            sde = "Other ethnic group - Not stated"
        else:
            sde = ""
        ode = ""
        if r.random() < 0.15 and group in GROUPS:
            ode = group
        removal = "True" if r.random() < 0.03 else "False"
        return [kind, t, "", "", lat_s, lon_s, "", age, sde, ode, leg, obj, outcome, linked,
                removal]

    for group, n in SS_PERSON.items():
        for _ in range(n):
            kind = "Person and Vehicle search" if r.random() < 0.13 else "Person search"
            rows.append(search(kind, group))
    for _ in range(SS_VEHICLE_ONLY):
        rows.append(search("Vehicle search", ""))
    # one search just after midnight BST on 1 June: 31 May in UTC, June as written
    rows[0][1] = dt.datetime(2021, 6, 1, 0, 20)
    # two searches recorded as exact duplicates of another row (two people
    # searched together): they are separate searches, never de-duplicated.
    whites = [x for x in rows if x[8].startswith("White") and x[0] == "Person search"]
    rows[rows.index(whites[1])] = list(whites[0])
    asians = [x for x in rows if x[8].startswith("Asian") and x[0] == "Person search"]
    rows[rows.index(asians[1])] = list(asians[0])
    rows.sort(key=lambda x: x[1])
    for x in rows:
        x[1] = x[1].strftime("%Y-%m-%dT%H:%M:%S") + "+01:00"
    return write_csv(SS_FILE, SS_HEADER, rows)


# ---------------------------------------------------------------------------
# 9. population: the West Midlands police force area row of Census 2011
# (QS201EW aggregated to police force areas), REAL published data copied from
# ../shared/data/real/census/force-demographics.csv (Resistance-Lab, ONS data,
# Open Government Licence v3). Same header as that file.

POP_FILE = "population-census2011-west-midlands.csv"
POP_HEADER = ["PFA16NM"] + [f"Ethnic Group: {c}; measures: Value" for c in [
    "All categories: Ethnic group", "White",
    "White: English/Welsh/Scottish/Northern Irish/British", "White: Irish",
    "White: Gypsy or Irish Traveller", "White: Other White", "Mixed",
    "Mixed/multiple ethnic group: White and Black Caribbean",
    "Mixed/multiple ethnic group: White and Black African",
    "Mixed/multiple ethnic group: White and Asian", "Mixed/multiple ethnic group: Other Mixed",
    "Asian", "Asian/Asian British: Indian", "Asian/Asian British: Pakistani",
    "Asian/Asian British: Bangladeshi", "Asian/Asian British: Chinese",
    "Asian/Asian British: Other Asian", "Black", "Black/African/Caribbean/Black British: African",
    "Black/African/Caribbean/Black British: Caribbean",
    "Black/African/Caribbean/Black British: Other Black", "Other",
    "Other ethnic group: Arab", "Other ethnic group: Any other ethnic group"]]
POP_ROW = ["West Midlands", 2736460, 1919138, 1806708, 39183, 1618, 71629, 96204, 53234, 6053,
           21964, 14953, 514981, 185271, 200545, 48727, 21430, 59008, 164069, 55557, 79632,
           28880, 42068, 16029, 26039]


POP_LONG_FILE = "population-west-midlands-2011.csv"
POP_LONG_HEADER = ["Area", "Area code", "Census year", "Ethnic group", "Population"]


def gen_population():
    write_csv(POP_FILE, POP_HEADER, [POP_ROW])
    # the same five group totals in rapkit's own long layout
    totals = {"Asian": POP_ROW[12], "Black": POP_ROW[18], "Mixed": POP_ROW[7],
              "White": POP_ROW[2], "Other": POP_ROW[22]}
    return write_csv(POP_LONG_FILE, POP_LONG_HEADER,
                     [["West Midlands", "E23000014", 2011, g, totals[g]] for g in GROUPS])


# ---------------------------------------------------------------------------
# Checks: read the files back and reproduce the published figures.

def wilson(k, n, z=1.959963984540054):
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return centre - half, centre + half


BROAD = {  # the broad part of a label (before " - " or ": "), as docs/kinds.md maps it
    "White": "White", "Mixed": "Mixed", "Mixed/Multiple ethnic groups": "Mixed",
    "Mixed or Multiple ethnic groups": "Mixed", "Asian": "Asian", "Asian/Asian British": "Asian",
    "Asian or Asian British": "Asian", "Asian, Asian British or Asian Welsh": "Asian",
    "Black": "Black", "Black/African/Caribbean/Black British": "Black",
    "Black or Black British": "Black",
    "Black, Black British, Black Welsh, Caribbean or African": "Black",
    "Other": "Other", "Other ethnic group": "Other", "Not stated": "Not stated",
    "Prefer not to say": "Not stated",
}


def group_of(label):
    """The five groups plus Not stated from an ethnicity label; None when empty."""
    if label == "":
        return None
    if label == "Other ethnic group - Not stated":
        return "Not stated"
    for sep in (" - ", ": "):
        if sep in label:
            return BROAD[label.split(sep)[0]]
    return BROAD[label]


def to_int(s):
    s = s.strip().replace(",", "")
    return None if s in ("", "-") else int(s)


class Checker:
    def __init__(self):
        self.failed = 0

    def eq(self, label, got, want):
        ok = got == want
        self.failed += not ok
        print(f"  [{'ok' if ok else 'FAIL'}] {label}: {got}" + ("" if ok else f" (want {want})"))

    def true(self, label, cond, shown=""):
        self.failed += not cond
        print(f"  [{'ok' if cond else 'FAIL'}] {label}" + (f": {shown}" if shown else ""))


def check():
    c = Checker()

    print(WE_FILE)
    h, rows = read_csv(WE_FILE)
    c.eq("header", h, WE_HEADER)
    c.true("dates within 2024-04-01..2025-03-31",
           all("2024-04-01" <= x["Date"] <= "2025-03-31" for x in rows), f"{len(rows)} rows")
    for ev in ("Joiner", "Leaver"):
        for wt in ("Police Officer", "Police Staff"):
            b = [x for x in rows if x["Event"] == ev and x["Worker type"] == wt
                 and group_of(x["Ethnicity"]) == "Black"]
            f = sum(x["Gender"] == "Female" for x in b)
            allx = sum(x["Event"] == ev and x["Worker type"] == wt for x in rows)
            print(f"  {ev}s, {wt}: all {allx}")
            c.eq(f"Black {ev.lower()}s, {wt} (female)", (len(b), f),
                 {("Joiner", "Police Officer"): (14, 3), ("Joiner", "Police Staff"): (18, 11),
                  ("Leaver", "Police Officer"): (13, 4), ("Leaver", "Police Staff"): (11, 7)}[(ev, wt)])
    bj = sum(x["Event"] == "Joiner" and group_of(x["Ethnicity"]) == "Black" for x in rows)
    bl = sum(x["Event"] == "Leaver" and group_of(x["Ethnicity"]) == "Black" for x in rows)
    c.eq("Black joiners, leavers", (bj, bl), (32, 24))
    print(f"  leavers/joiners = {bl / bj:.2f} (25% fewer leaving than joining); "
          f"joiners/leavers = {bj / bl:.3f} (33% more joining, not 25%)")
    nj = sum(x["Event"] == "Joiner" for x in rows)
    nl = sum(x["Event"] == "Leaver" for x in rows)
    print(f"  Black share of joiners {bj}/{nj} = {100 * bj / nj:.1f}%, of leavers "
          f"{bl}/{nl} = {100 * bl / nl:.1f}%")
    for ev in ("Joiner", "Leaver"):
        by = {}
        for x in rows:
            if x["Event"] == ev:
                g = group_of(x["Ethnicity"]) or "(not recorded)"
                by[g] = by.get(g, 0) + 1
        print(f"  {ev}s by ethnic group: " + ", ".join(
            f"{g} {by.get(g, 0)}" for g in GROUPS + ["Not stated", "(not recorded)"]))
    c.true("joiners have no leaving reason",
           all(x["Leaving reason"] == "" for x in rows if x["Event"] == "Joiner"))
    ids = {}
    for x in rows:
        ids.setdefault(x["Id"], []).append(x["Event"])
    c.true("an Id repeats only as one joiner + one leaver",
           all(sorted(v) in (["Joiner"], ["Leaver"], ["Joiner", "Leaver"]) for v in ids.values()),
           f"{sum(len(v) == 2 for v in ids.values())} people joined and left")

    print(STS_FILE)
    h, rows = read_csv(STS_FILE)
    c.eq("header", h, STS_HEADER)
    b = [x for x in rows if group_of(x["Ethnicity"]) == "Black"]
    c.eq("requests, from Black employees", (len(rows), len(b)), (121, 5))
    c.eq("Black share, %", round(100 * len(b) / len(rows), 2), 4.13)
    lo, hi = wilson(len(b), len(rows))
    print(f"  95% Wilson interval {100 * lo:.1f}% to {100 * hi:.1f}% (force representation 2%)")
    c.eq("Black: officers, of whom probationers; staff",
         (sum(x["Worker type"] == "Police Officer" for x in b),
          sum(x["Probationer"] == "Yes" for x in b),
          sum(x["Worker type"] == "Police Staff" for x in b)), (4, 1, 1))
    c.eq("Black: remained", sum(x["Outcome"] == "Remained" for x in b), 5)
    c.true("no reason recorded", all(x["Reason"] == "" for x in rows))

    print(WF_FILE)
    h, rows = read_csv(WF_FILE)
    c.eq("header", h, WF_HEADER)
    grp = {v: k for y in HO_ETHNICITY.values() for v, k in y}
    tot = {}
    for x in rows:
        n = to_int(x["Total (headcount)"]) or 0
        key = (int(x["As at 31 March..."]), x["Worker type"], grp[x["Ethnicity"]])
        tot[key] = tot.get(key, 0) + n

    def share(year, groups, wts=("Police Officer", "Police Staff")):
        num = sum(tot[(year, w, g)] for w in wts for g in groups)
        den = sum(tot[(year, w, g)] for w in wts for g in GROUPS)
        return 100 * num / den, num, den

    em = ["Asian", "Black", "Mixed", "Other"]
    for year in (2019, 2024):
        s, num, den = share(year, em)
        so, _, _ = share(year, em, ("Police Officer",))
        sb, nb, _ = share(year, ["Black"])
        sa, na, _ = share(year, ["Asian"])
        print(f"  {year}: ethnic minority {num}/{den} = {s:.2f}%, officers {so:.2f}%, "
              f"Black {sb:.2f}%, Asian {na} = {na / nb:.2f} x Black {nb}")
    c.eq("ethnic minority %, 2019 -> 2024",
         (round(share(2019, em)[0], 1), round(share(2024, em)[0], 1)), (12.4, 16.3))
    c.eq("ethnic minority officers %, 2019 -> 2024",
         (round(share(2019, em, ("Police Officer",))[0], 1),
          round(share(2024, em, ("Police Officer",))[0], 1)), (10.8, 14.3))
    c.eq("Black %, 2019 -> 2024",
         (round(share(2019, ["Black"])[0], 1), round(share(2024, ["Black"])[0], 1)), (2.0, 2.0))
    c.eq("Asian / Black, 2024", share(2024, ["Asian"])[1] / share(2024, ["Black"])[1], 5.0)
    s19, s24 = share(2019, em)[0], share(2024, em)[0]
    print(f"  change: {s24 - s19:.1f} percentage points; ratio {s24 / s19:.3f} "
          f"(a {100 * (s24 / s19 - 1):.1f}% proportional increase; the report says 32%)")
    senior = [x["Rank description"] for x in rows if x["As at 31 March..."] == "2024"
              and x["Ethnicity"] == "Black or Black British" and x["Worker type"] == "Police Officer"
              and to_int(x["Total (headcount)"])]
    c.eq("most senior Black officer, 2024", max(senior, key=OFFICER_RANKS.index), "Superintendent")

    print(S136_FILE)
    h, rows = read_csv(S136_FILE)
    c.eq("header", h, S136_HEADER)
    pre = [x for x in rows if x["Month"] < "2024-02"]
    post = [x for x in rows if x["Month"] >= "2024-02"]
    c.eq("months before go-live, mean detentions",
         (len(pre), round(sum(int(x["Detentions"]) for x in pre) / len(pre), 1)), (22, 214.0))
    c.eq("first 4 months after, mean detentions",
         (len(post), round(sum(int(x["Detentions"]) for x in post) / len(post), 1)), (4, 196.0))
    ns = [1 - int(x["Sectioned"]) / int(x["Detentions"]) for x in rows]
    tot_ns = 1 - sum(int(x["Sectioned"]) for x in rows) / sum(int(x["Detentions"]) for x in rows)
    c.true("over 70% not sectioned, every month", min(ns) > 0.70,
           f"lowest month {100 * min(ns):.1f}%, all months {100 * tot_ns:.1f}%")
    rates = [100 * int(x["Dip sample appropriate"]) / int(x["Dip sample checked"]) for x in post]
    c.true("appropriate attendance 92-95% each month after go-live",
           all(92 <= round(v, 1) <= 95 for v in rates), ", ".join(f"{v:.1f}%" for v in rates))
    c.true("no dip sample before go-live, no ethnicity in any month",
           all(x["Dip sample checked"] == "" for x in pre)
           and all(x[g] == "" for x in rows for g in S136_HEADER[6:12]))
    c.true("conveyance counts <= detentions",
           all(int(x["Conveyed by ambulance"]) + int(x["Conveyed by police vehicle"])
               + int(x["Conveyed other"]) <= int(x["Detentions"]) for x in rows))
    may = rows[-1]
    print(S136_DET_FILE)
    h, det = read_csv(S136_DET_FILE)
    c.eq("header", h, S136_DET_HEADER)
    c.eq("rows = May 2024 detentions", len(det), int(may["Detentions"]))
    c.eq("sectioned = May 2024 row", sum(x["Outcome"] == "Sectioned" for x in det),
         int(may["Sectioned"]))
    c.eq("ambulance, police vehicle, other = May 2024 row",
         tuple(sum(x["Conveyance"] == v for x in det) for v in ("Ambulance", "Police vehicle", "Other")),
         (int(may["Conveyed by ambulance"]), int(may["Conveyed by police vehicle"]),
          int(may["Conveyed other"])))

    print(SA_FILE)
    h, rows = read_csv(SA_FILE)
    c.eq("header", h, SA_HEADER)
    c.eq("refs and owners", [(x["Ref"], x["Owner"]) for x in rows],
         [("31a", "WMP"), ("31b", "WMP"), ("31c", "WMP"), ("31d", "WMP & National"),
          ("31e", "WMP & National"), ("31f", "WMP & National"), ("31g", "National"),
          ("31h", "National")])

    print(ACT_FILE)
    h, rows = read_csv(ACT_FILE)
    c.eq("header", h, ACT_HEADER)
    print(f"  {len(rows)} activities, {rows[0]['Date']} to {rows[-1]['Date']}")

    def reach(pred):
        return sum(int(x["Reach"]) for x in rows if x["Reach"] and pred(x))

    fy2425 = lambda x: "2024-04-01" <= x["Date"] <= "2025-03-31"
    lf = reach(lambda x: x["Activity"] == "LFOBH session" and fy2425(x))
    c.true("LFOBH attendees Sept 2024 to March 2025 over 1,200", lf > 1200, f"{lf:,}")
    fac = reach(lambda x: x["Activity"] == "LFOBH facilitator training")
    c.true("LFOBH facilitators trained, summer 2024, over 100", fac > 100, str(fac))
    c.eq("Elevate mentors, mentees",
         (reach(lambda x: x["Reach unit"] == "mentors" and "Elevate" in x["Activity"]),
          reach(lambda x: x["Reach unit"] == "mentees" and "Elevate" in x["Activity"])), (6, 11))
    c.eq("Women in Shade cohort (first session)",
         reach(lambda x: x["Activity"].startswith("Women in Shade") and "session 1 " in x["Activity"]), 20)
    c.eq("QR code views by July 2024",
         reach(lambda x: "QR code" in x["Activity"] and x["Date"] <= "2024-07-31"), 1500)
    c.eq("Legacy Centre attended (2024)",
         reach(lambda x: x["Activity"] == "Legacy Centre recruitment event"), 30)
    c.true("Sandwell engagement event in January 2025",
           any(x["Department or LPA"] == "Sandwell" and x["Activity type"] == "Engagement event" and x["Date"].startswith("2025-01") for x in rows))
    c.true("workstream names match numbers",
           all(WS_NAME[int(x["Workstream"])] == x["Workstream name"] for x in rows))
    by_q = {}
    for x in rows:
        d = dt.date.fromisoformat(x["Date"])
        fy = d.year if d.month >= 4 else d.year - 1
        q = f"{fy}-{(fy + 1) % 100:02d} Q{((d.month - 4) % 12) // 3 + 1}"
        by_q[q] = by_q.get(q, 0) + 1
    print("  activities by quarter: " + ", ".join(f"{k} {v}" for k, v in sorted(by_q.items())))

    print(RF_FILE)
    h, rows = read_csv(RF_FILE)
    c.eq("header", h, RF_HEADER)
    totals = [int(x["Count"]) for x in rows if x["Role"] == ""]
    c.eq("confirmed (lower bound), attended, applied", totals, [100, 30, 5])
    c.eq("applied PC + FC", [(x["Role"], int(x["Count"])) for x in rows if x["Role"]],
         [("PC", 3), ("FC", 2)])

    print(SS_FILE)
    h, rows = read_csv(SS_FILE)
    c.eq("header (15 columns)", (len(h), h), (15, SS_HEADER))
    person = [x for x in rows if x["Type"] != "Vehicle search"]
    b = sum(group_of(x["Self-defined ethnicity"]) == "Black" for x in person)
    w = sum(group_of(x["Self-defined ethnicity"]) == "White" for x in person)
    ns_ = sum(x["Self-defined ethnicity"] == "Other ethnic group - Not stated" for x in person)
    print(f"  {len(rows)} rows: {len(person)} person searches, {len(rows) - len(person)} "
          f"vehicle-only; {ns_} not stated; "
          f"{sum(x['Self-defined ethnicity'] == '' for x in person)} blank")
    c.eq("person searches, Black and White", (b, w), (45, 110))
    ratio = (b / 164069) / (w / 1919138)
    c.eq("rate ratio with Census 2011 denominators (published 4.8, 4.785 recomputed)",
         round(ratio, 3), 4.785)
    seen = {}
    for x in rows:
        k = tuple(x.values())
        seen[k] = seen.get(k, 0) + 1
    c.eq("rows that exactly repeat another row (kept: separate searches)",
         sum(v - 1 for v in seen.values()), 2)
    c.true("every date has the +01:00 offset", all(x["Date"].endswith("+01:00") for x in rows))

    print(POP_FILE)
    h, rows = read_csv(POP_FILE)
    c.eq("header (25 columns)", len(h), 25)
    x = rows[0]
    g = {k: int(x[f"Ethnic Group: {k}; measures: Value"]) for k in
         ["All categories: Ethnic group", "White", "Mixed", "Asian", "Black", "Other"]}
    c.eq("West Midlands 2011: all, White, Mixed, Asian, Black, Other",
         tuple(g.values()), (2736460, 1919138, 96204, 514981, 164069, 42068))
    c.eq("five groups sum to all residents", sum(list(g.values())[1:]), g["All categories: Ethnic group"])
    print(POP_LONG_FILE)
    h, rows = read_csv(POP_LONG_FILE)
    c.eq("header", h, POP_LONG_HEADER)
    c.eq("groups in display order, same counts",
         [(x["Ethnic group"], int(x["Population"])) for x in rows],
         [("Asian", 514981), ("Black", 164069), ("Mixed", 96204), ("White", 1919138),
          ("Other", 42068)])

    print("all checks passed" if not c.failed else f"{c.failed} check(s) FAILED")
    return c.failed == 0


def main():
    if "--check" not in sys.argv[1:]:
        for gen in (gen_workforce_events, gen_say_to_stay, gen_workforce, gen_s136,
                    gen_survey_actions, gen_activities, gen_recruitment_funnel,
                    gen_stop_search, gen_population):
            gen()
    sys.exit(0 if check() else 1)


if __name__ == "__main__":
    main()
