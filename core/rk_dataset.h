/* rk_dataset.h: typed, columnar datasets and the operations on them.
 *
 * Ownership: a dataset owns its columns, and a column owns its arrays and its
 * dictionary. Every operation that returns an rk_dataset * returns a new
 * dataset that the caller owns (free it with rk_dataset_free); inputs are
 * never modified. On failure operations return NULL and fill err; nothing is
 * left half-built.
 *
 * Missing values: every type has an explicit missing state. Text cells hold
 * RK_NO_CODE; other types use the column's `missing` flags (NULL when the
 * column has no missing cell). Aggregates skip missing values and count how
 * many they skipped; grouping keeps missing as a group of its own; sorting puts
 * missing last in either direction. A number column never holds NaN: NaN
 * enters as missing (rk_column_append).
 *
 * Datetimes: two datetimes are the same value (for filters, grouping and
 * joins) when written the same way, with the same local time and offset;
 * sorting, min and max order them by instant (local time minus offset).
 */
#ifndef RK_DATASET_H
#define RK_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rk_dict.h"
#include "rk_error.h"
#include "rk_value.h"

typedef struct rk_column {
    char *name;            /* unique within its dataset */
    char *label;           /* for display (the file's header as written); NULL = name */
    rk_type type;
    size_t nrow;
    size_t cap;            /* allocated rows */
    uint8_t *missing;      /* non-text: 1 = missing; NULL when none is */
    union {
        uint32_t *codes;       /* RK_TEXT: codes into dict, RK_NO_CODE = missing */
        int64_t *integers;
        double *numbers;
        uint8_t *booleans;
        int32_t *dates;
        rk_datetime *datetimes;
        void *any;
    } v;
    rk_dict dict;          /* RK_TEXT only */
} rk_column;

typedef struct rk_dataset {
    size_t nrow;
    size_t ncol;
    rk_column **cols;
} rk_dataset;

/* ---- columns ---------------------------------------------------------- */

/* A new empty column of the type, with room for `cap` rows. */
rk_column *rk_column_new(const char *name, rk_type type, size_t cap);
void rk_column_free(rk_column *col);

/* Sets the display label (copied; NULL clears it). 0, or -1 if memory ran out. */
int rk_column_set_label(rk_column *col, const char *label);

static inline const char *rk_column_label(const rk_column *col)
{
    return col->label ? col->label : col->name;
}

static inline bool rk_column_is_missing(const rk_column *col, size_t row)
{
    if (col->type == RK_TEXT)
        return col->v.codes[row] == RK_NO_CODE;
    return col->missing && col->missing[row];
}

/* Appends one cell; v->type must match, except that any value may be
 * missing and an integer may go into a number column. A NaN number is
 * stored as missing. Text is copied into the dictionary. */
rk_status rk_column_append(rk_column *col, const rk_value *v, rk_error *err);

/* The cell as a value (text borrowed from the column's dictionary). */
void rk_column_get(const rk_column *col, size_t row, rk_value *out);

/* Writes the cell as text the way CSV output shows it ("" for missing);
 * returns a pointer to it (into the dictionary or into buf). */
const char *rk_column_format(const rk_column *col, size_t row, char buf[RK_VALUE_BUF], size_t *len);

/* Converts a text column in place to `type`, parsing each distinct string
 * once. Fails with RK_EDATA naming the column and the first value that does
 * not parse, leaving the column unchanged. */
rk_status rk_column_convert(rk_column *col, rk_type type, rk_error *err);

/* The same, and on RK_EDATA sets *bad_row (if not NULL) to the first row
 * whose value does not parse, so a caller can name its line. Other failures
 * (RK_ENOMEM, RK_EARG) leave *bad_row alone. */
rk_status rk_column_convert_checked(rk_column *col, rk_type type, size_t *bad_row, rk_error *err);

/* Bytes of memory the column holds (for reporting; approximate). */
size_t rk_column_bytes(const rk_column *col);

/* The narrowest type every non-missing value of a text column parses as:
 * integer, number, boolean, date, datetime, else text. */
rk_type rk_column_infer(const rk_column *col);

/* ---- datasets --------------------------------------------------------- */

/* An empty dataset (no columns, no rows). */
rk_dataset *rk_dataset_new(void);
void rk_dataset_free(rk_dataset *ds);

/* Adds a column, taking ownership of it (also on failure). Its row count
 * must equal the dataset's unless the dataset has no columns yet. */
rk_status rk_dataset_add_column(rk_dataset *ds, rk_column *col, rk_error *err);

/* Index of the column with this name, or -1. */
int rk_dataset_find(const rk_dataset *ds, const char *name);

/* ---- operations (each returns a new dataset) ------------------------- */

/* The rows whose index is listed, in that order (indices may repeat). */
rk_dataset *rk_dataset_take(const rk_dataset *ds, const size_t *rows, size_t n, rk_error *err);

/* The rows whose keep[row] is non-zero. */
rk_dataset *rk_dataset_filter_mask(const rk_dataset *ds, const uint8_t *keep, rk_error *err);

/* The rows for which pred(ds, row, ctx) returns true, in order. */
typedef bool (*rk_row_predicate)(const rk_dataset *ds, size_t row, void *ctx);
rk_dataset *rk_dataset_filter(const rk_dataset *ds, rk_row_predicate pred, void *ctx, rk_error *err);

/* ANDs into keep[] the test "column `col` equals one of values[0..n)". A
 * missing value in the set matches missing cells. Integers and numbers
 * compare by value; text given for a boolean, date or datetime column is read
 * as that type ("2024-04-01", "true"). Any other value whose type differs
 * from the column's (a number for a text column, text for an integer column,
 * a number for a boolean column), or text that does not read as the
 * column's type, is an RK_EARG error naming the column, its type and the
 * value, and keep[] is left unchanged. */
rk_status rk_mask_in(const rk_dataset *ds, size_t col, const rk_value *values, size_t n,
                     uint8_t *keep, rk_error *err);

typedef enum rk_agg_op { RK_AGG_COUNT, RK_AGG_SUM, RK_AGG_MEAN, RK_AGG_MIN, RK_AGG_MAX } rk_agg_op;

typedef struct rk_agg_spec {
    const char *name;  /* output column name */
    rk_agg_op op;
    int col;           /* input column; for RK_AGG_COUNT, -1 counts rows */
} rk_agg_spec;

/* Groups rows by the key columns (missing is its own group) and computes the
 * aggregates; the result has the key columns then one column per spec,
 * sorted by the key columns. RK_AGG_COUNT counts a group's rows (col -1) or
 * its non-missing values of col. Sums of integers stay integers; a mean is a
 * number; min and max keep the column type. A group whose values are all
 * missing gets a missing aggregate (a count gets 0). `skipped`, if not NULL,
 * receives per spec the number of missing values skipped. With no key columns
 * the result has one row. A spec whose name is also a key column's, or
 * another spec's, is an RK_EARG error naming it. */
rk_dataset *rk_dataset_aggregate(const rk_dataset *ds, const size_t *keys, size_t nkeys,
                                 const rk_agg_spec *specs, size_t nspecs, size_t *skipped,
                                 rk_error *err);

/* count(col...): aggregate with one spec, a count of rows named "n"; a key
 * column named "n" is an RK_EARG error asking to rename it first. */
rk_dataset *rk_dataset_count_by(const rk_dataset *ds, const size_t *keys, size_t nkeys,
                                rk_error *err);

typedef struct rk_sort_key {
    size_t col;
    bool descending;
} rk_sort_key;

/* A stable sort on the keys; missing values last in either direction. */
rk_dataset *rk_dataset_sort(const rk_dataset *ds, const rk_sort_key *keys, size_t nkeys,
                            rk_error *err);

/* The listed columns, in that order. */
rk_dataset *rk_dataset_select(const rk_dataset *ds, const size_t *cols, size_t n, rk_error *err);

/* A copy of ds with col added as its last column; takes col (also on
 * failure: it is freed). Its name must not be in ds already. */
rk_dataset *rk_dataset_with_column(const rk_dataset *ds, rk_column *col, rk_error *err);

/* A copy with columns renamed: from[k] becomes to[k]. Unknown names, and
 * names that would then appear twice, are errors naming them. */
rk_dataset *rk_dataset_rename(const rk_dataset *ds, const char *const *from, const char *const *to,
                              size_t n, rk_error *err);

/* Left join: every row of `left`, with the columns of `right` (other than its
 * key) from the rows whose right_key equals left_key; a left row matching
 * several right rows repeats, one matching none gets missing values. Key
 * columns must have the same type; missing keys match nothing. A right
 * column whose name is already in `left` is an error naming it. */
rk_dataset *rk_dataset_join(const rk_dataset *left, const rk_dataset *right, size_t left_key,
                            size_t right_key, rk_error *err);

struct rk_csv_formula;

/* Writes the dataset as RFC 4180 CSV with a header row (quoting as
 * rk_csv_quote does, LF line ends, missing as an empty field, an empty
 * string as ""). Unless `formula` is NULL, notes in it the first cell (the
 * header's included) that a spreadsheet may run as a formula
 * (rk_csv_formula.h); the data is written as it is. On a write error
 * returns RK_EIO with the reason only: the caller knows the path
 * (rk_outfile_commit names it). */
rk_status rk_dataset_write_csv(const rk_dataset *ds, FILE *fp, struct rk_csv_formula *formula, rk_error *err);

/* One CSV field as every rapkit writer quotes it (RFC 4180): a field holding
 * a comma, a quote, CR or LF is put in quotes with its quotes doubled; any
 * other is written as it is (an empty one as nothing). Writes into dst,
 * which has room for the returned length, and returns that length; with
 * dst NULL it only measures. */
size_t rk_csv_quote(char *dst, const char *s, size_t len);

/* Bytes of memory the dataset holds (for reporting; approximate). */
size_t rk_dataset_bytes(const rk_dataset *ds);

#endif
