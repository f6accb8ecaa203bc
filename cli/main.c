/* main.c: the rapkit command. Parses the command line and hands over:
 * `run` to the Lua host (lua/rk_host.h), `repl` to the prompt
 * (lua/rk_repl.h), `describe` to the CSV loader (core/rk_csv.h), printing
 * what it returns; `check`, `matrix`, `pack` and `help` are in their own
 * files (commands.h). */

#include "commands.h"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>

#include "rk_csv.h"
#include "rk_dataset.h"
#include "rk_host.h"
#include "rk_repl.h"

#ifndef RK_VERSION
#define RK_VERSION "unknown"
#endif

/* Prints "rapkit: <message>" and where to find help; returns the usage
 * exit code. */
int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("rapkit: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nrapkit: see 'rapkit --help' for usage\n", stderr);
    va_end(ap);
    return RK_EXIT_USAGE;
}

/* If argv[*i] is the option `name`, as "--name VALUE" or "--name=VALUE",
 * stores VALUE, advances *i past it and returns 1; returns 0 if it is
 * another argument, -1 (after a usage message) if the value is missing. */
int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        usage_error("%s needs a value", name);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

static bool is_data_name(const char *s, size_t n)
{
    if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

int add_data_option(const char *value, rk_data_file *data, size_t *ndata)
{
    const char *eq = strchr(value, '=');
    size_t nlen = eq ? (size_t)(eq - value) : 0;
    if (!eq || eq[1] == '\0' || !is_data_name(value, nlen)) {
        usage_error("--data expects NAME=PATH with a NAME of letters, digits and '_', got '%s'", value);
        return -1;
    }
    for (size_t k = 0; k < *ndata; k++) {
        if (data[k].name && strlen(data[k].name) == nlen && strncmp(data[k].name, value, nlen) == 0) {
            usage_error("--data %.*s given twice", (int)nlen, value);
            return -1;
        }
    }
    /* The name is copied so PATH can stay in argv. */
    char *name = malloc(nlen + 1);
    if (!name) {
        fputs("rapkit: out of memory\n", stderr);
        return -1;
    }
    memcpy(name, value, nlen);
    name[nlen] = '\0';
    data[*ndata].name = name;
    data[*ndata].path = eq + 1;
    (*ndata)++;
    return 0;
}

/* Parses the arguments `run` and `repl` share into opts and data (room for
 * argc entries): the options, and for run (want_script) the script.
 * Returns -1 to go on, else the exit code to end with (--help included). */
static int parse_host_args(const char *cmd, bool want_script, int argc, char **argv,
                           rk_host_options *opts, rk_data_file *data)
{
    bool only_positional = false, have_timeout = false, have_memory = false;
    bool have_min_count = false;
    const char *value;

    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        int r = 0;
        if (!only_positional && arg[0] == '-' && arg[1] != '\0') {
            if (strcmp(arg, "--") == 0) {
                only_positional = true;
                continue;
            }
            if (strcmp(arg, "--verbose") == 0) {
                opts->verbose = true;
                continue;
            }
            if (strcmp(arg, "--allow-gnuplot") == 0) {
                opts->allow_gnuplot = true;
                continue;
            }
            if (strcmp(arg, "--quiet") == 0) {
                opts->quiet = true;
                continue;
            }
            if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
                return rk_help_topic(cmd);
            if ((r = option_value(argc, argv, &i, "--data", &value)) > 0) {
                if (add_data_option(value, data, &opts->ndata) != 0)
                    return RK_EXIT_USAGE;
                continue;
            }
            if (r < 0)
                return RK_EXIT_USAGE;
            if ((r = option_value(argc, argv, &i, "--out", &value)) > 0) {
                if (opts->out_dir)
                    return usage_error("--out given twice");
                if (value[0] == '\0')
                    return usage_error("--out needs a folder name");
                opts->out_dir = value;
                continue;
            }
            if (r < 0)
                return RK_EXIT_USAGE;
            if ((r = option_value(argc, argv, &i, "--timeout", &value)) > 0) {
                char *end;
                errno = 0;
                double t = strtod(value, &end);
                if (have_timeout)
                    return usage_error("--timeout given twice");
                if (end == value || *end != '\0' || errno || !isfinite(t) || t < 0 || t > 1e9)
                    return usage_error("--timeout expects a number of seconds (0 for none), "
                                       "got '%s'", value);
                have_timeout = true;
                opts->timeout_seconds = t;
                continue;
            }
            if (r < 0)
                return RK_EXIT_USAGE;
            if ((r = option_value(argc, argv, &i, "--memory", &value)) > 0) {
                char *end;
                errno = 0;
                unsigned long long m = strtoull(value, &end, 10);
                if (have_memory)
                    return usage_error("--memory given twice");
                if (end == value || *end != '\0' || errno || value[0] == '-' || m < 1
                    || m > (1ULL << 24))
                    return usage_error("--memory expects a whole number of MiB from 1 to "
                                       "16777216, got '%s'", value);
                have_memory = true;
                opts->memory_mib = (size_t)m;
                continue;
            }
            if (r < 0)
                return RK_EXIT_USAGE;
            if ((r = option_value(argc, argv, &i, "--min-count", &value)) > 0) {
                char *end;
                errno = 0;
                unsigned long long m = strtoull(value, &end, 10);
                if (have_min_count)
                    return usage_error("--min-count given twice");
                if (end == value || *end != '\0' || errno || value[0] == '-' || m < 1
                    || m > 1000000000ULL)
                    return usage_error("--min-count expects a whole number from 1 to "
                                       "1000000000, got '%s'", value);
                have_min_count = true;
                opts->min_count = (long long)m;
                continue;
            }
            if (r < 0)
                return RK_EXIT_USAGE;
            return usage_error("%s: unknown option '%s'", cmd, arg);
        }
        if (!want_script)
            return usage_error("%s: unexpected argument '%s' (it takes no script: "
                               "use 'rapkit run' for that)", cmd, arg);
        if (opts->script_path)
            return usage_error("%s: unexpected argument '%s' (one script at a time)", cmd, arg);
        opts->script_path = arg;
    }
    if (want_script && !opts->script_path)
        return usage_error("%s: missing the script to run", cmd);
    return -1;
}

/* `run` (want_script) or `repl`. */
static int cmd_host(const char *cmd, bool want_script, int argc, char **argv)
{
    rk_host_options opts;
    memset(&opts, 0, sizeof opts);
    rk_data_file *data = calloc((size_t)argc + 1, sizeof *data);
    if (!data) {
        fputs("rapkit: out of memory\n", stderr);
        return RK_EXIT_FAILURE;
    }
    int code = parse_host_args(cmd, want_script, argc, argv, &opts, data);
    if (code < 0) {
        opts.data = data;
        code = want_script ? rk_host_run(&opts)
                           : rk_repl_run(&opts, stdin, isatty(STDIN_FILENO) == 1);
    }
    for (size_t k = 0; k < opts.ndata; k++)
        free((char *)data[k].name);
    free(data);
    return code;
}

/* ---- describe ------------------------------------------------------------ */

#define TOP_VALUES 3
#define SHOWN_CHARS 40   /* a most-common value longer than this is cut in the table */

typedef struct top_value {
    char *text;     /* the value as CSV output writes it (owned) */
    size_t len;
    size_t count;
} top_value;

typedef struct column_summary {
    size_t missing;
    size_t distinct;
    top_value top[TOP_VALUES];   /* by count, most common first; ties by first appearance */
    int ntop;
} column_summary;

static void summary_free(column_summary *s)
{
    for (int i = 0; i < s->ntop; i++)
        free(s->top[i].text);
}

/* Counts codes 0..n-1 and keeps the TOP_VALUES most common. */
static int summary_finish(column_summary *s, const rk_dict *dict, const size_t *counts, uint32_t n)
{
    uint32_t best[TOP_VALUES];
    for (uint32_t code = 0; code < n; code++) {
        size_t c = counts[code];
        if (c == 0)
            continue;
        s->distinct++;
        int at = s->ntop;
        while (at > 0 && counts[best[at - 1]] < c)
            at--;
        if (at >= TOP_VALUES)
            continue;
        int last = s->ntop < TOP_VALUES ? s->ntop : TOP_VALUES - 1;
        for (int k = last; k > at; k--)
            best[k] = best[k - 1];
        best[at] = code;
        if (s->ntop < TOP_VALUES)
            s->ntop++;
    }
    for (int k = 0; k < s->ntop; k++) {
        size_t len = rk_dict_len(dict, best[k]);
        char *text = malloc(len + 1);
        if (!text) {
            s->ntop = k;
            return -1;
        }
        memcpy(text, rk_dict_str(dict, best[k]), len);
        text[len] = '\0';
        s->top[k].text = text;
        s->top[k].len = len;
        s->top[k].count = counts[best[k]];
    }
    return 0;
}

static int summarize_column(const rk_column *col, column_summary *s)
{
    memset(s, 0, sizeof *s);
    if (col->type == RK_TEXT) {
        size_t *counts = calloc(col->dict.count ? col->dict.count : 1, sizeof *counts);
        if (!counts)
            return -1;
        for (size_t row = 0; row < col->nrow; row++) {
            uint32_t code = col->v.codes[row];
            if (code == RK_NO_CODE)
                s->missing++;
            else
                counts[code]++;
        }
        int r = summary_finish(s, &col->dict, counts, col->dict.count);
        free(counts);
        return r;
    }

    /* Other types: count the values as printed, through a dictionary. */
    rk_dict dict;
    rk_dict_init(&dict);
    size_t *counts = NULL;
    size_t cap = 0;
    int r = 0;
    for (size_t row = 0; row < col->nrow; row++) {
        if (rk_column_is_missing(col, row)) {
            s->missing++;
            continue;
        }
        char buf[RK_VALUE_BUF];
        size_t len;
        const char *text = rk_column_format(col, row, buf, &len);
        uint32_t code = rk_dict_intern(&dict, text, len);
        if (code == RK_NO_CODE) {
            r = -1;
            break;
        }
        if (code >= cap) {
            size_t ncap = cap ? cap * 2 : 64;
            size_t *grown = realloc(counts, ncap * sizeof *counts);
            if (!grown) {
                r = -1;
                break;
            }
            memset(grown + cap, 0, (ncap - cap) * sizeof *counts);
            counts = grown;
            cap = ncap;
        }
        counts[code]++;
    }
    if (r == 0)
        r = summary_finish(s, &dict, counts, dict.count);
    free(counts);
    rk_dict_free(&dict);
    return r;
}

/* A growing string for building table cells. */
typedef struct text {
    char *s;
    size_t len, cap;
    bool failed;
} text;

/* Makes room for n more bytes at the end and counts them in; returns where
 * they go, or NULL once memory has run out. */
static char *text_extend(text *t, size_t n)
{
    if (t->failed)
        return NULL;
    if (t->len + n + 1 > t->cap) {
        size_t ncap = t->cap ? t->cap : 32;
        while (ncap < t->len + n + 1)
            ncap *= 2;
        char *grown = realloc(t->s, ncap);
        if (!grown) {
            t->failed = true;
            return NULL;
        }
        t->s = grown;
        t->cap = ncap;
    }
    char *at = t->s + t->len;
    t->len += n;
    t->s[t->len] = '\0';
    return at;
}

static void text_add(text *t, const char *s, size_t n)
{
    char *at = text_extend(t, n);
    if (at)
        memcpy(at, s, n);
}

static void text_addf(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_addf(text *t, const char *fmt, ...)
{
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        text_add(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Appends a value for the aligned table: control characters escaped, cut
 * after `max_chars` characters; quoted (so " -" shows its space) if asked. */
static void text_add_shown(text *t, const char *s, size_t len, bool quote, size_t max_chars)
{
    if (quote)
        text_add(t, "\"", 1);
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80 && chars++ == max_chars) {
            text_add(t, "...", 3);
            break;
        }
        if (c == '\n')
            text_add(t, "\\n", 2);
        else if (c == '\r')
            text_add(t, "\\r", 2);
        else if (c == '\t')
            text_add(t, "\\t", 2);
        else if (c < 0x20 || c == 0x7f)
            text_addf(t, "\\x%02x", c);
        else if (quote && (c == '"' || c == '\\')) {
            text_add(t, "\\", 1);
            text_add(t, s + i, 1);
        } else
            text_add(t, s + i, 1);
    }
    if (quote)
        text_add(t, "\"", 1);
}

/* Appends a CSV field, quoted as rapkit's CSV writer quotes it. */
static void text_add_csv(text *t, const char *s, size_t len)
{
    char *at = text_extend(t, rk_csv_quote(NULL, s, len));
    if (at)
        rk_csv_quote(at, s, len);
}

static size_t display_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

#define TABLE_COLS 5

static void print_table(char *cells[][TABLE_COLS], size_t nrows)
{
    static const bool right[TABLE_COLS] = {false, false, true, true, false};
    size_t width[TABLE_COLS] = {0};
    for (size_t r = 0; r < nrows; r++)
        for (int c = 0; c < TABLE_COLS; c++) {
            size_t w = display_width(cells[r][c]);
            if (w > width[c])
                width[c] = w;
        }
    for (size_t r = 0; r < nrows; r++) {
        for (int c = 0; c < TABLE_COLS; c++) {
            size_t pad = width[c] - display_width(cells[r][c]);
            if (c > 0)
                fputs("  ", stdout);
            if (right[c])
                printf("%*s", (int)pad, "");
            fputs(cells[r][c], stdout);
            if (!right[c] && c < TABLE_COLS - 1)
                printf("%*s", (int)pad, "");
        }
        fputc('\n', stdout);
    }
}

static int describe_text(const char *path, const rk_dataset *ds, const rk_csv_report *report,
                         column_summary *sums)
{
    size_t nrows = ds->ncol + 1;
    char *(*cells)[TABLE_COLS] = calloc(nrows, sizeof *cells);
    if (!cells)
        return -1;
    int r = 0;
    static const char *const header[TABLE_COLS] = {"column", "type", "missing", "distinct",
                                                   "most common"};
    for (int c = 0; c < TABLE_COLS && r == 0; c++)
        if (!(cells[0][c] = strdup(header[c])))
            r = -1;
    for (size_t i = 0; i < ds->ncol && r == 0; i++) {
        const rk_column *col = ds->cols[i];
        const column_summary *s = &sums[i];
        text t[TABLE_COLS];
        memset(t, 0, sizeof t);
        text_add_shown(&t[0], col->name, strlen(col->name), false, SIZE_MAX);
        text_add(&t[1], rk_type_name(col->type), strlen(rk_type_name(col->type)));
        text_addf(&t[2], "%zu", s->missing);
        text_addf(&t[3], "%zu", s->distinct);
        text_add(&t[4], "", 0);
        for (int k = 0; k < s->ntop; k++) {
            if (k > 0)
                text_add(&t[4], ", ", 2);
            text_add_shown(&t[4], s->top[k].text, s->top[k].len, col->type == RK_TEXT, SHOWN_CHARS);
            text_addf(&t[4], " (%zu)", s->top[k].count);
        }
        for (int c = 0; c < TABLE_COLS; c++) {
            if (t[c].failed)
                r = -1;
            cells[i + 1][c] = t[c].s;
        }
    }
    if (r == 0) {
        printf("file: %s\nrows: %zu\nblank lines skipped: %zu\n\n", path, ds->nrow,
               report->blank_lines);
        print_table(cells, nrows);
    }
    for (size_t i = 0; i < nrows; i++)
        for (int c = 0; c < TABLE_COLS; c++)
            free(cells[i][c]);
    free(cells);
    return r;
}

static int describe_csv(const char *path, const rk_dataset *ds, const rk_csv_report *report,
                        column_summary *sums)
{
    fputs("path,rows,blank_lines,column,type,missing,distinct", stdout);
    for (int k = 1; k <= TOP_VALUES; k++)
        printf(",value_%d,count_%d", k, k);
    fputc('\n', stdout);
    for (size_t i = 0; i < ds->ncol; i++) {
        const rk_column *col = ds->cols[i];
        const column_summary *s = &sums[i];
        text t;
        memset(&t, 0, sizeof t);
        text_add_csv(&t, path, strlen(path));
        text_addf(&t, ",%zu,%zu,", ds->nrow, report->blank_lines);
        text_add_csv(&t, col->name, strlen(col->name));
        text_addf(&t, ",%s,%zu,%zu", rk_type_name(col->type), s->missing, s->distinct);
        for (int k = 0; k < TOP_VALUES; k++) {
            text_add(&t, ",", 1);
            if (k < s->ntop) {
                text_add_csv(&t, s->top[k].text, s->top[k].len);
                text_addf(&t, ",%zu", s->top[k].count);
            } else {
                text_add(&t, ",", 1);
            }
        }
        text_add(&t, "\n", 1);
        if (t.failed) {
            free(t.s);
            return -1;
        }
        fwrite(t.s, 1, t.len, stdout);
        free(t.s);
    }
    return 0;
}

static int cmd_describe(int argc, char **argv)
{
    const char *path = NULL;
    bool csv = false, only_positional = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_positional && arg[0] == '-' && arg[1] != '\0') {
            if (strcmp(arg, "--") == 0)
                only_positional = true;
            else if (strcmp(arg, "--csv") == 0)
                csv = true;
            else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
                return rk_help_topic("describe");
            else
                return usage_error("describe: unknown option '%s'", arg);
            continue;
        }
        if (path)
            return usage_error("describe: unexpected argument '%s' (one file at a time)", arg);
        path = arg;
    }
    if (!path)
        return usage_error("describe: missing the file to describe");

    rk_csv_options opts;
    rk_csv_options_init(&opts);
    opts.infer_types = true;
    rk_csv_report report;
    memset(&report, 0, sizeof report);
    rk_error err;
    memset(&err, 0, sizeof err);
    rk_dataset *ds = rk_csv_read_file(path, &opts, &report, &err);
    for (size_t i = 0; i < report.nwarnings; i++)
        fprintf(stderr, "rapkit: warning: %s\n", report.warnings[i]);
    if (!ds) {
        fprintf(stderr, "rapkit: %s\n", err.message[0] ? err.message : "cannot load the file");
        rk_csv_report_free(&report);
        return err.status == RK_EDATA ? RK_EXIT_DATA : RK_EXIT_FAILURE;
    }

    int code = RK_EXIT_OK;
    column_summary *sums = calloc(ds->ncol ? ds->ncol : 1, sizeof *sums);
    int r = sums ? 0 : -1;
    for (size_t i = 0; i < ds->ncol && r == 0; i++)
        r = summarize_column(ds->cols[i], &sums[i]);
    if (r == 0)
        r = csv ? describe_csv(path, ds, &report, sums) : describe_text(path, ds, &report, sums);
    if (r != 0) {
        fputs("rapkit: out of memory\n", stderr);
        code = RK_EXIT_FAILURE;
    }
    if (sums)
        for (size_t i = 0; i < ds->ncol; i++)
            summary_free(&sums[i]);
    free(sums);
    rk_dataset_free(ds);
    rk_csv_report_free(&report);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "rapkit: cannot write standard output: %s\n", strerror(errno));
        if (code == RK_EXIT_OK)
            code = RK_EXIT_FAILURE;
    }
    return code;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("missing command (run, repl, describe, check, matrix, pack or help)");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return rk_cmd_help(0, argv + 2);
    if (strcmp(cmd, "help") == 0)
        return rk_cmd_help(argc - 2, argv + 2);
    if (strcmp(cmd, "--version") == 0) {
        printf("rapkit %s (%s)\n", RK_VERSION, LUA_RELEASE);
        return RK_EXIT_OK;
    }
    if (strcmp(cmd, "run") == 0)
        return cmd_host("run", true, argc - 2, argv + 2);
    if (strcmp(cmd, "repl") == 0)
        return cmd_host("repl", false, argc - 2, argv + 2);
    if (strcmp(cmd, "describe") == 0)
        return cmd_describe(argc - 2, argv + 2);
    if (strcmp(cmd, "check") == 0)
        return rk_cmd_check(argc - 2, argv + 2);
    if (strcmp(cmd, "matrix") == 0)
        return rk_cmd_matrix(argc - 2, argv + 2);
    if (strcmp(cmd, "pack") == 0)
        return rk_cmd_pack(argc - 2, argv + 2);
    if (cmd[0] == '-')
        return usage_error("unknown option '%s'", cmd);
    return usage_error("unknown command '%s'", cmd);
}
