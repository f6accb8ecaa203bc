#!/usr/bin/env python3
"""check_types.py RAPKIT SOURCE_DIR: the lua-language-server definitions in
types/ cannot drift from rapkit.

Checks, and prints every mismatch (exit 1 if any):
- every function docs/reference.md names in its headings and tables
  (rapkit.*, ds:*, chart:*, say.*, the library modules' functions) is defined
  in types/ (a table called as a function, such as rapkit.matrix{...}, is a
  field of the rapkit table whose class declares the call with ---@overload),
  and every rapkit.* value it names is a field of the rapkit table;
- every function and value of the `rapkit` table at run time (walked by
  api_walk.lua) is defined, and every definition exists at run time;
- every Dataset, Grouping and Chart method registered in lua/*.c is defined,
  and every defined method exists at run time;
- every function of each metric library module (scripts/*.lua but the shared
  helpers) is defined, and each module has its `---@meta NAME` file;
- the options class of every function that checks option names has exactly
  the options that function accepts at run time.
"""
import csv
import os
import re
import subprocess
import sys
import tempfile

HELPER_MODULES = {"metric_common"}   # shared by the modules, not an analyst's API
LUA_BUILTINS = {"require"}           # lua-language-server knows these already
OBJECT_OF = {"ds": "Dataset", "chart": "Chart", "result": "Dataset"}

problems = []


def problem(msg):
    problems.append(msg)


def parse_types(types_dir):
    """Functions, classes (fields, parents) and each function's params."""
    functions = {}   # "rapkit.chart.bar" / "Dataset:filter" -> {param: type}
    classes = {}     # name -> {"fields": set, "types": {field: type}, "parents": [..], "callable": bool}
    metas = {}       # file stem -> the name after ---@meta
    for fname in sorted(os.listdir(types_dir)):
        if not fname.endswith(".lua"):
            continue
        params, current = {}, None
        with open(os.path.join(types_dir, fname), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                m = re.match(r"---@meta\s*(\S*)", line)
                if m:
                    metas[fname[:-4]] = m.group(1)
                m = re.match(r"---@class\s+([\w.]+)(?:\s*:\s*([\w.,\s]+))?", line)
                if m:
                    current = m.group(1)
                    parents = [p.strip() for p in (m.group(2) or "").split(",") if p.strip()]
                    classes[current] = {"fields": set(), "types": {}, "parents": parents,
                                        "callable": False}
                    continue
                m = re.match(r"---@field\s+([A-Za-z_]\w*)\??\s+(\S+)", line)
                if m and current:
                    classes[current]["fields"].add(m.group(1))
                    classes[current]["types"][m.group(1)] = m.group(2)
                    continue
                if re.match(r"---@overload\s+fun\(", line) and current:
                    classes[current]["callable"] = True
                    continue
                m = re.match(r"---@param\s+(\w+)\??\s+(\S+)", line)
                if m:
                    params[m.group(1)] = m.group(2).rstrip("?")
                    continue
                m = re.match(r"function\s+([\w.]+[.:]\w+)\s*\(", line)
                if m:
                    functions[m.group(1)] = params
                if not line.startswith("---"):
                    params, current = {}, None   # annotations end at the code they describe
    return functions, classes, metas


def class_fields(classes, name):
    fields, todo = set(), [name]
    while todo:
        c = classes.get(todo.pop())
        if c:
            fields |= c["fields"]
            todo += c["parents"]
    return fields


def callable_field(classes, cls, field):
    """Whether field of class cls holds a table whose class declares a call."""
    todo = [cls]
    while todo:
        c = classes.get(todo.pop())
        if not c:
            continue
        if field in c["types"]:
            target = classes.get(c["types"][field])
            return bool(target and target["callable"])
        todo += c["parents"]
    return False


def reference_names(path):
    """Function and value names the reference mentions in headings and tables."""
    names = set()
    modules = set()
    in_modules = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            heading = re.match(r"#{2,4}\s+(.*)", line)
            if heading and line.startswith("## "):
                in_modules = "metric library" in line
            if not heading and not line.startswith("|"):
                continue
            for span in re.findall(r"`([^`]+)`", line):
                for m in re.finditer(r"(?<![\w/.])(rapkit(?:\.[A-Za-z_]\w*)+)\s*(\(|\{)?", span):
                    names.add((m.group(1), bool(m.group(2))))
                for m in re.finditer(r"\b(ds|chart)\s*:\s*(\w+)\s*\(", span):
                    names.add((OBJECT_OF[m.group(1)] + ":" + m.group(2), True))
                for m in re.finditer(r"^say\.(\w+)\(", span):
                    names.add(("rapkit.say." + m.group(1), True))
                for m in re.finditer(r"require\(\"(\w+)\"\)\.(\w+)", span):
                    names.add((m.group(1) + "." + m.group(2), True))
                m = re.match(r"(\w+)\(", span)
                if heading and m and m.group(1) in LUA_BUILTINS:
                    continue
                if heading and in_modules and re.fullmatch(r"[a-z_]+", span):
                    modules.add(span)
    return names, modules


def source_methods(lua_dir):
    """Methods registered in the C bindings: {"Dataset:filter", ...}."""
    methods = set()
    for fname in sorted(os.listdir(lua_dir)):
        if not fname.endswith(".c"):
            continue
        text = open(os.path.join(lua_dir, fname), encoding="utf-8").read()
        for array, body in re.findall(r"luaL_Reg\s+(\w+)\[\]\s*=\s*\{(.*?)\};", text, re.S):
            for name, cfunc in re.findall(r'\{"(\w+)",\s*(\w+)\}', body):
                if name.startswith("__"):
                    continue
                if cfunc.startswith("ds_"):
                    methods.add("Dataset:" + name)
                elif cfunc.startswith("grouping_"):
                    methods.add("Grouping:" + name)
                elif fname == "rk_lua_chart.c" and array == "methods":
                    methods.add("Chart:" + name)
    return methods


def run_walk(rapkit, tools_dir, modules, methods):
    with tempfile.TemporaryDirectory() as tmp:
        names = os.path.join(tmp, "names.csv")
        with open(names, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["kind", "name"])
            for m in sorted(modules):
                w.writerow(["module", m])
            for meth in sorted(methods):
                kind, name = meth.split(":")
                w.writerow([kind, name])
        env = dict(os.environ)
        env.pop("RAPKIT_PATH", None)
        out = subprocess.run([rapkit, "run", os.path.join(tools_dir, "api_walk.lua"),
                              "--data", "names=" + names, "--out", os.path.join(tmp, "out")],
                             capture_output=True, text=True, env=env)
        if out.returncode != 0:
            sys.exit("api_walk.lua failed (%d): %s" % (out.returncode, out.stderr))
        return [line.split("\t") for line in out.stdout.splitlines()]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_types.py RAPKIT SOURCE_DIR")
    rapkit, src = sys.argv[1], sys.argv[2]
    types_dir = os.path.join(src, "types")
    functions, classes, metas = parse_types(types_dir)
    rapkit_fields = class_fields(classes, "rapkitlib")

    library = {f[:-4] for f in os.listdir(os.path.join(src, "scripts"))
               if f.endswith(".lua")} - HELPER_MODULES
    methods = source_methods(os.path.join(src, "lua"))
    defined_methods = {f for f in functions if ":" in f}
    facts = run_walk(rapkit, os.path.join(src, "tests", "tools"), library,
                     methods | defined_methods)

    # The reference.
    ref_names, ref_modules = reference_names(os.path.join(src, "docs", "reference.md"))
    for name, called in sorted(ref_names):
        parts = name.split(".")
        if name in functions:
            continue
        if not called and len(parts) == 2 and parts[1] in rapkit_fields:
            continue
        if called and len(parts) == 2 and callable_field(classes, "rapkitlib", parts[1]):
            continue
        problem("docs/reference.md names %s, which types/ does not define" % name)
    for module in sorted(ref_modules | library):
        if not any(f.startswith(module + ".") for f in functions):
            problem("module %s has no functions in types/" % module)

    # The rapkit table, modules and methods at run time.
    runtime_functions, runtime_values = set(), set()
    for fact in facts:
        if fact[0] == "function":
            runtime_functions.add(fact[1])
        elif fact[0] == "value":
            runtime_values.add(fact[1])
        elif fact[0] == "method" and fact[2] != "yes":
            problem("%s is defined in types/ or registered in lua/*.c but is not a method at "
                    "run time" % fact[1])
    for name in sorted(runtime_functions - set(functions)):
        problem("%s exists at run time but types/ does not define it" % name)
    for name in sorted(f for f in functions if ":" not in f and f not in runtime_functions):
        problem("types/ defines %s, which does not exist at run time" % name)
    for name in sorted(runtime_values):
        parts = name.split(".")
        if len(parts) == 2 and parts[1] not in rapkit_fields:
            problem("%s exists at run time but is not a field of rapkitlib in types/" % name)
    for name in sorted(methods - defined_methods):
        problem("method %s is registered in lua/*.c but types/ does not define it" % name)
    for module in sorted(library):
        if metas.get(module) != module:
            problem("types/%s.lua is missing or lacks '---@meta %s'" % (module, module))

    # Options.
    for fact in facts:
        if fact[0] != "options":
            continue
        name, listed = fact[1], fact[2]
        if listed.startswith("(none found"):
            problem("%s: no list of options in its error %s" % (name, listed))
            continue
        runtime = set(listed.split(","))
        params = functions.get(name, {})
        cls = params.get("opts") or params.get("spec")
        if not cls:
            problem("%s takes options, but its definition has no opts or spec parameter" % name)
            continue
        declared = class_fields(classes, cls)
        for opt in sorted(runtime - declared):
            problem("%s accepts option '%s', which %s does not declare" % (name, opt, cls))
        for opt in sorted(declared - runtime):
            problem("%s declares option '%s', which %s does not accept" % (cls, opt, name))

    for p in problems:
        print("FAIL: " + p)
    checked = len(functions)
    if problems:
        sys.exit(1)
    print("ok: %d definitions agree with the reference and with rapkit at run time" % checked)


if __name__ == "__main__":
    main()
