#!/usr/bin/env python3
"""Output checks for charts drawn by gnuplot (backend = "gnuplot").

usage: check_gnuplot.py RAPKIT TESTS_OUTPUT_DIR

Runs charts_gnuplot.lua into a temporary folder and checks, for bar, line
and interval charts, that the PNG is 1890 x 1181 pixels with a pHYs chunk of
300 dpi right after IHDR, that the SVG parses with <title> and <desc> (the
alt text) first on an <svg role="img"> sized in points, that the PDF has one
page, the chart title as its Title, the alt text as its Subject, the
stamp (NAME.json on one line) as its Keywords, the run time of
SOURCE_DATE_EPOCH as its creation and modification dates, and every font
embedded, that a second run at that time writes the same PDF, and that NAME.alt.txt, NAME.csv and NAME.md are the cairo
charts' (expected/NAME.*). Then that a bar chart whose category labels
would run `touch` if gnuplot ran them left no file, and that its SVG holds
each label as text. Exits 77 (skipped) when gnuplot is not on PATH.
Prints "N passed, N failed".
"""
import csv
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

rapkit, here = os.path.abspath(sys.argv[1]), sys.argv[2]
if shutil.which("gnuplot") is None:
    print("skip  gnuplot is not on PATH")
    sys.exit(77)
passed = failed = 0
SVG = "{http://www.w3.org/2000/svg}"
EPOCH, RUN_TIME = "1700000000", "2023-11-14T22:13:20Z"


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    " + name)
    else:
        failed += 1
        print("FAIL  %s %s" % (name, detail))


def png_chunks(path):
    """The PNG's chunks as (type, data), each CRC checked; None if broken."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    chunks, pos = [], 8
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0] != zlib.crc32(kind + body):
            return None
        chunks.append((kind, body))
        pos += 12 + n
    return chunks


def pdf_info(path):
    out = subprocess.run(["pdfinfo", "-isodates", path], capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (l.partition(":") for l in out.splitlines())}


work = tempfile.mkdtemp(prefix="rapkit-gnuplot-")
try:
    for f in ("charts_gnuplot.lua", "counts.csv", "monthly.csv", "ratios.csv"):
        shutil.copy(os.path.join(here, f), work)
    # Each would leave a file behind if gnuplot ran any part of it.
    traps = {name: os.path.join(work, "ran-" + name) for name in ("backquote", "system", "concat", "shell")}
    labels = ["`touch %s`" % traps["backquote"],
              "'; system(\"touch %s\")" % traps["system"],
              "'.system(\"touch %s\").'" % traps["concat"],
              "x\n!touch %s" % traps["shell"]]
    with open(os.path.join(work, "hostile.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["label", "n"])
        for i, label in enumerate(labels):
            w.writerow([label, i + 1])

    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    p = subprocess.run([rapkit, "run", "charts_gnuplot.lua", "--out", "out"], cwd=work, capture_output=True, env=env)
    check("charts_gnuplot.lua runs without warnings", p.returncode == 0 and not p.stderr,
          p.stderr.decode(errors="replace"))
    out = os.path.join(work, "out")
    have_pdffonts = shutil.which("pdffonts") is not None
    titles = {}
    with open(os.path.join(here, "charts_gnuplot.lua"), encoding="utf-8") as f:
        for line in f:
            if line.strip().startswith("title = "):
                titles[len(titles)] = line.split('"')[1]
    for k, name in enumerate(("bar", "line", "interval")):
        base = os.path.join(out, name)
        chunks = png_chunks(base + ".png")
        ok = chunks is not None and chunks[0][0] == b"IHDR" and chunks[1][0] == b"pHYs"
        check(name + ".png is 1890 x 1181 at 300 dpi",
              ok and struct.unpack(">II", chunks[0][1][:8]) == (1890, 1181)
              and struct.unpack(">IIB", chunks[1][1]) == (11811, 11811, 1))
        if ok:
            zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
        with open(os.path.join(here, "expected", name + ".alt.txt"), encoding="utf-8") as f:
            alt = f.read().rstrip("\n")
        for ext in ("alt.txt", "csv", "md"):
            with open(os.path.join(here, "expected", name + "." + ext), "rb") as f:
                want = f.read()
            with open(base + "." + ext, "rb") as f:
                got = f.read()
            check("%s.%s is the cairo chart's" % (name, ext), got == want, got.decode(errors="replace"))
        try:
            root = ET.parse(base + ".svg").getroot()
            kids = list(root)
            check(name + ".svg starts with <title> and <desc> on <svg role=img>",
                  root.tag == SVG + "svg" and len(kids) >= 2 and kids[0].tag == SVG + "title"
                  and kids[0].text == titles[k] and kids[1].tag == SVG + "desc" and kids[1].text == alt
                  and root.get("role") == "img", [k.tag for k in kids[:2]])
            check(name + ".svg is sized in points",
                  root.get("width") == "453.543pt" and root.get("height") == "283.465pt")
        except ET.ParseError as e:
            check(name + ".svg parses", False, str(e))
        info = pdf_info(base + ".pdf")
        check(name + ".pdf has one page", info.get("Pages") == "1", info)
        check(name + ".pdf has the title and the alt text",
              info.get("Title") == titles[k] and info.get("Subject") == alt, info)
        with open(base + ".json", encoding="utf-8") as f:
            compact = json.dumps(json.load(f), separators=(",", ":"), ensure_ascii=False)
        check(name + ".pdf holds the stamp as its keywords", info.get("Keywords") == compact, info.get("Keywords"))
        check(name + ".pdf is dated at the run time",
              info.get("CreationDate") == RUN_TIME and info.get("ModDate") == RUN_TIME, info)
        with open(base + ".pdf", "rb") as f:
            dates = re.findall(rb"/(?:Creation|Mod)Date \(D:(\d{14})", f.read())
        check(name + ".pdf has no date but the run time, not even in cairo's superseded information",
              len(dates) >= 2 and set(dates) == {b"".join(re.findall(rb"\d", RUN_TIME.encode()))}, dates)
        if have_pdffonts:
            fonts = subprocess.run(["pdffonts", base + ".pdf"], capture_output=True, text=True)
            rows = [l.split() for l in fonts.stdout.splitlines()[2:] if l.strip()]
            check(name + ".pdf embeds every font", rows and all(r[-5] == "yes" for r in rows), fonts.stdout)

    # cairo dates its own part of the PDF by the clock: rapkit dates it again.
    subprocess.run([rapkit, "run", "charts_gnuplot.lua", "--out", "again"], cwd=work, capture_output=True, env=env)
    for name in ("bar", "line", "interval"):
        with open(os.path.join(out, name + ".pdf"), "rb") as a, open(os.path.join(work, "again", name + ".pdf"), "rb") as b:
            check(name + ".pdf is the same in a second run with SOURCE_DATE_EPOCH", a.read() == b.read())

    for what, path in traps.items():
        check("the %s label ran nothing" % what, not os.path.exists(path))
    try:
        texts = [t.text for t in ET.parse(os.path.join(out, "hostile.svg")).getroot().iter(SVG + "text")]
        for label in labels:
            check("hostile.svg draws %r" % label, all(part in texts for part in label.split("\n")), texts)
    except ET.ParseError as e:
        check("hostile.svg parses", False, str(e))

    left = sorted(os.listdir(out))
    want = sorted(["%s.%s" % (n, e) for n in ("bar", "line", "interval")
                   for e in ("png", "svg", "pdf", "alt.txt", "csv", "md", "json")]
                  + ["hostile.svg", "hostile.alt.txt", "hostile.csv", "hostile.md", "hostile.json"])
    check("no temporaries left", left == want, left)
finally:
    shutil.rmtree(work)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
