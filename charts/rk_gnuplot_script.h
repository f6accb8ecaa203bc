/* rk_gnuplot_script.h: gnuplot script text, and running a script (internal
 * to charts/; the unit tests use it too).
 *
 * How text reaches gnuplot so that it is only ever drawn:
 * - in commands, text from data or a spec is a single-quoted string, where
 *   gnuplot expands nothing (double-quoted strings run `backquoted` text as
 *   a shell command and read backslash escapes). A quote inside is doubled,
 *   except where gnuplot 5.4's scanner misreads a doubled quote (first in
 *   the string, or right after another quote): there the string is closed
 *   and "'" is joined on with '.', gnuplot's string concatenation. A line
 *   break is joined on the same way as "\n" (a break inside the label), so
 *   no text can end a command line. Neither joined string holds a backquote.
 * - data goes in named datablocks ($name << EOD ... EOD) that hold numbers,
 *   NaN for a missing one, and double-quoted text. Text with a double quote,
 *   backslash or line break is refused: gnuplot 5.4 reads a quoted field
 *   holding them differently depending on how the column is used, and a line
 *   break would end the row. Every line starts with a digit, a sign, 'N' or
 *   '"', so none can be the terminator or a comment.
 */
#ifndef RK_GNUPLOT_SCRIPT_H
#define RK_GNUPLOT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "rk_dataset.h"
#include "rk_error.h"
#include "rk_gnuplot.h"

/* Appends `text` as a gnuplot string expression, as above. Any bytes are
 * safe; NULL is the empty string. */
void rk_gnuplot_put_text(GString *script, const char *text);

/* RK_EARG, naming `what`, if text (may be NULL) holds a control character
 * other than tab and line breaks: the SVG terminal would write it into XML,
 * where it is not allowed. */
rk_status rk_gnuplot_check_text(const char *text, const char *what, rk_error *err);

/* Appends v as gnuplot reads it back exactly, whatever the locale; NaN for
 * a value that is not finite. */
void rk_gnuplot_put_number(GString *script, double v);

/* Appends ds as the datablock $name: a header row of the quoted column
 * names (gnuplot skips it, and `using "col"` and `columnheader` read it),
 * then one row per dataset row. Numbers and booleans (1 or 0) are plain, a
 * missing one is NaN; text, dates and datetimes are quoted, a missing one
 * is "". RK_EARG names the column and row of a cell that cannot be carried. */
rk_status rk_gnuplot_put_dataset(GString *script, const char *name, const rk_dataset *ds, rk_error *err);

/* ---- running gnuplot ----------------------------------------------------- */

/* Where the lines of a script came from, for messages. */
typedef struct rk_gnuplot_source {
    const char *what;        /* "the chart's gnuplot script", "the commands" */
    size_t first_line;       /* script line that is line 1 of `what` */
    bool callers;            /* the caller wrote it: its failure or timeout is RK_EARG */
} rk_gnuplot_source;

/* Runs script (script_len bytes) through gnuplot as rk_gnuplot.h describes.
 * *output (may be NULL) gets gnuplot's standard output on success (free it
 * with g_free). A missing gnuplot, a timeout, a non-zero exit or a kill is
 * RK_EIO (RK_EARG for a timeout or an error in the caller's own script),
 * with a message saying what to do. */
rk_status rk_gnuplot_run(const char *script, size_t script_len, const rk_gnuplot_source *source,
                         const rk_gnuplot_options *opts, char **output, rk_error *err);

#endif
