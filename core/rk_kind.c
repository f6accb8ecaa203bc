/* Loading files of a known kind: match headers to the kind's columns, apply
 * its markers of missing, check vocabularies, type the columns, derive. */
#include <ctype.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk_kind_internal.h"
#include "rk_period.h"
#include "rk_reshape.h"

/* ---- names ------------------------------------------------------------ */

void rk_snake_case(const char *header, char *out, size_t size)
{
    size_t n = 0;
    bool pending_sep = false;
    for (const unsigned char *p = (const unsigned char *)header; *p && n + 2 < size; p++) {
        if (isalnum(*p) || *p >= 0x80) {
            if (pending_sep && n > 0)
                out[n++] = '_';
            pending_sep = false;
            out[n++] = (char)tolower(*p);
        } else {
            pending_sep = true;
        }
    }
    out[n] = '\0';
}

const rk_kind *rk_kind_find(const char *name)
{
    for (size_t i = 0; rk_all_kinds[i]; i++)
        if (strcmp(rk_all_kinds[i]->name, name) == 0)
            return rk_all_kinds[i];
    return NULL;
}

const char *const *rk_kind_names(void)
{
    static const char *names[16];
    if (!names[0])
        for (size_t i = 0; rk_all_kinds[i] && i < 15; i++)
            names[i] = rk_all_kinds[i]->name;
    return names;
}

const char *rk_kind_name(const rk_kind *kind)
{
    return kind->name;
}

/* ---- reports ---------------------------------------------------------- */

void rk_kind_report_free(rk_kind_report *report)
{
    if (!report)
        return;
    for (size_t i = 0; i < report->nproblems; i++) {
        free(report->problems[i].column);
        free(report->problems[i].message);
        free(report->problems[i].file);
    }
    free(report->problems);
    for (size_t i = 0; i < report->nnotes; i++)
        free(report->notes[i]);
    free(report->notes);
    for (size_t i = 0; i < report->nwarnings; i++)
        free(report->warnings[i]);
    free(report->warnings);
    for (size_t i = 0; i < report->nfiles; i++)
        free(report->files[i].path);
    free(report->files);
    memset(report, 0, sizeof *report);
}

static rk_status push_string(char ***list, size_t *n, char *s, rk_error *err)
{
    if (!s)
        return rk_error_nomem(err);
    char **p = realloc(*list, (*n + 1) * sizeof *p);
    if (!p) {
        free(s);
        return rk_error_nomem(err);
    }
    *list = p;
    p[(*n)++] = s;
    return RK_OK;
}

rk_status rk_kind_note(rk_kind_report *report, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < report->nnotes; i++)
        if (strcmp(report->notes[i], buf) == 0)
            return RK_OK;
    return push_string(&report->notes, &report->nnotes, strdup(buf), NULL);
}

/* Records a problem at a line (0: none), merged with an identical one. */
static rk_status problem_at_line(rk_kind_report *r, const char *path, const char *column, size_t count,
                                 size_t line, const char *message, rk_error *err)
{
    for (size_t i = 0; i < r->nproblems; i++) {
        rk_problem *p = &r->problems[i];
        bool same_column = (!p->column && !column) || (p->column && column && strcmp(p->column, column) == 0);
        /* Merged within a file only, so every count has its own file and line. */
        if (same_column && strcmp(p->message, message) == 0 && strcmp(p->file, path) == 0) {
            p->count += count;
            return RK_OK;
        }
    }
    rk_problem *p = realloc(r->problems, (r->nproblems + 1) * sizeof *p);
    if (!p)
        return rk_error_nomem(err);
    r->problems = p;
    rk_problem *np = &p[r->nproblems];
    np->column = column ? strdup(column) : NULL;
    np->message = strdup(message);
    np->file = strdup(path);
    np->count = count;
    np->line = line;
    if ((column && !np->column) || !np->message || !np->file) {
        free(np->column);
        free(np->message);
        free(np->file);
        return rk_error_nomem(err);
    }
    r->nproblems++;
    return RK_OK;
}

rk_status rk_kind_problem(rk_kind_ctx *ctx, const char *column, size_t count, size_t row,
                          rk_error *err, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t line = row == SIZE_MAX ? 0 : rk_csv_row_line(ctx->csv, row);
    return problem_at_line(ctx->report, ctx->path, column, count, line, buf, err);
}

/* ---- helpers for kinds ------------------------------------------------ */

rk_status rk_kind_add(rk_dataset *ds, rk_column *col, const char *label, rk_error *err)
{
    if (!col)
        return err && err->status ? err->status : rk_error_nomem(err);
    if (label && rk_column_set_label(col, label) != 0) {
        rk_column_free(col);
        return rk_error_nomem(err);
    }
    return rk_dataset_add_column(ds, col, err);
}

/* Per distinct used code of a text column: how many rows, and the first. */
typedef struct code_usage {
    size_t *count;
    size_t *first;
} code_usage;

static int usage_of(const rk_column *col, code_usage *u)
{
    uint32_t n = col->dict.count;
    u->count = calloc(n ? n : 1, sizeof *u->count);
    u->first = malloc((n ? n : 1) * sizeof *u->first);
    if (!u->count || !u->first) {
        free(u->count);
        free(u->first);
        return -1;
    }
    for (uint32_t c = 0; c < n; c++)
        u->first[c] = SIZE_MAX;
    for (size_t row = 0; row < col->nrow; row++) {
        uint32_t c = col->v.codes[row];
        if (c == RK_NO_CODE)
            continue;
        if (u->count[c]++ == 0)
            u->first[c] = row;
    }
    return 0;
}

static void usage_free(code_usage *u)
{
    free(u->count);
    free(u->first);
}

rk_column *rk_kind_map_text(rk_kind_ctx *ctx, const rk_column *src, const char *name, rk_value_map map,
                            void *map_ctx, const char *what, rk_error *err)
{
    code_usage use;
    if (usage_of(src, &use) != 0) {
        rk_error_nomem(err);
        return NULL;
    }
    uint32_t n = src->dict.count;
    uint32_t *to = malloc((n ? n : 1) * sizeof *to);
    rk_column *out = rk_column_new(name, RK_TEXT, src->nrow);
    if (!to || !out) {
        free(to);
        rk_column_free(out);
        usage_free(&use);
        rk_error_nomem(err);
        return NULL;
    }
    rk_status st = RK_OK;
    for (uint32_t c = 0; c < n && st == RK_OK; c++) {
        to[c] = RK_NO_CODE;
        if (!use.count[c])
            continue;
        bool known = true;
        const char *v = map(rk_dict_str(&src->dict, c), rk_dict_len(&src->dict, c), &known, map_ctx);
        if (!known)
            st = rk_kind_problem(ctx, src->name, use.count[c], use.first[c], err, "unknown %s '%s'", what,
                                 rk_dict_str(&src->dict, c));
        if (v && (to[c] = rk_dict_intern(&out->dict, v, strlen(v))) == RK_NO_CODE)
            st = rk_error_nomem(err);
    }
    if (st == RK_OK) {
        for (size_t row = 0; row < src->nrow; row++) {
            uint32_t c = src->v.codes[row];
            out->v.codes[row] = c == RK_NO_CODE ? RK_NO_CODE : to[c];
        }
        out->nrow = src->nrow;
    }
    free(to);
    usage_free(&use);
    if (st != RK_OK) {
        rk_column_free(out);
        return NULL;
    }
    return out;
}

/* ---- derivations shared by kinds ----------------------------------------------- */

/* month, quarter and financial_year from a date or datetime column. */
rk_status rk_kind_add_periods(rk_dataset *ds, const char *date_col, rk_error *err)
{
    static const struct { const char *name; const char *label; rk_period p; } periods[] = {
        {"month", "Month", RK_PERIOD_MONTH},
        {"quarter", "Quarter", RK_PERIOD_QUARTER},
        {"financial_year", "Financial year", RK_PERIOD_FINANCIAL_YEAR},
    };
    int c = rk_dataset_find(ds, date_col);
    if (c < 0)
        return RK_OK;
    for (size_t i = 0; i < 3; i++) {
        if (rk_dataset_find(ds, periods[i].name) >= 0)
            continue; /* the file has its own */
        rk_status st = rk_kind_add(ds, rk_column_period(ds->cols[c], periods[i].p, periods[i].name, err),
                                   periods[i].label, err);
        if (st != RK_OK)
            return st;
    }
    return RK_OK;
}

static const char *map_ethnic_group(const char *value, size_t len, bool *known, void *ctx)
{
    (void)ctx;
    const char *group, *detail;
    size_t detail_len;
    *known = rk_ethnicity_map(value, len, &group, &detail, &detail_len);
    return *known ? group : NULL;
}

/* The detail of a label ("Caribbean"), or the label itself when unknown, so
 * that nothing recorded is lost. */
static const char *map_ethnicity_detail(const char *value, size_t len, bool *known, void *ctx)
{
    static char buf[512];
    const char *group, *detail;
    size_t detail_len;
    (void)ctx;
    *known = true; /* unknown labels are reported once, by ethnic_group */
    if (!rk_ethnicity_map(value, len, &group, &detail, &detail_len))
        return value;
    if (!detail)
        return NULL;
    if (detail_len >= sizeof buf)
        detail_len = sizeof buf - 1;
    memcpy(buf, detail, detail_len);
    buf[detail_len] = '\0';
    return buf;
}

/* ethnic_group and ethnicity_detail from a column of ethnicity labels. */
rk_status rk_kind_add_ethnic_group(rk_kind_ctx *ctx, rk_dataset *ds, const char *src, bool with_detail,
                                  rk_error *err)
{
    int c = rk_dataset_find(ds, src);
    if (c < 0 || ds->cols[c]->type != RK_TEXT)
        return RK_OK;
    rk_status st = rk_kind_add(ds, rk_kind_map_text(ctx, ds->cols[c], "ethnic_group", map_ethnic_group, NULL,
                                                    "ethnicity", err),
                               "Ethnic group", err);
    if (st != RK_OK || !with_detail)
        return st;
    return rk_kind_add(ds, rk_kind_map_text(ctx, ds->cols[c], "ethnicity_detail", map_ethnicity_detail, NULL,
                                            "ethnicity", err),
                       "Ethnicity (detail)", err);
}

/* A boolean column from a text column by a test on each distinct value. */
rk_column *rk_kind_boolean_of(const rk_column *src, const char *name, bool (*test)(const char *))
{
    rk_column *out = rk_column_new(name, RK_BOOLEAN, src->nrow);
    if (!out)
        return NULL;
    for (size_t row = 0; row < src->nrow; row++) {
        rk_value v = {.type = RK_BOOLEAN, .missing = rk_column_is_missing(src, row)};
        if (!v.missing)
            v.as.boolean = test(rk_dict_str(&src->dict, src->v.codes[row]));
        if (rk_column_append(out, &v, NULL) != RK_OK) {
            rk_column_free(out);
            return NULL;
        }
    }
    return out;
}

/* ---- one file --------------------------------------------------------- */

static bool header_matches(const char *snake, const rk_kind_column *kc)
{
    char buf[256];
    if (strcmp(snake, kc->name) == 0)
        return true;
    rk_snake_case(kc->header, buf, sizeof buf);
    if (strcmp(snake, buf) == 0)
        return true;
    for (size_t i = 0; kc->aliases && kc->aliases[i]; i++) {
        rk_snake_case(kc->aliases[i], buf, sizeof buf);
        if (strcmp(snake, buf) == 0)
            return true;
    }
    return false;
}

/* The kind's name for a header: a kind column's, else its snake_case. */
static const char *name_for_header(const rk_kind *kind, const char *header, char *snake, size_t size)
{
    rk_snake_case(header, snake, size);
    for (size_t k = 0; k < kind->ncolumns; k++)
        if (header_matches(snake, &kind->columns[k]))
            return kind->columns[k].name;
    return snake;
}

/* Whether a column (by its name in the dataset) is among those to load:
 * asked for, or the source of a derived column asked for. */
static bool wanted_name(const rk_kind *kind, const rk_kind_options *opts, const char *name)
{
    for (size_t i = 0; i < opts->ncolumns; i++) {
        if (strcmp(opts->columns[i], name) == 0)
            return true;
        for (size_t d = 0; kind->derived && kind->derived[d].name; d++)
            if (strcmp(kind->derived[d].name, opts->columns[i]) == 0 && strcmp(kind->derived[d].source, name) == 0)
                return true;
    }
    return false;
}

static const rk_kind_column *kind_column(const rk_kind *kind, const char *name)
{
    for (size_t k = 0; k < kind->ncolumns; k++)
        if (strcmp(kind->columns[k].name, name) == 0)
            return &kind->columns[k];
    return NULL;
}

/* Renames the file's columns to the kind's names (labels keep the headers);
 * fails naming a required column that is absent. */
static rk_status match_columns(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    const rk_kind *kind = ctx->kind;
    char snake[256];
    for (size_t c = 0; c < ds->ncol; c++) {
        rk_column *col = ds->cols[c];
        const char *name = name_for_header(kind, col->name, snake, sizeof snake);
        if (!name[0]) {
            snprintf(snake, sizeof snake, "column_%zu", c + 1);
            name = snake;
        }
        char *copy = strdup(name);
        if (!copy)
            return rk_error_nomem(err);
        if (col->label)
            free(col->name);
        else
            col->label = col->name; /* keep the header as written for display */
        col->name = copy;
    }
    for (size_t c = 0; c < ds->ncol; c++) {
        for (size_t d = 0; d < c; d++) {
            if (strcmp(ds->cols[c]->name, ds->cols[d]->name) == 0)
                return rk_error_set(err, RK_EDATA,
                                    "%s:1: columns '%s' and '%s' are both read as '%s': rename one",
                                    ctx->path, rk_column_label(ds->cols[d]), rk_column_label(ds->cols[c]),
                                    ds->cols[c]->name);
        }
    }
    for (size_t k = 0; k < kind->ncolumns; k++) {
        const rk_kind_column *kc = &kind->columns[k];
        if (ctx->opts->columns && !wanted_name(kind, ctx->opts, kc->name))
            continue; /* not asked for */
        if (kc->required && rk_dataset_find(ds, kc->name) < 0)
            return rk_error_set(err, RK_EDATA, "%s:1: a %s file needs a column '%s' (read as %s); check the header row",
                                ctx->path, kind->name, kc->header, kc->name);
    }
    return RK_OK;
}

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static bool parses_as(rk_type type, const char *s, size_t len)
{
    union { int64_t i; double d; bool b; int32_t day; rk_datetime dt; } v;
    switch (type) {
    case RK_TEXT: return true;
    case RK_INTEGER: return rk_parse_integer(s, len, &v.i);
    case RK_NUMBER: return rk_parse_number(s, len, &v.d);
    case RK_BOOLEAN: return rk_parse_boolean(s, len, &v.b);
    case RK_DATE: return rk_parse_date(s, len, &v.day);
    case RK_DATETIME: return rk_parse_datetime(s, len, &v.dt);
    }
    return false;
}

/* If s is a number written with thousands separators (" 1,976.5 "), writes
 * it without them into buf and returns true. */
static bool strip_thousands(const char *s, size_t len, char *buf, size_t size)
{
    size_t i = 0, n = 0, digits = 0, groups = 0;
    while (i < len && s[i] == ' ')
        i++;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        buf[n++] = s[i++];
    for (; i < len && n + 1 < size; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            buf[n++] = c;
            digits++;
        } else if (c == ',') {
            if (digits == 0 || (groups > 0 && digits != 3) || (groups == 0 && digits > 3))
                return false;
            groups++;
            digits = 0;
        } else {
            break;
        }
    }
    if (groups == 0 || digits != 3)
        return false;
    for (; i < len && n + 1 < size; i++)
        buf[n++] = s[i]; /* the rest ("."..., spaces) is checked by the parser */
    buf[n] = '\0';
    return i == len;
}

/* Rewrites a numeric column's values that use thousands separators. */
static rk_status drop_thousands(rk_column *col, rk_error *err)
{
    uint32_t n = col->dict.count;
    uint32_t *to = malloc((n ? n : 1) * sizeof *to);
    if (!to)
        return rk_error_nomem(err);
    bool any = false;
    char buf[128];
    for (uint32_t c = 0; c < n; c++) {
        to[c] = c;
        const char *s = rk_dict_str(&col->dict, c);
        if (strchr(s, ',') && strip_thousands(s, rk_dict_len(&col->dict, c), buf, sizeof buf)) {
            if ((to[c] = rk_dict_intern(&col->dict, buf, strlen(buf))) == RK_NO_CODE) {
                free(to);
                return rk_error_nomem(err);
            }
            any = true;
        }
    }
    if (any)
        for (size_t row = 0; row < col->nrow; row++)
            if (col->v.codes[row] != RK_NO_CODE)
                col->v.codes[row] = to[col->v.codes[row]];
    free(to);
    return RK_OK;
}

/* Missing markers, vocabulary and type of one column. */
static rk_status check_column(rk_kind_ctx *ctx, rk_column *col, const rk_kind_column *kc, rk_error *err)
{
    const rk_kind *kind = ctx->kind;
    for (size_t k = 0; kind->missing && kind->missing[k]; k++) {
        uint32_t code = rk_dict_find(&col->dict, kind->missing[k], strlen(kind->missing[k]));
        if (code == RK_NO_CODE)
            continue;
        for (size_t row = 0; row < col->nrow; row++)
            if (col->v.codes[row] == code)
                col->v.codes[row] = RK_NO_CODE;
    }
    if (kc && kc->thousands && drop_thousands(col, err) != RK_OK)
        return err->status;
    rk_type type = kc ? kc->type : rk_column_infer(col);
    code_usage use;
    if (usage_of(col, &use) != 0)
        return rk_error_nomem(err);
    uint8_t *bad = calloc(col->dict.count ? col->dict.count : 1, 1);
    if (!bad) {
        usage_free(&use);
        return rk_error_nomem(err);
    }
    rk_status st = RK_OK;
    bool any_bad = false;
    const char *label = rk_column_label(col);
    if (kc && kc->needs_value) {
        size_t empty = 0, first = 0;
        for (size_t row = 0; row < col->nrow; row++)
            if (col->v.codes[row] == RK_NO_CODE && empty++ == 0)
                first = row;
        if (empty)
            st = rk_kind_problem(ctx, col->name, empty, first, err, "empty, but every row needs a value");
        for (size_t row = 0; row < col->nrow && ctx->unusable; row++)
            if (col->v.codes[row] == RK_NO_CODE)
                ctx->unusable[row] = 1;
    }
    for (uint32_t c = 0; c < col->dict.count && st == RK_OK; c++) {
        if (!use.count[c])
            continue;
        const char *s = rk_dict_str(&col->dict, c);
        size_t len = rk_dict_len(&col->dict, c);
        if (!parses_as(type, s, len)) {
            if (!ctx->opts->keep_going) {
                st = rk_error_set(err, RK_EDATA, "%s:%zu: %s: '%s' is not %s %s", ctx->path,
                                  rk_csv_row_line(ctx->csv, use.first[c]), label, s,
                                  type == RK_INTEGER ? "an" : "a", rk_type_name(type));
                break;
            }
            bad[c] = 1;
            any_bad = true;
            st = rk_kind_problem(ctx, col->name, use.count[c], use.first[c], err, "'%s' is not %s %s",
                                 s, type == RK_INTEGER ? "an" : "a", rk_type_name(type));
        } else if (kc && kc->allowed && !in_list(kc->allowed, s)) {
            st = rk_kind_problem(ctx, col->name, use.count[c], use.first[c], err,
                                 "unknown value '%s' (kept as written)", s);
        }
    }
    if (st == RK_OK && any_bad) {
        for (size_t row = 0; row < col->nrow; row++) {
            if (col->v.codes[row] != RK_NO_CODE && bad[col->v.codes[row]]) {
                col->v.codes[row] = RK_NO_CODE; /* reported above */
                if (kc && kc->required && ctx->unusable)
                    ctx->unusable[row] = 1; /* a required value lost: the row cannot be used */
            }
        }
    }
    free(bad);
    usage_free(&use);
    if (st != RK_OK)
        return st;
    rk_error cerr;
    if (rk_column_convert(col, type, &cerr) != RK_OK)
        return rk_error_set(err, cerr.status, "%s: %s", ctx->path, cerr.message);
    return RK_OK;
}

static bool want_header(const char *header, void *context)
{
    const rk_kind_ctx *ctx = context;
    char snake[256];
    return wanted_name(ctx->kind, ctx->opts, name_for_header(ctx->kind, header, snake, sizeof snake));
}

/* The columns asked for, in the order asked; one the kind cannot give is
 * an error listing what it can. */
static rk_dataset *select_asked(rk_kind_ctx *ctx, const rk_dataset *ds, rk_error *err)
{
    const rk_kind_options *o = ctx->opts;
    size_t *cols = malloc((o->ncolumns ? o->ncolumns : 1) * sizeof *cols);
    if (!cols) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t i = 0; i < o->ncolumns; i++) {
        int c = rk_dataset_find(ds, o->columns[i]);
        if (c < 0) {
            char list[1024] = "";
            size_t n = 0;
            for (size_t k = 0; k < ctx->kind->ncolumns && n < sizeof list; k++)
                n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k ? ", " : "", ctx->kind->columns[k].name);
            for (size_t d = 0; ctx->kind->derived && ctx->kind->derived[d].name && n < sizeof list; d++)
                n += (size_t)snprintf(list + n, sizeof list - n, ", %s", ctx->kind->derived[d].name);
            rk_error_set(err, RK_EARG, "%s: a %s dataset has no column '%s' (columns: %s)", ctx->path,
                         ctx->kind->name, o->columns[i], list);
            free(cols);
            return NULL;
        }
        cols[i] = (size_t)c;
    }
    rk_dataset *out = rk_dataset_select(ds, cols, o->ncolumns, err);
    free(cols);
    return out;
}

static rk_dataset *load_one(rk_kind_ctx *ctx, const char *path, rk_csv_report *csv, rk_error *err)
{
    rk_csv_options copts;
    rk_csv_options_init(&copts);
    copts.infer_types = false;
    copts.lenient = ctx->opts->lenient;
    copts.progress = ctx->opts->progress;
    copts.progress_ctx = ctx->opts->progress_ctx;
    if (ctx->opts->columns && !ctx->kind->transform) {
        copts.want_column = want_header;
        copts.want_ctx = ctx;
    }
    const char *builtin = rk_builtin_data(path);
    rk_dataset *ds = builtin ? rk_csv_read_buffer(builtin, strlen(builtin), path, &copts, csv, err)
                             : rk_csv_read_file(path, &copts, csv, err);
    rk_kind_report *r = ctx->report;
    for (size_t i = 0; i < csv->nwarnings; i++) {
        if (push_string(&r->warnings, &r->nwarnings, strdup(csv->warnings[i]), err) != RK_OK) {
            rk_dataset_free(ds);
            return NULL;
        }
    }
    if (!ds)
        return NULL;
    r->blank_lines += csv->blank_lines;
    r->rows_set_aside += csv->nbad_rows;
    for (size_t i = 0; i < csv->nbad_rows; i++) {
        if (problem_at_line(r, path, NULL, 1, csv->bad_rows[i].line,
                            "row with the wrong number of fields, set aside", err) != RK_OK) {
            rk_dataset_free(ds);
            return NULL;
        }
    }
    if (ctx->kind->transform) {
        rk_dataset *shaped = ctx->kind->transform(ctx, ds, err);
        rk_dataset_free(ds);
        if (!shaped)
            return NULL;
        ds = shaped;
    } else if (match_columns(ctx, ds, err) != RK_OK) {
        rk_dataset_free(ds);
        return NULL;
    }
    /* Rows the checks find unusable (a needed value empty or unreadable);
     * for transformed layouts rows are not the file's, so none are marked. */
    ctx->unusable = ctx->kind->transform ? NULL : calloc(ds->nrow ? ds->nrow : 1, 1);
    if (!ctx->kind->transform && !ctx->unusable) {
        rk_dataset_free(ds);
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < ds->ncol; c++) {
        rk_column *col = ds->cols[c];
        if (col->type == RK_TEXT && check_column(ctx, col, kind_column(ctx->kind, col->name), err) != RK_OK) {
            free(ctx->unusable);
            ctx->unusable = NULL;
            rk_dataset_free(ds);
            return NULL;
        }
    }
    for (size_t row = 0; ctx->unusable && row < ds->nrow; row++)
        r->rows_unusable += ctx->unusable[row];
    free(ctx->unusable);
    ctx->unusable = NULL;
    if (ctx->kind->derive && ctx->kind->derive(ctx, ds, err) != RK_OK) {
        rk_dataset_free(ds);
        return NULL;
    }
    if (ctx->opts->columns) {
        rk_dataset *chosen = select_asked(ctx, ds, err);
        rk_dataset_free(ds);
        ds = chosen;
    }
    return ds;
}

/* ---- data rapkit ships ------------------------------------------------ */

/* Census 2011, West Midlands police force area (ONS table KS201EW by police
 * force area; the figures of shared/data/real/census/force-demographics.csv). */
static const char west_midlands_2011[] =
    "area,area_code,census_year,ethnic_group,population\n"
    "West Midlands,E23000014,2011,Asian,514981\n"
    "West Midlands,E23000014,2011,Black,164069\n"
    "West Midlands,E23000014,2011,Mixed,96204\n"
    "West Midlands,E23000014,2011,White,1919138\n"
    "West Midlands,E23000014,2011,Other,42068\n";

static const struct {
    const char *name;
    const char *csv;
} builtins[] = {
    {"builtin:census-2011-west-midlands", west_midlands_2011},
};

const char *rk_builtin_data(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].csv;
    return NULL;
}

/* ---- several files ---------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static rk_status add_source_file(rk_dataset *ds, const char *path, rk_error *err)
{
    rk_column *col = rk_column_new("source_file", RK_TEXT, ds->nrow);
    if (!col)
        return rk_error_nomem(err);
    const char *name = base_name(path);
    uint32_t code = rk_dict_intern(&col->dict, name, strlen(name));
    if (code == RK_NO_CODE) {
        rk_column_free(col);
        return rk_error_nomem(err);
    }
    for (size_t row = 0; row < ds->nrow; row++)
        col->v.codes[row] = code;
    col->nrow = ds->nrow;
    if (rk_dataset_find(ds, "source_file") >= 0) {
        rk_column_free(col);
        return rk_error_set(err, RK_EDATA, "%s:1: the file already has a column 'source_file'", path);
    }
    return rk_kind_add(ds, col, "Source file", err);
}

/* The same columns (names and labels) in the same order? */
static bool same_header(const rk_dataset *a, const rk_dataset *b)
{
    if (a->ncol != b->ncol)
        return false;
    for (size_t c = 0; c < a->ncol; c++)
        if (strcmp(rk_column_label(a->cols[c]), rk_column_label(b->cols[c])) != 0)
            return false;
    return true;
}

rk_dataset *rk_kind_load(const rk_kind *kind, const char *const *paths, size_t npaths,
                         const rk_kind_options *opts, rk_kind_report *report, rk_error *err)
{
    rk_kind_options default_opts = {0};
    rk_kind_report local;
    if (!opts)
        opts = &default_opts;
    if (!report)
        report = &local;
    memset(report, 0, sizeof *report);
    if (npaths == 0) {
        rk_error_set(err, RK_EARG, "no files to load as %s", kind->name);
        if (report == &local)
            rk_kind_report_free(report);
        return NULL;
    }
    rk_dataset **parts = calloc(npaths, sizeof *parts);
    rk_dataset *out = NULL;
    if (!parts) {
        rk_error_nomem(err);
        goto done;
    }
    report->files = calloc(npaths, sizeof *report->files);
    if (!report->files) {
        rk_error_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < npaths; i++) {
        rk_csv_report csv;
        rk_kind_ctx ctx = {.kind = kind, .opts = opts, .report = report, .path = paths[i], .csv = &csv};
        size_t set_aside = report->rows_set_aside, unusable = report->rows_unusable;
        parts[i] = load_one(&ctx, paths[i], &csv, err);
        rk_kind_file *file = &report->files[i];
        file->rows = csv.rows;
        memcpy(file->sha256, csv.sha256, sizeof file->sha256);
        rk_csv_report_free(&csv);
        if (!parts[i])
            goto done;
        file->rows_set_aside = report->rows_set_aside - set_aside;
        file->rows_unusable = report->rows_unusable - unusable;
        file->unusable_counted = !kind->transform;
        if (!(file->path = strdup(paths[i]))) {
            rk_error_nomem(err);
            goto done;
        }
        report->nfiles = i + 1;
        if (i > 0 && !same_header(parts[0], parts[i])) {
            rk_error_set(err, RK_EDATA, "%s:1: the header differs from %s's: files loaded together must have the same columns",
                         paths[i], paths[0]);
            goto done;
        }
        report->rows_read += parts[i]->nrow;
    }
    for (size_t i = 0; i < npaths && npaths > 1; i++)
        if (add_source_file(parts[i], paths[i], err) != RK_OK)
            goto done;
    if (npaths == 1) {
        out = parts[0];
        parts[0] = NULL;
    } else {
        out = rk_dataset_bind((const rk_dataset *const *)parts, npaths, err);
    }
done:
    if (parts)
        for (size_t i = 0; i < npaths; i++)
            rk_dataset_free(parts[i]);
    free(parts);
    if (report == &local)
        rk_kind_report_free(report);
    return out;
}
