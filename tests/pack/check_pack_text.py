#!/usr/bin/env python3
"""manifest.json is valid JSON whatever text a pack's scripts give.

    check_pack_text.py RAPKIT

2026-12 review: the manifest had its own string escaper, which passed bytes
that are not UTF-8 through (invalid JSON). It is written by core/rk_json
now. A figure's texts may hold control characters, quotes and backslashes
(escaped), a file a script writes may have a name that is not UTF-8 (shown
with U+FFFD), and a statement that is not UTF-8 is refused before anything
of the pack is written, naming the statement.
"""

import json
import os
import subprocess
import sys
import tempfile

failures = 0


def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL {what}")


PACK = b"""return {title = "Tabs\\tand \\"quotes\\" \\\\ <b>", scripts = {"figure.lua"}}
"""

STATEMENT = "Caf\u00e9 \x01bell\x1f: 3 of 7 \"quoted\" \\ end."

FIGURE = b"""local t = rapkit.dataset{stage = {"a"}, people = {1}}
rapkit.figure{name = "f", title = "T", table = t, caveats = {"two\\nlines"},
              statement = "Caf\\xc3\\xa9 \\x01bell\\x1f: 3 of 7 \\"quoted\\" \\\\ end."}
rapkit.write_text("caf\\xe9.txt", "a file name that is not UTF-8\\n")
"""

BAD_FIGURE = b"""local t = rapkit.dataset{stage = {"a"}, people = {1}}
rapkit.figure{name = "f", title = "T", table = t, statement = "Caf\\xe9 is Latin-1."}
"""


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def run_pack(rapkit, work, figure):
    write(os.path.join(work, "PACK.lua"), PACK)
    write(os.path.join(work, "figure.lua"), figure)
    return subprocess.run([rapkit, "pack", "PACK.lua", "--out", "out"], cwd=work, capture_output=True)


def main():
    rapkit = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        run = run_pack(rapkit, work, FIGURE)
        check(run.returncode == 0, f"the pack is made (exit {run.returncode}: {run.stderr!r})")
        with open(os.path.join(work, "out", "manifest.json"), "rb") as f:
            raw = f.read()
        try:
            manifest = json.loads(raw.decode("utf-8"))  # strict: invalid UTF-8 or JSON raises
        except (UnicodeDecodeError, ValueError) as e:
            check(False, f"manifest.json is valid UTF-8 JSON: {e}")
            return
        check(manifest["title"] == "Tabs\tand \"quotes\" \\ <b>", f"title: {manifest['title']!r}")
        figure = manifest["figures"][0]
        check(figure["statement"] == STATEMENT, f"statement: {figure['statement']!r}")
        check(figure["caveats"] == ["two\nlines"], f"caveats: {figure['caveats']!r}")
        outputs = [o["path"] for o in manifest["scripts"][0]["outputs"]]
        check("caf\ufffd.txt" in outputs, f"a file name that is not UTF-8 is shown with U+FFFD: {outputs!r}")

    with tempfile.TemporaryDirectory() as work:
        run = run_pack(rapkit, work, BAD_FIGURE)
        check(run.returncode == 3, f"a statement that is not UTF-8 is a script error (exit {run.returncode})")
        want = b"rapkit: figure.lua:2: figure 'f': its statement is not valid UTF-8: save the script as UTF-8\n"
        check(run.stderr.startswith(want), f"the error names the statement: {run.stderr!r}")
        check(not os.path.exists(os.path.join(work, "out", "manifest.json")), "no manifest after the error")


if __name__ == "__main__":
    main()
    if failures:
        sys.exit(1)
    print("ok: manifest.json is valid JSON whatever the scripts' text")
