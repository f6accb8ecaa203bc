/* rk_progress.h: progress on standard error, for people watching a long run.
 *
 * A load that has taken more than RK_PROGRESS_AFTER seconds shows a bar,
 * redrawn in place, with the rows read and the rows per second; when it
 * ends, the bar gives way to one line saying how many rows were read and
 * how fast. Loads that end sooner show nothing. The display is on only when
 * standard error is a terminal and the run is not --quiet, so logs, pipes
 * and tests see none of it.
 */
#ifndef RK_PROGRESS_H
#define RK_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rk_csv.h"

#define RK_PROGRESS_AFTER 1.0   /* seconds a load runs before its bar shows */

typedef struct rk_progress {
    bool enabled;       /* standard error is a terminal and the run is not quiet */
    double started;     /* monotonic seconds at the start of the current file */
    double last_drawn;
    bool drawn;         /* a bar is on the current line */
} rk_progress;

/* Whether progress should show: not quiet and standard error a terminal. */
bool rk_progress_wanted(bool quiet);

void rk_progress_init(rk_progress *p, bool quiet);

/* A load starts now. */
void rk_progress_start(rk_progress *p);

/* Shows a report of rk_csv_read_file (an rk_csv_progress_fn's work). */
void rk_progress_report(rk_progress *p, const rk_csv_progress *report);

/* The bar's text for `name` after `seconds`, without the carriage return:
 * "loading big.csv [#######.............] 35% 489,000 rows, 401,000 rows/s"
 * (no percentage when the total is unknown). Returns what snprintf returns. */
int rk_progress_format_bar(char *buf, size_t size, const char *name, size_t rows, uint64_t bytes,
                           uint64_t total, double seconds);

/* The line that replaces the bar when the load has ended:
 * "loaded big.csv: 1,400,000 rows in 2.3 s (608,696 rows/s)". */
int rk_progress_format_done(char *buf, size_t size, const char *name, size_t rows, double seconds);

#endif
