/* Reshaping datasets: distinct, bind, pivot, share, lag, rolling sums.
 *
 * Everything here is built on a grouping of rows by key columns (a hash
 * table over the key cells) and on a gather that copies a column's cells at
 * a list of rows, where RK_NO_ROW gives a missing cell. */
#include "rk_reshape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RK_NO_ROW SIZE_MAX

/* ---- cells ------------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Hash of a cell, consistent with cell_equal within one column: text hashes
 * its code (a column's dictionary holds each string once). */
static uint64_t cell_hash(const rk_column *col, size_t row)
{
    if (rk_column_is_missing(col, row))
        return 0x9e3779b97f4a7c15ULL;
    switch (col->type) {
    case RK_TEXT: return mix64(col->v.codes[row] + 1u);
    case RK_INTEGER: return mix64((uint64_t)col->v.integers[row]);
    case RK_NUMBER: {
        double d = col->v.numbers[row];
        if (d == 0)
            d = 0; /* -0 and 0 are one value */
        if (isnan(d))
            return 0x7ff8000000000000ULL; /* every NaN is one value */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return mix64(bits);
    }
    case RK_BOOLEAN: return mix64(col->v.booleans[row] + 1u);
    case RK_DATE: return mix64((uint64_t)(int64_t)col->v.dates[row]);
    case RK_DATETIME: {
        const rk_datetime *dt = &col->v.datetimes[row];
        return mix64((uint64_t)dt->local_us ^ ((uint64_t)(uint16_t)dt->offset_min << 48) ^
                     ((uint64_t)dt->zone << 62));
    }
    }
    return 0;
}

/* Do two rows of one column hold the same value? Missing equals missing, as
 * in count's groups; a datetime's offset as written is part of its value. */
static bool cell_equal(const rk_column *col, size_t a, size_t b)
{
    bool ma = rk_column_is_missing(col, a), mb = rk_column_is_missing(col, b);
    if (ma || mb)
        return ma && mb;
    switch (col->type) {
    case RK_TEXT: return col->v.codes[a] == col->v.codes[b];
    case RK_INTEGER: return col->v.integers[a] == col->v.integers[b];
    case RK_NUMBER: {
        double x = col->v.numbers[a], y = col->v.numbers[b];
        return x == y || (isnan(x) && isnan(y));
    }
    case RK_BOOLEAN: return col->v.booleans[a] == col->v.booleans[b];
    case RK_DATE: return col->v.dates[a] == col->v.dates[b];
    case RK_DATETIME: {
        const rk_datetime *x = &col->v.datetimes[a], *y = &col->v.datetimes[b];
        return x->local_us == y->local_us && x->zone == y->zone && x->offset_min == y->offset_min;
    }
    }
    return false;
}

#define CMP(x, y) (((x) > (y)) - ((x) < (y)))

/* Orders two rows of one column as sorting does: by value, text in byte
 * order, datetimes by instant, missing last. NaN sorts after every number so
 * that the order stays total. */
static int cell_compare(const rk_column *col, size_t a, size_t b)
{
    bool ma = rk_column_is_missing(col, a), mb = rk_column_is_missing(col, b);
    if (ma || mb)
        return (int)ma - (int)mb;
    switch (col->type) {
    case RK_TEXT: {
        uint32_t ca = col->v.codes[a], cb = col->v.codes[b];
        if (ca == cb)
            return 0;
        size_t la = rk_dict_len(&col->dict, ca), lb = rk_dict_len(&col->dict, cb);
        int c = memcmp(rk_dict_str(&col->dict, ca), rk_dict_str(&col->dict, cb), la < lb ? la : lb);
        return c ? (c > 0) - (c < 0) : CMP(la, lb);
    }
    case RK_INTEGER: return CMP(col->v.integers[a], col->v.integers[b]);
    case RK_NUMBER: {
        double x = col->v.numbers[a], y = col->v.numbers[b];
        if (isnan(x) || isnan(y))
            return (int)(isnan(x) != 0) - (int)(isnan(y) != 0);
        return CMP(x, y);
    }
    case RK_BOOLEAN: return CMP(col->v.booleans[a], col->v.booleans[b]);
    case RK_DATE: return CMP(col->v.dates[a], col->v.dates[b]);
    case RK_DATETIME: {
        const rk_datetime *x = &col->v.datetimes[a], *y = &col->v.datetimes[b];
        int64_t ix = x->local_us - (int64_t)x->offset_min * 60000000LL;
        int64_t iy = y->local_us - (int64_t)y->offset_min * 60000000LL;
        return CMP(ix, iy);
    }
    }
    return 0;
}

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

typedef struct row_groups {
    size_t ngroups;
    size_t *group_of_row;  /* nrow entries */
    size_t *first_row;     /* ngroups entries: the group's first row */
    uint64_t *hashes;      /* ngroups entries */
    size_t cap;            /* allocated entries of first_row and hashes */
} row_groups;

static void row_groups_free(row_groups *g)
{
    free(g->group_of_row);
    free(g->first_row);
    free(g->hashes);
    memset(g, 0, sizeof *g);
}

/* Numbers the groups of rows with equal keys 0, 1, ... in order of first
 * appearance. With no keys every row is in group 0 (and an empty dataset
 * has no group). 0, or -1 if memory ran out (g is then freed). */
static int group_rows(const rk_dataset *ds, const size_t *keys, size_t nkeys, row_groups *g)
{
    memset(g, 0, sizeof *g);
    size_t nslots = 64;
    size_t *slots = calloc(nslots, sizeof *slots); /* group id + 1; 0 = empty */
    g->group_of_row = malloc((ds->nrow ? ds->nrow : 1) * sizeof *g->group_of_row);
    if (!slots || !g->group_of_row)
        goto nomem;
    for (size_t row = 0; row < ds->nrow; row++) {
        uint64_t h = 0x243f6a8885a308d3ULL;
        for (size_t k = 0; k < nkeys; k++)
            h = mix64(h ^ cell_hash(ds->cols[keys[k]], row));
        size_t i = (size_t)h & (nslots - 1);
        size_t gid = RK_NO_ROW;
        for (; slots[i]; i = (i + 1) & (nslots - 1)) {
            size_t cand = slots[i] - 1;
            if (g->hashes[cand] != h)
                continue;
            bool same = true;
            for (size_t k = 0; k < nkeys && same; k++)
                same = cell_equal(ds->cols[keys[k]], g->first_row[cand], row);
            if (same) {
                gid = cand;
                break;
            }
        }
        if (gid == RK_NO_ROW) {
            if (g->ngroups == g->cap) {
                size_t cap = g->cap ? g->cap * 2 : 64;
                size_t *first = realloc(g->first_row, cap * sizeof *first);
                if (first)
                    g->first_row = first;
                uint64_t *hashes = realloc(g->hashes, cap * sizeof *hashes);
                if (hashes)
                    g->hashes = hashes;
                if (!first || !hashes)
                    goto nomem;
                g->cap = cap;
            }
            gid = g->ngroups++;
            g->first_row[gid] = row;
            g->hashes[gid] = h;
            slots[i] = gid + 1;
            if (g->ngroups * 2 > nslots) {
                size_t n2 = nslots * 2;
                size_t *s2 = calloc(n2, sizeof *s2);
                if (!s2)
                    goto nomem;
                for (size_t q = 0; q < g->ngroups; q++) {
                    size_t j = (size_t)g->hashes[q] & (n2 - 1);
                    while (s2[j])
                        j = (j + 1) & (n2 - 1);
                    s2[j] = q + 1;
                }
                free(slots);
                slots = s2;
                nslots = n2;
            }
        }
        g->group_of_row[row] = gid;
    }
    free(slots);
    return 0;
nomem:
    free(slots);
    row_groups_free(g);
    return -1;
}

typedef struct group_order_context {
    const rk_dataset *ds;
    const size_t *keys;
    size_t nkeys;
    const size_t *first_row;
} group_order_context;

/* Groups by their keys' values; ties (datetimes at one instant written with
 * different offsets) by first appearance, as count's stable sort leaves
 * them. Never 0 for two different groups. */
static int compare_groups(const group_order_context *ctx, size_t a, size_t b)
{
    size_t ra = ctx->first_row[a], rb = ctx->first_row[b];
    for (size_t k = 0; k < ctx->nkeys; k++) {
        int c = cell_compare(ctx->ds->cols[ctx->keys[k]], ra, rb);
        if (c)
            return c;
    }
    return CMP(ra, rb);
}

static void merge_sort_groups(size_t *ids, size_t *tmp, size_t n, const group_order_context *ctx)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    merge_sort_groups(ids, tmp, half, ctx);
    merge_sort_groups(ids + half, tmp, n - half, ctx);
    memcpy(tmp, ids, half * sizeof *ids);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        ids[k++] = compare_groups(ctx, ids[j], tmp[i]) < 0 ? ids[j++] : tmp[i++];
    while (i < half)
        ids[k++] = tmp[i++];
}

/* The group ids of g in sorted order (malloc'd), or NULL if memory ran out. */
static size_t *sorted_groups(const rk_dataset *ds, const size_t *keys, size_t nkeys,
                             const row_groups *g)
{
    size_t *ids = malloc((g->ngroups ? g->ngroups : 1) * sizeof *ids);
    size_t *tmp = malloc((g->ngroups / 2 + 1) * sizeof *tmp);
    if (!ids || !tmp) {
        free(ids);
        free(tmp);
        return NULL;
    }
    for (size_t q = 0; q < g->ngroups; q++)
        ids[q] = q;
    group_order_context ctx = {ds, keys, nkeys, g->first_row};
    merge_sort_groups(ids, tmp, g->ngroups, &ctx);
    free(tmp);
    return ids;
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
static int list_members(const rk_dataset *ds, const row_groups *g, group_members *m)
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

static size_t type_width(rk_type t)
{
    switch (t) {
    case RK_TEXT: return sizeof(uint32_t);
    case RK_INTEGER: return sizeof(int64_t);
    case RK_NUMBER: return sizeof(double);
    case RK_BOOLEAN: return sizeof(uint8_t);
    case RK_DATE: return sizeof(int32_t);
    case RK_DATETIME: return sizeof(rk_datetime);
    }
    return 8;
}

/* A new column `name` holding src's cells at rows[0..n); RK_NO_ROW gives a
 * missing cell. A text column gets a dictionary of only the strings it
 * holds. NULL if memory ran out. */
static rk_column *gather(const rk_column *src, const char *name, const size_t *rows, size_t n)
{
    rk_column *col = rk_column_new(name, src->type, n);
    if (!col)
        return NULL;
    if (src->type == RK_TEXT) {
        uint32_t *remap = malloc((src->dict.count ? src->dict.count : 1) * sizeof *remap);
        if (!remap) {
            rk_column_free(col);
            return NULL;
        }
        memset(remap, 0xff, src->dict.count * sizeof *remap); /* RK_NO_CODE: not yet seen */
        for (size_t i = 0; i < n; i++) {
            uint32_t code = rows[i] == RK_NO_ROW ? RK_NO_CODE : src->v.codes[rows[i]];
            if (code != RK_NO_CODE && remap[code] == RK_NO_CODE) {
                remap[code] = rk_dict_intern(&col->dict, rk_dict_str(&src->dict, code),
                                             rk_dict_len(&src->dict, code));
                if (remap[code] == RK_NO_CODE) {
                    free(remap);
                    rk_column_free(col);
                    return NULL;
                }
            }
            col->v.codes[i] = code == RK_NO_CODE ? RK_NO_CODE : remap[code];
        }
        free(remap);
        col->nrow = n;
        return col;
    }
    size_t width = type_width(src->type);
    bool need_missing = false;
    for (size_t i = 0; i < n && !need_missing; i++)
        need_missing = rows[i] == RK_NO_ROW || rk_column_is_missing(src, rows[i]);
    if (need_missing && !(col->missing = calloc(col->cap, 1))) {
        rk_column_free(col);
        return NULL;
    }
    char *dst = col->v.any;
    const char *from = src->v.any;
    for (size_t i = 0; i < n; i++) {
        if (rows[i] == RK_NO_ROW || rk_column_is_missing(src, rows[i])) {
            memset(dst + i * width, 0, width);
            col->missing[i] = 1;
        } else {
            memcpy(dst + i * width, from + rows[i] * width, width);
        }
    }
    col->nrow = n;
    return col;
}

/* A dataset of the columns cols[0..ncols) of ds gathered at rows[0..n). */
static rk_dataset *gather_dataset(const rk_dataset *ds, const size_t *cols, size_t ncols,
                                  const size_t *rows, size_t n, rk_error *err)
{
    rk_dataset *out = rk_dataset_new();
    if (!out) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < ncols; c++) {
        rk_column *col = gather(ds->cols[cols[c]], ds->cols[cols[c]]->name, rows, n);
        if (!col) {
            rk_dataset_free(out);
            rk_error_nomem(err);
            return NULL;
        }
        if (rk_dataset_add_column(out, col, err) != RK_OK) {
            rk_dataset_free(out);
            return NULL;
        }
    }
    out->nrow = n;
    return out;
}

/* A copy of ds with col added at the end; takes col, also on failure. */
static rk_dataset *with_column(const rk_dataset *ds, rk_column *col, rk_error *err)
{
    size_t *all = malloc((ds->ncol ? ds->ncol : 1) * sizeof *all);
    if (!all) {
        rk_column_free(col);
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < ds->ncol; c++)
        all[c] = c;
    rk_dataset *out = rk_dataset_select(ds, all, ds->ncol, err);
    free(all);
    if (!out) {
        rk_column_free(col);
        return NULL;
    }
    if (rk_dataset_add_column(out, col, err) != RK_OK) {
        rk_dataset_free(out);
        return NULL;
    }
    return out;
}

static bool is_summable(rk_type t)
{
    return t == RK_INTEGER || t == RK_NUMBER || t == RK_BOOLEAN;
}

static double cell_number(const rk_column *col, size_t row)
{
    switch (col->type) {
    case RK_INTEGER: return (double)col->v.integers[row];
    case RK_NUMBER: return col->v.numbers[row];
    case RK_BOOLEAN: return col->v.booleans[row];
    default: return 0;
    }
}

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
        all = malloc((ds->ncol ? ds->ncol : 1) * sizeof *all);
        if (!all) {
            rk_error_nomem(err);
            return NULL;
        }
        for (size_t c = 0; c < ds->ncol; c++)
            all[c] = c;
        cols = all;
        ncols = ds->ncol;
    }
    rk_dataset *out = NULL;
    size_t *order = NULL;
    row_groups g;
    if (group_rows(ds, cols, ncols, &g) != 0)
        goto nomem;
    order = sorted_groups(ds, cols, ncols, &g);
    if (!order)
        goto nomem;
    for (size_t q = 0; q < g.ngroups; q++)
        order[q] = g.first_row[order[q]]; /* now the rows to keep, in order */
    out = gather_dataset(ds, cols, ncols, order, g.ngroups, err);
    goto done;
nomem:
    rk_error_nomem(err);
done:
    row_groups_free(&g);
    free(order);
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
        for (size_t p = 0; p < nparts; p++) {
            const rk_column *src = parts[p]->cols[c];
            /* Each part's dictionary maps into the one of the result. */
            uint32_t *remap = malloc((src->dict.count ? src->dict.count : 1) * sizeof *remap);
            if (!remap) {
                rk_column_free(out);
                return NULL;
            }
            memset(remap, 0xff, src->dict.count * sizeof *remap);
            for (size_t row = 0; row < src->nrow; row++, at++) {
                uint32_t code = src->v.codes[row];
                if (code != RK_NO_CODE && remap[code] == RK_NO_CODE) {
                    remap[code] = rk_dict_intern(&out->dict, rk_dict_str(&src->dict, code),
                                                 rk_dict_len(&src->dict, code));
                    if (remap[code] == RK_NO_CODE) {
                        free(remap);
                        rk_column_free(out);
                        return NULL;
                    }
                }
                out->v.codes[at] = code == RK_NO_CODE ? RK_NO_CODE : remap[code];
            }
            free(remap);
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
    size_t width = type_width(type);
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
    row_groups gr = {0}, gc = {0}; /* by the row values, by the column values */
    size_t *rorder = NULL, *corder = NULL;  /* group ids in sorted order */
    size_t *rrank = NULL, *crank = NULL;    /* each group's place in that order */
    size_t *cell = NULL;                    /* [row rank * nc + column rank]: the input row */
    size_t *rows = NULL;
    rk_dataset *out = NULL;
    size_t nr = 0, nc = 0;
    if (group_rows(ds, &row_col, 1, &gr) != 0 || group_rows(ds, &col_col, 1, &gc) != 0)
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
    rorder = sorted_groups(ds, &row_col, 1, &gr);
    corder = sorted_groups(ds, &col_col, 1, &gc);
    rrank = malloc((nr ? nr : 1) * sizeof *rrank);
    crank = malloc((nc ? nc : 1) * sizeof *crank);
    cell = malloc((nr * nc > 0 ? nr * nc : 1) * sizeof *cell);
    rows = malloc((nr ? nr : 1) * sizeof *rows);
    if (!rorder || !corder || !rrank || !crank || !cell || !rows)
        goto nomem;
    for (size_t q = 0; q < nr; q++)
        rrank[rorder[q]] = q;
    for (size_t q = 0; q < nc; q++)
        crank[corder[q]] = q;
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
    for (size_t q = 0; q < nr; q++)
        rows[q] = gr.first_row[rorder[q]];
    out = gather_dataset(ds, &row_col, 1, rows, nr, err);
    if (!out)
        goto done;
    for (size_t k = 0; k < nc; k++) {
        char buf[RK_VALUE_BUF];
        const char *name = cell_label(cols_by, gc.first_row[corder[k]], buf);
        if (rk_dataset_find(out, name) >= 0) {
            rk_error_set(err, RK_EARG, "pivot: two columns would be named '%s' (a value of '%s'): "
                         "rename a column or recode the value first", name, cols_by->name);
            rk_dataset_free(out);
            out = NULL;
            goto done;
        }
        for (size_t r = 0; r < nr; r++)
            rows[r] = cell[r * nc + k];
        rk_column *col = gather(ds->cols[value_col], name, rows, nr);
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
    row_groups_free(&gr);
    row_groups_free(&gc);
    free(rorder);
    free(corder);
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
    if (!is_summable(src->type)) {
        rk_error_set(err, RK_EARG, "cannot take shares of column '%s': it is %s, not a number",
                     src->name, rk_type_name(src->type));
        return NULL;
    }
    if (check_new_column(ds, name, err) != RK_OK)
        return NULL;
    row_groups g;
    if (group_rows(ds, by, nby, &g) != 0) {
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
        row_groups_free(&g);
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t row = 0; row < ds->nrow; row++) {
        if (rk_column_is_missing(src, row))
            continue;
        size_t q = g.group_of_row[row];
        double x = cell_number(src, row), t = sum[q] + x;
        carry[q] += fabs(sum[q]) >= fabs(x) ? (sum[q] - t) + x : (x - t) + sum[q];
        sum[q] = t;
    }
    for (size_t row = 0; row < ds->nrow; row++) {
        double total = sum[g.group_of_row[row]] + carry[g.group_of_row[row]];
        bool missing = rk_column_is_missing(src, row) || total == 0;
        out->v.numbers[row] = missing ? 0 : cell_number(src, row) / total;
        out->missing[row] = missing;
    }
    out->nrow = ds->nrow;
    free(sum);
    free(carry);
    row_groups_free(&g);
    return with_column(ds, out, err);
}

/* ---- lag and rolling sums ---------------------------------------------- */

/* Groups ds by `by` and lists each group's rows in order. */
static rk_status members_by(const rk_dataset *ds, const size_t *by, size_t nby,
                            group_members *m, rk_error *err)
{
    row_groups g;
    if (group_rows(ds, by, nby, &g) != 0)
        return rk_error_nomem(err);
    int rc = list_members(ds, &g, m);
    row_groups_free(&g);
    return rc == 0 ? RK_OK : rk_error_nomem(err);
}


rk_dataset *rk_dataset_lag(const rk_dataset *ds, size_t col, size_t n, const size_t *by,
                           size_t nby, const char *name, rk_error *err)
{
    if (n < 1) {
        rk_error_set(err, RK_EARG, "lag: n must be 1 or more");
        return NULL;
    }
    if (check_new_column(ds, name, err) != RK_OK)
        return NULL;
    group_members m;
    if (members_by(ds, by, nby, &m, err) != RK_OK)
        return NULL;
    /* Reuse position[] for the row each row takes its value from. */
    size_t *from = m.position;
    for (size_t row = 0; row < ds->nrow; row++)
        from[row] = from[row] >= n ? m.members[m.index[row] - n] : RK_NO_ROW;
    rk_column *out = gather(ds->cols[col], name, from, ds->nrow);
    group_members_free(&m);
    if (!out) {
        rk_error_nomem(err);
        return NULL;
    }
    return with_column(ds, out, err);
}

rk_dataset *rk_dataset_rolling_sum(const rk_dataset *ds, size_t col, size_t n, const size_t *by,
                                   size_t nby, const char *name, rk_error *err)
{
    const rk_column *src = ds->cols[col];
    if (!is_summable(src->type)) {
        rk_error_set(err, RK_EARG, "cannot take rolling sums of column '%s': it is %s, not a number",
                     src->name, rk_type_name(src->type));
        return NULL;
    }
    if (n < 1) {
        rk_error_set(err, RK_EARG, "rolling: n must be 1 or more");
        return NULL;
    }
    if (check_new_column(ds, name, err) != RK_OK)
        return NULL;
    group_members m;
    if (members_by(ds, by, nby, &m, err) != RK_OK)
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
            double sum = 0, carry = 0; /* Neumaier */
            for (size_t i = last + 1 - n; i <= last; i++) {
                double x = src->v.numbers[m.members[i]], t = sum + x;
                carry += fabs(sum) >= fabs(x) ? (sum - t) + x : (x - t) + sum;
                sum = t;
            }
            out->v.numbers[row] = sum + carry;
        }
    }
    out->nrow = ds->nrow;
    free(missing_before);
    group_members_free(&m);
    return with_column(ds, out, err);
}
