/* Columns: storage, growth, typed access, conversion from text. */
#include "rk_dataset.h"
#include "rk_dataset_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t rk_type_width(rk_type t)
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

rk_column *rk_column_new(const char *name, rk_type type, size_t cap)
{
    rk_column *col = calloc(1, sizeof *col);
    if (!col)
        return NULL;
    col->name = strdup(name);
    col->type = type;
    if (cap < 16)
        cap = 16;
    col->v.any = malloc(cap * rk_type_width(type));
    if (!col->name || !col->v.any) {
        free(col->name);
        free(col->v.any);
        free(col);
        return NULL;
    }
    col->cap = cap;
    rk_dict_init(&col->dict);
    return col;
}

void rk_column_free(rk_column *col)
{
    if (!col)
        return;
    free(col->name);
    free(col->label);
    free(col->missing);
    free(col->v.any);
    rk_dict_free(&col->dict);
    free(col);
}

int rk_column_set_label(rk_column *col, const char *label)
{
    char *copy = NULL;
    if (label && !(copy = strdup(label)))
        return -1;
    free(col->label);
    col->label = copy;
    return 0;
}

/* Makes room for `need` rows. */
static int column_reserve(rk_column *col, size_t need)
{
    if (need <= col->cap)
        return 0;
    size_t cap = col->cap * 2;
    if (cap < need)
        cap = need;
    void *v = realloc(col->v.any, cap * rk_type_width(col->type));
    if (!v)
        return -1;
    col->v.any = v;
    if (col->missing) {
        uint8_t *m = realloc(col->missing, cap);
        if (!m)
            return -1;
        memset(m + col->cap, 0, cap - col->cap);
        col->missing = m;
    }
    col->cap = cap;
    return 0;
}

/* Marks a non-text row missing, creating the flags on first use. */
static int column_mark_missing(rk_column *col, size_t row)
{
    if (!col->missing) {
        col->missing = calloc(col->cap, 1);
        if (!col->missing)
            return -1;
    }
    col->missing[row] = 1;
    return 0;
}

size_t rk_column_bytes(const rk_column *col)
{
    return sizeof *col + col->cap * rk_type_width(col->type) + (col->missing ? col->cap : 0) +
           col->dict.arena_cap + col->dict.offsets_cap * (sizeof(size_t) + sizeof(uint32_t)) +
           col->dict.nslots * sizeof(uint64_t);
}

rk_status rk_column_append(rk_column *col, const rk_value *v, rk_error *err)
{
    if (column_reserve(col, col->nrow + 1) != 0)
        return rk_error_nomem(err);
    size_t row = col->nrow;
    /* NaN equals nothing, not even itself, so it would break grouping,
     * joins and sorting: it enters a column as missing. */
    if (v->missing || (v->type == RK_NUMBER && isnan(v->as.number))) {
        if (col->type == RK_TEXT) {
            col->v.codes[row] = RK_NO_CODE;
        } else {
            size_t width = rk_type_width(col->type);
            memset((char *)col->v.any + row * width, 0, width);
            if (column_mark_missing(col, row) != 0)
                return rk_error_nomem(err);
        }
        col->nrow++;
        return RK_OK;
    }
    rk_value cell = *v;
    if (cell.type != col->type) {
        if (col->type == RK_NUMBER && cell.type == RK_INTEGER) {
            cell.type = RK_NUMBER;
            cell.as.number = (double)v->as.integer;
        } else {
            return rk_error_set(err, RK_EARG, "column '%s' is %s: cannot add a %s value",
                                col->name, rk_type_name(col->type), rk_type_name(v->type));
        }
    }
    switch (col->type) {
    case RK_TEXT: {
        uint32_t code = rk_dict_intern(&col->dict, cell.as.text.s, cell.as.text.len);
        if (code == RK_NO_CODE)
            return rk_error_nomem(err);
        col->v.codes[row] = code;
        break;
    }
    case RK_INTEGER: col->v.integers[row] = cell.as.integer; break;
    case RK_NUMBER: col->v.numbers[row] = cell.as.number; break;
    case RK_BOOLEAN: col->v.booleans[row] = cell.as.boolean; break;
    case RK_DATE: col->v.dates[row] = cell.as.date; break;
    case RK_DATETIME: col->v.datetimes[row] = cell.as.datetime; break;
    }
    if (col->missing)
        col->missing[row] = 0;
    col->nrow++;
    return RK_OK;
}

void rk_column_get(const rk_column *col, size_t row, rk_value *out)
{
    memset(out, 0, sizeof *out);
    out->type = col->type;
    if (rk_column_is_missing(col, row)) {
        out->missing = true;
        return;
    }
    switch (col->type) {
    case RK_TEXT: {
        uint32_t code = col->v.codes[row];
        out->as.text.s = rk_dict_str(&col->dict, code);
        out->as.text.len = rk_dict_len(&col->dict, code);
        break;
    }
    case RK_INTEGER: out->as.integer = col->v.integers[row]; break;
    case RK_NUMBER: out->as.number = col->v.numbers[row]; break;
    case RK_BOOLEAN: out->as.boolean = col->v.booleans[row]; break;
    case RK_DATE: out->as.date = col->v.dates[row]; break;
    case RK_DATETIME: out->as.datetime = col->v.datetimes[row]; break;
    }
}

const char *rk_column_format(const rk_column *col, size_t row, char buf[RK_VALUE_BUF], size_t *len)
{
    if (rk_column_is_missing(col, row)) {
        buf[0] = '\0';
        *len = 0;
        return buf;
    }
    switch (col->type) {
    case RK_TEXT: {
        uint32_t code = col->v.codes[row];
        *len = rk_dict_len(&col->dict, code);
        return rk_dict_str(&col->dict, code);
    }
    case RK_INTEGER:
        *len = (size_t)snprintf(buf, RK_VALUE_BUF, "%lld", (long long)col->v.integers[row]);
        return buf;
    case RK_NUMBER:
        *len = rk_format_number(col->v.numbers[row], buf);
        return buf;
    case RK_BOOLEAN:
        strcpy(buf, col->v.booleans[row] ? "true" : "false");
        *len = strlen(buf);
        return buf;
    case RK_DATE:
        *len = rk_format_date(col->v.dates[row], buf);
        return buf;
    case RK_DATETIME:
        *len = rk_format_datetime(&col->v.datetimes[row], buf);
        return buf;
    }
    buf[0] = '\0';
    *len = 0;
    return buf;
}

/* Parses one string as `type` into the cell slot `out` (rk_type_width bytes). */
static bool parse_as(rk_type type, const char *s, size_t len, void *out)
{
    switch (type) {
    case RK_TEXT: return true;
    case RK_INTEGER: return rk_parse_integer(s, len, out);
    case RK_NUMBER: return rk_parse_number(s, len, out);
    case RK_BOOLEAN: {
        bool b;
        if (!rk_parse_boolean(s, len, &b))
            return false;
        *(uint8_t *)out = b;
        return true;
    }
    case RK_DATE: return rk_parse_date(s, len, out);
    case RK_DATETIME: return rk_parse_datetime(s, len, out);
    }
    return false;
}

rk_status rk_column_convert_checked(rk_column *col, rk_type type, size_t *bad_row, rk_error *err)
{
    if (col->type == type)
        return RK_OK;
    if (col->type != RK_TEXT)
        return rk_error_set(err, RK_EARG, "column '%s' is %s, not text: cannot convert it to %s",
                            col->name, rk_type_name(col->type), rk_type_name(type));
    size_t width = rk_type_width(type);
    /* Parse each distinct string once, then gather by code. */
    uint32_t ndistinct = col->dict.count;
    char *parsed = malloc((ndistinct ? ndistinct : 1) * width);
    void *values = malloc((col->nrow ? col->nrow : 1) * width);
    uint8_t *ok = calloc(ndistinct ? ndistinct : 1, 1);
    uint8_t *missing = NULL;
    if (!parsed || !values || !ok) {
        free(parsed);
        free(values);
        free(ok);
        return rk_error_nomem(err);
    }
    /* Only codes that occur matter: a dictionary may hold strings of rows
     * set aside, so check codes in row order for the first failure too. */
    for (uint32_t code = 0; code < ndistinct; code++)
        ok[code] = parse_as(type, rk_dict_str(&col->dict, code), rk_dict_len(&col->dict, code),
                            parsed + (size_t)code * width);
    for (size_t row = 0; row < col->nrow; row++) {
        uint32_t code = col->v.codes[row];
        char *dst = (char *)values + row * width;
        if (code == RK_NO_CODE) {
            memset(dst, 0, width);
            if (!missing && !(missing = calloc(col->cap, 1))) {
                free(parsed);
                free(values);
                free(ok);
                return rk_error_nomem(err);
            }
            missing[row] = 1;
            continue;
        }
        if (!ok[code]) {
            rk_status st = rk_error_set(err, RK_EDATA, "column '%s': value '%s' (row %zu) is not %s %s",
                                        col->name, rk_dict_str(&col->dict, code), row + 1,
                                        type == RK_INTEGER ? "an" : "a", rk_type_name(type));
            if (bad_row)
                *bad_row = row;
            free(parsed);
            free(values);
            free(ok);
            free(missing);
            return st;
        }
        memcpy(dst, parsed + (size_t)code * width, width);
    }
    free(parsed);
    free(ok);
    free(col->v.any);
    free(col->missing);
    rk_dict_free(&col->dict);
    col->v.any = values;
    col->missing = missing;
    col->type = type;
    /* `missing` was sized for the old capacity, which is at least nrow. */
    col->cap = col->nrow ? col->nrow : 1;
    return RK_OK;
}

rk_status rk_column_convert(rk_column *col, rk_type type, rk_error *err)
{
    return rk_column_convert_checked(col, type, NULL, err);
}

rk_type rk_column_infer(const rk_column *col)
{
    if (col->type != RK_TEXT)
        return col->type;
    /* Candidate types still possible, as bits; integers widen to numbers. */
    enum { INT = 1, NUM = 2, BOOL = 4, DATE = 8, DTIME = 16 };
    unsigned possible = INT | NUM | BOOL | DATE | DTIME;
    uint32_t n = col->dict.count;
    uint8_t *used = calloc(n ? n : 1, 1);
    if (!used)
        return RK_TEXT;
    /* A dictionary may hold strings no row uses (rows set aside). */
    for (size_t row = 0; row < col->nrow; row++)
        if (col->v.codes[row] != RK_NO_CODE)
            used[col->v.codes[row]] = 1;
    bool any = false;
    for (uint32_t code = 0; code < n && possible; code++) {
        if (!used[code])
            continue;
        any = true;
        const char *s = rk_dict_str(&col->dict, code);
        size_t len = rk_dict_len(&col->dict, code);
        union { int64_t i; double d; bool b; int32_t day; rk_datetime dt; } scratch;
        if ((possible & INT) && !rk_parse_integer(s, len, &scratch.i))
            possible &= ~(unsigned)INT;
        if ((possible & NUM) && (!rk_parse_number(s, len, &scratch.d) || rk_digits_lose_precision(s, len)))
            possible &= ~(unsigned)NUM;
        if ((possible & BOOL) && !rk_parse_boolean(s, len, &scratch.b))
            possible &= ~(unsigned)BOOL;
        if ((possible & DATE) && !rk_parse_date(s, len, &scratch.day))
            possible &= ~(unsigned)DATE;
        if ((possible & DTIME) && !rk_parse_datetime(s, len, &scratch.dt))
            possible &= ~(unsigned)DTIME;
    }
    free(used);
    if (!any)
        return RK_TEXT;
    if (possible & INT)
        return RK_INTEGER;
    if (possible & NUM)
        return RK_NUMBER;
    if (possible & BOOL)
        return RK_BOOLEAN;
    if (possible & DATE)
        return RK_DATE;
    if (possible & DTIME)
        return RK_DATETIME;
    return RK_TEXT;
}
