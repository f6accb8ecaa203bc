/* rk_disclose.h: statistical disclosure control of count tables.
 *
 * rk_disclose returns a copy of a dataset in which small counts are
 * suppressed (made missing), with a boolean column `<col>_suppressed`
 * after the others for each count column, so that a table or chart can
 * print "[c]" where a value was withheld and leave a value that was never
 * there as missing ("[x]"). The contract of rk_dataset.h holds: the result
 * is new and the caller's (rk_dataset_free), the input is never modified,
 * and on failure the result is NULL and err names the column at fault.
 * Column arguments are indices that must be valid for the dataset.
 *
 * The rules:
 * - Primary: a count from 1 to min - 1 is suppressed. 0 is not (a zero
 *   says nothing about a person), unless `zeros` is set, as some guidance
 *   asks where even the absence of a group is sensitive. A missing count
 *   stays missing and is not flagged.
 * - Secondary: the rows sharing the values of the `by` columns (all rows
 *   when there are none) form a group whose cells add up to a total the
 *   reader may know. A total row, where the dataset has one (total_col
 *   equal to total_value), is one of the group's cells. In each group and
 *   each count column, when exactly one cell is suppressed, the smallest
 *   other cell above 0 that is not missing is suppressed too (the first
 *   such row on a tie), so that the total minus the others cannot reveal
 *   it. Zeros are not chosen: a small count and a zero suppressed together
 *   add up to the small count, which the total would then reveal. A group
 *   whose only other cells are zero or missing keeps its one suppressed
 *   cell.
 * - Each count column is a table of its own; groups do not protect one
 *   another (a table of areas by groups whose column totals are published
 *   needs those margins checked too: not done here).
 */
#ifndef RK_DISCLOSE_H
#define RK_DISCLOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rk_dataset.h"

#define RK_DISCLOSE_DEFAULT_MIN 10

/* How a suppressed value prints in tables and charts (the GSS shorthand for
 * "confidential"); a missing value that was not suppressed is "[x]". */
#define RK_DISCLOSE_MARK "[c]"
#define RK_DISCLOSE_NOT_AVAILABLE "[x]"

typedef struct rk_disclose_options {
    int64_t min;               /* counts from 1 to min - 1 are suppressed; 1 or more */
    bool zeros;                /* suppress counts of 0 as well */
    const size_t *cols;        /* the count columns (integer or number), at least one */
    size_t ncols;
    const size_t *by;          /* the columns that make a group; may be NULL when nby is 0 */
    size_t nby;
    int total_col;             /* the column that marks the total row, or -1 for none */
    rk_value total_value;      /* the total row's value of total_col (text borrowed) */
} rk_disclose_options;

/* Cells suppressed, over every count column. */
typedef struct rk_disclose_counts {
    size_t primary;
    size_t secondary;
} rk_disclose_counts;

/* The suppressed copy of ds. counts may be NULL. RK_EARG errors: a count
 * column that is not integer or number, or holds a negative count; a
 * column given twice, or both as a count and in `by`; a total column that
 * is a count or `by` column, a total value no row has or one of another
 * type, a group with two total rows; min below 1; a flag column name
 * already in ds. */
rk_dataset *rk_disclose(const rk_dataset *ds, const rk_disclose_options *opts,
                        rk_disclose_counts *counts, rk_error *err);

/* Index of the `<name>_suppressed` column of column col, if it is a
 * boolean column, or -1 (also if memory for the name ran out). */
int rk_disclose_flag_column(const rk_dataset *ds, size_t col);

/* The cell as a table shows it: "[c]" when its flag column says it was
 * suppressed, otherwise as rk_column_format writes it ("" for missing).
 * Returns a pointer into the column's dictionary, buf, or a static. */
const char *rk_disclose_format(const rk_dataset *ds, size_t col, size_t row,
                               char buf[RK_VALUE_BUF], size_t *len);

#endif
