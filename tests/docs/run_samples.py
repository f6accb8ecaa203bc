#!/usr/bin/env python3
"""run_samples.py RAPKIT SOURCE_DIR DOC.md: runs the code samples of one page
of the docs, so that the docs cannot drift from the code.

The conventions (tests/docs/README.md says the same, for doc writers):

- Every ```lua block runs: written to `sample.lua` in a copy of the
  repository's examples/ and scripts/ folders, then
  `rapkit run sample.lua --out OUT [--data ...] [ARGS]` from the folder the
  block names (default examples/data, so the example files are at hand).
  It must exit 0 and write nothing to standard error unless told otherwise.
- A comment on the line before a block (blank lines between are allowed)
  tells the runner how:
      <!-- sample: dir=examples/first-chart data=searches=data/x.csv -->
  with these settings (values with spaces in double quotes):
      dir=PATH        the folder of the copy to run in (and hold sample.lua)
      data=NAME=PATH  a --data option (repeatable), PATH from that folder
      args="..."      more options for `rapkit run` (--allow-gnuplot ...)
      command=matrix  run `rapkit matrix sample.lua` instead (an impact
                      matrix scheme; give --period in args)
      code=N          the exit code expected (default 0)
      name=ID         other blocks of the page can start with this one...
      after=ID[,ID]   ...by naming it: its text runs first, then this block's
      file=PATH       (walkthrough pages) write the block to PATH in the
                      walkthrough's copy, for the ```sh blocks after it to run
      append=PATH     as file=, but added to the end of PATH
      recap           with file=PATH: the block shows the whole file as the
                      blocks before it made it, and must be exactly that
      same_as=PATH    the block must be the text of that file of the
                      repository (a page showing an example script)
      skip            (```sh blocks only) do not run: allowed only for
                      commands that build or install (make, cmake, apt-get...)
- A block that follows a sample and is marked
      <!-- sample: output -->   or   <!-- sample: stderr -->
  is what the sample prints on standard output (or error). Its lines must
  match the output's lines in order; a line `...` stands for any number of
  lines (none included), so long output can be shortened truthfully.
  Trailing spaces are ignored.
- A page that holds `<!-- samples: shell -->` is a walkthrough: its ```sh
  blocks also run, in order, with bash (-e -u -o pipefail), each from the top
  of one copy of the repository layout in which `build/cli/rapkit` is the
  rapkit under test (and `rapkit` is on PATH), so that files the steps make
  are there for the steps after them. A block marked file= or append= is run
  by the sh blocks after it; the runner checks that one of them names it.

Prints one line per sample ("ok" or "FAIL" with the difference) and exits 1
if any failed.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^( *)(```+|~~~+)\s*([^`\s]*)")
MARKER = re.compile(r"^\s*<!--\s*sample:(.*?)-->\s*$")
PAGE_SHELL = "<!-- samples: shell -->"
SETTINGS = {"dir", "data", "args", "code", "name", "after", "file", "append", "same_as",
            "command"}
FLAGS = {"skip", "output", "stderr", "recap"}
# What a ```sh block marked skip may hold: building and installing only.
BUILD_COMMAND = re.compile(r"^(make|cmake|sudo|apt-get|git clone|cd rapkit)\b")
TIMEOUT = 90


class PageError(Exception):
    pass


class Block:
    def __init__(self, lang, text, line, marker):
        self.lang, self.text, self.line = lang, text, line
        self.settings, self.flags, self.data = {}, set(), []
        self.output = self.stderr = None      # expected, as Blocks
        if marker is not None:
            self.parse_marker(marker)

    def parse_marker(self, marker):
        try:
            words = shlex.split(marker)
        except ValueError as e:
            raise PageError("line %d: bad sample comment: %s" % (self.line, e))
        for word in words:
            key, eq, value = word.partition("=")
            if not eq:
                if key not in FLAGS:
                    raise PageError("line %d: unknown sample flag '%s' (flags: %s)"
                                    % (self.line, key, ", ".join(sorted(FLAGS))))
                self.flags.add(key)
            elif key not in SETTINGS:
                raise PageError("line %d: unknown sample setting '%s' (settings: %s)"
                                % (self.line, key, ", ".join(sorted(SETTINGS))))
            elif key == "data":
                self.data.append(value)
            else:
                self.settings[key] = value

    def where(self):
        return "line %d (```%s)" % (self.line, self.lang)


def parse_page(path):
    """The fenced blocks of a Markdown page, each with its sample comment."""
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, marker, marker_line, i = [], None, 0, 0
    while i < len(lines):
        line = lines[i]
        m = MARKER.match(line)
        if m:
            if marker is not None:
                raise PageError("line %d: sample comment with no block after it" % marker_line)
            marker, marker_line = m.group(1), i + 1
            i += 1
            continue
        f = FENCE.match(line)
        if not f:
            if marker is not None and line.strip():
                raise PageError("line %d: sample comment with no block after it" % marker_line)
            i += 1
            continue
        indent, fence, lang = len(f.group(1)), f.group(2), f.group(3)
        body, i = [], i + 1
        start = i
        while i < len(lines) and not lines[i].strip().startswith(fence[0] * len(fence)):
            body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i])
            i += 1
        if i >= len(lines):
            raise PageError("line %d: block never closed" % start)
        blocks.append(Block(lang, "\n".join(body) + "\n", start, marker))
        marker = None
        i += 1
    if marker is not None:
        raise PageError("line %d: sample comment with no block after it" % marker_line)
    return blocks


def attach_expectations(blocks):
    """Moves output/stderr blocks onto the sample before them; returns samples."""
    samples = []
    for b in blocks:
        which = b.flags & {"output", "stderr"}
        if which:
            if not samples or samples[-1].lang not in ("lua", "sh"):
                raise PageError("%s: an expected output with no lua or sh block before it"
                                % b.where())
            target = samples[-1]
            if all(l.strip() in ("", "...") for l in b.text.split("\n")):
                raise PageError("%s: an expected output of nothing but '...' checks nothing"
                                % b.where())
            for w in which:
                if getattr(target, w) is not None:
                    raise PageError("%s: a second expected %s for the block at line %d"
                                    % (b.where(), w, target.line))
                setattr(target, w, b)
            continue
        samples.append(b)
    return samples


def matches(expected, actual):
    """Whether actual's lines match expected's, `...` lines standing for any run."""
    want = [l.rstrip() for l in expected.rstrip("\n").split("\n")]
    got = [l.rstrip() for l in actual.rstrip("\n").split("\n")] if actual else []

    memo = {}

    def match(i, j):
        key = (i, j)
        if key not in memo:
            if i == len(want):
                memo[key] = j == len(got)
            elif want[i] == "...":
                memo[key] = any(match(i + 1, k) for k in range(j, len(got) + 1))
            else:
                memo[key] = j < len(got) and want[i] == got[j] and match(i + 1, j + 1)
        return memo[key]

    sys.setrecursionlimit(max(10000, 4 * (len(want) + len(got))))
    return match(0, 0)


def check_result(sample, code, out, err, expected_code):
    """Problems with one run, as a list of text."""
    problems = []
    if code != expected_code:
        problems.append("exit code %d, expected %d" % (code, expected_code))
    for what, expected, actual in (("standard output", sample.output, out),
                                   ("standard error", sample.stderr, err)):
        if expected is not None:
            if not matches(expected.text, actual):
                problems.append("%s does not match the block at line %d; it was:\n%s"
                                % (what, expected.line, indent_text(actual)))
        elif what == "standard error" and actual.strip():
            problems.append("unexpected standard error:\n%s" % indent_text(actual))
    return problems


def indent_text(text):
    return "\n".join("    " + l for l in (text or "(nothing)").rstrip("\n").split("\n"))


def copy_layout(src, into):
    """The parts of the repository the samples may use: examples/ and scripts/."""
    for folder in ("examples", "scripts"):
        shutil.copytree(os.path.join(src, folder), os.path.join(into, folder), symlinks=True)


def run(argv, cwd, env):
    try:
        p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                           timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return -1, "", "(did not finish within %d s)" % TIMEOUT
    return p.returncode, p.stdout, p.stderr


class Runner:
    def __init__(self, rapkit, src, page):
        self.rapkit, self.src, self.page = os.path.abspath(rapkit), src, page
        self.passed = self.failed = 0
        self.env = dict(os.environ)
        self.env.pop("RAPKIT_PATH", None)
        self.env.pop("SOURCE_DATE_EPOCH", None)

    def report(self, sample, what, problems):
        name = "%s:%d %s" % (os.path.basename(self.page), sample.line, what)
        if problems:
            self.failed += 1
            print("FAIL %s" % name)
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
        else:
            self.passed += 1
            print("ok   %s" % name)

    def lua_text(self, sample, named, seen=()):
        """The block's text after the texts of the blocks it names in after=."""
        parts = []
        for ident in filter(None, sample.settings.get("after", "").split(",")):
            if ident not in named:
                raise PageError("%s: after=%s names no block" % (sample.where(), ident))
            if ident in seen:
                raise PageError("%s: after=%s goes round in a circle" % (sample.where(), ident))
            parts.append(self.lua_text(named[ident], named, seen + (ident,)))
        return "".join(parts) + sample.text

    def run_lua(self, sample, named, work, n):
        if "same_as" in sample.settings:
            shown = os.path.join(self.src, sample.settings["same_as"])
            if not os.path.isfile(shown) or open(shown, encoding="utf-8").read() != sample.text:
                return self.report(sample, "lua", ["the block is not the text of %s"
                                                    % sample.settings["same_as"]])
        folder = os.path.join(work, "repo", sample.settings.get("dir", "examples/data"))
        if not os.path.isdir(folder):
            return self.report(sample, "lua", ["dir=%s is not a folder of the repository"
                                                % sample.settings.get("dir")])
        script = os.path.join(folder, "sample.lua")
        with open(script, "w", encoding="utf-8") as f:
            f.write(self.lua_text(sample, named))
        command = sample.settings.get("command", "run")
        if command not in ("run", "matrix"):
            raise PageError("%s: command=%s: the commands are run and matrix"
                            % (sample.where(), command))
        argv = [self.rapkit, command, "sample.lua", "--out", os.path.join(work, "out%d" % n)]
        for d in sample.data:
            argv += ["--data", d]
        argv += shlex.split(sample.settings.get("args", ""))
        code, out, err = run(argv, folder, self.env)
        os.remove(script)
        self.report(sample, "lua", check_result(sample, code, out, err,
                                                int(sample.settings.get("code", "0"))))

    def walkthrough(self, samples, work):
        """The page's sh blocks in order, in one copy, with its file= blocks."""
        root = os.path.join(work, "walk")
        copy_layout(self.src, root)
        os.makedirs(os.path.join(root, "build", "cli"))
        os.symlink(self.rapkit, os.path.join(root, "build", "cli", "rapkit"))
        env = dict(self.env, PATH=os.path.join(root, "build", "cli") + os.pathsep
                   + self.env.get("PATH", ""))
        pending = {}    # file written by a block -> that block, until an sh block names it
        for sample in samples:
            target = sample.settings.get("file") or sample.settings.get("append")
            if sample.lang == "lua" and "recap" in sample.flags:
                path = os.path.join(root, sample.settings.get("file", ""))
                made = open(path, encoding="utf-8").read() if os.path.isfile(path) else None
                self.report(sample, "lua (recap)", [] if made == sample.text else [
                    "the block is not %s as the blocks before it made it:\n%s"
                    % (sample.settings.get("file"), indent_text(made))])
            elif sample.lang == "lua" and target:
                path = os.path.join(root, target)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "a" if "append" in sample.settings else "w",
                          encoding="utf-8") as f:
                    f.write(sample.text)
                if sample.output or sample.stderr:
                    raise PageError("%s: a file= or append= block has no output of its own: "
                                    "put the expected output after the sh block that runs it"
                                    % sample.where())
                pending[target] = sample
            elif sample.lang == "sh":
                if "skip" in sample.flags:
                    self.check_skip(sample)
                    continue
                code, out, err = run(["bash", "-euo", "pipefail", "-c", sample.text], root, env)
                problems = check_result(sample, code, out, err,
                                        int(sample.settings.get("code", "0")))
                self.report(sample, "sh: " + sample.text.strip().split("\n")[0][:60], problems)
                for target in [t for t in pending if t in sample.text]:
                    self.report(pending.pop(target), "lua (in %s, run at line %d)"
                                % (target, sample.line),
                                ["failed as part of %s: see line %d" % (target, sample.line)]
                                if problems else [])
        for target, sample in pending.items():
            self.report(sample, "lua", ["%s is written to %s but no ```sh block after it "
                                        "runs that file" % (sample.where(), target)])

    def check_skip(self, sample):
        for line in sample.text.split("\n"):
            command = line.split("#", 1)[0].strip()
            if command and not BUILD_COMMAND.match(command):
                raise PageError("%s: marked skip, but '%s' is not a build or install command; "
                                "only those may be skipped" % (sample.where(), command))

    def run_page(self):
        text = open(self.page, encoding="utf-8").read()
        samples = attach_expectations(parse_page(self.page))
        shell = PAGE_SHELL in text
        named = {}
        for s in samples:
            if s.lang != "lua" and (s.settings.keys() & {"name", "after", "file", "append",
                                                         "dir"} or s.data):
                raise PageError("%s: only ```lua blocks take name, after, file, append, "
                                "dir and data" % s.where())
            if "recap" in s.flags and (s.lang != "lua" or "file" not in s.settings):
                raise PageError("%s: recap goes with file= on a ```lua block" % s.where())
            if "skip" in s.flags and s.lang != "sh":
                raise PageError("%s: only ```sh blocks may be skipped: every ```lua "
                                "block runs" % s.where())
            if s.lang == "sh" and not shell and (s.settings or s.flags):
                raise PageError("%s: a sample comment on a ```sh block of a page that is not "
                                "a walkthrough (%s)" % (s.where(), PAGE_SHELL))
            if s.lang not in ("lua", "sh") and (s.settings or s.flags):
                raise PageError("%s: a sample comment on a ```%s block"
                                % (s.where(), s.lang or ""))
            if "name" in s.settings:
                if s.settings["name"] in named:
                    raise PageError("%s: name=%s is used twice" % (s.where(), s.settings["name"]))
                named[s.settings["name"]] = s
            if s.settings.keys() & {"file", "append"} and not shell:
                raise PageError("%s: file= and append= need a walkthrough page (%s)"
                                % (s.where(), PAGE_SHELL))
        work = tempfile.mkdtemp(prefix="rapkit-docs-")
        try:
            copy_layout(self.src, os.path.join(work, "repo"))
            for n, s in enumerate(samples):
                if s.lang == "lua" and not s.settings.keys() & {"file", "append"}:
                    self.run_lua(s, named, work, n)
            if shell:
                self.walkthrough(samples, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        count = sum(1 for s in samples if s.lang == "lua")
        if count == 0 and not shell:
            print("(no samples in %s)" % os.path.basename(self.page))


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: run_samples.py RAPKIT SOURCE_DIR DOC.md")
    rapkit, src, page = sys.argv[1:]
    runner = Runner(rapkit, os.path.abspath(src), os.path.abspath(page))
    try:
        runner.run_page()
    except PageError as e:
        print("FAIL %s: %s" % (os.path.basename(page), e))
        sys.exit(1)
    print("%d passed, %d failed" % (runner.passed, runner.failed))
    sys.exit(1 if runner.failed else 0)


if __name__ == "__main__":
    main()
