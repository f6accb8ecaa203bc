/* rk_table.h: a dataset as an aligned text table, for people to read.
 *
 *     area       month    searches
 *     Coventry   2024-04        12
 *     Dudley     2024-04
 *     ... 3 more rows
 *     (5 rows x 3 columns)
 *
 * The header holds the column names; integer and number columns are
 * right-aligned, the others left-aligned, with two spaces between columns.
 * A missing cell is blank; empty text shows as "" so it is not mistaken for
 * missing. Cells print as CSV output writes them (numbers with the fewest
 * digits that read back exactly, dates as ISO 8601). Control characters in
 * text show as \n, \r, \t or \xHH, so a cell never breaks a line. Widths
 * count UTF-8 characters, not bytes. A cell or name longer than max_width
 * characters is cut to max_width, ending in "...". Lines carry no trailing
 * spaces, and every line, the last too, ends in a newline. Then, if rows
 * were left out, a line "... N more rows", and always a last line
 * "(N rows x M columns)".
 */
#ifndef RK_TABLE_H
#define RK_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "rk_dataset.h"

#define RK_TABLE_DEFAULT_ROWS 10
#define RK_TABLE_DEFAULT_WIDTH 40

typedef struct rk_table_options {
    size_t max_rows;   /* rows shown, from the first */
    size_t max_width;  /* widest cell shown, in characters; at least 4 is used */
} rk_table_options;

/* Sets the defaults: 10 rows, cells of up to 40 characters. */
void rk_table_options_init(rk_table_options *opts);

/* The table as a NUL-terminated string that the caller owns (free it), its
 * length in *len if len is not NULL. opts may be NULL for the defaults.
 * NULL if memory ran out. */
char *rk_table_format(const rk_dataset *ds, const rk_table_options *opts, size_t *len);

/* Writes the table to fp. Fails with RK_ENOMEM or RK_EIO. */
rk_status rk_table_write(const rk_dataset *ds, const rk_table_options *opts, FILE *fp,
                         rk_error *err);

/* Every row of the dataset as a GitHub-flavoured Markdown table, for a
 * board paper or a README:
 *
 *     | area     | month   | searches |
 *     | -------- | ------- | -------: |
 *     | Coventry | 2024-04 |       12 |
 *     | Dudley   | 2024-04 |      [x] |
 *
 * Cells are padded so the columns line up in plain text too; integer and
 * number columns are right-aligned (":" in the delimiter row). A missing
 * cell is "[x]", a cell suppressed by rk_disclose "[c]", empty text "".
 * Cells are not cut. Text, the column names too, is escaped by the rule of
 * rk_markdown.h ('|' as "\|", a backslash doubled, '<' and '>' as "&lt;"
 * and "&gt;", line breaks and tabs as spaces, other control characters as
 * \xHH). No row count line.
 * rk_table_format_markdown returns the text (the caller frees it), or NULL
 * if memory ran out or the dataset has no columns (a Markdown table needs
 * one). rk_table_write_markdown writes it to fp and fails with RK_EARG (no
 * columns), RK_ENOMEM or RK_EIO. */
char *rk_table_format_markdown(const rk_dataset *ds, size_t *len);
rk_status rk_table_write_markdown(const rk_dataset *ds, FILE *fp, rk_error *err);

#endif
