/* Reshaping datasets: distinct, bind, pivot, share, lag, rolling sums.
 *
 * Everything here is built on rk_dataset.c's machinery
 * (rk_dataset_internal.h): rk_group_rows groups rows by key columns,
 * rk_sort_rows orders them as count does, and rk_column_gather copies a
 * column's cells at a list of rows, where RK_NO_ROW gives a missing cell.
 * Text gathered here gets a compact dictionary, of only the strings the new
 * column holds: a pivot cuts many short columns from one long one. */
#include "rk_reshape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rk_dataset_internal.h"

/* The cell as text for a message or a column name: into buf, or borrowed
 * from the column's dictionary. Missing gives "(missing)", empty text
 * "(empty)". */
static const char *cell_label(const rk_column *col, size_t row, char buf[RK_VALUE_BUF])
{
    if (rk_column_is_missing(col, row))
        return "(missing)";
    size_t len;
    const char *s = rk_column_format(col, row, buf, &len);
    return len ? s : "(empty)";
}

/* ---- grouping rows ----------------------------------------------------- */

/* The first row of each of g's groups (made by the key columns keys[0..nkeys)),
 * sorted by those keys as count sorts its groups. Groups whose keys tie
 * (datetimes at one instant written with different offsets) stay in order of
 * first appearance: the sort is stable and first_row is increasing. malloc'd;
 * NULL if memory ran out. */
static size_t *sorted_first_rows(const rk_dataset *ds, const size_t *keys, size_t nkeys,
                                 const rk_grouping *g)
{
    size_t *rows = malloc((g->ngroups ? g->ngroups : 1) * sizeof *rows);
    rk_sort_key *by = malloc((nkeys ? nkeys : 1) * sizeof *by);
    if (rows && by) {
        for (size_t q = 0; q < g->ngroups; q++)
            rows[q] = g->first_row[q];
        for (size_t k = 0; k < nkeys; k++)
            by[k] = (rk_sort_key){keys[k], false};
    }
    if (!rows || !by || rk_sort_rows(ds, by, nkeys, rows, g->ngroups) != 0) {
        free(rows);
        rows = NULL;
    }
    free(by);
    return rows;
}

/* The rows of each group, group after group, each group's in row order.
 * A group's rows are contiguous in members, so the row k places before
 * `row` in its group is members[index[row] - k], when position[row] >= k. */
typedef struct group_members {
    size_t *members;   /* nrow entries */
    size_t *index;     /* nrow entries: where the row is in members */
    size_t *position;  /* nrow entries: the row's place within its group, from 0 */
} group_members;

static void group_members_free(group_members *m)
{
    free(m->members);
    free(m->index);
    free(m->position);
    memset(m, 0, sizeof *m);
}

/* Lists the rows of g's groups in m. 0, or -1 if memory ran out (m is
 * then freed). */
static int list_members(const rk_dataset *ds, const rk_grouping *g, group_members *m)
{
    size_t n = ds->nrow ? ds->nrow : 1;
    m->members = malloc(n * sizeof *m->members);
    m->index = malloc(n * sizeof *m->index);
    m->position = malloc(n * sizeof *m->position);
    size_t *start = calloc(g->ngroups + 1, sizeof *start); /* where each group's rows begin */
    size_t *count = calloc(g->ngroups ? g->ngroups : 1, sizeof *count); /* rows placed so far */
    if (!m->members || !m->index || !m->position || !start || !count) {
        free(start);
        free(count);
        group_members_free(m);
        return -1;
    }
    for (size_t row = 0; row < ds->nrow; row++)
        start[g->group_of_row[row] + 1]++;
    for (size_t q = 0; q < g->ngroups; q++)
        start[q + 1] += start[q];
    for (size_t row = 0; row < ds->nrow; row++) {
        size_t q = g->group_of_row[row];
        m->position[row] = count[q]++;
        m->index[row] = start[q] + m->position[row];
        m->members[m->index[row]] = row;
    }
    free(start);
    free(count);
    return 0;
}

/* ---- building columns -------------------------------------------------- */

/* The checks every "add a column" operation makes first. */
static rk_status check_new_column(const rk_dataset *ds, const char *name, rk_error *err)
{
    if (!name || !name[0])
        return rk_error_set(err, RK_EARG, "the new column needs a name");
    if (rk_dataset_find(ds, name) >= 0)
        return rk_error_set(err, RK_EARG, "column '%s' already exists: rename it first", name);
    return RK_OK;
}

/* ---- distinct ---------------------------------------------------------- */

rk_dataset *rk_dataset_distinct(const rk_dataset *ds, const size_t *cols, size_t ncols,
                                rk_error *err)
{
    for (size_t c = 0; c < ncols; c++)
        for (size_t d = 0; d < c; d++)
            if (cols[c] == cols[d]) {
                rk_error_set(err, RK_EARG, "distinct: column '%s' is named twice",
                             ds->cols[cols[c]]->name);
                return NULL;
            }
    size_t *all = NULL;
    if (ncols == 0) {
        if (!(all = rk_indices(ds->ncol))) {
            rk_error_nomem(err);
            return NULL;
        }
        cols = all;
        ncols = ds->ncol;
    }
    rk_dataset *out = NULL;
    size_t *rows = NULL; /* the rows to keep, in order */
    rk_grouping g;
    if (rk_group_rows(ds, cols, ncols, &g) != 0 || !(rows = sorted_first_rows(ds, cols, ncols, &g)))
        rk_error_nomem(err);
    else
        out = rk_gather_columns(ds, cols, ncols, rows, g.ngroups, true, err);
    rk_grouping_free(&g);
    free(rows);
    free(all);
    return out;
}

/* ---- bind -------------------------------------------------------------- */

/* Column c of the bound dataset, from every part. */
static rk_column *bind_column(const rk_dataset *const *parts, size_t nparts, size_t c,
                              rk_type type, size_t nrow)
{
    const char *name = parts[0]->cols[c]->name;
    rk_column *out = rk_column_new(name, type, nrow);
    if (!out)
        return NULL;
    size_t at = 0;
    if (type == RK_TEXT) {
        /* Each part's strings go into the one dictionary of the result. */
        for (size_t p = 0; p < nparts; p++) {
            const rk_column *src = parts[p]->cols[c];
            if (rk_text_copy_cells(out, at, src, NULL, src->nrow) != 0) {
                rk_column_free(out);
                return NULL;
            }
            at += src->nrow;
        }
        out->nrow = nrow;
        return out;
    }
    bool any_missing = false;
    for (size_t p = 0; p < nparts && !any_missing; p++)
        for (size_t row = 0; row < parts[p]->nrow && !any_missing; row++)
            any_missing = rk_column_is_missing(parts[p]->cols[c], row);
    if (any_missing && !(out->missing = calloc(out->cap, 1))) {
        rk_column_free(out);
        return NULL;
    }
    size_t width = rk_type_width(type);
    for (size_t p = 0; p < nparts; p++) {
        const rk_column *src = parts[p]->cols[c];
        if (src->type == type) {
            memcpy((char *)out->v.any + at * width, src->v.any, src->nrow * width);
            if (any_missing) {
                if (src->missing)
                    memcpy(out->missing + at, src->missing, src->nrow);
                else
                    memset(out->missing + at, 0, src->nrow);
            }
            at += src->nrow;
            continue;
        }
        /* an integer part of a number column */
        for (size_t row = 0; row < src->nrow; row++, at++) {
            bool missing = rk_column_is_missing(src, row);
            out->v.numbers[at] = missing ? 0 : (double)src->v.integers[row];
            if (any_missing)
                out->missing[at] = missing;
        }
    }
    out->nrow = nrow;
    return out;
}

rk_dataset *rk_dataset_bind(const rk_dataset *const *parts, size_t nparts, rk_error *err)
{
    if (nparts == 0) {
        rk_error_set(err, RK_EARG, "bind: no datasets to stack");
        return NULL;
    }
    const rk_dataset *first = parts[0];
    size_t nrow = 0;
    for (size_t p = 0; p < nparts; p++) {
        const rk_dataset *ds = parts[p];
        if (ds->ncol != first->ncol) {
            rk_error_set(err, RK_EARG, "bind: dataset %zu has %zu column%s but dataset 1 has %zu: "
                         "the datasets need the same columns in the same order", p + 1, ds->ncol,
                         ds->ncol == 1 ? "" : "s", first->ncol);
            return NULL;
        }
        for (size_t c = 0; c < ds->ncol; c++) {
            if (strcmp(ds->cols[c]->name, first->cols[c]->name) != 0) {
                rk_error_set(err, RK_EARG, "bind: column %zu of dataset %zu is '%s' but of dataset 1 "
                             "'%s': the datasets need the same columns in the same order (use "
                             "select or rename)", c + 1, p + 1, ds->cols[c]->name,
                             first->cols[c]->name);
                return NULL;
            }
        }
        if (nrow > SIZE_MAX / 2 - ds->nrow) {
            rk_error_nomem(err);
            return NULL;
        }
        nrow += ds->nrow;
    }
    /* The type of each column: one type throughout, or integer and number
     * mixed, which give number. */
    rk_type *types = malloc((first->ncol ? first->ncol : 1) * sizeof *types);
    if (!types) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < first->ncol; c++) {
        rk_type t = first->cols[c]->type;
        for (size_t p = 1; p < nparts; p++) {
            rk_type u = parts[p]->cols[c]->type;
            if (u == t)
                continue;
            bool numeric = (t == RK_INTEGER || t == RK_NUMBER) && (u == RK_INTEGER || u == RK_NUMBER);
            if (!numeric) {
                rk_error_set(err, RK_EARG, "bind: column '%s' is %s in dataset %zu but %s in "
                             "dataset 1", first->cols[c]->name, rk_type_name(u), p + 1,
                             rk_type_name(first->cols[c]->type));
                free(types);
                return NULL;
            }
            t = RK_NUMBER;
        }
        types[c] = t;
    }
    rk_dataset *out = rk_dataset_new();
    if (!out) {
        free(types);
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < first->ncol; c++) {
        rk_column *col = bind_column(parts, nparts, c, types[c], nrow);
        if (!col) {
            rk_error_nomem(err);
            rk_dataset_free(out);
            out = NULL;
            break;
        }
        if (rk_dataset_add_column(out, col, err) != RK_OK) {
            rk_dataset_free(out);
            out = NULL;
            break;
        }
    }
    free(types);
    return out;
}

/* ---- pivot ------------------------------------------------------------- */

rk_dataset *rk_dataset_pivot(const rk_dataset *ds, size_t row_col, size_t col_col,
                             size_t value_col, rk_error *err)
{
    if (row_col == col_col || row_col == value_col || col_col == value_col) {
        rk_error_set(err, RK_EARG, "pivot: the row, column and value columns must be three "
                     "different columns");
        return NULL;
    }
    const rk_column *rows_by = ds->cols[row_col], *cols_by = ds->cols[col_col];
    rk_grouping gr = {0}, gc = {0};        /* by the row values, by the column values */
    size_t *rfirst = NULL, *cfirst = NULL; /* each group's first row, sorted by its value */
    size_t *rrank = NULL, *crank = NULL;   /* each group's place in that order */
    size_t *cell = NULL;                   /* [row rank * nc + column rank]: the input row */
    size_t *rows = NULL;                   /* one value column's rows */
    rk_dataset *out = NULL;
    size_t nr = 0, nc = 0;
    if (rk_group_rows(ds, &row_col, 1, &gr) != 0 || rk_group_rows(ds, &col_col, 1, &gc) != 0)
        goto nomem;
    nr = gr.ngroups;
    nc = gc.ngroups;
    if (nc > RK_PIVOT_MAX_COLUMNS) {
        rk_error_set(err, RK_EARG, "pivot: '%s' has %zu distinct values, too many columns for a "
                     "wide table (at most %d)", cols_by->name, nc, RK_PIVOT_MAX_COLUMNS);
        goto done;
    }
    if (nc && nr > SIZE_MAX / sizeof(size_t) / nc)
        goto nomem;
    rfirst = sorted_first_rows(ds, &row_col, 1, &gr);
    cfirst = sorted_first_rows(ds, &col_col, 1, &gc);
    rrank = malloc((nr ? nr : 1) * sizeof *rrank);
    crank = malloc((nc ? nc : 1) * sizeof *crank);
    cell = malloc((nr * nc > 0 ? nr * nc : 1) * sizeof *cell);
    rows = malloc((nr ? nr : 1) * sizeof *rows);
    if (!rfirst || !cfirst || !rrank || !crank || !cell || !rows)
        goto nomem;
    for (size_t q = 0; q < nr; q++)
        rrank[gr.group_of_row[rfirst[q]]] = q;
    for (size_t q = 0; q < nc; q++)
        crank[gc.group_of_row[cfirst[q]]] = q;
    for (size_t i = 0; i < nr * nc; i++)
        cell[i] = RK_NO_ROW;
    for (size_t row = 0; row < ds->nrow; row++) {
        size_t *at = &cell[rrank[gr.group_of_row[row]] * nc + crank[gc.group_of_row[row]]];
        if (*at != RK_NO_ROW) {
            char rbuf[RK_VALUE_BUF], cbuf[RK_VALUE_BUF];
            rk_error_set(err, RK_EARG, "pivot: more than one row has %s '%s' and %s '%s': use "
                         "count or group_by(...):agg first, so that each pair has one row",
                         rows_by->name, cell_label(rows_by, row, rbuf), cols_by->name,
                         cell_label(cols_by, row, cbuf));
            goto done;
        }
        *at = row;
    }
    /* The first column: the row values, sorted. */
    out = rk_gather_columns(ds, &row_col, 1, rfirst, nr, true, err);
    if (!out)
        goto done;
    for (size_t k = 0; k < nc; k++) {
        char buf[RK_VALUE_BUF];
        const char *name = cell_label(cols_by, cfirst[k], buf);
        if (rk_dataset_find(out, name) >= 0) {
            rk_error_set(err, RK_EARG, "pivot: two columns would be named '%s' (a value of '%s'): "
                         "rename a column or recode the value first", name, cols_by->name);
            rk_dataset_free(out);
            out = NULL;
            goto done;
        }
        for (size_t r = 0; r < nr; r++)
            rows[r] = cell[r * nc + k];
        rk_column *col = rk_column_gather(ds->cols[value_col], name, rows, nr, true);
        if (!col) {
            rk_dataset_free(out);
            out = NULL;
            goto nomem;
        }
        if (rk_dataset_add_column(out, col, err) != RK_OK) {
            rk_dataset_free(out);
            out = NULL;
            goto done;
        }
    }
    goto done;
nomem:
    rk_error_nomem(err);
done:
    rk_grouping_free(&gr);
    rk_grouping_free(&gc);
    free(rfirst);
    free(cfirst);
    free(rrank);
    free(crank);
    free(cell);
    free(rows);
    return out;
}

/* ---- share ------------------------------------------------------------- */

rk_dataset *rk_dataset_share(const rk_dataset *ds, size_t col, const size_t *by, size_t nby,
                             const char *name, rk_error *err)
{
    const rk_column *src = ds->cols[col];
    if (!rk_type_is_summable(src->type)) {
        rk_error_set(err, RK_EARG, "cannot take shares of column '%s': it is %s, not a number",
                     src->name, rk_type_name(src->type));
        return NULL;
    }
    if (check_new_column(ds, name, err) != RK_OK)
        return NULL;
    rk_grouping g;
    if (rk_group_rows(ds, by, nby, &g) != 0) {
        rk_error_nomem(err);
        return NULL;
    }
    size_t ng = g.ngroups ? g.ngroups : 1;
    double *sum = calloc(ng, sizeof *sum);
    double *carry = calloc(ng, sizeof *carry); /* Neumaier compensation */
    rk_column *out = rk_column_new(name, RK_NUMBER, ds->nrow);
    if (!sum || !carry || !out || !(out->missing = calloc(out->cap, 1))) {
        free(sum);
        free(carry);
        rk_column_free(out);
        rk_grouping_free(&g);
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t row = 0; row < ds->nrow; row++) {
        if (rk_column_is_missing(src, row))
            continue;
        size_t q = g.group_of_row[row];
        rk_sum_add(&sum[q], &carry[q], rk_cell_number(src, row));
    }
    for (size_t row = 0; row < ds->nrow; row++) {
        double total = sum[g.group_of_row[row]] + carry[g.group_of_row[row]];
        double share = rk_column_is_missing(src, row) || total == 0 ? NAN : rk_cell_number(src, row) / total;
        /* Not computable (no total, or infinities in it): missing, never NaN. */
        bool missing = !isfinite(share);
        out->v.numbers[row] = missing ? 0 : share;
        out->missing[row] = missing;
    }
    out->nrow = ds->nrow;
    free(sum);
    free(carry);
    rk_grouping_free(&g);
    return rk_dataset_with_column(ds, out, err);
}

/* ---- lag and rolling sums ---------------------------------------------- */

/* What lag and rolling (fname) both do first: check the window n and the
 * new column's name, then group ds by `by` and list each group's rows in
 * order in m (freed on failure). */
static rk_status window_members(const rk_dataset *ds, const char *fname, size_t n,
                                const size_t *by, size_t nby, const char *name, group_members *m,
                                rk_error *err)
{
    if (n < 1)
        return rk_error_set(err, RK_EARG, "%s: n must be 1 or more", fname);
    rk_status st = check_new_column(ds, name, err);
    if (st != RK_OK)
        return st;
    rk_grouping g;
    if (rk_group_rows(ds, by, nby, &g) != 0)
        return rk_error_nomem(err);
    int rc = list_members(ds, &g, m);
    rk_grouping_free(&g);
    return rc == 0 ? RK_OK : rk_error_nomem(err);
}

rk_dataset *rk_dataset_lag(const rk_dataset *ds, size_t col, size_t n, const size_t *by,
                           size_t nby, const char *name, rk_error *err)
{
    group_members m;
    if (window_members(ds, "lag", n, by, nby, name, &m, err) != RK_OK)
        return NULL;
    /* Reuse position[] for the row each row takes its value from. */
    size_t *from = m.position;
    for (size_t row = 0; row < ds->nrow; row++)
        from[row] = from[row] >= n ? m.members[m.index[row] - n] : RK_NO_ROW;
    rk_column *out = rk_column_gather(ds->cols[col], name, from, ds->nrow, true);
    group_members_free(&m);
    if (!out) {
        rk_error_nomem(err);
        return NULL;
    }
    return rk_dataset_with_column(ds, out, err);
}

rk_dataset *rk_dataset_rolling_sum(const rk_dataset *ds, size_t col, size_t n, const size_t *by,
                                   size_t nby, const char *name, rk_error *err)
{
    const rk_column *src = ds->cols[col];
    if (!rk_type_is_summable(src->type)) {
        rk_error_set(err, RK_EARG, "cannot take rolling sums of column '%s': it is %s, not a number",
                     src->name, rk_type_name(src->type));
        return NULL;
    }
    group_members m;
    if (window_members(ds, "rolling", n, by, nby, name, &m, err) != RK_OK)
        return NULL;
    bool integer_sum = src->type != RK_NUMBER;
    rk_column *out = rk_column_new(name, integer_sum ? RK_INTEGER : RK_NUMBER, ds->nrow);
    /* missing_before[i]: missing values among members[0..i), so a window's
     * missing count is a difference and the sum runs only when it is 0. */
    size_t *missing_before = malloc((ds->nrow + 1) * sizeof *missing_before);
    if (!out || !missing_before || !(out->missing = calloc(out->cap, 1))) {
        rk_column_free(out);
        free(missing_before);
        group_members_free(&m);
        rk_error_nomem(err);
        return NULL;
    }
    missing_before[0] = 0;
    for (size_t i = 0; i < ds->nrow; i++)
        missing_before[i + 1] = missing_before[i] + rk_column_is_missing(src, m.members[i]);
    for (size_t row = 0; row < ds->nrow; row++) {
        size_t last = m.index[row]; /* the window is members[last + 1 - n .. last] */
        bool missing = m.position[row] + 1 < n ||
                       missing_before[last + 1] != missing_before[last + 1 - n];
        out->missing[row] = missing;
        if (integer_sum)
            out->v.integers[row] = 0;
        else
            out->v.numbers[row] = 0;
        if (missing)
            continue;
        if (integer_sum) {
            int64_t total = 0;
            for (size_t i = last + 1 - n; i <= last; i++) {
                size_t r = m.members[i];
                int64_t x = src->type == RK_INTEGER ? src->v.integers[r] : src->v.booleans[r];
                if (__builtin_add_overflow(total, x, &total)) {
                    rk_error_set(err, RK_EDATA, "a rolling sum of column '%s' is too large for a "
                                 "64-bit integer", src->name);
                    rk_column_free(out);
                    free(missing_before);
                    group_members_free(&m);
                    return NULL;
                }
            }
            out->v.integers[row] = total;
        } else {
            double sum = 0, carry = 0;
            for (size_t i = last + 1 - n; i <= last; i++)
                rk_sum_add(&sum, &carry, src->v.numbers[m.members[i]]);
            double total = sum + carry;
            if (!isfinite(total)) { /* infinities in the window: missing, never NaN */
                out->missing[row] = 1;
            } else {
                out->v.numbers[row] = total;
            }
        }
    }
    out->nrow = ds->nrow;
    free(missing_before);
    group_members_free(&m);
    return rk_dataset_with_column(ds, out, err);
}
