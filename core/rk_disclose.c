/* Disclosure control: primary suppression of small counts and secondary
 * suppression within groups, as rk_disclose.h states the rules.
 *
 * Groups are found by sorting the row numbers on the `by` columns (a stable
 * merge sort, so a group's rows stay in row order and "the first row on a
 * tie" is the first in the dataset); then each group is a run of rows. */
#include "rk_disclose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMP(x, y) (((x) > (y)) - ((x) < (y)))
#define FLAG_SUFFIX "_suppressed"

/* ---- grouping ----------------------------------------------------------- */

/* Orders two rows of one column so that rows holding the same value, as
 * grouping sees it (missing equals missing; a datetime's offset as written
 * is part of its value), sort next to each other. Not a display order:
 * text goes by dictionary code. A number column holds no NaN. */
static int group_compare(const rk_column *col, size_t a, size_t b)
{
    bool ma = rk_column_is_missing(col, a), mb = rk_column_is_missing(col, b);
    if (ma || mb)
        return (int)ma - (int)mb;
    switch (col->type) {
    case RK_TEXT: return CMP(col->v.codes[a], col->v.codes[b]);
    case RK_INTEGER: return CMP(col->v.integers[a], col->v.integers[b]);
    case RK_NUMBER: return CMP(col->v.numbers[a], col->v.numbers[b]);
    case RK_BOOLEAN: return CMP(col->v.booleans[a], col->v.booleans[b]);
    case RK_DATE: return CMP(col->v.dates[a], col->v.dates[b]);
    case RK_DATETIME: {
        const rk_datetime *x = &col->v.datetimes[a], *y = &col->v.datetimes[b];
        if (x->local_us != y->local_us)
            return CMP(x->local_us, y->local_us);
        if (x->zone != y->zone)
            return CMP(x->zone, y->zone);
        return CMP(x->offset_min, y->offset_min);
    }
    }
    return 0;
}

typedef struct group_keys {
    const rk_dataset *ds;
    const size_t *by;
    size_t nby;
} group_keys;

static int compare_keys(const group_keys *k, size_t a, size_t b)
{
    for (size_t i = 0; i < k->nby; i++) {
        int c = group_compare(k->ds->cols[k->by[i]], a, b);
        if (c)
            return c;
    }
    return 0;
}

static void merge_sort_rows(size_t *rows, size_t *tmp, size_t n, const group_keys *k)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    merge_sort_rows(rows, tmp, half, k);
    merge_sort_rows(rows + half, tmp, n - half, k);
    memcpy(tmp, rows, half * sizeof *rows);
    size_t i = 0, j = half, out = 0;
    while (i < half && j < n)
        rows[out++] = compare_keys(k, rows[j], tmp[i]) < 0 ? rows[j++] : tmp[i++];
    while (i < half)
        rows[out++] = tmp[i++];
}

/* ---- checks ------------------------------------------------------------- */

static double cell_value(const rk_column *col, size_t row)
{
    return col->type == RK_INTEGER ? (double)col->v.integers[row] : col->v.numbers[row];
}

/* "<name>_suppressed", malloc'd, or NULL if memory ran out. */
static char *flag_name(const char *name)
{
    size_t n = strlen(name);
    char *flag = malloc(n + sizeof FLAG_SUFFIX);
    if (flag) {
        memcpy(flag, name, n);
        memcpy(flag + n, FLAG_SUFFIX, sizeof FLAG_SUFFIX);
    }
    return flag;
}

static bool listed(const size_t *list, size_t n, size_t col)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == col)
            return true;
    return false;
}

static rk_status check_options(const rk_dataset *ds, const rk_disclose_options *o, rk_error *err)
{
    if (o->min < 1)
        return rk_error_set(err, RK_EARG, "the threshold must be 1 or more (got %lld)",
                            (long long)o->min);
    if (o->ncols == 0)
        return rk_error_set(err, RK_EARG, "name at least one count column");
    for (size_t i = 0; i < o->ncols; i++) {
        const rk_column *col = ds->cols[o->cols[i]];
        if (col->type != RK_INTEGER && col->type != RK_NUMBER)
            return rk_error_set(err, RK_EARG, "cannot disclose column '%s': it is %s, not a count",
                                col->name, rk_type_name(col->type));
        if (listed(o->cols, i, o->cols[i]))
            return rk_error_set(err, RK_EARG, "column '%s' is given twice", col->name);
        if (listed(o->by, o->nby, o->cols[i]))
            return rk_error_set(err, RK_EARG, "column '%s' is both a count and a 'by' column",
                                col->name);
        char *flag = flag_name(col->name);
        if (!flag)
            return rk_error_nomem(err);
        bool taken = rk_dataset_find(ds, flag) >= 0;
        if (taken)
            rk_error_set(err, RK_EARG, "column '%s' already exists: rename it first", flag);
        free(flag);
        if (taken)
            return RK_EARG;
        for (size_t row = 0; row < ds->nrow; row++) {
            if (rk_column_is_missing(col, row) || cell_value(col, row) >= 0)
                continue;
            char buf[RK_VALUE_BUF];
            size_t len;
            rk_column_format(col, row, buf, &len);
            return rk_error_set(err, RK_EARG,
                                "column '%s' holds a negative count (%s in row %zu): counts "
                                "cannot be disclosed",
                                col->name, buf, row + 1);
        }
    }
    for (size_t i = 0; i < o->nby; i++)
        if (listed(o->by, i, o->by[i]))
            return rk_error_set(err, RK_EARG, "'by' column '%s' is given twice",
                                ds->cols[o->by[i]]->name);
    if (o->total_col >= 0) {
        size_t t = (size_t)o->total_col;
        if (listed(o->cols, o->ncols, t))
            return rk_error_set(err, RK_EARG, "the total column '%s' cannot be a count column",
                                ds->cols[t]->name);
        if (listed(o->by, o->nby, t))
            return rk_error_set(err, RK_EARG,
                                "the total column '%s' cannot be a 'by' column: a total row "
                                "shares its group's 'by' values",
                                ds->cols[t]->name);
    }
    return RK_OK;
}

/* The rows that are total rows, as a mask (malloc'd), or NULL with err set. */
static uint8_t *total_rows(const rk_dataset *ds, const rk_disclose_options *o, rk_error *err)
{
    uint8_t *mask = malloc(ds->nrow ? ds->nrow : 1);
    if (!mask) {
        rk_error_nomem(err);
        return NULL;
    }
    memset(mask, o->total_col >= 0, ds->nrow ? ds->nrow : 1);
    if (o->total_col < 0)
        return mask;
    const rk_column *col = ds->cols[o->total_col];
    const rk_value *v = &o->total_value;
    bool numeric_col = col->type == RK_INTEGER || col->type == RK_NUMBER;
    bool numeric_val = v->type == RK_INTEGER || v->type == RK_NUMBER;
    bool fits = v->missing || v->type == col->type || (numeric_col && numeric_val) ||
                (v->type == RK_TEXT && col->type != RK_TEXT && !numeric_col);
    if (!fits) {
        static const char *const wanted[RK_NTYPES] = {
            [RK_TEXT] = "text", [RK_INTEGER] = "a number", [RK_NUMBER] = "a number",
            [RK_BOOLEAN] = "a boolean", [RK_DATE] = "a date, as text (2024-04-01)",
            [RK_DATETIME] = "a datetime, as text",
        };
        rk_error_set(err, RK_EARG, "column '%s' is %s: the total row's value must be %s "
                     "(got %s)", col->name, rk_type_name(col->type), wanted[col->type],
                     numeric_val ? "a number" : v->type == RK_BOOLEAN ? "a boolean" : "text");
        free(mask);
        return NULL;
    }
    rk_error mask_err;
    if (rk_mask_in(ds, (size_t)o->total_col, v, 1, mask, &mask_err) != RK_OK) {
        rk_error_set(err, mask_err.status, "the total row: %s", mask_err.message);
        free(mask);
        return NULL;
    }
    for (size_t row = 0; row < ds->nrow; row++)
        if (mask[row])
            return mask;
    if (o->total_value.missing)
        rk_error_set(err, RK_EARG, "no row has a missing '%s' to be the total row", col->name);
    else if (o->total_value.type == RK_TEXT)
        rk_error_set(err, RK_EARG, "no row has '%s' = '%.*s' to be the total row", col->name,
                     (int)(o->total_value.as.text.len > 200 ? 200 : o->total_value.as.text.len),
                     o->total_value.as.text.s);
    else
        rk_error_set(err, RK_EARG, "no row has the total row's value of '%s'", col->name);
    free(mask);
    return NULL;
}

/* ---- suppression -------------------------------------------------------- */

static bool primary(const rk_column *col, size_t row, const rk_disclose_options *o)
{
    if (rk_column_is_missing(col, row))
        return false;
    double v = cell_value(col, row);
    return v == 0 ? o->zeros : v < (double)o->min;
}

/* Suppresses the cells of one group (rows[0..n), in row order) of one
 * column: primary, then secondary as the header states. */
static void suppress_group(const rk_column *col, const size_t *rows, size_t n,
                           const rk_disclose_options *o, uint8_t *flags,
                           rk_disclose_counts *counts)
{
    size_t suppressed = 0;
    for (size_t i = 0; i < n; i++) {
        if (primary(col, rows[i], o)) {
            flags[rows[i]] = 1;
            suppressed++;
        }
    }
    counts->primary += suppressed;
    if (suppressed != 1)
        return;
    size_t pick = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t row = rows[i];
        if (flags[row] || rk_column_is_missing(col, row) || !(cell_value(col, row) > 0))
            continue;
        if (pick == SIZE_MAX || cell_value(col, row) < cell_value(col, pick))
            pick = row;
    }
    if (pick != SIZE_MAX) {
        flags[pick] = 1;
        counts->secondary++;
    }
}

/* Makes the flagged cells of a (copied) count column missing; the value
 * is zeroed so that the suppressed count is not kept anywhere. */
static int blank_cells(rk_column *col, const uint8_t *flags, size_t nrow)
{
    for (size_t row = 0; row < nrow; row++) {
        if (!flags[row])
            continue;
        if (!col->missing && !(col->missing = calloc(col->cap ? col->cap : 1, 1)))
            return -1;
        col->missing[row] = 1;
        if (col->type == RK_INTEGER)
            col->v.integers[row] = 0;
        else
            col->v.numbers[row] = 0;
    }
    return 0;
}

rk_dataset *rk_disclose(const rk_dataset *ds, const rk_disclose_options *opts,
                        rk_disclose_counts *counts, rk_error *err)
{
    rk_disclose_counts local_counts = {0, 0};
    if (!counts)
        counts = &local_counts;
    counts->primary = counts->secondary = 0;
    if (check_options(ds, opts, err) != RK_OK)
        return NULL;
    uint8_t *is_total = total_rows(ds, opts, err);
    if (!is_total)
        return NULL;

    size_t n = ds->nrow ? ds->nrow : 1;
    size_t *rows = malloc(n * sizeof *rows);
    size_t *tmp = malloc((n / 2 + 1) * sizeof *tmp);
    size_t *all = malloc((ds->ncol ? ds->ncol : 1) * sizeof *all);
    rk_column **flag_cols = calloc(opts->ncols, sizeof *flag_cols);
    rk_dataset *out = NULL;
    if (!rows || !tmp || !all || !flag_cols)
        goto nomem;
    for (size_t row = 0; row < ds->nrow; row++)
        rows[row] = row;
    group_keys keys = {ds, opts->by, opts->nby};
    merge_sort_rows(rows, tmp, ds->nrow, &keys);

    /* At most one total row per group. */
    for (size_t start = 0, end; start < ds->nrow; start = end) {
        size_t first_total = SIZE_MAX;
        for (end = start; end < ds->nrow && compare_keys(&keys, rows[start], rows[end]) == 0; end++) {
            if (!is_total[rows[end]])
                continue;
            if (first_total != SIZE_MAX) {
                rk_error_set(err, RK_EARG,
                             "rows %zu and %zu are both total rows of one group: give 'by' "
                             "columns that tell the groups apart",
                             first_total + 1, rows[end] + 1);
                goto fail;
            }
            first_total = rows[end];
        }
    }

    for (size_t c = 0; c < opts->ncols; c++) {
        const rk_column *col = ds->cols[opts->cols[c]];
        char *name = flag_name(col->name);
        flag_cols[c] = name ? rk_column_new(name, RK_BOOLEAN, ds->nrow) : NULL;
        free(name);
        if (!flag_cols[c])
            goto nomem;
        uint8_t *flags = flag_cols[c]->v.booleans;
        memset(flags, 0, flag_cols[c]->cap);
        flag_cols[c]->nrow = ds->nrow;
        for (size_t start = 0, end; start < ds->nrow; start = end) {
            for (end = start + 1; end < ds->nrow && compare_keys(&keys, rows[start], rows[end]) == 0;
                 end++)
                ;
            suppress_group(col, rows + start, end - start, opts, flags, counts);
        }
    }

    for (size_t c = 0; c < ds->ncol; c++)
        all[c] = c;
    if (!(out = rk_dataset_select(ds, all, ds->ncol, err)))
        goto fail;
    for (size_t c = 0; c < opts->ncols; c++)
        if (blank_cells(out->cols[opts->cols[c]], flag_cols[c]->v.booleans, ds->nrow) != 0)
            goto nomem;
    for (size_t c = 0; c < opts->ncols; c++) {
        rk_column *flag = flag_cols[c];
        flag_cols[c] = NULL;
        if (rk_dataset_add_column(out, flag, err) != RK_OK)
            goto fail;
    }
    free(rows);
    free(tmp);
    free(all);
    free(flag_cols);
    free(is_total);
    return out;

nomem:
    rk_error_nomem(err);
fail:
    if (flag_cols)
        for (size_t c = 0; c < opts->ncols; c++)
            rk_column_free(flag_cols[c]);
    rk_dataset_free(out);
    free(rows);
    free(tmp);
    free(all);
    free(flag_cols);
    free(is_total);
    counts->primary = counts->secondary = 0;
    return NULL;
}

int rk_disclose_flag_column(const rk_dataset *ds, size_t col)
{
    char *name = flag_name(ds->cols[col]->name);
    int flag = name ? rk_dataset_find(ds, name) : -1;
    free(name);
    if (flag < 0 || ds->cols[flag]->type != RK_BOOLEAN)
        return -1;
    return flag;
}

const char *rk_disclose_format(const rk_dataset *ds, size_t col, size_t row,
                               char buf[RK_VALUE_BUF], size_t *len)
{
    int flag = rk_disclose_flag_column(ds, col);
    if (flag >= 0 && !rk_column_is_missing(ds->cols[flag], row) &&
        ds->cols[flag]->v.booleans[row]) {
        *len = strlen(RK_DISCLOSE_MARK);
        return RK_DISCLOSE_MARK;
    }
    return rk_column_format(ds->cols[col], row, buf, len);
}
