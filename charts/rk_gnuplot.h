/* rk_gnuplot.h: charts and scripts drawn by gnuplot, run through a pipe.
 *
 * gnuplot is the program named "gnuplot" on PATH (or opts->program). It is
 * started with -d (no init files), in a process group of its own, and reads
 * its script from a pipe as a script file, so it stops at the first error
 * and exits non-zero. Its standard error is read back: the message of the
 * error that stopped it goes into err; every other message (a warning, or
 * the output of the script's own `print`) goes to opts->warn, naming the
 * script line it came from where gnuplot says so. When the timeout expires
 * gnuplot, and anything it started, is killed. Once gnuplot has exited,
 * what it started may still run (and hold its output open): rapkit reads
 * what is there and goes on.
 *
 * The chart functions draw the specs of rk_chart.h: what is in the chart
 * comes from the spec, and no text from it can run a command (see
 * rk_gnuplot_script.h for how text is quoted). rk_gnuplot_run_commands runs
 * the caller's commands as they are, and gnuplot can run shell commands and
 * write anywhere: it is not a sandbox.
 */
#ifndef RK_GNUPLOT_H
#define RK_GNUPLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "rk_chart.h"
#include "rk_dataset.h"
#include "rk_error.h"

#define RK_GNUPLOT_DEFAULT_TIMEOUT 30.0 /* seconds */

/* Told one message from gnuplot: lower case, no full stop. */
typedef void rk_gnuplot_warn_fn(void *ctx, const char *message);

typedef struct rk_gnuplot_options {
    const char *program;     /* NULL: "gnuplot", found on PATH */
    double timeout_seconds;  /* 0: RK_GNUPLOT_DEFAULT_TIMEOUT */
    const char *work_dir;    /* gnuplot's current folder; NULL: the caller's */
    rk_gnuplot_warn_fn *warn;
    void *warn_ctx;
} rk_gnuplot_options;

/* Each draws the chart rk_chart_<type>_save would (the same checks, the same
 * companions, the alt text in the SVG's <title>/<desc> and the PDF's title
 * and subject) in gnuplot's pngcairo (300 dpi, with that density recorded),
 * svg or pdfcairo terminal, picked by the path's extension. gnuplot writes a
 * temporary file beside the destination, which is renamed into place only
 * when gnuplot succeeded and wrote something: on failure nothing is left at
 * path. opts may be NULL for the defaults. */
rk_status rk_gnuplot_bar_save(const rk_bar_spec *spec, const char *path, const rk_gnuplot_options *opts,
                              rk_error *err);
rk_status rk_gnuplot_line_save(const rk_line_spec *spec, const char *path, const rk_gnuplot_options *opts,
                               rk_error *err);
rk_status rk_gnuplot_interval_save(const rk_interval_spec *spec, const char *path,
                                   const rk_gnuplot_options *opts, rk_error *err);

/* A dataset handed to gnuplot as the datablock $name. */
typedef struct rk_gnuplot_data {
    const char *name;         /* a gnuplot identifier: a letter or '_', then letters, digits, '_' */
    const rk_dataset *ds;
} rk_gnuplot_data;

/* Whether name is a gnuplot identifier (so "$name" is a datablock name). */
bool rk_gnuplot_is_identifier(const char *name);

/* Defines each dataset as a datablock (see rk_gnuplot_put_dataset), then
 * runs `commands`. *output (may be NULL) gets what gnuplot wrote to its
 * standard output, malloc'd, for the caller to free; NULL on failure.
 * Errors: RK_EARG for a bad name, a cell gnuplot's data format cannot
 * carry, or commands that fail or time out; RK_EIO when gnuplot is missing
 * or is ended by a signal. */
rk_status rk_gnuplot_run_commands(const char *commands, const rk_gnuplot_data *data, size_t ndata,
                                  const rk_gnuplot_options *opts, char **output, rk_error *err);

/* Kills (SIGKILL) the process group of the gnuplot running now, if one is:
 * it and whatever it started. Does nothing else. Async-signal-safe, for a
 * handler that is about to end rapkit with _exit (the host's watchdog). */
void rk_gnuplot_kill_running(void);

#endif
