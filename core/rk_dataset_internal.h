/* rk_dataset_internal.h: the machinery rk_dataset.c shares with the other
 * operations on datasets (rk_reshape.c) and with rk_column.c: grouping rows
 * by key columns, gathering cells at rows, sorting rows, summing. Not part of
 * the public API and not installed; include it only from core/.
 *
 * The rules of rk_dataset.h hold: column indices must be valid, inputs are
 * never modified, and a function that fails leaves nothing allocated. */
#ifndef RK_DATASET_INTERNAL_H
#define RK_DATASET_INTERNAL_H

#include <math.h>

#include "rk_dataset.h"

/* In a list of rows to gather: a missing cell. */
#define RK_NO_ROW SIZE_MAX

/* Bytes of one cell of the type in a column's value array (rk_column.c). */
size_t rk_type_width(rk_type type);

/* 0, 1, ..., n - 1 (malloc'd; room for one even when n is 0), or NULL if
 * memory ran out. */
size_t *rk_indices(size_t n);

/* ---- grouping rows by key columns ------------------------------------- */

/* Rows with equal keys share a group. Groups are numbered 0, 1, ... in order
 * of first appearance, so first_row is increasing. Keys compare as values
 * within their column: missing equals missing (a group of its own), -0
 * equals 0, and a datetime's offset as written is part of its value. A NaN
 * (columns should hold none, but a share or rolling sum over infinities
 * makes one) is one value, so NaN rows group together. */
typedef struct rk_grouping {
    size_t ngroups;
    uint32_t *group_of_row;  /* nrow entries: the row's group */
    size_t *first_row;       /* ngroups entries: the group's first row */
} rk_grouping;

/* Groups the rows of ds by the columns keys[0..nkeys). With no keys every
 * row is in group 0; a dataset with no rows has no group. 0, or -1 if memory
 * ran out (g is then freed). */
int rk_group_rows(const rk_dataset *ds, const size_t *keys, size_t nkeys, rk_grouping *g);

/* Frees g's arrays and zeroes it; safe to call twice. */
void rk_grouping_free(rk_grouping *g);

/* ---- gathering cells at rows ------------------------------------------ */

/* A new column holding src's cells at rows[0..n), where RK_NO_ROW gives a
 * missing cell. It is named `name`, or with name NULL takes src's name and
 * label. A text column either shares src's dictionary (a copy, so codes
 * carry over: cheap when the result is about as long as src), or with
 * `compact` gets one of only the strings it holds, in order of first use
 * (for a result much shorter than src, or many columns cut from one: a
 * pivot). NULL if memory ran out. */
rk_column *rk_column_gather(const rk_column *src, const char *name, const size_t *rows, size_t n,
                            bool compact);

/* A dataset of the columns cols[0..ncols) of ds (names and labels kept)
 * gathered at rows[0..n) as rk_column_gather does. NULL with err set on
 * failure. */
rk_dataset *rk_gather_columns(const rk_dataset *ds, const size_t *cols, size_t ncols,
                              const size_t *rows, size_t n, bool compact, rk_error *err);

/* Writes the text cells of src at rows[0..n) (rows NULL: rows 0..n-1;
 * RK_NO_ROW: missing) into dst->v.codes[at..at + n), adding their strings to
 * dst's dictionary. dst must have room for the rows. 0, or -1 if memory ran
 * out. */
int rk_text_copy_cells(rk_column *dst, size_t at, const rk_column *src, const size_t *rows,
                       size_t n);

/* ---- sorting ----------------------------------------------------------- */

/* Sorts rows[0..n) of ds by keys as rk_dataset_sort orders rows: stable, by
 * value, text in byte order, datetimes by instant, missing last in either
 * direction, NaN after every number. 0, or -1 if memory ran out (rows is
 * then unchanged). */
int rk_sort_rows(const rk_dataset *ds, const rk_sort_key *keys, size_t nkeys, size_t *rows,
                 size_t n);

/* ---- summing ----------------------------------------------------------- */

/* Can the type be summed (integers, numbers and booleans)? */
static inline bool rk_type_is_summable(rk_type type)
{
    return type == RK_INTEGER || type == RK_NUMBER || type == RK_BOOLEAN;
}

/* A non-missing cell of a summable column as a double. */
static inline double rk_cell_number(const rk_column *col, size_t row)
{
    switch (col->type) {
    case RK_INTEGER: return (double)col->v.integers[row];
    case RK_NUMBER: return col->v.numbers[row];
    case RK_BOOLEAN: return col->v.booleans[row];
    default: return 0;
    }
}

/* Adds x to a Neumaier-compensated sum; the total is *sum + *carry. */
static inline void rk_sum_add(double *sum, double *carry, double x)
{
    double t = *sum + x;
    *carry += fabs(*sum) >= fabs(x) ? (*sum - t) + x : (x - t) + *sum;
    *sum = t;
}

#endif
