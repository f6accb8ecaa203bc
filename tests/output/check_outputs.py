#!/usr/bin/env python3
"""Output checks: charts written by `rapkit run` are what they claim to be.

usage: check_outputs.py RAPKIT TESTS_OUTPUT_DIR

Runs charts.lua into a temporary folder, then checks, for each chart type
(bar and its grouped, stacked, 100% stacked, horizontal and focus forms,
line, interval, spc, funnel, heatmap), that the PNG decodes (its IHDR
chunk and CRC are valid) at 1890 x 1181 pixels (160 x 100 mm at 300 dpi; 945 x 709 for
80 x 60 mm), that the SVG parses as XML with an <svg> root whose first
children are <title> (the chart title) and <desc> (the alt text), that the
PDF has exactly one page, the alt text as its subject (pdfinfo) and every
font embedded (pdffonts), that NAME.alt.txt, NAME.csv and NAME.md are
exactly expected/NAME.* (suppressed cells "[c]", missing "[x]", a missing
month a row of its own), and that no temporary file is left beside them.
Prints "N passed, N failed".
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

rapkit, here = os.path.abspath(sys.argv[1]), sys.argv[2]
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


work = tempfile.mkdtemp(prefix="rapkit-output-")
try:
    for f in ("charts.lua", "counts.csv", "groups.csv", "monthly.csv", "ratios.csv", "funnel.csv", "impact.csv"):
        shutil.copy(os.path.join(here, f), work)
    p = subprocess.run([rapkit, "run", "charts.lua", "--out", "out"], cwd=work, capture_output=True)
    check("charts.lua runs", p.returncode == 0, p.stderr.decode(errors="replace"))
    out = os.path.join(work, "out")
    check("small.png is 945 x 709", png_size(os.path.join(out, "small.png")) == (945, 709))
    have_pdffonts = shutil.which("pdffonts") is not None
    if not have_pdffonts:
        print("skip  pdffonts not installed (tools/install-deps.sh installs poppler-utils)")
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
        except ET.ParseError as e:
            check(name + ".svg parses", False, str(e))
        info = subprocess.run(["pdfinfo", base + ".pdf"], capture_output=True, text=True)
        pages = [l.split()[-1] for l in info.stdout.splitlines() if l.startswith("Pages:")]
        check(name + ".pdf has one page", pages == ["1"], info.stdout + info.stderr)
        subject = [l[len("Subject:"):].strip() for l in info.stdout.splitlines() if l.startswith("Subject:")]
        check(name + ".pdf has the alt text as its subject", subject == [alt], subject)
        if have_pdffonts:
            fonts = subprocess.run(["pdffonts", base + ".pdf"], capture_output=True, text=True)
            rows = [l.split() for l in fonts.stdout.splitlines()[2:] if l.strip()]
            # columns: name type [type2] encoding emb sub uni object ID; "emb" is 5th from the end
            check(name + ".pdf embeds every font", rows and all(r[-5] == "yes" for r in rows), fonts.stdout)
    left = sorted(os.listdir(out))
    want = sorted(["%s.%s" % (n, e) for n in CHARTS
                   for e in ("png", "svg", "pdf", "alt.txt", "csv", "md")]
                  + ["small.png", "small.alt.txt", "small.csv", "small.md"])
    check("no temporaries left", left == want, left)
finally:
    shutil.rmtree(work)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
