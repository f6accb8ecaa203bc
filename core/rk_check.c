/* `rapkit check`: a validation report on files of a kind. */
#include <stdlib.h>
#include <string.h>

#include "rk_kind.h"
#include "rk_period.h"

static double percent(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static size_t file_rank(const char *file, const char *const *paths, size_t npaths)
{
    for (size_t i = 0; i < npaths; i++)
        if (strcmp(paths[i], file) == 0)
            return i;
    return npaths;
}

/* Puts problems in the order of the files given, then by line (a stable
 * insertion sort: there are few problems, each already grouped). */
static void sort_problems(rk_problem *p, size_t n, const char *const *paths, size_t npaths)
{
    for (size_t i = 1; i < n; i++) {
        rk_problem v = p[i];
        size_t rank = file_rank(v.file, paths, npaths), j = i;
        while (j > 0) {
            size_t prev = file_rank(p[j - 1].file, paths, npaths);
            if (prev < rank || (prev == rank && p[j - 1].line <= v.line))
                break;
            p[j] = p[j - 1];
            j--;
        }
        p[j] = v;
    }
}

static void print_problems(FILE *out, const rk_kind_report *r)
{
    if (r->nproblems == 0) {
        fprintf(out, "problems: none\n");
        return;
    }
    fprintf(out, "problems:\n");
    for (size_t i = 0; i < r->nproblems; i++) {
        const rk_problem *p = &r->problems[i];
        fprintf(out, "  %s", p->file);
        if (p->line)
            fprintf(out, ":%zu", p->line);
        fprintf(out, ": %s%s%s", p->column ? p->column : "", p->column ? ": " : "", p->message);
        if (p->count > 1 && p->line)
            fprintf(out, " on %zu rows (first at line %zu)", p->count, p->line);
        else if (p->count > 1)
            fprintf(out, " on %zu rows", p->count);
        fputc('\n', out);
    }
}

static void print_missing(FILE *out, const rk_dataset *ds)
{
    size_t width = 6;
    for (size_t c = 0; c < ds->ncol; c++)
        if (strlen(ds->cols[c]->name) > width)
            width = strlen(ds->cols[c]->name);
    fprintf(out, "missing values by column:\n  %-*s  %9s  %6s\n", (int)width, "column", "missing", "share");
    for (size_t c = 0; c < ds->ncol; c++) {
        size_t missing = 0;
        for (size_t row = 0; row < ds->nrow; row++)
            missing += rk_column_is_missing(ds->cols[c], row);
        fprintf(out, "  %-*s  %9zu  %5.1f%%\n", (int)width, ds->cols[c]->name, missing,
                percent(missing, ds->nrow));
    }
}

/* An ethnic group of "Not stated" is as unusable for rates as a missing one. */
static void print_not_stated(FILE *out, const rk_dataset *ds)
{
    int g = rk_dataset_find(ds, "ethnic_group");
    if (g < 0 || ds->cols[g]->type != RK_TEXT)
        return;
    const rk_column *col = ds->cols[g];
    uint32_t not_stated = rk_dict_find(&col->dict, "Not stated", 10);
    size_t missing = 0, stated_not = 0;
    for (size_t row = 0; row < ds->nrow; row++) {
        uint32_t code = col->v.codes[row];
        missing += code == RK_NO_CODE;
        stated_not += code != RK_NO_CODE && code == not_stated;
    }
    fprintf(out, "ethnic group not known: %zu of %zu rows (%.1f%%): %zu missing, %zu \"Not stated\"\n",
            missing + stated_not, ds->nrow, percent(missing + stated_not, ds->nrow), missing, stated_not);
}

/* The force in a data.police.uk file name: "2020-01-essex-stop-and-search.csv" -> "essex". */
static void force_of_file(const char *file, char *buf, size_t size)
{
    const char *slash = strrchr(file, '/');
    const char *s = slash ? slash + 1 : file;
    if (strlen(s) > 8 && s[4] == '-' && s[7] == '-')
        s += 8;
    snprintf(buf, size, "%s", s);
    char *end = strstr(buf, "-stop-and-search");
    if (end)
        *end = '\0';
}

typedef struct force_cover {
    char name[128];
    int first, last;          /* months as year * 12 + month - 1; -1 when none */
    unsigned char *seen;      /* per month since `base` */
    size_t rows, midnight;
} force_cover;

#define COVER_BASE (2000 * 12)  /* months before 2000 are not expected in these files */
#define COVER_SPAN (60 * 12)

static force_cover *cover_for(force_cover **forces, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*forces)[i].name, name) == 0)
            return &(*forces)[i];
    force_cover *f = realloc(*forces, (*n + 1) * sizeof *f);
    if (!f)
        return NULL;
    *forces = f;
    force_cover *c = &f[(*n)++];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->first = c->last = -1;
    c->seen = calloc(COVER_SPAN, 1);
    return c->seen ? c : NULL;
}

static void print_month(FILE *out, int m)
{
    fprintf(out, "%04d-%02d", m / 12, m % 12 + 1);
}

/* Months each force's files cover, months missing between, and times at
 * exactly midnight (forces that record only a date). */
static rk_status print_coverage(FILE *out, const rk_dataset *ds, const char *const *paths, rk_error *err)
{
    int date = rk_dataset_find(ds, "date");
    int source = rk_dataset_find(ds, "source_file");
    if (date < 0 || ds->cols[date]->type != RK_DATETIME)
        return RK_OK;
    force_cover *forces = NULL;
    size_t nforces = 0;
    rk_status st = RK_OK;
    const rk_column *dc = ds->cols[date];
    for (size_t row = 0; row < ds->nrow && st == RK_OK; row++) {
        char name[128];
        const char *file = source >= 0 ? rk_dict_str(&ds->cols[source]->dict, ds->cols[source]->v.codes[row])
                                       : paths[0];
        force_of_file(file, name, sizeof name);
        force_cover *f = cover_for(&forces, &nforces, name);
        if (!f) {
            st = rk_error_nomem(err);
            break;
        }
        f->rows++;
        if (rk_column_is_missing(dc, row))
            continue;
        const rk_datetime *dt = &dc->v.datetimes[row];
        int32_t day = rk_datetime_local_date(dt);
        int y, m, d;
        rk_civil_from_days(day, &y, &m, &d);
        int month = y * 12 + m - 1;
        if (month >= COVER_BASE && month < COVER_BASE + COVER_SPAN)
            f->seen[month - COVER_BASE] = 1;
        if (f->first < 0 || month < f->first)
            f->first = month;
        if (month > f->last)
            f->last = month;
        if (dt->local_us - (int64_t)day * 86400LL * 1000000LL == 0)
            f->midnight++;
    }
    if (st == RK_OK) {
        fprintf(out, "coverage by force (a month missing between the first and last is a missing\n"
                     "submission, not a month of zero searches):\n");
        for (size_t i = 0; i < nforces; i++) {
            force_cover *f = &forces[i];
            fprintf(out, "  %s: %zu rows, ", f->name, f->rows);
            if (f->first < 0) {
                fprintf(out, "no dates\n");
                continue;
            }
            print_month(out, f->first);
            fprintf(out, " to ");
            print_month(out, f->last);
            size_t missing = 0;
            for (int m = f->first; m <= f->last; m++)
                if (m >= COVER_BASE && m < COVER_BASE + COVER_SPAN && !f->seen[m - COVER_BASE])
                    missing++;
            if (!missing) {
                fprintf(out, ", no month missing");
            } else {
                fprintf(out, ", %zu month%s missing:", missing, missing == 1 ? "" : "s");
                for (int m = f->first; m <= f->last; m++)
                    if (m >= COVER_BASE && m < COVER_BASE + COVER_SPAN && !f->seen[m - COVER_BASE]) {
                        fputc(' ', out);
                        print_month(out, m);
                    }
            }
            fprintf(out, "; times at exactly midnight: %zu (%.1f%%)\n", f->midnight, percent(f->midnight, f->rows));
        }
    }
    for (size_t i = 0; i < nforces; i++)
        free(forces[i].seen);
    free(forces);
    return st;
}

rk_status rk_check_report(FILE *out, const rk_kind *kind, const char *const *paths, size_t npaths,
                          bool *usable, rk_error *err)
{
    rk_kind_options opts = {.keep_going = true, .lenient = true};
    rk_kind_report report;
    rk_error load_err = {0};
    rk_dataset *ds = rk_kind_load(kind, paths, npaths, &opts, &report, &load_err);
    *usable = ds != NULL && ds->nrow > 0;
    fprintf(out, "check of %zu file%s as %s\n", npaths, npaths == 1 ? "" : "s", rk_kind_name(kind));
    for (size_t i = 0; i < report.nwarnings; i++)
        fprintf(out, "warning: %s\n", report.warnings[i]);
    for (size_t i = 0; i < report.nnotes; i++)
        fprintf(out, "note: %s\n", report.notes[i]);
    if (!ds) {
        fprintf(out, "not usable: %s\n", load_err.message);
        rk_kind_report_free(&report);
        return load_err.status == RK_ENOMEM ? rk_error_nomem(err) : RK_OK;
    }
    size_t rows_read = report.rows_read + report.rows_set_aside;
    size_t rows_usable = ds->nrow - report.rows_unusable;
    *usable = rows_usable > 0;
    fprintf(out, "rows read: %zu\nrows usable: %zu\n", rows_read, rows_usable);
    if (report.rows_set_aside)
        fprintf(out, "rows set aside (wrong number of fields): %zu\n", report.rows_set_aside);
    if (report.rows_unusable)
        fprintf(out, "rows with a required value empty or unreadable: %zu\n", report.rows_unusable);
    fprintf(out, "blank lines skipped: %zu\n", report.blank_lines);
    sort_problems(report.problems, report.nproblems, paths, npaths);
    print_problems(out, &report);
    print_missing(out, ds);
    print_not_stated(out, ds);
    rk_status st = RK_OK;
    if (strcmp(rk_kind_name(kind), "stop_search") == 0)
        st = print_coverage(out, ds, paths, err);
    if (!*usable)
        fprintf(out, "not usable: no row has every required value\n");
    rk_dataset_free(ds);
    rk_kind_report_free(&report);
    return st;
}
