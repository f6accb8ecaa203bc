#!/usr/bin/env python3
"""Output checks: charts written by `rapkit run` are what they claim to be.

usage: check_outputs.py RAPKIT TESTS_OUTPUT_DIR PNG_COMPARE [--update-references]

Runs charts.lua into a temporary folder, then checks, for each chart type
(bar and its grouped, stacked, 100% stacked, horizontal and focus forms,
line, interval, spc, funnel, heatmap), that the PNG decodes (its IHDR
chunk and CRC are valid) at 1890 x 1181 pixels (160 x 100 mm at 300 dpi; 945 x 709 for
80 x 60 mm) and looks like its reference image, that the SVG parses as XML with an
<svg> root of 160 x 100 mm in points whose first children are <title> (the chart
title) and <desc> (the alt text) and that draws its text as glyphs, that the
PDF has exactly one page of 160 x 100 mm, the alt text as its subject (pdfinfo) and every
font embedded (pdffonts), that NAME.alt.txt, NAME.csv and NAME.md are
exactly expected/NAME.* (suppressed cells "[c]", missing "[x]", a missing
month a row of its own), and that no temporary file is left beside them.

The reproducibility stamp: the run has SOURCE_DATE_EPOCH set, so NAME.json
is valid JSON whose run time is that instant, whose script and input
digests are those of the files (hashlib), and whose chart counts match the
companion table; the same stamp, compact, is the SVG's <metadata> (which
must parse), the PDF's keywords (pdfinfo, with the creation date at the run
time) and the PNG's "rapkit-stamp" iTXt chunk; and a second run gives
byte-identical files. Prints "N passed, N failed".

Reference images: every PNG the script writes is compared with
reference/NAME.png by PNG_COMPARE (tests/output/png_compare.c) after
shrinking it by REDUCE in each direction, so the references stay small
(473 x 296 pixels). With png_compare's defaults, a pixel differs when a
channel differs by more than 32 of 255, and up to 0.05% of pixels may differ:
a changed letter (about 15 pixels) passes, a bar 10 higher with its label
(about 150) does not. On a mismatch the chart and a picture of the
differences (red on grey) are kept in png-diffs/ under the current folder.
With --update-references the references are rewritten from this run instead
(tools/update-reference-images.sh).
"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

rapkit, here, png_compare = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
update_references = sys.argv[4:] == ["--update-references"]
REDUCE = "4"
PAGE_PT = (453.543, 283.465)  # 160 x 100 mm
# Every chart charts.lua saves in all three formats, bar forms included.
CHARTS = ("bar", "bar_grouped", "bar_stacked", "bar_percent", "bar_horizontal", "bar_focus",
          "line", "interval", "spc", "funnel", "heatmap")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    " + name)
    else:
        failed += 1
        print("FAIL  %s %s" % (name, detail))


def png_text(path):
    """The PNG's tEXt and iTXt chunks (uncompressed) as {keyword: text}."""
    with open(path, "rb") as f:
        data = f.read()
    texts, pos = {}, 8
    while pos < len(data):
        n, k = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if k == b"tEXt":
            key, _, text = body.partition(b"\0")
            texts[key.decode("latin-1")] = text.decode("latin-1")
        elif k == b"iTXt":
            key, _, rest = body.partition(b"\0")
            if rest[:2] == b"\0\0":
                _lang, _, rest = rest[2:].partition(b"\0")
                _translated, _, text = rest.partition(b"\0")
                texts[key.decode("latin-1")] = text.decode("utf-8")
        pos += 12 + n
    return texts


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


EPOCH = "1700000000"
RUN_TIME = "2023-11-14T22:13:20Z"


def png_size(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    length, kind = struct.unpack(">I4s", data[8:16])
    body = data[16:16 + length]
    crc = struct.unpack(">I", data[16 + length:20 + length])[0]
    if kind != b"IHDR" or zlib.crc32(kind + body) != crc:
        return None
    # The image data must inflate: decoding the whole stream proves it is whole.
    pos, idat = 8, b""
    while pos < len(data):
        n, k = struct.unpack(">I4s", data[pos:pos + 8])
        if k == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    zlib.decompress(idat)
    return struct.unpack(">II", body[:8])


# The inputs each chart's stamp lists: every file charts.lua read before it
# saved the chart, in order. The bar forms (bar_grouped, ...) write the same stamp fields through the same
# code; their inputs are not listed here.
INPUTS = {
    "bar": ["counts.csv"],
    "line": ["counts.csv", "groups.csv", "monthly.csv"],
    "interval": ["counts.csv", "groups.csv", "monthly.csv", "ratios.csv"],
    "spc": ["counts.csv", "groups.csv", "monthly.csv", "ratios.csv"],
    "funnel": ["counts.csv", "groups.csv", "monthly.csv", "ratios.csv", "funnel.csv"],
    "heatmap": ["counts.csv", "groups.csv", "monthly.csv", "ratios.csv", "funnel.csv", "impact.csv"],
}


def check_stamp(name, base, work):
    with open(base + ".json", encoding="utf-8") as f:
        text = f.read()
    try:
        stamp = json.loads(text)
    except ValueError as e:
        check(name + ".json is JSON", False, str(e))
        return
    keys = ["rapkit_version", "run_time", "script", "modules", "inputs", "chart", "rows"]
    check(name + ".json has its keys in order", list(stamp) == keys, list(stamp))
    check(name + ".json has the run time of SOURCE_DATE_EPOCH", stamp["run_time"] == RUN_TIME, stamp["run_time"])
    check(name + ".json names the script and its digest",
          stamp["script"] == {"path": "charts.lua", "sha256": sha256_of(os.path.join(work, "charts.lua"))},
          stamp["script"])
    got = stamp["inputs"]
    check(name + ".json lists the files read so far", [i["path"] for i in got] == INPUTS[name], got)
    check(name + ".json has each input's digest",
          all(i["sha256"] == sha256_of(os.path.join(work, i["path"])) for i in got), got)
    with open(os.path.join(work, INPUTS[name][-1]), encoding="utf-8") as f:
        data_rows = len([l for l in f.read().splitlines() if l]) - 1
    if name != "spc":
        check(name + ".json counts the rows of its data file",
              got[-1]["rows"] == data_rows and stamp["chart"]["data_rows"] == data_rows,
              (got[-1], stamp["chart"]))
    # Drawn and not drawn, from the companion table's cells.
    with open(base + ".csv", encoding="utf-8") as f:
        rows = [l.split(",") for l in f.read().splitlines()[1:]]
    value_cols = {"bar": [1], "line": [1, 2, 3], "interval": [1], "spc": [1], "funnel": [1], "heatmap": [2]}[name]
    cells = [r[c] for r in rows for c in value_cols]
    c = stamp["chart"]
    check(name + ".json counts values drawn, [x] and [c] as the companion table shows them",
          c["type"] == name and c["values"] == len(cells) and c["missing"] == cells.count("[x]")
          and c["suppressed"] == cells.count("[c]") and c["drawn"] == len(cells) - c["missing"] - c["suppressed"],
          (c, cells))
    compact = json.dumps(stamp, separators=(",", ":"), ensure_ascii=False)
    root = ET.parse(base + ".svg").getroot()
    meta = root.find("{http://www.w3.org/2000/svg}metadata")
    check(name + ".svg holds the stamp in <metadata>",
          meta is not None and meta.get("id") == "rapkit-stamp" and json.loads(meta.text) == stamp
          and meta.text == compact, meta.text if meta is not None else None)
    info = subprocess.run(["pdfinfo", "-isodates", base + ".pdf"], capture_output=True, text=True).stdout
    keywords = [l[len("Keywords:"):].strip() for l in info.splitlines() if l.startswith("Keywords:")]
    check(name + ".pdf holds the stamp as its keywords", keywords == [compact], keywords)
    dates = [l.split()[-1] for l in info.splitlines() if l.startswith("CreationDate:")]
    check(name + ".pdf is dated at the run time", dates == [RUN_TIME], dates)
    texts = png_text(base + ".png")
    check(name + ".png holds the stamp in an iTXt chunk", texts.get("rapkit-stamp") == compact, texts.keys())
    svg_title = root.find("{http://www.w3.org/2000/svg}title").text
    svg_desc = root.find("{http://www.w3.org/2000/svg}desc").text
    check(name + ".png names its software, title and alt text",
          texts.get("Software", "").startswith("rapkit ") and texts.get("Title") == svg_title
          and texts.get("Description") == svg_desc, texts)


def run_tool(*cmd):
    """Runs a poppler tool; a missing one gives empty output (and fails its checks)."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        return subprocess.CompletedProcess(cmd, 127, "", cmd[0] + ": not installed\n")


def pdffonts_embedded(text):
    """The 'emb' column of pdffonts' table, one entry per font. The columns are
    fixed-width under a line of dashes (a font's type may hold a space)."""
    lines = text.splitlines()
    if len(lines) < 2 or "emb" not in lines[0].split():
        return None
    spans, pos = [], 0
    for dashes in lines[1].split(" "):
        spans.append((pos, pos + len(dashes)))
        pos += len(dashes) + 1
    heads = [lines[0][a:b].strip() for a, b in spans]
    a, b = spans[heads.index("emb")]
    return [l[a:b].strip() for l in lines[2:] if l.strip()]


def compare_with_reference(png):
    """Compares one written PNG with its reference (or rewrites the reference)."""
    name = os.path.basename(png)
    ref = os.path.join(here, "reference", name)
    if update_references:
        p = subprocess.run([png_compare, "--reduce", REDUCE, "--write", ref, png],
                           capture_output=True, text=True)
        check("reference/%s rewritten" % name, p.returncode == 0, p.stdout + p.stderr)
        print("wrote " + p.stdout.strip())
        return
    if not os.path.exists(ref):
        check("reference/" + name + " exists", False, "run tools/update-reference-images.sh")
        return
    diffs = os.path.abspath("png-diffs")
    os.makedirs(diffs, exist_ok=True)
    diff = os.path.join(diffs, name[:-4] + ".diff.png")
    p = subprocess.run([png_compare, "--reduce", REDUCE, "--diff", diff, png, ref],
                       capture_output=True, text=True)
    if p.returncode == 0:
        os.remove(diff)
    else:
        shutil.copy(png, diffs)
    check(name + " looks like reference/" + name, p.returncode == 0,
          "\n" + p.stdout + p.stderr + "(chart and differences kept in %s)" % diffs)
    if not os.listdir(diffs):
        os.rmdir(diffs)


work = tempfile.mkdtemp(prefix="rapkit-output-")
try:
    for f in ("charts.lua", "counts.csv", "groups.csv", "monthly.csv", "ratios.csv", "funnel.csv", "impact.csv"):
        shutil.copy(os.path.join(here, f), work)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    p = subprocess.run([rapkit, "run", "charts.lua", "--out", "out"], cwd=work, capture_output=True, env=env)
    check("charts.lua runs", p.returncode == 0, p.stderr.decode(errors="replace"))
    p = subprocess.run([rapkit, "run", "charts.lua", "--out", "again"], cwd=work, capture_output=True, env=env)
    check("charts.lua runs again", p.returncode == 0, p.stderr.decode(errors="replace"))
    out = os.path.join(work, "out")
    check("small.png is 945 x 709", png_size(os.path.join(out, "small.png")) == (945, 709))
    for tool in ("pdfinfo", "pdffonts"):
        check(tool + " is installed", shutil.which(tool) is not None,
              "(tools/install-deps.sh installs poppler-utils)")
    pngs = sorted(f for f in os.listdir(out) if f.endswith(".png"))
    for png in pngs:
        compare_with_reference(os.path.join(out, png))
    if not update_references:
        stale = sorted(set(os.listdir(os.path.join(here, "reference"))) - set(pngs) - {"README.md"})
        check("every reference image has its chart", not stale, stale)
    for name in CHARTS:
        base = os.path.join(out, name)
        check(name + ".png is 1890 x 1181", png_size(base + ".png") == (1890, 1181))
        with open(os.path.join(here, "expected", name + ".alt.txt"), encoding="utf-8") as f:
            alt = f.read().rstrip("\n")
        for ext in ("alt.txt", "csv", "md"):
            with open(os.path.join(here, "expected", name + "." + ext), "rb") as f:
                want = f.read()
            with open(base + "." + ext, "rb") as f:
                got = f.read()
            check("%s.%s is as expected" % (name, ext), got == want, got.decode(errors="replace"))
        try:
            root = ET.parse(base + ".svg").getroot()
            ns = "{http://www.w3.org/2000/svg}"
            kids = list(root)
            check(name + ".svg parses with an <svg> root", root.tag == ns + "svg", root.tag)
            check(name + ".svg starts with <title> and <desc>",
                  len(kids) >= 2 and kids[0].tag == ns + "title" and kids[1].tag == ns + "desc"
                  and kids[1].text == alt and root.get("role") == "img",
                  [k.tag for k in kids[:2]])
            size = tuple(float(root.get(a, "0").replace("pt", "")) for a in ("width", "height"))
            check(name + ".svg is 160 x 100 mm", all(abs(g - w) < 0.01 for g, w in zip(size, PAGE_PT)),
                  size)
            glyphs = [u for u in root.iter(ns + "use")
                      if u.get("{http://www.w3.org/1999/xlink}href", "").startswith("#glyph")]
            check(name + ".svg draws its text as glyphs", len(glyphs) > 0, "no <use> of a glyph")
        except ET.ParseError as e:
            check(name + ".svg parses", False, str(e))
        if name in INPUTS:
            check_stamp(name, base, work)
        info = run_tool("pdfinfo", base + ".pdf")
        pages = [l.split()[-1] for l in info.stdout.splitlines() if l.startswith("Pages:")]
        check(name + ".pdf has one page", pages == ["1"], info.stdout + info.stderr)
        page = [l.split()[2:5:2] for l in info.stdout.splitlines() if l.startswith("Page size:")]
        check(name + ".pdf page is 160 x 100 mm",
              len(page) == 1 and all(abs(float(g) - w) < 0.01 for g, w in zip(page[0], PAGE_PT)), page)
        subject = [l[len("Subject:"):].strip() for l in info.stdout.splitlines() if l.startswith("Subject:")]
        check(name + ".pdf has the alt text as its subject", subject == [alt], subject)
        fonts = run_tool("pdffonts", base + ".pdf")
        embedded = pdffonts_embedded(fonts.stdout)
        check(name + ".pdf embeds every font", bool(embedded) and all(e == "yes" for e in embedded),
              fonts.stdout + fonts.stderr)
    left = sorted(os.listdir(out))
    want = sorted(["%s.%s" % (n, e) for n in CHARTS
                   for e in ("png", "svg", "pdf", "alt.txt", "csv", "md", "json")]
                  + ["small.png", "small.alt.txt", "small.csv", "small.md", "small.json"])
    check("no temporaries left", left == want, left)
    for f in want:
        with open(os.path.join(out, f), "rb") as a, open(os.path.join(work, "again", f), "rb") as b:
            check("%s is the same in a second run with SOURCE_DATE_EPOCH" % f, a.read() == b.read())
finally:
    shutil.rmtree(work)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
