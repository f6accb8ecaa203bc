/* rk_reshape.h: reshaping datasets: distinct rows, stacking, wide tables,
 * shares of a total, lags and rolling sums.
 *
 * The contract of rk_dataset.h holds: every function returns a new dataset
 * the caller owns (free it with rk_dataset_free), inputs are never modified,
 * and on failure the result is NULL, err holds a message naming the column
 * (or dataset) at fault, and nothing is left half-built. Column arguments are
 * indices that must be valid for the dataset.
 *
 * Grouping keys treat missing as a value of its own (as count does). Where
 * rows are sorted, they sort as rk_dataset_count_by sorts its groups: by
 * value, text in byte order, missing last.
 *
 * lag and rolling work on the rows in their current order: sort first.
 */
#ifndef RK_RESHAPE_H
#define RK_RESHAPE_H

#include <stddef.h>

#include "rk_dataset.h"

/* The distinct combinations of the columns cols[0..ncols), as a dataset of
 * those columns, sorted by them (missing last). With ncols == 0: the
 * distinct whole rows, sorted by every column. */
rk_dataset *rk_dataset_distinct(const rk_dataset *ds, const size_t *cols, size_t ncols,
                                rk_error *err);

/* The rows of parts[0], then parts[1], ... Every part must have the same
 * column names in the same order, and each column the same type in every
 * part, except that integer and number columns mix, giving a number column.
 * Text columns get one dictionary holding the strings of every part. A
 * mismatch is an error naming the dataset (from 1) and the column. nparts
 * must be at least 1. */
rk_dataset *rk_dataset_bind(const rk_dataset *const *parts, size_t nparts, rk_error *err);

/* More distinct values of the column column than this is an error. */
#define RK_PIVOT_MAX_COLUMNS 10000

/* A wide table: the column row_col holding its distinct values (sorted,
 * missing last), then one column per distinct value of col_col (sorted,
 * missing last) named by that value as text ("(missing)" for missing, and
 * "(empty)" for empty text), holding value_col's value from the row with
 * that pair of values, or missing where there is none. The value columns
 * keep value_col's type. Two rows with the same pair are an error naming the
 * pair; so are three columns that are not all different, and a column name
 * that would appear twice. */
rk_dataset *rk_dataset_pivot(const rk_dataset *ds, size_t row_col, size_t col_col,
                             size_t value_col, rk_error *err);

/* A copy with a number column `name` added: each row's value of col (an
 * integer, number or boolean column) divided by the total of col over the
 * rows with the same values of by[0..nby) (the whole dataset when nby is 0).
 * Missing values are left out of the total and get a missing share; a zero
 * total gives missing shares. Shares are fractions (0.25), not percentages.
 * `name` already in ds is an error. */
rk_dataset *rk_dataset_share(const rk_dataset *ds, size_t col, const size_t *by, size_t nby,
                             const char *name, rk_error *err);

/* A copy with a column `name` added, of col's type: the value of col n rows
 * earlier among the rows with the same values of by[0..nby) (all rows when
 * nby is 0), in the rows' current order; missing for the first n rows of
 * each group. n must be at least 1. */
rk_dataset *rk_dataset_lag(const rk_dataset *ds, size_t col, size_t n, const size_t *by,
                           size_t nby, const char *name, rk_error *err);

/* A copy with a column `name` added: the sum of col over the current row and
 * the n - 1 rows before it in its group (as for lag). Missing when fewer
 * than n rows of the group are available, or when any value in the window
 * is missing (a missing month is not a zero month). Integer and boolean
 * columns give integer sums (an overflow is an error), number columns
 * numbers. n must be at least 1. */
rk_dataset *rk_dataset_rolling_sum(const rk_dataset *ds, size_t col, size_t n, const size_t *by,
                                   size_t nby, const char *name, rk_error *err);

#endif
