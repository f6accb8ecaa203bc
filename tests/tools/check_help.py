#!/usr/bin/env python3
"""check_help.py RAPKIT SOURCE_DIR: `rapkit --help`, `rapkit help TOPIC`, the
man page (docs/rapkit.1) and the reference's command list cannot drift from
the code.

Checks, and prints every mismatch (exit 1 if any):
- every topic that an unknown topic lists prints text and exits 0, and
  `rapkit CMD --help` prints the topic CMD;
- every option the command line parsers know (cli/*.c) is in its command's
  topic, in the overview and in the man page;
- the exit codes of lua/rk_host.h are in `help exit-codes`, the overview and
  the man page's EXIT STATUS;
- every function of rapkit.chart, rapkit.stats and rapkit.say at run time,
  and every Dataset method registered in lua/*.c, is in its topic; so are the
  kinds and the metric library's modules;
- every command of the overview is in the man page's SYNOPSIS and in
  docs/reference.md's "Commands", and every topic in the man page.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_types  # noqa: E402  (its api walk and source parsing)

problems = []


def problem(msg):
    problems.append(msg)


def rapkit_output(rapkit, *args):
    out = subprocess.run([rapkit, *args], capture_output=True, text=True)
    return out.returncode, out.stdout, out.stderr


def function_body(text, signature):
    """The text of the C function whose definition starts with `signature`."""
    start = text.find(signature)
    if start < 0:
        return ""
    end = text.find("\n}\n", start)
    return text[start:end]


def options_in(text):
    return set(re.findall(r'"(--[a-z][a-z-]*)', text))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_help.py RAPKIT SOURCE_DIR")
    rapkit, src = sys.argv[1], sys.argv[2]

    code, _, err = rapkit_output(rapkit, "help", "zz-no-such-topic")
    if code != 2:
        problem("an unknown topic exits %d, not 2" % code)
    listed = err.split("the topics are:", 1)[-1]
    topics = [t for t in re.split(r"[\s,]+", listed) if t]
    text = {}
    for topic in topics:
        code, out, err = rapkit_output(rapkit, "help", topic)
        if code != 0 or not out.strip() or err:
            problem("rapkit help %s: exit %d, %d bytes, error %r" % (topic, code, len(out), err))
        text[topic] = out
    code, overview, _ = rapkit_output(rapkit, "--help")
    if code != 0:
        problem("rapkit --help exits %d" % code)
    man = open(os.path.join(src, "docs", "rapkit.1"), encoding="utf-8").read()
    man_plain = man.replace("\\-", "-").replace("\\&", "")
    reference = open(os.path.join(src, "docs", "reference.md"), encoding="utf-8").read()

    # Commands, and `CMD --help`.
    usage = overview.split("\n\n", 1)[0]
    commands = re.findall(r"^(?:usage:)?\s+rapkit ([a-z]+)", usage, re.M)
    if not commands:
        problem("no commands found in rapkit --help")
    commands_section = reference.split("## Commands", 1)[-1].split("\n## ", 1)[0]
    synopsis = man_plain.split(".SH SYNOPSIS", 1)[-1].split(".SH ", 1)[0]
    for cmd in commands:
        if cmd == "help":
            pass
        elif cmd not in topics:
            problem("command %s has no help topic" % cmd)
        else:
            code, out, _ = rapkit_output(rapkit, cmd, "--help")
            if code != 0 or out != text[cmd]:
                problem("rapkit %s --help does not print 'rapkit help %s'" % (cmd, cmd))
        if not re.search(r"\.B rapkit %s\b" % cmd, synopsis):
            problem("the man page's SYNOPSIS lacks rapkit %s" % cmd)
        if "rapkit " + cmd not in commands_section:
            problem("docs/reference.md's Commands lacks rapkit %s" % cmd)
    for topic in topics:
        if topic not in man_plain:
            problem("the man page does not name the help topic %s" % topic)

    # Options of each parser.
    cli = os.path.join(src, "cli")
    main_c = open(os.path.join(cli, "main.c"), encoding="utf-8").read()
    check_c = open(os.path.join(cli, "check.c"), encoding="utf-8").read()
    parsers = {
        ("run", "repl"): options_in(function_body(main_c, "static int parse_host_args(")),
        ("describe",): options_in(function_body(main_c, "static int cmd_describe(")),
        ("check",): options_in(check_c),
    }
    for cmds, options in parsers.items():
        if not options:
            problem("no options found in the parser of %s" % "/".join(cmds))
        for opt in sorted(options - {"--help"}):
            for cmd in cmds:
                if opt not in text.get(cmd, ""):
                    problem("rapkit help %s lacks %s" % (cmd, opt))
            if opt not in overview:
                problem("rapkit --help lacks %s" % opt)
            if opt not in man_plain:
                problem("the man page lacks %s" % opt)

    # Exit codes.
    host_h = open(os.path.join(src, "lua", "rk_host.h"), encoding="utf-8").read()
    codes = re.findall(r"RK_EXIT_\w+\s*=\s*(\d+)", host_h)
    exit_status = man_plain.split(".SH EXIT STATUS", 1)[-1].split(".SH ", 1)[0]
    for c in codes:
        if not re.search(r"^  %s  \S" % c, text.get("exit-codes", ""), re.M):
            problem("rapkit help exit-codes lacks %s" % c)
        if not re.search(r"^  %s  \S" % c, overview, re.M):
            problem("rapkit --help lacks exit code %s" % c)
        if ".B %s\n" % c not in exit_status:
            problem("the man page's EXIT STATUS lacks %s" % c)
    if len(re.findall(r"^  \d  ", text.get("exit-codes", ""), re.M)) != len(codes):
        problem("rapkit help exit-codes lists codes that lua/rk_host.h does not have")

    # The Lua API in the topics.
    library = {f[:-4] for f in os.listdir(os.path.join(src, "scripts"))
               if f.endswith(".lua")} - check_types.HELPER_MODULES
    facts = check_types.run_walk(rapkit, os.path.join(src, "tests", "tools"), library, set())
    where = {"rapkit.chart.": "charts", "rapkit.stats.": "stats", "rapkit.say.": "say"}
    for fact in facts:
        if fact[0] != "function":
            continue
        for prefix, topic in where.items():
            if fact[1].startswith(prefix):
                short = fact[1][len(prefix):]
                if not re.search(r"\b%s\b" % re.escape(short), text.get(topic, "")):
                    problem("rapkit help %s lacks %s" % (topic, fact[1]))
    for name, topic in [("rapkit.read_csv", "datasets"), ("rapkit.dataset", "datasets"),
                        ("rapkit.bind", "datasets"), ("rapkit.load", "kinds"),
                        ("rapkit.disclose", "disclose")]:
        if name not in text.get(topic, ""):
            problem("rapkit help %s lacks %s" % (topic, name))
    for method in sorted(check_types.source_methods(os.path.join(src, "lua"))):
        kind, name = method.split(":")
        topic = "charts" if kind == "Chart" else "datasets"
        if not re.search(r"\b%s\b" % name, text.get(topic, "")):
            problem("rapkit help %s lacks the method %s" % (topic, method))
    _, _, err = rapkit_output(rapkit, "check", "x.csv", "--kind", "zz-no-such-kind")
    kinds = re.findall(r"\w+", err.split("(kinds:", 1)[-1])
    if not kinds:
        problem("no kinds listed by rapkit check --kind with an unknown kind")
    for kind in kinds:
        if not re.search(r"\b%s\b" % kind, text.get("kinds", "")):
            problem("rapkit help kinds lacks %s" % kind)
    for module in sorted(library):
        if not re.search(r"\b%s\b" % module, text.get("modules", "")):
            problem("rapkit help modules lacks %s" % module)

    for p in problems:
        print("FAIL: " + p)
    if problems:
        sys.exit(1)
    print("ok: %d topics and %d commands agree with the code, the man page and the reference"
          % (len(topics), len(commands)))


if __name__ == "__main__":
    main()
