/* help.c: every help text of the rapkit command, in one place: the
 * overview (`rapkit --help`) and the topics (`rapkit help TOPIC`,
 * `rapkit COMMAND --help`). Topics are short and point to
 * docs/reference.md for the rest; tests/tools/check_help.py checks them
 * against the code (options, functions, kinds, modules, exit codes). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "rk_host.h"
#include "rk_kind.h"

/* The options `run` and `repl` share. */
#define HOST_OPTIONS                                                                     \
    "  --data NAME=PATH    let the script read the file PATH (relative to the current\n" \
    "                      folder) as rapkit.data.NAME; repeat for more files\n"         \
    "  --out DIR           folder the script writes to (default: out); created if missing\n" \
    "  --timeout SECONDS   stop the script after this long (default: no limit)\n"       \
    "  --memory MIB        limit the script's Lua memory (default: 2048); datasets are\n" \
    "                      counted apart\n"                                             \
    "  --min-count N       counts below N are suppressed and flagged in the metric\n"    \
    "                      library's results and by rapkit.disclose (default: 10);\n"    \
    "                      the script reads it as rapkit.min_count\n"                    \
    "  --verbose           add a traceback to errors; report time and peak memory\n"   \
    "  --allow-gnuplot     let the script call rapkit.gnuplot with its own gnuplot\n"   \
    "                      commands; gnuplot can run shell commands and write\n"       \
    "                      anywhere, so such a run is NOT sandboxed\n"                 \
    "  --quiet             no progress on standard error (shown only on a terminal:\n" \
    "                      a bar for loads of more than a second)\n"

#define HOST_USAGE "[--data NAME=PATH]... [--out DIR] [--timeout SECONDS]\n"

static const char overview[] =
    "usage: rapkit run SCRIPT " HOST_USAGE
    "                         [--memory MIB] [--min-count N] [--verbose]\n"
    "                         [--allow-gnuplot] [--quiet]\n"
    "       rapkit repl " HOST_USAGE
    "                   [--memory MIB] [--min-count N] [--verbose]\n"
    "                   [--allow-gnuplot] [--quiet]\n"
    "       rapkit describe PATH [--csv]\n"
    "       rapkit check PATH... --kind KIND\n"
    "       rapkit matrix SCHEME.lua --data NAME=PATH... --period PERIOD [options]\n"
    "       rapkit pack PACK.lua [--out DIR] [--quiet] [--verbose]\n"
    "       rapkit help [TOPIC]\n"
    "       rapkit --help | --version\n"
    "\n"
    "rapkit runs Lua analysis scripts over police datasets, in a sandbox.\n"
    "\n"
    "commands:\n"
    "  run SCRIPT          run a Lua script; its print() output goes to standard output\n"
    "  repl                type Lua at a prompt, in the sandbox of run; a dataset prints\n"
    "                      as an aligned table\n"
    "  describe PATH       load a CSV file and show, per column, its type, missing\n"
    "                      and distinct counts and its most common values\n"
    "  check PATH...       check files of a kind (stop_search, workforce, population...):\n"
    "                      rows usable, every problem with its line and count, missing\n"
    "                      values per column, and for stop_search the months covered;\n"
    "                      exit code 0 when the files are usable, 4 when not\n"
    "  matrix SCHEME.lua   score an impact matrix scheme for a period, compare periods\n"
    "                      and schemes, test its weights ('rapkit help matrix')\n"
    "  pack PACK.lua       run the scripts a pack file lists and write the board pack:\n"
    "                      one PDF, every chart and table, statements.md and\n"
    "                      manifest.json ('rapkit help pack')\n"
    "  help TOPIC          more on a command or a part of the Lua API (topics below)\n"
    "\n"
    "options for run and repl:\n" HOST_OPTIONS
    "\n"
    "A script reads only files in its own folder and files given with --data, and\n"
    "writes only under --out (unless --allow-gnuplot is given).\n"
    "\n"
    "options for describe:\n"
    "  --csv               print CSV instead of an aligned table\n";

static const char topic_run[] =
    "rapkit run SCRIPT " HOST_USAGE
    "                  [--memory MIB] [--min-count N] [--verbose] [--allow-gnuplot]\n"
    "                  [--quiet]\n"
    "\n"
    "Runs a Lua script in a sandbox: the base, table, string, math and utf8\n"
    "libraries (no io, os, package or debug), the rapkit table, and require for\n"
    "modules ('rapkit help modules'). print() writes to standard output; errors\n"
    "go to standard error as \"rapkit: script.lua:LINE: message\".\n"
    "\n" HOST_OPTIONS
    "\n"
    "A script reads only files in its own folder and files given with --data, and\n"
    "writes only under --out, each file whole or not at all. Reading an undefined\n"
    "global is an error. The limits cannot be caught with pcall.\n"
    "Exit codes: 'rapkit help exit-codes'.\n";

static const char topic_repl[] =
    "rapkit repl " HOST_USAGE
    "            [--memory MIB] [--min-count N] [--verbose] [--allow-gnuplot]\n"
    "\n"
    "A Lua prompt in the sandbox of 'rapkit run': the same libraries, rapkit table,\n"
    "limits and file rules, with the current folder in place of the script's\n"
    "folder (files are read, and modules found, there). Each --data NAME=PATH is\n"
    "loaded at the start into the global NAME, as rapkit.read_csv reads it (a\n"
    "line says its rows and columns); rapkit.data.NAME holds the path, to load\n"
    "it as a kind with rapkit.load. A file that does not load is reported and\n"
    "stays a path; a NAME a global already has (print...) is not loaded.\n"
    "\n"
    "  > searches = rapkit.load(\"stop_search\", rapkit.data.searches)\n"
    "  > searches:count(\"ethnic_group\")\n"
    "  ethnic_group  n\n"
    "  ...\n"
    "\n"
    "- Each input is tried as an expression first and its values are printed; a\n"
    "  dataset prints as an aligned table (the first 10 rows). Otherwise it runs\n"
    "  as statements, which print only what they print().\n"
    "- Input that is not finished (an open function, table, call or string) goes\n"
    "  on at the next line, whose prompt is \"+ \".\n"
    "- An error is printed, as run prints it (\"rapkit: stdin:1: ...\"), and the\n"
    "  session goes on. --timeout limits each input; --memory the whole session.\n"
    "- A local variable lasts one input; a global lasts the session.\n"
    "- Ctrl-D (the end of the input) leaves, with exit code 0.\n"
    "- Prompts are shown only when standard input is a terminal, so a file of\n"
    "  input can be piped in: rapkit repl < steps.lua\n"
    "\n" HOST_OPTIONS;

static const char topic_describe[] =
    "rapkit describe PATH [--csv]\n"
    "\n"
    "Loads a CSV file, inferring each column's type, and prints the file, its rows\n"
    "and the blank lines skipped, then per column its type, missing count,\n"
    "distinct count and three most common values with their counts.\n"
    "\n"
    "  --csv               print the same as CSV, one line per column\n";

static const char topic_check[] =
    "rapkit check PATH... --kind KIND\n"
    "\n"
    "A validation report on files of a kind ('rapkit help kinds'): rows read and\n"
    "usable, every problem as \"path:line: column: message\" with how many rows it\n"
    "affects, the share of missing values per column, the rows with no known\n"
    "ethnic group, and for stop_search the months each force's files cover, the\n"
    "months missing between the first and the last, and the share of times at\n"
    "exactly midnight. Exit code 0 when the files are usable, 4 when not.\n"
    "\n"
    "  --kind KIND         the kind of every file given\n";

static const char topic_charts[] =
    "rapkit.chart.TYPE{data = ds, ..., title = \"...\"}:save(\"name.png\")\n"
    "\n"
    "  bar{data, x, y, group, layout, horizontal, labels, many_colours}\n"
    "                                        one bar per row, or series by group\n"
    "                                        (layout: grouped, stacked or percent)\n"
    "  line{data, x, y, group, markers, shade, baseline}\n"
    "                                        one line per group; a missing month is a gap\n"
    "  interval{data, x, estimate, lower, upper, reference}\n"
    "                                        a dot and its interval per group\n"
    "  spc{spc, step_label}                  a rapkit.stats.spc result as an XmR chart\n"
    "  funnel{data, stage, value}            one bar per stage, with conversions\n"
    "  heatmap{data, row, col, value, level, rows, cols, scale}\n"
    "                                        a grid of values, sequential or red/amber/green\n"
    "\n"
    "Every type also takes title, subtitle, source, x_title, y_title, and width and\n"
    "height in millimetres (default 160 x 100); an unknown option is an error.\n"
    "\n"
    "- Colours (bar, line): palette = \"categorical\" (the default), \"focus\" (with\n"
    "  focus = \"Black\": that bar or series in colour, the rest grey) or\n"
    "  \"sequential\" (shades of one blue; needs group). Bars of 5 or 6 series need\n"
    "  many_colours = true; 7 or more are refused.\n"
    "- Small multiples: facet = \"column\" draws a panel per value (at most 12) on\n"
    "  shared scales, columns = k panels per row (bar, line, interval, funnel,\n"
    "  heatmap; spc takes spc = {a, b}, facet = {\"A\", \"B\"}).\n"
    "- backend = \"gnuplot\" (bar, line, interval) draws with the gnuplot program\n"
    "  on PATH instead of cairo: plain vertical bars of one series, no facets.\n"
    "\n"
    "chart:save(path) writes .png (300 dpi), .svg or .pdf under --out, and beside it\n"
    "NAME.alt.txt (alt text), NAME.csv and NAME.md (the values drawn) and NAME.json,\n"
    "the stamp: rapkit's version, the run time, the script, modules and input files\n"
    "with their SHA-256, and the rows the spec states with rows_used and\n"
    "rows_excluded (a metric's result.used and result.excluded). SOURCE_DATE_EPOCH\n"
    "sets the run time, so a run writes the same files every time. A missing value\n"
    "shows as [x], a value withheld by rapkit.disclose as [c], never as 0.\n"
    "\n"
    "rapkit.gnuplot(commands [, {data, timeout}]) runs the script's own gnuplot\n"
    "commands, only with --allow-gnuplot: gnuplot can run shell commands and write\n"
    "anywhere, so such a run is NOT sandboxed.\n"
    "\n"
    "docs/reference.md, \"Charts\", has every option.\n";

static const char topic_datasets[] =
    "rapkit.read_csv(path [, {types, columns, missing, lenient}]) -> Dataset\n"
    "rapkit.dataset{col = {...}, ... [, names = {...}]}           -> Dataset\n"
    "rapkit.bind(ds1, ds2, ...)                                    -> Dataset\n"
    "\n"
    "A Dataset is an immutable table of typed columns; every method that returns\n"
    "a Dataset returns a new one:\n"
    "  nrow names type get filter count group_by(...):agg mutate join sort select\n"
    "  rename add_period distinct pivot share lag rolling skipped rows to_table\n"
    "  write write_csv\n"
    "\n"
    "print(ds) shows the first 10 rows as an aligned table. ds:write(\"t.csv\")\n"
    "writes CSV and ds:write(\"t.md\") a Markdown table (numbers right-aligned, [x]\n"
    "for missing, [c] for suppressed), under --out, whole or not at all.\n"
    "A missing value is rapkit.MISSING in filters and rapkit.dataset.\n";

static const char topic_kinds[] =
    "rapkit.load(kind, path_or_paths [, {columns, lenient, keep_going}])\n"
    "    -> Dataset, problems\n"
    "rapkit check PATH... --kind KIND\n"
    "\n"
    "Loads files as they come from data.police.uk, the Home Office and the force,\n"
    "with snake_case column names, derived columns (ethnic_group, month, quarter,\n"
    "financial_year...) and every value outside a column's vocabulary kept and\n"
    "reported with its line. A pattern (\"data/2024-*.csv\") or a list loads\n"
    "several files as one dataset. docs/kinds.md documents each layout.\n"
    "\n"
    "kinds: ";   /* the names follow, from the code */

static const char topic_stats[] =
    "rapkit.stats.proportion(k, n [, {conf, method}])      Wilson (default) or exact\n"
    "rapkit.stats.rate(k, population [, {per, conf, method}])\n"
    "                                                      Byar (default) or exact\n"
    "rapkit.stats.rate_ratio(k1, n1, k0, n0 [, {conf}])    log-method interval\n"
    "rapkit.stats.change(old, new [, {kind}])              absolute, relative, points\n"
    "rapkit.stats.compare_rates(k1, n1, k0, n0 [, {conf}])\n"
    "rapkit.stats.compare_proportions(k1, n1, k0, n0 [, {conf}])\n"
    "                                                      p-value and significance\n"
    "rapkit.stats.spc(values [, {labels, step_at}])        XmR centre, limits, signals\n"
    "rapkit.stats.z(conf)                                  the normal critical value\n"
    "rapkit.stats.spearman(x, y), rapkit.stats.kendall(x, y)\n"
    "                                                      rank agreement: rho, tau-b\n"
    "rapkit.stats.random(seed)                             r:uniform([lo, hi]) draws\n"
    "\n"
    "Each returns a table of the figures, the inputs and the method. Proportions\n"
    "are fractions (0.041), conf is 0.95 by default. A figure that cannot be\n"
    "computed is nil and flag says why: never NaN or infinity. spearman and\n"
    "kendall take two lists of numbers of the same length, at least 2 (ties\n"
    "allowed). random(seed) gives the same draws on every machine and build.\n";

static const char topic_say[] =
    "rapkit.say.compare(a, b, a_label, b_label [, opts])\n"
    "    \"24 leavers is 25% fewer than 32 joiners\"\n"
    "rapkit.say.proportion(k, n, what [, opts])\n"
    "    \"4.1% of requests (5 of 121; 95% confidence interval 1.8% to 9.3%)\"\n"
    "rapkit.say.rate(k, population [, opts])       \"24.2 per 1,000 people\"\n"
    "rapkit.say.ratio(r [, opts])\n"
    "    \"Black people were searched at 4.8 times the rate of White people ...\"\n"
    "rapkit.say.change(old, new [, opts])\n"
    "    \"rose from 12.4% to 16.3%, a rise of 3.9 percentage points (31% higher)\"\n"
    "rapkit.say.group(name)                        \"people from Mixed ethnic groups\"\n"
    "rapkit.say.number(x [, decimals])             \"1,234.6\" (halves away from zero)\n"
    "\n"
    "Board-paper phrases with the arithmetic, rounding and wording done together.\n"
    "A figure resting on fewer than rapkit.min_count cases gets a caveat.\n";

static const char topic_disclose[] =
    "rapkit.disclose(ds, {cols = {...}, by = {...}, total = {col = value},\n"
    "                     min = N, zeros = false}) -> Dataset, {primary, secondary}\n"
    "\n"
    "Suppresses counts from 1 to min - 1 (default rapkit.min_count, from\n"
    "--min-count, else 10), then, where one cell of a group (the rows sharing the\n"
    "`by` values) is suppressed alone, the smallest other cell above 0 too. Each\n"
    "suppressed count is missing with <col>_suppressed true: print, ds:write and\n"
    "the charts show it as [c], never as 0.\n";

static const char topic_modules[] =
    "require(name) loads NAME.lua (a.b is a/b.lua) once, looking in order in:\n"
    "  1. the script's folder (for repl, the current folder);\n"
    "  2. each folder of RAPKIT_PATH (colon-separated);\n"
    "  3. the metric library: share/rapkit/scripts beside the installed binary\n"
    "     (../share/rapkit/scripts from its folder); for a build that is not\n"
    "     installed, the source tree's scripts/.\n"
    "\n"
    "The metric library: disproportionality, find_rate, representation,\n"
    "retention, rcrp and actions, each with run{...} returning datasets ready to\n"
    "chart, the rows used and excluded, sentences and notes. matrix is the impact\n"
    "matrix behind rapkit.matrix and 'rapkit matrix' ('rapkit help matrix'); its\n"
    "schemes, to copy and change, are matrix.emmie, matrix.reach_depth_outcome\n"
    "and matrix.survey_actions.\n";

static const char topic_matrix[] =
    "usage: rapkit matrix SCHEME.lua --data NAME=PATH... --period PERIOD [--compare PERIOD]\n"
    "                     [--against SCHEME2.lua] [--sensitivity DRAWS [--seed N] [--spread PERCENT]]\n"
    "                     [--out DIR] [--verbose]\n"
    "\n"
    "Scores an impact matrix scheme (a Lua file that returns rapkit.matrix{...}) on the\n"
    "records of one period and writes DIR/SCHEME-NAME/: heatmap.png, .svg and .pdf,\n"
    "table.csv, table.md, summary.md and scheme.lua.\n"
    "\n"
    "  --data NAME=PATH       the file the scheme's rows name (rows = {data = NAME})\n"
    "  --period PERIOD        the period to score: \"2025-26 Q2\", 2025-26, 2025-09, 2025\n"
    "  --compare PERIOD       also score PERIOD and write change.csv and change.png\n"
    "  --against SCHEME2.lua  also score a second scheme on the same data: its own folder,\n"
    "                         and agreement.md (Spearman, Kendall, rows that move)\n"
    "  --sensitivity DRAWS    perturb the weights DRAWS times and write sensitivity.csv\n"
    "  --seed N               the draws' seed (default 1; the same draws on every machine)\n"
    "  --spread PERCENT       how far each weight moves, +/- PERCENT (default 20)\n"
    "  --out DIR              where to write (default: out)\n"
    "\n"
    "In a script: rapkit.matrix{...} defines a scheme, scheme:score{period = ...}\n"
    "scores it, and rapkit.matrix.load, compare, agreement, sensitivity and run do\n"
    "the rest (docs/reference.md).\n"
    "The exit codes are those of 'rapkit run' ('rapkit help exit-codes').\n"
    "docs/matrix.md says more.\n";

static const char topic_pack[] =
    "rapkit pack PACK.lua [--out DIR] [--quiet] [--verbose]\n"
    "\n"
    "Runs the scripts a pack file lists, in order, and writes the board pack into\n"
    "--out (default: out/board-pack): board-pack.pdf (a cover with the contents,\n"
    "then one page per rapkit.figure{...}: its chart, its one-sentence statement,\n"
    "its table, its source and its caveats), charts/NAME.png and .svg,\n"
    "tables/NAME.csv, statements.md and manifest.json (what was made from which\n"
    "inputs, every file with its size and SHA-256).\n"
    "\n"
    "A pack file returns one table of data only: title, organisation, period,\n"
    "date, note, data = {name = path} (rapkit.data.NAME in every script) and\n"
    "scripts = {\"a.lua\", ...}. A failed script stops the pack with its own\n"
    "error (file and line) and leaves no PDF. On a terminal the pack says which\n"
    "script runs and shows a bar for long loads; --quiet turns that off.\n"
    "Example: rapkit pack examples/board-pack/PACK.lua\n";

static const char topic_exit_codes[] = "exit codes:\n";   /* the codes follow, from the code */

static const struct {
    int code;
    const char *meaning;
} exit_codes[] = {
    {RK_EXIT_OK, "success"},
    {RK_EXIT_FAILURE, "other failure: a file could not be read or written"},
    {RK_EXIT_USAGE, "usage error: the command line (or SOURCE_DATE_EPOCH) is wrong"},
    {RK_EXIT_SCRIPT, "script error: a syntax or run-time error in the script"},
    {RK_EXIT_DATA, "data error: an input file is malformed"},
    {RK_EXIT_LIMIT, "limit exceeded: the --timeout or --memory limit"},
};

/* names[0..n), comma-separated, in lines of at most 80 characters after a
 * first line that already holds `column` characters; later lines start
 * with two spaces. */
static void print_names(FILE *fp, const char *const *names, size_t n, size_t column)
{
    for (size_t i = 0; i < n; i++) {
        size_t width = strlen(names[i]) + (i + 1 < n);   /* and its comma */
        if (i > 0 && column + 1 + width > 80) {
            fputs("\n  ", fp);
            column = 2;
        } else if (i > 0) {
            fputc(' ', fp);
            column++;
        }
        fprintf(fp, "%s%s", names[i], i + 1 < n ? "," : "");
        column += width;
    }
    fputc('\n', fp);
}

static void print_exit_codes(FILE *fp)
{
    for (size_t i = 0; i < sizeof exit_codes / sizeof exit_codes[0]; i++)
        fprintf(fp, "  %d  %s\n", exit_codes[i].code, exit_codes[i].meaning);
}

static void print_kinds(FILE *fp)
{
    const char *const *names = rk_kind_names();
    size_t n = 0;
    while (names[n])
        n++;
    print_names(fp, names, n, strlen("kinds: "));
}

static const struct {
    const char *name;
    const char *text;
    void (*more)(FILE *fp);   /* what follows the text, from the code; may be NULL */
} topics[] = {
    {"run", topic_run, NULL},
    {"repl", topic_repl, NULL},
    {"describe", topic_describe, NULL},
    {"check", topic_check, NULL},
    {"datasets", topic_datasets, NULL},
    {"charts", topic_charts, NULL},
    {"kinds", topic_kinds, print_kinds},
    {"stats", topic_stats, NULL},
    {"say", topic_say, NULL},
    {"disclose", topic_disclose, NULL},
    {"modules", topic_modules, NULL},
    {"matrix", topic_matrix, NULL},
    {"pack", topic_pack, NULL},
    {"exit-codes", topic_exit_codes, print_exit_codes},
};

#define NTOPICS (sizeof topics / sizeof topics[0])

static void print_topic_names(FILE *fp)
{
    const char *names[NTOPICS];
    for (size_t i = 0; i < NTOPICS; i++)
        names[i] = topics[i].name;
    fputs("  ", fp);
    print_names(fp, names, NTOPICS, 2);
}

void rk_help_overview(FILE *fp)
{
    fputs(overview, fp);
    fputc('\n', fp);
    fputs(topic_exit_codes, fp);
    print_exit_codes(fp);
    fputs("\nhelp topics ('rapkit help TOPIC'):\n", fp);
    print_topic_names(fp);
}

int rk_help_topic(const char *name)
{
    for (size_t i = 0; i < NTOPICS; i++) {
        if (strcmp(name, topics[i].name) != 0)
            continue;
        fputs(topics[i].text, stdout);
        if (topics[i].more)
            topics[i].more(stdout);
        return fflush(stdout) == 0 ? RK_EXIT_OK : RK_EXIT_FAILURE;
    }
    fprintf(stderr, "rapkit: help: no topic '%s'; the topics are:\n", name);
    print_topic_names(stderr);
    return RK_EXIT_USAGE;
}

int rk_cmd_help(int argc, char **argv)
{
    if (argc == 0) {
        rk_help_overview(stdout);
        return fflush(stdout) == 0 ? RK_EXIT_OK : RK_EXIT_FAILURE;
    }
    if (argc > 1) {
        fputs("rapkit: help: one topic at a time; the topics are:\n", stderr);
        print_topic_names(stderr);
        return RK_EXIT_USAGE;
    }
    return rk_help_topic(argv[0]);
}
