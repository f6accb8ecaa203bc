/* Datasets and the operations on them: take, filter, sort, select, join,
 * group and aggregate, write CSV. */
#include "rk_dataset.h"
#include "rk_dataset_internal.h"
#include "rk_csv_formula.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

rk_dataset *rk_dataset_new(void)
{
    return calloc(1, sizeof(rk_dataset));
}

void rk_dataset_free(rk_dataset *ds)
{
    if (!ds)
        return;
    for (size_t i = 0; i < ds->ncol; i++)
        rk_column_free(ds->cols[i]);
    free(ds->cols);
    free(ds);
}

rk_status rk_dataset_add_column(rk_dataset *ds, rk_column *col, rk_error *err)
{
    if (ds->ncol > 0 && col->nrow != ds->nrow) {
        rk_status st = rk_error_set(err, RK_EARG, "column '%s' has %zu rows, the dataset %zu",
                                    col->name, col->nrow, ds->nrow);
        rk_column_free(col);
        return st;
    }
    if (rk_dataset_find(ds, col->name) >= 0) {
        rk_status st = rk_error_set(err, RK_EARG, "duplicate column name '%s'", col->name);
        rk_column_free(col);
        return st;
    }
    rk_column **cols = realloc(ds->cols, (ds->ncol + 1) * sizeof *cols);
    if (!cols) {
        rk_column_free(col);
        return rk_error_nomem(err);
    }
    ds->cols = cols;
    ds->cols[ds->ncol++] = col;
    ds->nrow = col->nrow;
    return RK_OK;
}

int rk_dataset_find(const rk_dataset *ds, const char *name)
{
    for (size_t i = 0; i < ds->ncol; i++)
        if (strcmp(ds->cols[i]->name, name) == 0)
            return (int)i;
    return -1;
}

/* ---- gathering rows --------------------------------------------------- */

static int dict_copy(rk_dict *dst, const rk_dict *src)
{
    rk_dict_init(dst);
    if (src->count == 0)
        return 0;
    dst->arena = malloc(src->arena_len);
    dst->offsets = malloc(src->count * sizeof *dst->offsets);
    dst->hashes = malloc(src->count * sizeof *dst->hashes);
    dst->slots = malloc(src->nslots * sizeof *dst->slots);
    if (!dst->arena || !dst->offsets || !dst->hashes || !dst->slots) {
        rk_dict_free(dst);
        return -1;
    }
    memcpy(dst->arena, src->arena, src->arena_len);
    memcpy(dst->offsets, src->offsets, src->count * sizeof *dst->offsets);
    memcpy(dst->hashes, src->hashes, src->count * sizeof *dst->hashes);
    memcpy(dst->slots, src->slots, src->nslots * sizeof *dst->slots);
    dst->arena_len = dst->arena_cap = src->arena_len;
    dst->count = dst->offsets_cap = src->count;
    dst->nslots = src->nslots;
    return 0;
}

size_t *rk_indices(size_t n)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (idx)
        for (size_t i = 0; i < n; i++)
            idx[i] = i;
    return idx;
}

int rk_text_copy_cells(rk_column *dst, size_t at, const rk_column *src, const size_t *rows,
                       size_t n)
{
    /* remap[code]: the code in dst of src's string `code`; RK_NO_CODE until used */
    uint32_t *remap = malloc((src->dict.count ? src->dict.count : 1) * sizeof *remap);
    if (!remap)
        return -1;
    memset(remap, 0xff, src->dict.count * sizeof *remap);
    for (size_t i = 0; i < n; i++) {
        size_t row = rows ? rows[i] : i;
        uint32_t code = row == RK_NO_ROW ? RK_NO_CODE : src->v.codes[row];
        if (code != RK_NO_CODE && remap[code] == RK_NO_CODE) {
            remap[code] = rk_dict_intern(&dst->dict, rk_dict_str(&src->dict, code),
                                         rk_dict_len(&src->dict, code));
            if (remap[code] == RK_NO_CODE) {
                free(remap);
                return -1;
            }
        }
        dst->v.codes[at + i] = code == RK_NO_CODE ? RK_NO_CODE : remap[code];
    }
    free(remap);
    return 0;
}

rk_column *rk_column_gather(const rk_column *src, const char *name, const size_t *rows, size_t n,
                            bool compact)
{
    rk_column *col = rk_column_new(name ? name : src->name, src->type, n);
    if (!col)
        return NULL;
    if (!name && src->label && rk_column_set_label(col, src->label) != 0)
        goto nomem;
    if (src->type == RK_TEXT) {
        if (compact) {
            if (rk_text_copy_cells(col, 0, src, rows, n) != 0)
                goto nomem;
        } else {
            if (dict_copy(&col->dict, &src->dict) != 0)
                goto nomem;
            for (size_t i = 0; i < n; i++)
                col->v.codes[i] = rows[i] == RK_NO_ROW ? RK_NO_CODE : src->v.codes[rows[i]];
        }
        col->nrow = n;
        return col;
    }
    bool need_missing = false;
    for (size_t i = 0; i < n && !need_missing; i++)
        need_missing = rows[i] == RK_NO_ROW || rk_column_is_missing(src, rows[i]);
    if (need_missing && !(col->missing = calloc(col->cap, 1)))
        goto nomem;
    size_t width = rk_type_width(src->type);
    char *to = col->v.any;
    const char *from = src->v.any;
    for (size_t i = 0; i < n; i++) {
        if (rows[i] == RK_NO_ROW || rk_column_is_missing(src, rows[i])) {
            memset(to + i * width, 0, width);
            col->missing[i] = 1;
        } else {
            memcpy(to + i * width, from + rows[i] * width, width);
        }
    }
    col->nrow = n;
    return col;
nomem:
    rk_column_free(col);
    return NULL;
}

rk_dataset *rk_gather_columns(const rk_dataset *ds, const size_t *cols, size_t ncols,
                              const size_t *rows, size_t n, bool compact, rk_error *err)
{
    rk_dataset *out = rk_dataset_new();
    if (!out) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < ncols; c++) {
        rk_column *col = rk_column_gather(ds->cols[cols[c]], NULL, rows, n, compact);
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

rk_dataset *rk_dataset_take(const rk_dataset *ds, const size_t *rows, size_t n, rk_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i] >= ds->nrow) {
            rk_error_set(err, RK_EARG, "row %zu is out of range (the dataset has %zu rows)",
                         rows[i] + 1, ds->nrow);
            return NULL;
        }
    }
    size_t *cols = rk_indices(ds->ncol);
    if (!cols) {
        rk_error_nomem(err);
        return NULL;
    }
    rk_dataset *out = rk_gather_columns(ds, cols, ds->ncol, rows, n, false, err);
    free(cols);
    return out;
}

rk_dataset *rk_dataset_filter_mask(const rk_dataset *ds, const uint8_t *keep, rk_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < ds->nrow; i++)
        n += keep[i] != 0;
    size_t *rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t i = 0, k = 0; i < ds->nrow; i++)
        if (keep[i])
            rows[k++] = i;
    rk_dataset *out = rk_dataset_take(ds, rows, n, err);
    free(rows);
    return out;
}

rk_dataset *rk_dataset_filter(const rk_dataset *ds, rk_row_predicate pred, void *ctx, rk_error *err)
{
    uint8_t *keep = malloc(ds->nrow ? ds->nrow : 1);
    if (!keep) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t row = 0; row < ds->nrow; row++)
        keep[row] = pred(ds, row, ctx);
    rk_dataset *out = rk_dataset_filter_mask(ds, keep, err);
    free(keep);
    return out;
}

rk_dataset *rk_dataset_select(const rk_dataset *ds, const size_t *cols, size_t n, rk_error *err)
{
    for (size_t c = 0; c < n; c++)
        for (size_t d = 0; d < c; d++)
            if (cols[c] == cols[d]) {
                rk_error_set(err, RK_EARG, "column '%s' is selected twice", ds->cols[cols[c]]->name);
                return NULL;
            }
    size_t *rows = rk_indices(ds->nrow);
    if (!rows) {
        rk_error_nomem(err);
        return NULL;
    }
    rk_dataset *out = rk_gather_columns(ds, cols, n, rows, ds->nrow, false, err);
    free(rows);
    return out;
}

rk_dataset *rk_dataset_with_column(const rk_dataset *ds, rk_column *col, rk_error *err)
{
    size_t *all = rk_indices(ds->ncol);
    if (!all) {
        rk_column_free(col);
        rk_error_nomem(err);
        return NULL;
    }
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

rk_dataset *rk_dataset_rename(const rk_dataset *ds, const char *const *from, const char *const *to,
                              size_t n, rk_error *err)
{
    for (size_t k = 0; k < n; k++) {
        if (rk_dataset_find(ds, from[k]) < 0) {
            rk_error_set(err, RK_EARG, "cannot rename '%s': no such column", from[k]);
            return NULL;
        }
        if (!to[k][0]) {
            rk_error_set(err, RK_EARG, "cannot rename '%s' to an empty name", from[k]);
            return NULL;
        }
    }
    size_t *all = rk_indices(ds->ncol);
    if (!all) {
        rk_error_nomem(err);
        return NULL;
    }
    rk_dataset *out = rk_dataset_select(ds, all, ds->ncol, err);
    free(all);
    if (!out)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        char *copy = strdup(to[k]);
        if (!copy) {
            rk_dataset_free(out);
            rk_error_nomem(err);
            return NULL;
        }
        rk_column *col = out->cols[rk_dataset_find(ds, from[k])];
        free(col->name);
        col->name = copy;
    }
    for (size_t c = 0; c < out->ncol; c++) {
        for (size_t d = 0; d < c; d++) {
            if (strcmp(out->cols[c]->name, out->cols[d]->name) == 0) {
                rk_error_set(err, RK_EARG, "renaming would make two columns named '%s'", out->cols[c]->name);
                rk_dataset_free(out);
                return NULL;
            }
        }
    }
    return out;
}

/* ---- comparing cells -------------------------------------------------- */

static int64_t datetime_instant(const rk_datetime *dt)
{
    return dt->local_us - (int64_t)dt->offset_min * 60 * 1000000LL;
}

/* Ranks of a text column's codes in byte order, so sorting compares ints. */
static uint32_t *text_ranks(const rk_column *col);
typedef int (*index_compare)(const void *ctx, size_t a, size_t b);
static void merge_sort(size_t *rows, size_t *tmp, size_t n, index_compare cmp, const void *ctx);

typedef struct sort_context {
    const rk_dataset *ds;
    const rk_sort_key *keys;
    size_t nkeys;
    uint32_t **ranks;  /* per key: code ranks for text columns, else NULL */
} sort_context;

/* Compares two non-missing cells of the same column by value; text by its
 * ranks (text_ranks). NaN, which columns should not hold, sorts after every
 * number (rk_dataset_internal.h says where one can come from). */
static int compare_present(const rk_column *col, const uint32_t *ranks, size_t a, size_t b)
{
    switch (col->type) {
    case RK_TEXT: {
        uint32_t ra = ranks[col->v.codes[a]], rb = ranks[col->v.codes[b]];
        return (ra > rb) - (ra < rb);
    }
    case RK_INTEGER: {
        int64_t x = col->v.integers[a], y = col->v.integers[b];
        return (x > y) - (x < y);
    }
    case RK_NUMBER: {
        double x = col->v.numbers[a], y = col->v.numbers[b];
        if (isnan(x) || isnan(y)) /* after every number, so that the order stays total */
            return (int)(isnan(x) != 0) - (int)(isnan(y) != 0);
        return (x > y) - (x < y);
    }
    case RK_BOOLEAN: return (int)col->v.booleans[a] - (int)col->v.booleans[b];
    case RK_DATE: {
        int32_t x = col->v.dates[a], y = col->v.dates[b];
        return (x > y) - (x < y);
    }
    case RK_DATETIME: {
        int64_t x = datetime_instant(&col->v.datetimes[a]);
        int64_t y = datetime_instant(&col->v.datetimes[b]);
        return (x > y) - (x < y);
    }
    }
    return 0;
}

static int compare_rows(const void *context, size_t a, size_t b)
{
    const sort_context *ctx = context;
    for (size_t k = 0; k < ctx->nkeys; k++) {
        const rk_column *col = ctx->ds->cols[ctx->keys[k].col];
        bool ma = rk_column_is_missing(col, a), mb = rk_column_is_missing(col, b);
        if (ma || mb) {
            if (ma && mb)
                continue;
            return ma ? 1 : -1; /* missing last in either direction */
        }
        int c = compare_present(col, ctx->ranks[k], a, b);
        if (c)
            return ctx->keys[k].descending ? -c : c;
    }
    return 0;
}

/* Stable merge sort of indices; tmp has room for n / 2 + 1. */
static void merge_sort(size_t *rows, size_t *tmp, size_t n, index_compare cmp, const void *ctx)
{
    if (n < 2)
        return;
    if (n <= 16) {
        for (size_t i = 1; i < n; i++) {
            size_t v = rows[i], j = i;
            while (j > 0 && cmp(ctx, rows[j - 1], v) > 0) {
                rows[j] = rows[j - 1];
                j--;
            }
            rows[j] = v;
        }
        return;
    }
    size_t half = n / 2;
    merge_sort(rows, tmp, half, cmp, ctx);
    merge_sort(rows + half, tmp, n - half, cmp, ctx);
    if (cmp(ctx, rows[half - 1], rows[half]) <= 0)
        return;
    memcpy(tmp, rows, half * sizeof *rows);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        rows[k++] = cmp(ctx, rows[j], tmp[i]) < 0 ? rows[j++] : tmp[i++];
    while (i < half)
        rows[k++] = tmp[i++];
}

static int compare_strings(const void *context, size_t x, size_t y)
{
    const rk_dict *dict = context;
    size_t lx = rk_dict_len(dict, (uint32_t)x), ly = rk_dict_len(dict, (uint32_t)y);
    int c = memcmp(rk_dict_str(dict, (uint32_t)x), rk_dict_str(dict, (uint32_t)y), lx < ly ? lx : ly);
    if (c)
        return c;
    return (lx > ly) - (lx < ly);
}

static uint32_t *text_ranks(const rk_column *col)
{
    uint32_t n = col->dict.count;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    size_t *tmp = malloc((n / 2 + 1) * sizeof *tmp);
    uint32_t *ranks = malloc((n ? n : 1) * sizeof *ranks);
    if (!order || !tmp || !ranks) {
        free(order);
        free(tmp);
        free(ranks);
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++)
        order[i] = i;
    merge_sort(order, tmp, n, compare_strings, &col->dict);
    for (uint32_t i = 0; i < n; i++)
        ranks[order[i]] = i;
    free(order);
    free(tmp);
    return ranks;
}

int rk_sort_rows(const rk_dataset *ds, const rk_sort_key *keys, size_t nkeys, size_t *rows,
                 size_t n)
{
    sort_context ctx = {ds, keys, nkeys, calloc(nkeys ? nkeys : 1, sizeof(uint32_t *))};
    size_t *tmp = malloc((n / 2 + 1) * sizeof *tmp);
    int rc = ctx.ranks && tmp ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < nkeys; k++)
        if (ds->cols[keys[k].col]->type == RK_TEXT && !(ctx.ranks[k] = text_ranks(ds->cols[keys[k].col])))
            rc = -1;
    if (rc == 0)
        merge_sort(rows, tmp, n, compare_rows, &ctx);
    if (ctx.ranks)
        for (size_t k = 0; k < nkeys; k++)
            free(ctx.ranks[k]);
    free(ctx.ranks);
    free(tmp);
    return rc;
}

rk_dataset *rk_dataset_sort(const rk_dataset *ds, const rk_sort_key *keys, size_t nkeys,
                            rk_error *err)
{
    size_t *rows = rk_indices(ds->nrow);
    if (!rows) {
        rk_error_nomem(err);
        return NULL;
    }
    if (rk_sort_rows(ds, keys, nkeys, rows, ds->nrow) != 0) {
        free(rows);
        rk_error_nomem(err);
        return NULL;
    }
    rk_dataset *out = rk_dataset_take(ds, rows, ds->nrow, err);
    free(rows);
    return out;
}

/* ---- filtering by value ----------------------------------------------- */

/* Does the non-missing cell equal v? (Types as rk_mask_in describes.) */
static bool cell_equals_value(const rk_column *col, size_t row, const rk_value *v)
{
    switch (col->type) {
    case RK_TEXT:
        return false; /* text is matched by code in rk_mask_in */
    case RK_INTEGER:
        if (v->type == RK_INTEGER)
            return col->v.integers[row] == v->as.integer;
        return v->type == RK_NUMBER && (double)col->v.integers[row] == v->as.number;
    case RK_NUMBER:
        if (v->type == RK_NUMBER)
            return col->v.numbers[row] == v->as.number;
        return v->type == RK_INTEGER && col->v.numbers[row] == (double)v->as.integer;
    case RK_BOOLEAN:
        return v->type == RK_BOOLEAN && (bool)col->v.booleans[row] == v->as.boolean;
    case RK_DATE:
        return v->type == RK_DATE && col->v.dates[row] == v->as.date;
    case RK_DATETIME: {
        if (v->type != RK_DATETIME)
            return false;
        const rk_datetime *a = &col->v.datetimes[row], *b = &v->as.datetime;
        return a->local_us == b->local_us && a->zone == b->zone && a->offset_min == b->offset_min;
    }
    }
    return false;
}

/* Describes a filter value for a message: "the text 'x'", "the number 3". */
static void describe_value(const rk_value *v, char *buf, size_t size)
{
    char num[RK_VALUE_BUF];
    switch (v->type) {
    case RK_TEXT:
        snprintf(buf, size, "the text '%.*s%s'", (int)(v->as.text.len > 60 ? 60 : v->as.text.len),
                 v->as.text.s, v->as.text.len > 60 ? "..." : "");
        return;
    case RK_INTEGER: snprintf(buf, size, "the number %lld", (long long)v->as.integer); return;
    case RK_NUMBER:
        rk_format_number(v->as.number, num);
        snprintf(buf, size, "the number %s", num);
        return;
    case RK_BOOLEAN: snprintf(buf, size, "the boolean %s", v->as.boolean ? "true" : "false"); return;
    case RK_DATE: rk_format_date(v->as.date, num); snprintf(buf, size, "the date %s", num); return;
    case RK_DATETIME:
        rk_format_datetime(&v->as.datetime, num);
        snprintf(buf, size, "the datetime %s", num);
        return;
    }
    snprintf(buf, size, "a value");
}

/* The filter value v as a value of the column's type in *out, or an error:
 * integers and numbers mix; text is read as a boolean, date or datetime for
 * such a column; any other difference of type is the script's mistake. */
static rk_status value_as_column_type(const rk_column *col, const rk_value *v, rk_value *out,
                                      rk_error *err)
{
    *out = *v;
    bool numeric_col = col->type == RK_INTEGER || col->type == RK_NUMBER;
    bool numeric_val = v->type == RK_INTEGER || v->type == RK_NUMBER;
    if (v->type == col->type || (numeric_col && numeric_val))
        return RK_OK;
    char what[128];
    describe_value(v, what, sizeof what);
    if (v->type == RK_TEXT &&
        (col->type == RK_BOOLEAN || col->type == RK_DATE || col->type == RK_DATETIME)) {
        const char *s = v->as.text.s;
        size_t len = v->as.text.len;
        out->type = col->type;
        bool parsed = col->type == RK_BOOLEAN ? rk_parse_boolean(s, len, &out->as.boolean)
                      : col->type == RK_DATE  ? rk_parse_date(s, len, &out->as.date)
                                              : rk_parse_datetime(s, len, &out->as.datetime);
        if (parsed)
            return RK_OK;
        return rk_error_set(err, RK_EARG, "column '%s' is %s but the filter gave %s, which is not a %s",
                            col->name, rk_type_name(col->type), what, rk_type_name(col->type));
    }
    return rk_error_set(err, RK_EARG, "column '%s' is %s but the filter gave %s", col->name,
                        rk_type_name(col->type), what);
}

rk_status rk_mask_in(const rk_dataset *ds, size_t c, const rk_value *values, size_t n,
                     uint8_t *keep, rk_error *err)
{
    const rk_column *col = ds->cols[c];
    bool match_missing = false;
    rk_value *wanted = malloc((n ? n : 1) * sizeof *wanted);
    if (!wanted)
        return rk_error_nomem(err);
    size_t nwanted = 0;
    for (size_t k = 0; k < n; k++) {
        if (values[k].missing) {
            match_missing = true;
            continue;
        }
        if (value_as_column_type(col, &values[k], &wanted[nwanted], err) != RK_OK) {
            free(wanted);
            return RK_EARG;
        }
        nwanted++;
    }

    if (col->type == RK_TEXT) {
        uint8_t *match = calloc(col->dict.count ? col->dict.count : 1, 1);
        if (!match) {
            free(wanted);
            return rk_error_nomem(err);
        }
        for (size_t k = 0; k < nwanted; k++) {
            uint32_t code = rk_dict_find(&col->dict, wanted[k].as.text.s, wanted[k].as.text.len);
            if (code != RK_NO_CODE)
                match[code] = 1;
        }
        for (size_t row = 0; row < ds->nrow; row++) {
            uint32_t code = col->v.codes[row];
            keep[row] &= code == RK_NO_CODE ? match_missing : match[code];
        }
        free(match);
        free(wanted);
        return RK_OK;
    }

    for (size_t row = 0; row < ds->nrow; row++) {
        if (!keep[row])
            continue;
        if (rk_column_is_missing(col, row)) {
            keep[row] = match_missing;
            continue;
        }
        bool hit = false;
        for (size_t k = 0; k < nwanted && !hit; k++)
            hit = cell_equals_value(col, row, &wanted[k]);
        keep[row] = hit;
    }
    free(wanted);
    return RK_OK;
}

/* ---- grouping --------------------------------------------------------- */

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Hash of a cell's value, consistent with cells_equal: text hashes its
 * string (not its code), so that equal strings in two columns hash alike for
 * a join. */
static uint64_t cell_hash(const rk_column *col, size_t row)
{
    if (rk_column_is_missing(col, row))
        return 0x9e3779b97f4a7c15ULL;
    switch (col->type) {
    case RK_TEXT: return mix64(col->dict.hashes[col->v.codes[row]]);
    case RK_INTEGER: return mix64((uint64_t)col->v.integers[row]);
    case RK_NUMBER: {
        double d = col->v.numbers[row];
        if (d == 0)
            d = 0; /* -0 and 0 are one group */
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

/* Value equality of two cells, possibly of different columns of one type:
 * missing equals missing and NaN equals NaN, as grouping needs (a join never
 * asks about either: see joinable). Text compares codes within a column and
 * strings across two. */
static bool cells_equal(const rk_column *ca, size_t a, const rk_column *cb, size_t b)
{
    bool ma = rk_column_is_missing(ca, a), mb = rk_column_is_missing(cb, b);
    if (ma || mb)
        return ma && mb;
    switch (ca->type) {
    case RK_TEXT:
        if (ca == cb)
            return ca->v.codes[a] == cb->v.codes[b];
    {
        size_t len = rk_dict_len(&ca->dict, ca->v.codes[a]);
        return len == rk_dict_len(&cb->dict, cb->v.codes[b]) &&
               memcmp(rk_dict_str(&ca->dict, ca->v.codes[a]), rk_dict_str(&cb->dict, cb->v.codes[b]), len) == 0;
    }
    case RK_INTEGER: return ca->v.integers[a] == cb->v.integers[b];
    case RK_NUMBER: {
        double x = ca->v.numbers[a], y = cb->v.numbers[b];
        return x == y || (isnan(x) && isnan(y));
    }
    case RK_BOOLEAN: return ca->v.booleans[a] == cb->v.booleans[b];
    case RK_DATE: return ca->v.dates[a] == cb->v.dates[b];
    case RK_DATETIME: {
        const rk_datetime *x = &ca->v.datetimes[a], *y = &cb->v.datetimes[b];
        return x->local_us == y->local_us && x->zone == y->zone && x->offset_min == y->offset_min;
    }
    }
    return false;
}

void rk_grouping_free(rk_grouping *g)
{
    free(g->group_of_row);
    free(g->first_row);
    memset(g, 0, sizeof *g);
}

/* Opens a new group whose first row is `row`; its id is g->ngroups - 1
 * after the call. *cap is the room in g->first_row. 0, or -1 if memory ran
 * out (the grouping is unchanged). */
static int grouping_new_group(rk_grouping *g, size_t *cap, size_t row)
{
    if (g->ngroups == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        size_t *p = realloc(g->first_row, ncap * sizeof *p);
        if (!p)
            return -1;
        g->first_row = p;
        *cap = ncap;
    }
    g->first_row[g->ngroups++] = row;
    return 0;
}

/* Groups by one text column, the common case (count by one text column):
 * its codes index the groups. 0 or -1 (memory). */
static int group_by_codes(const rk_column *col, size_t nrow, rk_grouping *g, size_t *cap)
{
    uint32_t ncodes = col->dict.count;
    uint32_t *group_of_code = malloc(((size_t)ncodes + 1) * sizeof *group_of_code);
    if (!group_of_code)
        return -1;
    memset(group_of_code, 0xff, ((size_t)ncodes + 1) * sizeof *group_of_code);
    for (size_t row = 0; row < nrow; row++) {
        uint32_t code = col->v.codes[row];
        uint32_t slot = code == RK_NO_CODE ? ncodes : code;
        uint32_t gid = group_of_code[slot];
        if (gid == UINT32_MAX) {
            if (grouping_new_group(g, cap, row) != 0) {
                free(group_of_code);
                return -1;
            }
            gid = group_of_code[slot] = (uint32_t)(g->ngroups - 1);
        }
        g->group_of_row[row] = gid;
    }
    free(group_of_code);
    return 0;
}

/* Groups by any key columns, through a hash table over their cells. 0 or
 * -1 (memory). */
static int group_by_hash(const rk_dataset *ds, const size_t *keys, size_t nkeys, rk_grouping *g,
                         size_t *cap)
{
    size_t nslots = 1024;
    uint32_t *slots = calloc(nslots, sizeof *slots); /* group id + 1; 0 = empty */
    uint64_t *hashes = NULL;                         /* per group */
    size_t hashes_cap = 0;
    if (!slots)
        return -1;
    for (size_t row = 0; row < ds->nrow; row++) {
        uint64_t h = 0x12345;
        for (size_t k = 0; k < nkeys; k++)
            h = mix64(h ^ cell_hash(ds->cols[keys[k]], row));
        size_t i = (size_t)h & (nslots - 1);
        uint32_t gid = UINT32_MAX;
        while (slots[i]) {
            uint32_t cand = slots[i] - 1;
            if (hashes[cand] == h) {
                size_t rep = g->first_row[cand];
                bool same = true;
                for (size_t k = 0; k < nkeys && same; k++)
                    same = cells_equal(ds->cols[keys[k]], rep, ds->cols[keys[k]], row);
                if (same) {
                    gid = cand;
                    break;
                }
            }
            i = (i + 1) & (nslots - 1);
        }
        if (gid == UINT32_MAX) {
            if (g->ngroups == hashes_cap) {
                size_t ncap = hashes_cap ? hashes_cap * 2 : 64;
                uint64_t *p = realloc(hashes, ncap * sizeof *p);
                if (!p)
                    goto nomem;
                hashes = p;
                hashes_cap = ncap;
            }
            if (grouping_new_group(g, cap, row) != 0)
                goto nomem;
            gid = (uint32_t)(g->ngroups - 1);
            hashes[gid] = h;
            slots[i] = gid + 1;
            if (g->ngroups * 2 > nslots) {
                size_t n2 = nslots * 2;
                uint32_t *s2 = calloc(n2, sizeof *s2);
                if (!s2)
                    goto nomem;
                for (size_t q = 0; q < g->ngroups; q++) {
                    size_t j = (size_t)hashes[q] & (n2 - 1);
                    while (s2[j])
                        j = (j + 1) & (n2 - 1);
                    s2[j] = (uint32_t)q + 1;
                }
                free(slots);
                slots = s2;
                nslots = n2;
            }
        }
        g->group_of_row[row] = gid;
    }
    free(slots);
    free(hashes);
    return 0;
nomem:
    free(slots);
    free(hashes);
    return -1;
}

int rk_group_rows(const rk_dataset *ds, const size_t *keys, size_t nkeys, rk_grouping *g)
{
    memset(g, 0, sizeof *g);
    size_t cap = 0; /* room in g->first_row */
    int rc;
    g->group_of_row = malloc((ds->nrow ? ds->nrow : 1) * sizeof *g->group_of_row);
    if (!g->group_of_row) {
        rc = -1;
    } else if (nkeys == 0) {
        memset(g->group_of_row, 0, ds->nrow * sizeof *g->group_of_row);
        rc = ds->nrow > 0 ? grouping_new_group(g, &cap, 0) : 0;
    } else if (nkeys == 1 && ds->cols[keys[0]]->type == RK_TEXT) {
        rc = group_by_codes(ds->cols[keys[0]], ds->nrow, g, &cap);
    } else {
        rc = group_by_hash(ds, keys, nkeys, g, &cap);
    }
    if (rc != 0)
        rk_grouping_free(g);
    return rc;
}

static const char *agg_op_name(rk_agg_op op)
{
    static const char *const names[] = {"count", "sum", "mean", "min", "max"};
    return names[op];
}

/* One aggregate column computed over the groups. */
static rk_column *aggregate_column(const rk_dataset *ds, const rk_grouping *g,
                                   const rk_agg_spec *spec, size_t *skipped, rk_error *err)
{
    size_t ng = g->ngroups;
    if (spec->op == RK_AGG_COUNT) {
        /* Rows, or with a column its values present. */
        const rk_column *col = spec->col >= 0 ? ds->cols[spec->col] : NULL;
        rk_column *out = rk_column_new(spec->name, RK_INTEGER, ng);
        if (!out) {
            rk_error_nomem(err);
            return NULL;
        }
        memset(out->v.integers, 0, ng * sizeof(int64_t));
        size_t nskipped = 0;
        for (size_t row = 0; row < ds->nrow; row++) {
            if (col && rk_column_is_missing(col, row))
                nskipped++;
            else
                out->v.integers[g->group_of_row[row]]++;
        }
        out->nrow = ng;
        *skipped = nskipped;
        return out;
    }
    const rk_column *col = ds->cols[spec->col];
    if ((spec->op == RK_AGG_SUM || spec->op == RK_AGG_MEAN) && !rk_type_is_summable(col->type)) {
        rk_error_set(err, RK_EARG, "cannot take the %s of column '%s': it is %s, not a number",
                     agg_op_name(spec->op), col->name, rk_type_name(col->type));
        return NULL;
    }
    size_t *n_present = calloc(ng ? ng : 1, sizeof *n_present);
    if (!n_present) {
        rk_error_nomem(err);
        return NULL;
    }
    size_t nskipped = 0;
    rk_column *out = NULL;

    if (spec->op == RK_AGG_MIN || spec->op == RK_AGG_MAX) {
        size_t *best = malloc((ng ? ng : 1) * sizeof *best);
        uint32_t *ranks = col->type == RK_TEXT ? text_ranks(col) : NULL;
        if (!best || (col->type == RK_TEXT && !ranks)) {
            free(best);
            free(ranks);
            free(n_present);
            rk_error_nomem(err);
            return NULL;
        }
        for (size_t q = 0; q < ng; q++)
            best[q] = RK_NO_ROW;
        int want = spec->op == RK_AGG_MIN ? -1 : 1;
        for (size_t row = 0; row < ds->nrow; row++) {
            if (rk_column_is_missing(col, row)) {
                nskipped++;
                continue;
            }
            size_t *b = &best[g->group_of_row[row]];
            if (*b == RK_NO_ROW || compare_present(col, ranks, row, *b) == want)
                *b = row;
        }
        out = rk_column_gather(col, spec->name, best, ng, false);
        free(best);
        free(ranks);
        free(n_present);
        if (!out)
            rk_error_nomem(err);
        *skipped = nskipped;
        return out;
    }

    bool integer_sum = spec->op == RK_AGG_SUM && col->type != RK_NUMBER;
    out = rk_column_new(spec->name, integer_sum ? RK_INTEGER : RK_NUMBER, ng);
    double *sum = calloc(ng ? ng : 1, sizeof *sum);
    double *carry = calloc(ng ? ng : 1, sizeof *carry); /* Neumaier compensation */
    if (!out || !sum || !carry || !(out->missing = calloc(out->cap, 1))) {
        rk_column_free(out);
        free(sum);
        free(carry);
        free(n_present);
        rk_error_nomem(err);
        return NULL;
    }
    if (integer_sum)
        memset(out->v.integers, 0, ng * sizeof(int64_t));
    for (size_t row = 0; row < ds->nrow; row++) {
        if (rk_column_is_missing(col, row)) {
            nskipped++;
            continue;
        }
        uint32_t q = g->group_of_row[row];
        n_present[q]++;
        if (integer_sum) {
            int64_t x = col->type == RK_INTEGER ? col->v.integers[row] : col->v.booleans[row];
            if (__builtin_add_overflow(out->v.integers[q], x, &out->v.integers[q])) {
                rk_error_set(err, RK_EDATA, "the sum of column '%s' is too large for a 64-bit integer",
                             col->name);
                rk_column_free(out);
                out = NULL;
                break;
            }
            continue;
        }
        rk_sum_add(&sum[q], &carry[q], rk_cell_number(col, row));
    }
    if (out) {
        for (size_t q = 0; q < ng; q++) {
            out->missing[q] = n_present[q] == 0;
            if (integer_sum)
                continue;
            double total = sum[q] + carry[q];
            out->v.numbers[q] = n_present[q] == 0 ? 0
                                : spec->op == RK_AGG_MEAN ? total / (double)n_present[q]
                                                          : total;
            if (isnan(out->v.numbers[q])) { /* inf - inf: NaN is kept out of columns */
                out->v.numbers[q] = 0;
                out->missing[q] = 1;
            }
        }
        out->nrow = ng;
    }
    free(sum);
    free(carry);
    free(n_present);
    *skipped = nskipped;
    return out;
}

rk_dataset *rk_dataset_aggregate(const rk_dataset *ds, const size_t *keys, size_t nkeys,
                                 const rk_agg_spec *specs, size_t nspecs, size_t *skipped,
                                 rk_error *err)
{
    for (size_t s = 0; s < nspecs; s++) {
        for (size_t k = 0; k < nkeys; k++) {
            if (strcmp(specs[s].name, ds->cols[keys[k]]->name) == 0) {
                rk_error_set(err, RK_EARG,
                             "the result '%s' clashes with the grouping column of the same name: "
                             "choose another name", specs[s].name);
                return NULL;
            }
        }
        for (size_t t = 0; t < s; t++) {
            if (strcmp(specs[s].name, specs[t].name) == 0) {
                rk_error_set(err, RK_EARG, "two results are named '%s': give each its own name",
                             specs[s].name);
                return NULL;
            }
        }
    }
    rk_grouping g;
    if (rk_group_rows(ds, keys, nkeys, &g) != 0) {
        rk_error_nomem(err);
        return NULL;
    }
    /* With no keys there is one group even with no rows (a count of 0),
     * which rk_group_rows does not make: with no key columns to gather,
     * its first row is never read. */
    if (nkeys == 0)
        g.ngroups = 1;
    rk_dataset *out = rk_gather_columns(ds, keys, nkeys, g.first_row, g.ngroups, false, err);
    for (size_t s = 0; out && s < nspecs; s++) {
        size_t nskip = 0;
        rk_column *col = aggregate_column(ds, &g, &specs[s], &nskip, err);
        if (!col || rk_dataset_add_column(out, col, err) != RK_OK) {
            rk_dataset_free(out);
            out = NULL;
            break;
        }
        if (skipped)
            skipped[s] = nskip;
    }
    rk_grouping_free(&g);
    if (!out || nkeys == 0)
        return out;

    rk_sort_key *order = malloc(nkeys * sizeof *order);
    if (!order) {
        rk_dataset_free(out);
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t k = 0; k < nkeys; k++)
        order[k] = (rk_sort_key){k, false};
    rk_dataset *sorted = rk_dataset_sort(out, order, nkeys, err);
    free(order);
    rk_dataset_free(out);
    return sorted;
}

rk_dataset *rk_dataset_count_by(const rk_dataset *ds, const size_t *keys, size_t nkeys,
                                rk_error *err)
{
    rk_agg_spec count = {"n", RK_AGG_COUNT, -1};
    for (size_t k = 0; k < nkeys; k++) {
        if (strcmp(ds->cols[keys[k]]->name, count.name) == 0) {
            rk_error_set(err, RK_EARG,
                         "the count column 'n' clashes with a column of the same name: rename it first");
            return NULL;
        }
    }
    return rk_dataset_aggregate(ds, keys, nkeys, &count, 1, NULL, err);
}

/* ---- joining ---------------------------------------------------------- */

/* Can the key cell match another? Not when missing, nor when NaN: NaN is
 * missing in a column (rk_dataset.h), though grouping's cells_equal takes
 * it as one value. */
static bool joinable(const rk_column *key, size_t row)
{
    return !rk_column_is_missing(key, row) &&
           !(key->type == RK_NUMBER && isnan(key->v.numbers[row]));
}

rk_dataset *rk_dataset_join(const rk_dataset *left, const rk_dataset *right, size_t left_key,
                            size_t right_key, rk_error *err)
{
    const rk_column *lk = left->cols[left_key], *rkey = right->cols[right_key];
    if (lk->type != rkey->type) {
        rk_error_set(err, RK_EARG, "cannot join '%s' (%s) to '%s' (%s): the keys' types differ",
                     lk->name, rk_type_name(lk->type), rkey->name, rk_type_name(rkey->type));
        return NULL;
    }
    for (size_t c = 0; c < right->ncol; c++) {
        if (c != right_key && rk_dataset_find(left, right->cols[c]->name) >= 0) {
            rk_error_set(err, RK_EARG,
                         "both datasets have a column named '%s': rename or drop one before joining",
                         right->cols[c]->name);
            return NULL;
        }
    }
    /* Chains of right rows per distinct key, in row order. */
    size_t nslots = 64;
    while (nslots < right->nrow * 2)
        nslots *= 2;
    size_t *head = malloc(nslots * sizeof *head);
    size_t *tail = malloc(nslots * sizeof *tail);
    size_t *next = malloc((right->nrow ? right->nrow : 1) * sizeof *next);
    size_t *lrows = NULL, *rrows = NULL, *lcols = NULL;
    rk_dataset *out = NULL;
    if (!head || !tail || !next)
        goto nomem;
    for (size_t i = 0; i < nslots; i++)
        head[i] = RK_NO_ROW;
    for (size_t r = 0; r < right->nrow; r++) {
        next[r] = RK_NO_ROW;
        if (!joinable(rkey, r))
            continue;
        size_t i = (size_t)cell_hash(rkey, r) & (nslots - 1);
        while (head[i] != RK_NO_ROW && !cells_equal(rkey, head[i], rkey, r))
            i = (i + 1) & (nslots - 1);
        if (head[i] == RK_NO_ROW)
            head[i] = r;
        else
            next[tail[i]] = r;
        tail[i] = r;
    }
    /* First pass counts the output rows, the second fills them. */
    size_t nout = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t k = 0;
        for (size_t l = 0; l < left->nrow; l++) {
            size_t first = RK_NO_ROW;
            if (joinable(lk, l)) {
                size_t i = (size_t)cell_hash(lk, l) & (nslots - 1);
                while (head[i] != RK_NO_ROW && !cells_equal(rkey, head[i], lk, l))
                    i = (i + 1) & (nslots - 1);
                first = head[i];
            }
            if (first == RK_NO_ROW) {
                if (pass)
                    lrows[k] = l, rrows[k] = RK_NO_ROW;
                k++;
                continue;
            }
            for (size_t r = first; r != RK_NO_ROW; r = next[r]) {
                if (pass)
                    lrows[k] = l, rrows[k] = r;
                k++;
            }
        }
        if (pass == 0) {
            nout = k;
            lrows = malloc((nout ? nout : 1) * sizeof *lrows);
            rrows = malloc((nout ? nout : 1) * sizeof *rrows);
            if (!lrows || !rrows)
                goto nomem;
        }
    }
    lcols = rk_indices(left->ncol);
    if (!lcols)
        goto nomem;
    out = rk_gather_columns(left, lcols, left->ncol, lrows, nout, false, err);
    for (size_t c = 0; out && c < right->ncol; c++) {
        if (c == right_key)
            continue;
        rk_column *col = rk_column_gather(right->cols[c], NULL, rrows, nout, false);
        if (!col) {
            rk_dataset_free(out);
            out = NULL;
            rk_error_nomem(err);
        } else if (rk_dataset_add_column(out, col, err) != RK_OK) {
            rk_dataset_free(out);
            out = NULL;
        }
    }
    goto done;
nomem:
    rk_error_nomem(err);
done:
    free(head);
    free(tail);
    free(next);
    free(lrows);
    free(rrows);
    free(lcols);
    return out;
}

/* ---- writing ---------------------------------------------------------- */

size_t rk_csv_quote(char *dst, const char *s, size_t len)
{
    bool quote = false;
    size_t quotes = 0;
    for (size_t i = 0; i < len; i++) {
        quote |= s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
        quotes += s[i] == '"';
    }
    if (!quote) {
        if (dst)
            memcpy(dst, s, len);
        return len;
    }
    size_t n = len + quotes + 2;
    if (dst) {
        char *o = dst;
        *o++ = '"';
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '"')
                *o++ = '"';
            *o++ = s[i];
        }
        *o = '"';
    }
    return n;
}

/* Writes one field through rk_csv_quote, with *buf as scratch space. */
static int write_csv_field(FILE *fp, const char *s, size_t len, char **buf, size_t *cap)
{
    size_t n = rk_csv_quote(NULL, s, len);
    if (n == len) {
        fwrite(s, 1, len, fp);
        return 0;
    }
    if (n > *cap) {
        char *p = realloc(*buf, n);
        if (!p)
            return -1;
        *buf = p;
        *cap = n;
    }
    rk_csv_quote(*buf, s, len);
    fwrite(*buf, 1, n, fp);
    return 0;
}

rk_status rk_dataset_write_csv(const rk_dataset *ds, FILE *fp, rk_csv_formula *formula, rk_error *err)
{
    char *scratch = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t c = 0; c < ds->ncol && rc == 0; c++) {
        if (c)
            fputc(',', fp);
        const char *name = ds->cols[c]->name;
        if (formula)
            rk_csv_formula_note(formula, name, strlen(name), 1, c + 1);
        rc = write_csv_field(fp, name, strlen(name), &scratch, &cap);
    }
    fputc('\n', fp);
    char buf[RK_VALUE_BUF];
    for (size_t row = 0; row < ds->nrow && rc == 0 && !ferror(fp); row++) {
        for (size_t c = 0; c < ds->ncol && rc == 0; c++) {
            if (c)
                fputc(',', fp);
            if (rk_column_is_missing(ds->cols[c], row))
                continue; /* missing: an empty field */
            size_t len;
            const char *s = rk_column_format(ds->cols[c], row, buf, &len);
            if (formula)
                rk_csv_formula_note(formula, s, len, row + 2, c + 1);
            if (len == 0)
                fputs("\"\"", fp); /* an empty string, unlike a missing value */
            else
                rc = write_csv_field(fp, s, len, &scratch, &cap);
        }
        fputc('\n', fp);
    }
    free(scratch);
    if (rc != 0)
        return rk_error_nomem(err);
    if (ferror(fp))
        return rk_error_set(err, RK_EIO, "cannot write the CSV: %s", strerror(errno));
    return RK_OK;
}

size_t rk_dataset_bytes(const rk_dataset *ds)
{
    size_t total = sizeof *ds + ds->ncol * sizeof(rk_column *);
    for (size_t c = 0; c < ds->ncol; c++)
        total += rk_column_bytes(ds->cols[c]);
    return total;
}
