#!/usr/bin/env python3
"""Output checks: charts written by `rapkit run` are what they claim to be.

usage: check_outputs.py RAPKIT TESTS_OUTPUT_DIR

Runs charts.lua into a temporary folder, then checks that the PNG decodes
(its IHDR chunk and CRC are valid) at 1890 x 1181 pixels (160 x 100 mm at
300 dpi) and 945 x 709 for 80 x 60 mm, that the SVG parses as XML with an
<svg> root, that the PDF has exactly one page (pdfinfo), and that no
temporary file is left beside them. Prints "N passed, N failed".
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
    for f in ("charts.lua", "counts.csv"):
        shutil.copy(os.path.join(here, f), work)
    p = subprocess.run([rapkit, "run", "charts.lua", "--out", "out"], cwd=work, capture_output=True)
    check("charts.lua runs", p.returncode == 0, p.stderr.decode(errors="replace"))
    out = os.path.join(work, "out")
    check("bar.png is 1890 x 1181", png_size(os.path.join(out, "bar.png")) == (1890, 1181))
    check("small.png is 945 x 709", png_size(os.path.join(out, "small.png")) == (945, 709))
    try:
        root = ET.parse(os.path.join(out, "bar.svg")).getroot()
        check("bar.svg parses with an <svg> root", root.tag.endswith("svg"), root.tag)
    except ET.ParseError as e:
        check("bar.svg parses", False, str(e))
    info = subprocess.run(["pdfinfo", os.path.join(out, "bar.pdf")], capture_output=True, text=True)
    pages = [l.split()[-1] for l in info.stdout.splitlines() if l.startswith("Pages:")]
    check("bar.pdf has one page", pages == ["1"], info.stdout + info.stderr)
    left = sorted(os.listdir(out))
    check("no temporaries left", left == ["bar.pdf", "bar.png", "bar.svg", "small.png"], left)
finally:
    shutil.rmtree(work)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
