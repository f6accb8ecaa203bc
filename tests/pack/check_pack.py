#!/usr/bin/env python3
"""The example board pack, as a newcomer's `make demo` makes it.

    check_pack.py RAPKIT EXAMPLES_DIR

Copies examples/board-pack (and the examples/data it reads) to a temporary
folder, runs `rapkit pack` on it and checks what it wrote:
- the PDF has one page per figure plus the cover (pdfinfo), the cover lists
  every figure, and each figure's statement is on its own page (pdftotext);
- manifest.json names every figure with its files, which exist with the
  sizes it gives; every script's inputs exist; statements.md holds every
  statement; nothing is left half-written (no temporaries);
- a pack whose script fails exits with the script's error (file and line)
  and leaves no PDF, statements or manifest, not even an earlier run's.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = 0



def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()

def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL {what}")


def words(text):
    """Text as pdftotext or a statement gives it, spaces and line breaks alike."""
    return re.sub(r"\s+", " ", text).strip()


def page_text(pdf, page):
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-"],
                         check=True, capture_output=True, text=True).stdout
    return words(out)


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def run_pack(rapkit, pack, out):
    return subprocess.run([rapkit, "pack", pack, "--out", out], capture_output=True, text=True)


def check_good_pack(rapkit, work):
    pack = os.path.join(work, "board-pack", "PACK.lua")
    out = os.path.join(work, "out")
    run = run_pack(rapkit, pack, out)
    check(run.returncode == 0, f"pack exits 0 (got {run.returncode}: {run.stderr})")
    check(run.stderr == "", f"no progress or warnings when stderr is not a terminal: {run.stderr!r}")
    pdf = os.path.join(out, "board-pack.pdf")
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    figures = manifest["figures"]
    check(len(figures) >= 9, f"the example pack has a figure for each report figure (got {len(figures)})")
    check(run.stdout.startswith(f"board pack: {len(figures)} figures from "), f"summary line: {run.stdout!r}")

    pages = pdf_pages(pdf)
    check(pages == len(figures) + 1, f"pages = figures + cover: {pages} pages, {len(figures)} figures")
    check(manifest["pdf"] == {"path": "board-pack.pdf", "pages": pages}, "manifest gives the PDF and its pages")
    cover = page_text(pdf, 1)
    check(words(manifest["title"]) in cover, "the cover has the pack's title")
    for fig in figures:
        text = page_text(pdf, fig["page"])
        check(fig["page"] == fig["number"] + 1, f"figure {fig['number']} is on page {fig['number'] + 1}")
        check(words(fig["statement"]) in text,
              f"figure {fig['number']}'s statement is on its page: {fig['statement']!r}")
        check(f"Figure {fig['number']}" in text, f"page {fig['page']} is labelled Figure {fig['number']}")
        check(f"Page {fig['page']} of {pages}" in text, f"page {fig['page']} is numbered")
        check(f"Figure {fig['number']}" in cover, f"the cover lists figure {fig['number']}")
        for other in figures:
            if other is not fig:
                check(words(other["statement"]) not in text,
                      f"figure {other['number']}'s statement is not on page {fig['page']}")
        if fig["placeholder"]:
            check(fig["files"] == [], "a placeholder has no files")
            continue
        names = [x["path"] for x in fig["files"]]
        check(any(n.endswith(".png") for n in names) or fig["name"] == "survey-actions",
              f"figure {fig['name']} has its chart as PNG")
        for entry in fig["files"]:
            path = os.path.join(out, entry["path"])
            check(os.path.isfile(path) and os.path.getsize(path) == entry["bytes"]
                  and sha256_of(path) == entry["sha256"],
                  f"{entry['path']} exists with the size and SHA-256 the manifest gives")
    check(sum(f["placeholder"] for f in figures) == 0, "no placeholder: every figure is made")
    check(any(f["name"] == "impact-matrix" for f in figures), "the impact matrix has its figure")
    names = [f["name"] for f in figures if not f["placeholder"]]
    check(len(set(names)) == len(names), "figure names are unique")

    here = os.path.dirname(pack)
    scripts = [s for s in manifest["scripts"] if "script" in s]
    for s in scripts:
        check(s["inputs"], f"{s['script']} lists the files it read")
        for entry in s["inputs"] + s["modules"]:
            path = os.path.normpath(os.path.join(here, entry["path"]))
            check(os.path.isfile(path) and os.path.getsize(path) == entry["bytes"]
                  and sha256_of(path) == entry["sha256"],
                  f"input {entry['path']} of {s['script']} exists with its size and SHA-256")
        for entry in s["outputs"]:
            check(os.path.isfile(os.path.join(out, entry["path"])), f"output {entry['path']} exists")
    stop_search = [s for s in scripts if s["script"] == "stop-search.lua"][0]
    check(len([i for i in stop_search["inputs"] if i["path"].startswith("data/")]) == 12,
          "the stop and search script read the twelve monthly files")

    with open(os.path.join(out, "statements.md"), encoding="utf-8") as f:
        statements = f.read()
    for fig in figures:
        check(f"## Figure {fig['number']}: " in statements and fig["statement"] in statements,
              f"statements.md has figure {fig['number']}")
    leftovers = [n for _, _, files in os.walk(out) for n in files if ".tmp" in n or n.startswith(".")]
    check(not leftovers, f"no temporaries left: {leftovers}")
    return out


def check_failing_pack(rapkit, work, out):
    """A script that fails stops the pack: its error, and no pack files."""
    pack_dir = os.path.join(work, "board-pack")
    with open(os.path.join(pack_dir, "broken.lua"), "w", encoding="utf-8") as f:
        f.write("-- fails on its second line\nlocal x = rapkit.read_csv(\"no-such-file.csv\")\n")
    with open(os.path.join(pack_dir, "PACK.lua"), encoding="utf-8") as f:
        text = f.read()
    text = text.replace('"stop-search.lua",', '"stop-search.lua", "broken.lua",', 1)
    broken = os.path.join(pack_dir, "BROKEN.lua")
    with open(broken, "w", encoding="utf-8") as f:
        f.write(text)
    check(os.path.isfile(os.path.join(out, "board-pack.pdf")), "an earlier run's PDF is there to start with")
    run = run_pack(rapkit, broken, out)
    check(run.returncode == 1, f"exit code of the script's error (1: a file could not be read), got {run.returncode}")
    lines = run.stderr.splitlines()
    check(len(lines) == 2 and re.match(r"rapkit: .*board-pack/broken\.lua:2: .*no-such-file\.csv: cannot open",
                                       lines[0]) is not None,
          f"the error names the script's file and line: {run.stderr!r}")
    check(len(lines) == 2 and lines[1].startswith("rapkit: pack: stopped at 7 of 10 (broken.lua)"),
          f"the pack says where it stopped: {run.stderr!r}")
    for name in ("board-pack.pdf", "statements.md", "manifest.json"):
        check(not os.path.exists(os.path.join(out, name)), f"no {name} after a failed pack")
    check(run.stdout == "", "no summary after a failed pack")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    rapkit, examples = os.path.abspath(sys.argv[1]), sys.argv[2]
    for tool in ("pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            print(f"skipped: {tool} is not installed (poppler-utils)")
            return 77
    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(os.path.join(examples, "board-pack"), os.path.join(work, "board-pack"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(os.path.join(examples, "data"), os.path.join(work, "data"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        out = check_good_pack(rapkit, work)
        check_failing_pack(rapkit, work, out)
    print("ok board pack" if not failures else f"{failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
